import type { Ref } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { theme } from 'antd';

/** What the analytics and NPS charts share: the ref for the PNG export, the theme's colours, the box. */
export type ChartRef = Ref<ReactEChartsCore>;

/** The antd theme's text, tooltip, axis and line colours, as ECharts options. */
export function useChartBase() {
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
    primary: token.colorPrimary,
    error: token.colorError,
    muted: token.colorTextQuaternary,
  };
}

/**
 * One chart, full width, under a test id (the caller registers its series and components with
 * `echarts.use`).
 */
export function ChartBox({
  option,
  chartRef,
  height,
  testId,
}: {
  /** An ECharts option (each chart file types its own, with what it registered). */
  option: object;
  chartRef: ChartRef;
  height: number;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        ref={chartRef}
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
      />
    </div>
  );
}

/** The category axis of horizontal bars: a group a row from the top, long names cut. */
export const groupAxis = (names: string[], axisLabel: { color: string }) => ({
  type: 'category' as const,
  inverse: true,
  data: names,
  axisLabel: { ...axisLabel, width: 140, overflow: 'truncate' as const },
});

/** A horizontal bar's label, right of it: `text` of the bar's index. */
export const rightLabel = (color: string, text: (index: number) => string) => ({
  show: true,
  position: 'right' as const,
  color,
  formatter: (p: unknown) => text((p as { dataIndex: number }).dataIndex),
});

/** Text for the tooltip's HTML. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The tooltip of bars by category: shadow pointer, `text` of the hovered bar's index (HTML). */
export const barTooltip = (style: object, text: (index: number) => string) => ({
  ...style,
  trigger: 'axis' as const,
  axisPointer: { type: 'shadow' as const },
  formatter: (params: unknown) => {
    const p = (params as { dataIndex: number }[])[0];
    return p ? text(p.dataIndex) : '';
  },
});
