import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type {
  Cohorts,
  Conversion,
  Pareto,
  Retention,
  SegmentDistribution,
  TierDistribution,
} from '@stratum/contracts';
import { formatRate } from '../../pipeline/lib/board.ts';
import {
  barTooltip,
  ChartBox,
  escapeHtml,
  groupAxis,
  rightLabel,
  useChartBase,
  type ChartRef,
} from './chartKit.tsx';

// Only what these five charts use (the canvas renderer also gives getDataURL for the PNG export).
echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendPlainComponent,
  MarkLineComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | VisualMapComponentOption
>;

export type { ChartRef };

const pct = (v: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);

/**
 * A vertical legend on the right, with the grid leaving room for it: nine RFM classes, or many
 * segments, would wrap over the axis below.
 */
const sideLegend = (color: string): Pick<Option, 'legend' | 'grid'> => ({
  legend: {
    type: 'plain',
    orient: 'vertical',
    right: 0,
    top: 'middle',
    itemGap: 8,
    textStyle: { color, width: 130, overflow: 'truncate' },
  },
  grid: { left: 48, right: 170, top: 16, bottom: 32 },
});

/** Customers per tier at each point in time, stacked (the tiers' own colours). */
export function TierDistributionChart({ data, chartRef }: { data: TierDistribution; chartRef: ChartRef }) {
  const base = useChartBase();
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    ...sideLegend(base.textStyle.color),
    xAxis: {
      type: 'category',
      data: data.points.map((p) => `${p.label}`),
      axisLabel: { ...base.axisLabel, interval: 0, hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: base.axisLabel, splitLine: base.splitLine },
    series: data.tiers.map((tier) => ({
      type: 'bar',
      name: tier.name,
      stack: 'tiers',
      barMaxWidth: 56,
      itemStyle: { color: tier.color },
      emphasis: { focus: 'series' },
      data: data.points.map((p) => p.counts[tier.key] ?? 0),
    })),
  };
  return <ChartBox option={option} chartRef={chartRef} height={340} testId="chart-tier-distribution" />;
}

/** Members of each segment at each month end and now: one line per segment. */
export function SegmentDistributionChart({
  data,
  chartRef,
}: {
  data: SegmentDistribution;
  chartRef: ChartRef;
}) {
  const base = useChartBase();
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: { ...base.tooltip, trigger: 'axis' },
    ...sideLegend(base.textStyle.color),
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: data.points.map((p) => p.label),
      axisLabel: { ...base.axisLabel, hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: base.axisLabel, splitLine: base.splitLine },
    series: data.segments.map((seg) => ({
      type: 'line',
      name: seg.name,
      symbolSize: 6,
      emphasis: { focus: 'series' },
      data: data.points.map((p) => p.counts[seg.id] ?? 0),
    })),
  };
  return <ChartBox option={option} chartRef={chartRef} height={340} testId="chart-segment-distribution" />;
}

/** The cumulative revenue curve against the diagonal of equal shares, marked at 20% of customers. */
export function ParetoChart({ data, chartRef }: { data: Pareto; chartRef: ChartRef }) {
  const { t, i18n } = useTranslation();
  const base = useChartBase();
  const locale = i18n.language;
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = params as { value: [number, number]; seriesName: string }[];
        const p = list[0];
        if (!p) return '';
        return `${t('analytics.dashboards.pareto.customerShare')}: ${formatRate(p.value[0], locale)}<br/>${t(
          'analytics.dashboards.pareto.revenueShare',
        )}: ${formatRate(p.value[1], locale)}`;
      },
    },
    legend: { type: 'plain', bottom: 0, textStyle: { color: base.textStyle.color } },
    grid: { left: 56, right: 24, top: 16, bottom: 64 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: t('analytics.dashboards.pareto.customerShare'),
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { ...base.axisLabel, formatter: (v: number) => pct(v, locale) },
      splitLine: base.splitLine,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { ...base.axisLabel, formatter: (v: number) => pct(v, locale) },
      splitLine: base.splitLine,
    },
    series: [
      {
        type: 'line',
        name: t('analytics.dashboards.pareto.revenueShare'),
        showSymbol: false,
        smooth: false,
        areaStyle: { opacity: 0.12 },
        itemStyle: { color: base.primary },
        data: data.points.map((p) => [p.customerShare, p.revenueShare]),
        markLine:
          data.top20Share === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: base.error },
                label: {
                  formatter: `${formatRate(data.top20Share, locale)}`,
                  color: base.error,
                  position: 'end',
                },
                data: [{ xAxis: 0.2 }],
              },
      },
      {
        type: 'line',
        name: t('analytics.dashboards.pareto.equality'),
        showSymbol: false,
        silent: true,
        lineStyle: { type: 'dotted', color: base.muted },
        itemStyle: { color: base.muted },
        data: [
          [0, 0],
          [1, 1],
        ],
        tooltip: { show: false },
      },
    ],
  };
  return <ChartBox option={option} chartRef={chartRef} height={340} testId="chart-pareto" />;
}

/** Retention and churn rates by month, as two lines (a month without last-month buyers is a gap). */
export function RetentionChart({ data, chartRef }: { data: Retention; chartRef: ChartRef }) {
  const { t, i18n } = useTranslation();
  const base = useChartBase();
  const locale = i18n.language;
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? formatRate(v, locale) : '—'),
    },
    legend: { type: 'plain', bottom: 0, textStyle: { color: base.textStyle.color } },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: data.months.map((m) => m.month), axisLabel: base.axisLabel },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { ...base.axisLabel, formatter: (v: number) => pct(v, locale) },
      splitLine: base.splitLine,
    },
    series: [
      {
        type: 'line',
        name: t('analytics.dashboards.retention.retentionRate'),
        itemStyle: { color: '#52c41a' },
        connectNulls: false,
        data: data.months.map((m) => m.retentionRate),
      },
      {
        type: 'line',
        name: t('analytics.dashboards.retention.churnRate'),
        itemStyle: { color: '#ff4d4f' },
        connectNulls: false,
        data: data.months.map((m) => m.churnRate),
      },
    ],
  };
  return <ChartBox option={option} chartRef={chartRef} height={320} testId="chart-retention" />;
}

/** Cohort × months-since-first-order, coloured by the share buying; months still to come stay blank. */
export function CohortHeatmap({ data, chartRef }: { data: Cohorts; chartRef: ChartRef }) {
  const { t, i18n } = useTranslation();
  const base = useChartBase();
  const locale = i18n.language;
  const offsets = data.cohorts[0]?.cells.map((c) => c.offset) ?? [];
  const months = data.cohorts.map((c) => c.month);
  const cells = data.cohorts.flatMap((c, y) =>
    c.cells
      .filter((x) => x.rate !== null)
      .map((x) => [x.offset, y, x.rate as number, x.customers ?? 0, c.size]),
  );
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: {
      ...base.tooltip,
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number, number, number] }).value;
        return `${months[v[1]]} · ${t('analytics.dashboards.cohorts.offset', { n: v[0] })}<br/>${formatRate(
          v[2],
          locale,
        )} (${v[3]} / ${v[4]})`;
      },
    },
    grid: { left: 72, right: 16, top: 8, bottom: 72 },
    xAxis: {
      type: 'category',
      data: offsets.map(String),
      name: t('analytics.dashboards.cohorts.offsetAxis'),
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: base.axisLabel,
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: months,
      inverse: true,
      axisLabel: base.axisLabel,
      splitArea: { show: true },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      dimension: 2,
      inRange: { color: ['#f0f5ff', '#85a5ff', '#1d39c4'] },
      textStyle: { color: base.axisLabel.color },
      formatter: (v: unknown) => pct(Number(v), locale),
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: true,
          fontSize: 11,
          formatter: (p: unknown) => pct((p as { value: number[] }).value[2]!, locale),
        },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
      },
    ],
  };
  return (
    <ChartBox
      option={option}
      chartRef={chartRef}
      height={Math.max(260, months.length * 30 + 110)}
      testId="chart-cohorts"
    />
  );
}

/** Conversion rate per segment or tier (bars), with the member count in the tooltip. */
export function ConversionChart({ data, chartRef }: { data: Conversion; chartRef: ChartRef }) {
  const { t, i18n } = useTranslation();
  const base = useChartBase();
  const locale = i18n.language;
  const groups = data.groups;
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: barTooltip(base.tooltip, (i) => {
      const g = groups[i];
      if (!g) return '';
      return `<b>${escapeHtml(g.name)}</b><br/>${t(
        'analytics.dashboards.conversion.rate',
      )}: ${formatRate(g.rate, locale)}<br/>${t('analytics.dashboards.conversion.converted')}: ${g.converted} / ${g.members}`;
    }),
    grid: { left: 16, right: 48, top: 8, bottom: 8, containLabel: true },
    // Rates are often a few percent: the axis follows the data (capped at 100%).
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.max(0, ...groups.map((g) => g.rate ?? 0)) >= 0.8 ? 1 : undefined,
      axisLabel: { ...base.axisLabel, formatter: (v: number) => pct(v, locale) },
      splitLine: base.splitLine,
    },
    yAxis: groupAxis(
      groups.map((g) => g.name),
      base.axisLabel,
    ),
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: groups.map((g) => ({ value: g.rate ?? 0, itemStyle: { color: g.color ?? base.primary } })),
        label: rightLabel(base.textStyle.color, (i) => {
          const g = groups[i];
          return g ? `${formatRate(g.rate, locale)} (${g.converted}/${g.members})` : '';
        }),
      },
    ],
  };
  return (
    <ChartBox
      option={option}
      chartRef={chartRef}
      height={Math.max(220, groups.length * 36 + 40)}
      testId="chart-conversion"
    />
  );
}
