import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { SankeyChart } from 'echarts/charts';
import type { SankeySeriesOption } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import type { TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import type { Migration } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../app/format.ts';
import type { ChartRef } from '../../analytics/components/chartKit.tsx';
import { sankeyData } from '../lib/schemes.ts';

echarts.use([SankeyChart, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<SankeySeriesOption | TooltipComponentOption>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Left: the tiers at the start; right: the tiers at the end; bands: customers moving, in tier colours. */
export function MigrationSankey({ migration, chartRef }: { migration: Migration; chartRef?: ChartRef }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const fromSuffix = t('segmentation.migration.fromSuffix');
  const toSuffix = t('segmentation.migration.toSuffix');
  const { nodes, links } = sankeyData(migration, fromSuffix, toSuffix);
  const labelOf = new Map(nodes.map((n) => [n.name, n.label]));
  const rows = Math.max(
    nodes.filter((n) => n.side === 'from').length,
    nodes.filter((n) => n.side === 'to').length,
  );

  const option: Option = {
    textStyle: { fontFamily: token.fontFamily, color: token.colorText },
    tooltip: {
      trigger: 'item',
      backgroundColor: token.colorBgElevated,
      borderColor: token.colorBorderSecondary,
      textStyle: { color: token.colorText },
      formatter: (p: unknown) => {
        const item = p as {
          dataType?: string;
          data?: { source?: string; target?: string; value?: number; revenue?: number; name?: string };
          value?: number;
        };
        if (item.dataType === 'edge' && item.data) {
          return escapeHtml(
            t('segmentation.migration.tooltip', {
              from: labelOf.get(item.data.source ?? '') ?? '',
              to: labelOf.get(item.data.target ?? '') ?? '',
              n: item.data.value ?? 0,
              revenue: formatMoney(String((item.data.revenue ?? 0).toFixed(2))),
            }),
          );
        }
        return `${escapeHtml(item.data?.name ?? '')}: <b>${item.value ?? 0}</b>`;
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        nodeWidth: 16,
        nodeGap: 12,
        nodeAlign: 'justify',
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        data: nodes.map((n) => ({ name: n.name, itemStyle: { color: n.color, borderColor: n.color } })),
        // Labels inside the bands: after the left nodes, before the right ones; the tier name alone.
        levels: [
          { depth: 0, label: { position: 'right' } },
          { depth: 1, label: { position: 'left' } },
        ],
        label: {
          color: token.colorText,
          fontSize: 12,
          formatter: (p: { name?: string }) => labelOf.get(p.name ?? '') ?? p.name ?? '',
        },
        links: links.map((l) => ({ source: l.source, target: l.target, value: l.value, revenue: l.revenue })),
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
      },
    ],
  };
  return (
    <ReactEChartsCore
      ref={chartRef}
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(320, rows * 56), width: '100%' }}
    />
  );
}
