import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart } from 'echarts/charts';
import type { BarSeriesOption, FunnelSeriesOption } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Forecast, Funnel } from '@stratum/contracts';
import { formatMoney } from '../../../app/format.ts';
import { formatCompactMoney, formatRate } from '../lib/board.ts';

echarts.use([FunnelChart, BarChart, GridComponent, TooltipComponent, LegendPlainComponent, CanvasRenderer]);

type Option = ComposeOption<
  FunnelSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

function useChartColors() {
  const { token } = theme.useToken();
  return {
    text: token.colorText,
    secondary: token.colorTextSecondary,
    line: token.colorBorderSecondary,
    tooltipBg: token.colorBgElevated,
    font: token.fontFamily,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const FUNNEL_COLORS = ['#1677ff', '#3c8cff', '#69a7ff', '#91c0ff', '#b5d4ff', '#d6e6ff'];

/**
 * The stage funnel: one layer per open stage and won, sized by the deals that reached it, labelled with
 * the count and the conversion from the layer above.
 */
export function StageFunnelChart({ funnel, locale }: { funnel: Funnel; locale: string }) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const chain = funnel.stages.filter((s) => s.stage.kind !== 'lost');
  const data = chain.map((s, i) => ({
    name: s.stage.name,
    value: s.reached,
    itemStyle: { color: s.stage.kind === 'won' ? '#52c41a' : FUNNEL_COLORS[i % FUNNEL_COLORS.length] },
    conversion: i === 0 ? null : chain[i - 1]!.conversionToNext,
    amount: s.reachedAmount,
  }));
  const option: Option = {
    textStyle: { fontFamily: colors.font, color: colors.text },
    tooltip: {
      trigger: 'item',
      backgroundColor: colors.tooltipBg,
      borderColor: colors.line,
      textStyle: { color: colors.text },
      formatter: (p: unknown) => {
        const d = (p as { data: (typeof data)[number] }).data;
        const conv =
          d.conversion === null
            ? ''
            : `<br/>${escapeHtml(t('pipeline.funnel.table.conversion'))}: ${formatRate(d.conversion, locale)}`;
        return `<b>${escapeHtml(d.name)}</b><br/>${escapeHtml(t('pipeline.funnel.reached'))}: ${d.value}<br/>${formatMoney(d.amount)}${conv}`;
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        right: '30%',
        top: 8,
        bottom: 8,
        minSize: '12%',
        gap: 3,
        data,
        label: {
          show: true,
          position: 'right',
          color: colors.text,
          formatter: (p: unknown) => {
            const d = (p as { data: (typeof data)[number] }).data;
            return d.conversion === null
              ? `${d.name}  ${d.value}`
              : `${d.name}  ${d.value}  (${formatRate(d.conversion, locale)})`;
          },
        },
        labelLine: { show: true, lineStyle: { color: colors.line } },
        itemStyle: { borderWidth: 0 },
      },
    ],
  };
  return (
    <div data-testid="pipeline-funnel-chart" data-reached={chain.map((s) => s.reached).join(',')}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: Math.max(260, chain.length * 56) }}
      />
    </div>
  );
}

/** Per month: the open amount expected to close, its weighted part, and what was already won. */
export function ForecastChart({ forecast, locale }: { forecast: Forecast; locale: string }) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const months = forecast.months.map((m) => m.month);
  const option: Option = {
    textStyle: { fontFamily: colors.font, color: colors.text },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: colors.secondary } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: colors.tooltipBg,
      borderColor: colors.line,
      textStyle: { color: colors.text },
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number }[]) : [];
        const m = forecast.months[list[0]?.dataIndex ?? -1];
        if (!m) return '';
        return [
          `<b>${m.month}</b>`,
          `${escapeHtml(t('pipeline.funnel.forecastAmount'))}: ${formatMoney(m.amount)} (${m.count})`,
          `${escapeHtml(t('pipeline.funnel.forecastWeighted'))}: ${formatMoney(m.weightedAmount)}`,
          `${escapeHtml(t('pipeline.funnel.forecastWon'))}: ${formatMoney(m.wonAmount)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: months, axisLabel: { color: colors.secondary } },
    yAxis: {
      type: 'value',
      axisLabel: { color: colors.secondary, formatter: (v: number) => formatCompactMoney(v, locale) },
      splitLine: { lineStyle: { color: colors.line } },
    },
    series: [
      {
        type: 'bar',
        name: t('pipeline.funnel.forecastAmount'),
        data: forecast.months.map((m) => Number(m.amount)),
        itemStyle: { color: '#bcd7ff' },
      },
      {
        type: 'bar',
        name: t('pipeline.funnel.forecastWeighted'),
        data: forecast.months.map((m) => Number(m.weightedAmount)),
        itemStyle: { color: '#1677ff' },
      },
      {
        type: 'bar',
        name: t('pipeline.funnel.forecastWon'),
        data: forecast.months.map((m) => Number(m.wonAmount)),
        itemStyle: { color: '#52c41a' },
      },
    ],
  };
  return (
    <div data-testid="pipeline-forecast-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300 }} />
    </div>
  );
}
