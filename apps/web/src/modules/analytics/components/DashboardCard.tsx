import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Card, Dropdown, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { DashboardChart } from '@stratum/contracts';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { saveFile } from '../../../app/api/download.ts';
import { dashboardsApi } from '../api-dashboards.ts';
import type { ChartParams } from '../api-dashboards.ts';
import type { ChartRef } from './DashboardCharts.tsx';

/** Another page's card (NPS): its test ids, texts, PNG name and xlsx export in place of a dashboard's. */
export interface CardSpec {
  /** The card's own test id. */
  testId: string;
  /** Prefix of its controls' test ids (`${prefix}-export`, `-png`, `-xlsx`, `-view`, `-empty`). */
  testIdPrefix: string;
  /** The PNG's file name before the date. */
  fileName: string;
  /** Where the view and export texts are. */
  i18n: 'analytics.dashboards' | 'nps.page';
  exportXlsx: () => Promise<void>;
}

type Props = (
  | {
      chart: DashboardChart;
      /** The chart's query: what the xlsx export sends. */
      params: ChartParams;
    }
  | { spec: CardSpec; params: { to?: string } }
) & {
  title: string;
  hint: string;
  /** Controls of this card only (a scheme picker), left of the view switch. */
  controls?: ReactNode;
  /** A figure shown above the chart (the top-20% share). */
  summary?: ReactNode;
  query: { isLoading: boolean; error: unknown; refetch: () => unknown };
  /** Nothing to show: the empty state's text (null when there is data). */
  empty: string | null;
  renderChart: (ref: ChartRef) => ReactNode;
  table: ReactNode;
};

/**
 * One dashboard: a chart or its table (switchable), exported as a PNG of the chart (ECharts'
 * getDataURL, on white) or as the table in xlsx (built by the server with the same query).
 */
export function DashboardCard(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const ref = useRef<ReactEChartsCore>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [busy, setBusy] = useState(false);
  const stamp = (props.params.to ?? new Date().toISOString()).slice(0, 10);
  const spec: CardSpec =
    'spec' in props
      ? props.spec
      : {
          testId: `dashboard-${props.chart}`,
          testIdPrefix: `dashboard-${props.chart}`,
          fileName: props.chart,
          i18n: 'analytics.dashboards',
          exportXlsx: () => dashboardsApi.exportXlsx(props.chart, props.params),
        };
  const id = spec.testIdPrefix;
  const T = spec.i18n;

  const png = () => {
    const chart = ref.current?.getEchartsInstance();
    if (!chart) return;
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    saveFile(url, `${spec.fileName}-${stamp}.png`);
  };
  const xlsx = async () => {
    setBusy(true);
    try {
      await spec.exportXlsx();
      void message.success(t(`${T}.export.done`));
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };
  const hasData = props.empty === null && !props.query.isLoading && !props.query.error;

  return (
    <Card
      size="small"
      title={props.title}
      data-testid={spec.testId}
      extra={
        <Flex gap={8} align="center" wrap>
          {props.controls}
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t(`${T}.view.chart`) },
              { value: 'table', label: t(`${T}.view.table`) },
            ]}
            data-testid={`${id}-view`}
          />
          <Dropdown
            trigger={['click']}
            disabled={!hasData || busy}
            menu={{
              items: [
                {
                  key: 'png',
                  disabled: view !== 'chart',
                  title: view !== 'chart' ? t(`${T}.export.pngTableHint`) : undefined,
                  label: <span data-testid={`${id}-png`}>{t(`${T}.export.png`)}</span>,
                },
                {
                  key: 'xlsx',
                  label: <span data-testid={`${id}-xlsx`}>{t(`${T}.export.xlsx`)}</span>,
                },
              ],
              onClick: ({ key }) => (key === 'png' ? png() : void xlsx()),
            }}
          >
            <Button size="small" icon={<DownloadOutlined />} loading={busy} data-testid={`${id}-export`}>
              {t(`${T}.export.button`)}
            </Button>
          </Dropdown>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {props.hint}
      </Typography.Paragraph>
      <QueryErrorAlert error={props.query.error} onRetry={() => void props.query.refetch()} />
      {props.query.isLoading ? (
        <Skeleton active />
      ) : props.query.error ? null : props.empty !== null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} data-testid={`${id}-empty`} />
      ) : (
        <>
          {props.summary}
          {view === 'chart' ? props.renderChart(ref) : props.table}
        </>
      )}
    </Card>
  );
}
