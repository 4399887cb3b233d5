import type { Ref } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import type { BarSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NpsGroup, NpsResults } from '@stratum/contracts';
import { CATEGORY_COLOR, categoryOf, formatNps, npsColor } from '../lib/nps.ts';

// Bars only (the canvas renderer also gives getDataURL for the PNG export).
echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;
export type ChartRef = Ref<ReactEChartsCore>;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function useBase() {
  const { token } = theme.useToken();
  return {
    textStyle: { fontFamily: token.fontFamily, color: token.colorText },
    tooltip: {
      backgroundColor: token.colorBgElevated,
      borderColor: token.colorBorderSecondary,
      textStyle: { color: token.colorText },
    },
    axisLabel: { color: token.colorTextSecondary },
    splitLine: { lineStyle: { color: token.colorBorderSecondary } },
    muted: token.colorTextQuaternary,
  };
}

function Chart(props: { option: Option; chartRef: ChartRef; height: number; testId: string }) {
  return (
    <div data-testid={props.testId}>
      <ReactEChartsCore
        ref={props.chartRef}
        echarts={echarts}
        option={props.option}
        notMerge
        style={{ height: props.height, width: '100%' }}
      />
    </div>
  );
}

/** Customers per score 0–10, coloured by category (detractors red, passives gold, promoters green). */
export function DistributionChart({ data, chartRef }: { data: NpsResults; chartRef: ChartRef }) {
  const { t } = useTranslation();
  const base = useBase();
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number }[])[0];
        const d = p ? data.distribution[p.dataIndex] : undefined;
        if (!d) return '';
        return `<b>${d.score}</b> · ${t(`nps.category.${categoryOf(d.score)}`)}<br/>${t(
          'nps.page.distribution.customers',
        )}: ${d.count}`;
      },
    },
    grid: { left: 16, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.distribution.map((d) => String(d.score)),
      axisLabel: base.axisLabel,
      name: t('nps.page.distribution.score'),
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: base.axisLabel, splitLine: base.splitLine },
    series: [
      {
        type: 'bar',
        barMaxWidth: 40,
        data: data.distribution.map((d) => ({
          value: d.count,
          itemStyle: { color: CATEGORY_COLOR[categoryOf(d.score)] },
        })),
        label: { show: true, position: 'top', color: base.textStyle.color },
      },
    ],
  };
  return <Chart option={option} chartRef={chartRef} height={300} testId="chart-nps-distribution" />;
}

/**
 * NPS per group (segment or tier) as horizontal bars from −100 to 100, coloured by band; groups without
 * answers show an empty bar with "no answers".
 */
export function GroupsChart({
  groups,
  chartRef,
  testId,
}: {
  groups: NpsGroup[];
  chartRef: ChartRef;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const base = useBase();
  const locale = i18n.language;
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number }[])[0];
        const g = p ? groups[p.dataIndex] : undefined;
        if (!g) return '';
        return [
          `<b>${escape(g.name)}</b>`,
          `NPS: ${formatNps(g.nps, locale)}`,
          `${t('nps.page.table.responses')}: ${g.responses}`,
          `${t('nps.category.promoter')} ${g.promoters} · ${t('nps.category.passive')} ${g.passives} · ${t(
            'nps.category.detractor',
          )} ${g.detractors}`,
        ].join('<br/>');
      },
    },
    grid: { left: 16, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: -100,
      max: 100,
      interval: 50,
      axisLabel: base.axisLabel,
      splitLine: base.splitLine,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: groups.map((g) => g.name),
      axisLabel: { ...base.axisLabel, width: 140, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: groups.map((g) => ({ value: g.nps ?? 0, itemStyle: { color: npsColor(g.nps) } })),
        label: {
          show: true,
          position: 'right',
          color: base.textStyle.color,
          formatter: (p: unknown) => {
            const g = groups[(p as { dataIndex: number }).dataIndex];
            if (!g) return '';
            return g.nps === null
              ? t('nps.page.noResponses')
              : `${formatNps(g.nps, locale)} (${g.responses})`;
          },
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: base.muted, type: 'solid' },
          label: { show: false },
          data: [{ xAxis: 0 }],
        },
      },
    ],
  };
  return (
    <Chart
      option={option}
      chartRef={chartRef}
      height={Math.max(200, groups.length * 36 + 40)}
      testId={testId}
    />
  );
}
