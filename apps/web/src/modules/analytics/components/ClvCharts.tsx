import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClvAnalytics } from '../api-clv.ts';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendPlainComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
>;

function useChartColors() {
  const { token } = theme.useToken();
  return {
    text: token.colorText,
    secondary: token.colorTextSecondary,
    line: token.colorBorderSecondary,
    tooltipBg: token.colorBgElevated,
    primary: token.colorPrimary,
    warning: token.colorWarning,
    fill: token.colorFillTertiary,
    font: token.fontFamily,
  };
}

/** A compact amount for axis labels: 1,200 → 1.2k (en) / 1200 → 1.2千 is avoided: plain grouping. */
function compact(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** The label of a CLV bucket: "1k–2k", "≥ 50k". */
export function bucketLabel(b: { from: number; to: number | null }, locale: string): string {
  return b.to === null
    ? `≥ ${compact(b.from, locale)}`
    : `${compact(b.from, locale)}–${compact(b.to, locale)}`;
}

/** Customers per CLV bucket. */
export function ClvDistributionChart({ buckets }: { buckets: ClvAnalytics['distribution'] }) {
  const { t, i18n } = useTranslation();
  const c = useChartColors();
  const option: Option = {
    textStyle: { fontFamily: c.font, color: c.text },
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: c.tooltipBg,
      textStyle: { color: c.text },
    },
    xAxis: {
      type: 'category',
      name: t('clv.distribution.range'),
      nameLocation: 'middle',
      nameGap: 32,
      data: buckets.map((b) => bucketLabel(b, i18n.language)),
      axisLabel: { color: c.secondary, interval: 0, hideOverlap: true },
      axisLine: { lineStyle: { color: c.line } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: c.secondary },
      splitLine: { lineStyle: { color: c.line } },
    },
    series: [
      {
        type: 'bar',
        name: t('clv.distribution.customers'),
        data: buckets.map((b) => b.count),
        itemStyle: { color: c.primary, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 40,
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 300 }}
      data-testid="clv-distribution-chart"
    />
  );
}

/**
 * The tracking plot: cumulative repeat purchases by week, predicted (fitted on the calibration
 * period) and actual, with the holdout shaded and the calibration end marked.
 */
export function ClvValidationChart({ validation }: { validation: ClvAnalytics['validation'] }) {
  const { t, i18n } = useTranslation();
  const c = useChartColors();
  const weeks = validation.weeks;
  const split = weeks.find((w) => w.week === 0)?.end;
  const option: Option = {
    textStyle: { fontFamily: c.font, color: c.text },
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { top: 0, textStyle: { color: c.text } },
    tooltip: {
      trigger: 'axis',
      backgroundColor: c.tooltipBg,
      textStyle: { color: c.text },
      valueFormatter: (v) =>
        typeof v === 'number'
          ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v)
          : '',
    },
    xAxis: {
      type: 'category',
      name: t('clv.validation.week'),
      nameLocation: 'middle',
      nameGap: 28,
      boundaryGap: false,
      data: weeks.map((w) => w.end),
      axisLabel: { color: c.secondary, hideOverlap: true },
      axisLine: { lineStyle: { color: c.line } },
    },
    yAxis: {
      type: 'value',
      name: t('clv.validation.cumulative'),
      nameTextStyle: { color: c.secondary, align: 'left' },
      axisLabel: { color: c.secondary, formatter: (v: number) => compact(v, i18n.language) },
      splitLine: { lineStyle: { color: c.line } },
    },
    series: [
      {
        type: 'line',
        name: t('clv.validation.actual'),
        data: weeks.map((w) => w.actual),
        showSymbol: false,
        lineStyle: { width: 2, color: c.text },
        itemStyle: { color: c.text },
        markLine: split
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { type: 'dashed', color: c.secondary },
              label: { formatter: t('clv.validation.split'), color: c.secondary, position: 'insideEndTop' },
              data: [{ xAxis: split }],
            }
          : undefined,
        markArea: split
          ? {
              silent: true,
              itemStyle: { color: c.fill },
              label: { show: true, position: 'insideTop', color: c.secondary },
              data: [[{ xAxis: split, name: t('clv.validation.holdout') }, { xAxis: weeks.at(-1)!.end }]],
            }
          : undefined,
      },
      {
        type: 'line',
        name: t('clv.validation.predicted'),
        data: weeks.map((w) => w.predicted),
        showSymbol: false,
        lineStyle: { width: 2, type: 'dashed', color: c.primary },
        itemStyle: { color: c.primary },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 340 }}
      data-testid="clv-validation-chart"
    />
  );
}
