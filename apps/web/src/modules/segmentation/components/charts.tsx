import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RfmSummary } from '@stratum/contracts';
import { classColor, formatMoneyNumber, formatShare, heatmapCells } from '../lib/rfm.ts';
import type { RfmClass } from '../lib/rfm.ts';

// Only the parts these two charts use, to keep the chunk small (the plain legend and the continuous
// visual map are the lighter halves of LegendComponent and VisualMapComponent).
echarts.use([
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  LegendPlainComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

/** Chart text in the antd theme's colours, so it reads in light and dark alike. */
function useChartColors() {
  const { token } = theme.useToken();
  return {
    text: token.colorText,
    secondary: token.colorTextSecondary,
    line: token.colorBorderSecondary,
    tooltipBg: token.colorBgElevated,
    primary: token.colorPrimary,
    font: token.fontFamily,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Horizontal bars: each class's share of customers (its colour) next to its share of revenue. */
export function ClassesChart({ classes, locale }: { classes: RfmClass[]; locale: string }) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const labels = classes.map((c) => c.label);
  const option: Option = {
    textStyle: { fontFamily: colors.font, color: colors.text },
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: colors.secondary } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: colors.tooltipBg,
      borderColor: colors.line,
      textStyle: { color: colors.text },
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number }[]) : [];
        const c = classes[list[0]?.dataIndex ?? -1];
        if (!c) return '';
        return [
          `<b>${escapeHtml(c.label)}</b>`,
          `${escapeHtml(t('segmentation.rfm.chart.customers'))}: ${c.count} (${formatShare(c.share, locale)})`,
          `${escapeHtml(t('segmentation.rfm.chart.revenue'))}: ${escapeHtml(formatMoneyNumber(Number(c.revenue)))} (${formatShare(c.revenueShare, locale)})`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      max: (v: { max: number }) => Math.min(1, Math.ceil((v.max + 0.05) * 10) / 10),
      axisLabel: { color: colors.secondary, formatter: (v: number) => formatShare(v, locale) },
      splitLine: { lineStyle: { color: colors.line } },
    },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.line } },
      axisTick: { show: false },
    },
    series: [
      {
        name: t('segmentation.rfm.chart.customerShare'),
        type: 'bar',
        barGap: '15%',
        barMaxWidth: 14,
        itemStyle: { color: '#69b1ff' },
        data: classes.map((c) => ({ value: c.share, itemStyle: { color: classColor(c.key) } })),
        label: {
          show: true,
          position: 'right',
          color: colors.secondary,
          fontSize: 11,
          formatter: (p: { value?: unknown }) => formatShare(Number(p.value), locale),
        },
      },
      {
        name: t('segmentation.rfm.chart.revenueShare'),
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: '#bfbfbf', borderColor: '#8c8c8c', borderWidth: 1 },
        data: classes.map((c) => c.revenueShare),
        label: {
          show: true,
          position: 'right',
          color: colors.secondary,
          fontSize: 11,
          formatter: (p: { value?: unknown }) => formatShare(Number(p.value), locale),
        },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(320, classes.length * 44 + 60), width: '100%' }}
    />
  );
}

/** 5×5 R×F grid: x = F score 1–5, y = R score 1–5 with 5 (most recent) on top; cells show counts. */
export function RfHeatmap({ heatmap }: { heatmap: RfmSummary['heatmap'] }) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const { data, max } = heatmapCells(heatmap);
  const scores = [1, 2, 3, 4, 5].map(String);
  const option: Option = {
    textStyle: { fontFamily: colors.font, color: colors.text },
    // Room on the left for the R axis name (containLabel does not count axis names).
    grid: { left: 36, right: 16, top: 16, bottom: 56, containLabel: true },
    tooltip: {
      backgroundColor: colors.tooltipBg,
      borderColor: colors.line,
      textStyle: { color: colors.text },
      formatter: (p: unknown) => {
        const value = (p as { value?: [number, number, number] }).value;
        if (!value) return '';
        const [f, r, count] = value;
        return `${escapeHtml(t('segmentation.rfm.chart.rScore', { score: r + 1 }))} · ${escapeHtml(
          t('segmentation.rfm.chart.fScore', { score: f + 1 }),
        )}<br/>${escapeHtml(t('segmentation.rfm.chart.cell'))}: <b>${count}</b>`;
      },
    },
    xAxis: {
      type: 'category',
      data: scores,
      name: t('segmentation.rfm.chart.fAxis'),
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: colors.secondary },
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.line } },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: scores,
      name: t('segmentation.rfm.chart.rAxis'),
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: colors.secondary },
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.line } },
    },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      textStyle: { color: colors.secondary },
      inRange: { color: ['#f0f5ff', '#85a5ff', '#2f54eb', '#10239e'] },
    },
    series: [
      {
        type: 'heatmap',
        // The cells' blues are the same in both themes: dark text on the light ones, white on the dark ones.
        data: data.map((value) => ({
          value,
          label: { color: value[2] > max * 0.45 ? '#ffffff' : '#1d2129' },
        })),
        label: {
          show: true,
          fontSize: 12,
          formatter: (p: { value?: unknown }) => String((p.value as number[] | undefined)?.[2] ?? ''),
        },
        itemStyle: { borderColor: colors.tooltipBg, borderWidth: 2 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
      },
    ],
  };
  return (
    <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360, width: '100%' }} />
  );
}
