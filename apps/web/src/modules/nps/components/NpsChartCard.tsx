import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Card, Dropdown, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { saveFile } from '../../analytics/api-dashboards.ts';
import { npsApi, type NpsParams } from '../api.ts';
import type { ChartRef } from './NpsCharts.tsx';

interface Props {
  id: string;
  title: string;
  hint: string;
  params: NpsParams;
  controls?: ReactNode;
  loading: boolean;
  /** The empty state's text, or null when there is data. */
  empty: string | null;
  renderChart: (ref: ChartRef) => ReactNode;
  table: ReactNode;
}

/**
 * One NPS chart: the chart or its table, exported as a PNG of the chart (ECharts' getDataURL, on white)
 * or as the page's figures in xlsx (built by the server with the same query).
 */
export function NpsChartCard(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const ref = useRef<ReactEChartsCore>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [busy, setBusy] = useState(false);
  const stamp = (props.params.to ?? new Date().toISOString()).slice(0, 10);

  const png = () => {
    const chart = ref.current?.getEchartsInstance();
    if (!chart) return;
    saveFile(
      chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
      `nps-${props.id}-${stamp}.png`,
    );
  };
  const xlsx = async () => {
    setBusy(true);
    try {
      await npsApi.exportXlsx(props.params);
      void message.success(t('nps.page.export.done'));
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };
  const hasData = props.empty === null && !props.loading;

  return (
    <Card
      size="small"
      title={props.title}
      data-testid={`nps-card-${props.id}`}
      extra={
        <Flex gap={8} align="center" wrap>
          {props.controls}
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('nps.page.view.chart') },
              { value: 'table', label: t('nps.page.view.table') },
            ]}
          />
          <Dropdown
            trigger={['click']}
            disabled={!hasData || busy}
            menu={{
              items: [
                {
                  key: 'png',
                  disabled: view !== 'chart',
                  title: view !== 'chart' ? t('nps.page.export.pngTableHint') : undefined,
                  label: <span data-testid={`nps-${props.id}-png`}>{t('nps.page.export.png')}</span>,
                },
                {
                  key: 'xlsx',
                  label: <span data-testid={`nps-${props.id}-xlsx`}>{t('nps.page.export.xlsx')}</span>,
                },
              ],
              onClick: ({ key }) => (key === 'png' ? png() : void xlsx()),
            }}
          >
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={busy}
              data-testid={`nps-${props.id}-export`}
            >
              {t('nps.page.export.button')}
            </Button>
          </Dropdown>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {props.hint}
      </Typography.Paragraph>
      {props.loading ? (
        <Skeleton active />
      ) : props.empty !== null ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={props.empty}
          data-testid={`nps-${props.id}-empty`}
        />
      ) : view === 'chart' ? (
        props.renderChart(ref)
      ) : (
        props.table
      )}
    </Card>
  );
}
