import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import type { BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClustersResult } from '../api-clusters.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendPlainComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

/** One colour per cluster (ECharts' default palette), the same in the charts and the table. */
export const CLUSTER_COLORS = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#5d7092',
] as const;
export const clusterColor = (index: number) => CLUSTER_COLORS[index % CLUSTER_COLORS.length]!;

function useChartColors() {
  const { token } = theme.useToken();
  return {
    text: token.colorText,
    secondary: token.colorTextSecondary,
    line: token.colorBorderSecondary,
    tooltipBg: token.colorBgElevated,
    primary: token.colorPrimary,
    fill: token.colorFillSecondary,
    font: token.fontFamily,
  };
}

/** The language's side of a zh/en pair. */
export function useWords() {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (w: { zh: string; en: string }) => (zh ? w.zh : w.en);
}

/** Silhouette of each k tried, the k used highlighted. */
export function SilhouetteChart({ data }: { data: ClustersResult }) {
  const { t, i18n } = useTranslation();
  const c = useChartColors();
  const fmt = (v: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(v);
  const option: Option = {
    textStyle: { fontFamily: c.font, color: c.text },
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: c.tooltipBg,
      textStyle: { color: c.text },
      valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : String(v)),
    },
    xAxis: {
      type: 'category',
      name: t('analytics.clusters.silhouette.k'),
      nameLocation: 'middle',
      nameGap: 32,
      data: data.silhouettes.map((s) => String(s.k)),
      axisLabel: { color: c.secondary },
      axisLine: { lineStyle: { color: c.line } },
    },
    yAxis: {
      type: 'value',
      max: 1,
      axisLabel: { color: c.secondary },
      splitLine: { lineStyle: { color: c.line } },
    },
    series: [
      {
        type: 'bar',
        name: t('analytics.clusters.silhouette.value'),
        data: data.silhouettes.map((s) => ({
          value: s.silhouette,
          itemStyle: { color: s.k === data.k ? c.primary : c.fill, borderRadius: [3, 3, 0, 0] },
        })),
        barMaxWidth: 36,
        label: {
          show: true,
          position: 'top',
          color: c.secondary,
          formatter: (p) => fmt(Number(p.value)),
        },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 280 }}
      data-testid="clusters-silhouette-chart"
    />
  );
}

/** Each cluster's centre per feature, in standard deviations from the mean: one bar group per feature. */
export function ClusterCompareChart({ data }: { data: ClustersResult }) {
  const { t, i18n } = useTranslation();
  const c = useChartColors();
  const words = useWords();
  const fmt = (v: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(v);
  const option: Option = {
    textStyle: { fontFamily: c.font, color: c.text },
    grid: { left: 48, right: 16, top: 40, bottom: 56 },
    legend: { top: 0, type: 'plain', textStyle: { color: c.text } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: c.tooltipBg,
      textStyle: { color: c.text },
      valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : String(v)),
    },
    xAxis: {
      type: 'category',
      data: data.features.map((f) => words(f.label)),
      axisLabel: { color: c.secondary, interval: 0, hideOverlap: true },
      axisLine: { lineStyle: { color: c.line } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: c.secondary },
      splitLine: { lineStyle: { color: c.line } },
    },
    series: data.clusters.map((cl) => ({
      type: 'bar' as const,
      name: t('analytics.clusters.table.clusterName', { n: cl.index + 1 }),
      data: data.features.map((f) => cl.centroid[f.key] ?? 0),
      itemStyle: { color: clusterColor(cl.index) },
      barMaxWidth: 24,
    })),
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 280 }}
      data-testid="clusters-compare-chart"
    />
  );
}
