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
import { useTranslation } from 'react-i18next';
import type { NpsGroup, NpsResults } from '@stratum/contracts';
import {
  barTooltip,
  ChartBox,
  escapeHtml,
  groupAxis,
  rightLabel,
  useChartBase,
  type ChartRef,
} from '../../analytics/components/chartKit.tsx';
import { CATEGORY_COLOR, categoryOf, formatNps, npsColor } from '../lib/nps.ts';

// Bars only (the canvas renderer also gives getDataURL for the PNG export).
echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;
export type { ChartRef };

/** Customers per score 0–10, coloured by category (detractors red, passives gold, promoters green). */
export function DistributionChart({ data, chartRef }: { data: NpsResults; chartRef: ChartRef }) {
  const { t } = useTranslation();
  const base = useChartBase();
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: barTooltip(base.tooltip, (i) => {
      const d = data.distribution[i];
      if (!d) return '';
      return `<b>${d.score}</b> · ${t(`nps.category.${categoryOf(d.score)}`)}<br/>${t(
        'nps.page.distribution.customers',
      )}: ${d.count}`;
    }),
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
  return <ChartBox option={option} chartRef={chartRef} height={300} testId="chart-nps-distribution" />;
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
  const base = useChartBase();
  const locale = i18n.language;
  const option: Option = {
    textStyle: base.textStyle,
    tooltip: barTooltip(base.tooltip, (i) => {
      const g = groups[i];
      if (!g) return '';
      return [
        `<b>${escapeHtml(g.name)}</b>`,
        `NPS: ${formatNps(g.nps, locale)}`,
        `${t('nps.page.table.responses')}: ${g.responses}`,
        `${t('nps.category.promoter')} ${g.promoters} · ${t('nps.category.passive')} ${g.passives} · ${t(
          'nps.category.detractor',
        )} ${g.detractors}`,
      ].join('<br/>');
    }),
    grid: { left: 16, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: -100,
      max: 100,
      interval: 50,
      axisLabel: base.axisLabel,
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
        data: groups.map((g) => ({ value: g.nps ?? 0, itemStyle: { color: npsColor(g.nps) } })),
        label: rightLabel(base.textStyle.color, (i) => {
          const g = groups[i];
          if (!g) return '';
          return g.nps === null ? t('nps.page.noResponses') : `${formatNps(g.nps, locale)} (${g.responses})`;
        }),
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
    <ChartBox
      option={option}
      chartRef={chartRef}
      height={Math.max(200, groups.length * 36 + 40)}
      testId={testId}
    />
  );
}
