import { useState } from 'react';
import { Card, Col, Empty, Flex, List, Row, Skeleton, Statistic, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Funnel, FunnelBreakdown } from '@stratum/contracts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatMoney } from '../../../app/format.ts';
import type { PipelineFilters } from '../api.ts';
import { useForecast, useFunnel, usePipelines, usePortrait } from '../hooks/usePipeline.ts';
import { formatRate } from '../lib/board.ts';
import { ForecastChart, StageFunnelChart } from './charts.tsx';
import { PipelineEmpty } from './PipelineEmpty.tsx';
import { PipelineFiltersBar } from './PipelineFiltersBar.tsx';
import { PortraitSection } from './PortraitSection.tsx';
import '../pipeline.css';

function Kpi(props: { title: string; hint: string; value: string; testId: string }) {
  return (
    <Card size="small" className="pipeline-kpi" data-testid={props.testId} style={{ height: '100%' }}>
      <Statistic title={props.title} value={props.value} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.hint}
      </Typography.Text>
    </Card>
  );
}

/** 销售漏斗: KPIs, the stage funnel with conversion and days in stage, the forecast, breakdowns and the portrait. */
export default function FunnelDashboardPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [filters, setFilters] = useState<PipelineFilters>({});
  const pipelines = usePipelines();
  const pipelineId =
    filters.pipelineId ?? pipelines.data?.find((p) => p.isDefault)?.id ?? pipelines.data?.[0]?.id;
  const params = { ...filters, pipelineId };
  const ready = !!pipelineId;
  const funnel = useFunnel(params, ready);
  const forecast = useForecast({ ...params, months: 6 }, ready);
  const portrait = usePortrait(params, ready);
  const days = (d: number | null) => (d === null ? '—' : t('pipeline.funnel.table.days', { days: d }));

  return (
    <div>
      <PageHeader title={t('pipeline.funnel.title')} subtitle={t('pipeline.funnel.subtitle')} />
      <QueryErrorAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      {pipelines.isLoading ? (
        <Skeleton active />
      ) : !ready ? (
        <PipelineEmpty />
      ) : (
        <Flex vertical gap={16}>
          <PipelineFiltersBar pipelines={pipelines.data ?? []} value={filters} onChange={setFilters} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pipeline.funnel.scopeHint')}
          </Typography.Text>
          <QueryErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} />
          {!funnel.data ? (
            <Skeleton active />
          ) : (
            <FunnelBody funnel={funnel.data} locale={locale} days={days} />
          )}
          <Card title={t('pipeline.funnel.forecastTitle')} size="small">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('pipeline.funnel.forecastHint')}
            </Typography.Paragraph>
            <QueryErrorAlert error={forecast.error} onRetry={() => void forecast.refetch()} />
            {forecast.data ? (
              <>
                {forecast.data.months.some(
                  (m) => m.count > 0 || Number(m.amount) !== 0 || Number(m.wonAmount) !== 0,
                ) ? (
                  <ForecastChart forecast={forecast.data} locale={locale} />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('pipeline.funnel.forecastEmpty')}
                    data-testid="pipeline-forecast-empty"
                  />
                )}
                <Flex gap={24} wrap>
                  <Typography.Text type="secondary">
                    {t('pipeline.funnel.overdue', {
                      n: forecast.data.overdue.count,
                      amount: formatMoney(forecast.data.overdue.amount),
                    })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('pipeline.funnel.undated', {
                      n: forecast.data.undated.count,
                      amount: formatMoney(forecast.data.undated.amount),
                    })}
                  </Typography.Text>
                </Flex>
              </>
            ) : (
              <Skeleton active />
            )}
          </Card>
          <Card title={t('pipeline.portrait.title')} size="small" data-testid="pipeline-portrait">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('pipeline.portrait.subtitle')}
            </Typography.Paragraph>
            <QueryErrorAlert error={portrait.error} onRetry={() => void portrait.refetch()} />
            {portrait.data ? (
              <PortraitSection portrait={portrait.data} locale={locale} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Flex>
      )}
    </div>
  );
}

function FunnelBody({
  funnel,
  locale,
  days,
}: {
  funnel: Funnel;
  locale: string;
  days: (d: number | null) => string;
}) {
  const { t } = useTranslation();
  type Row = Funnel['stages'][number];
  const breakdown = (rows: FunnelBreakdown[], none: string) => (
    <Table<FunnelBreakdown>
      size="small"
      rowKey={(r) => r.id ?? '∅'}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 720 }}
      columns={[
        { key: 'name', title: t('pipeline.funnel.col.name'), render: (_, r) => r.name ?? none },
        { key: 'open', title: t('pipeline.funnel.col.open'), dataIndex: 'open', align: 'right' },
        {
          key: 'openAmount',
          title: t('pipeline.funnel.col.openAmount'),
          align: 'right',
          render: (_, r) => formatMoney(r.openAmount),
        },
        {
          key: 'weighted',
          title: t('pipeline.funnel.col.weighted'),
          align: 'right',
          render: (_, r) => formatMoney(r.weightedAmount),
        },
        { key: 'won', title: t('pipeline.funnel.col.won'), dataIndex: 'won', align: 'right' },
        {
          key: 'wonAmount',
          title: t('pipeline.funnel.col.wonAmount'),
          align: 'right',
          render: (_, r) => formatMoney(r.wonAmount),
        },
        { key: 'lost', title: t('pipeline.funnel.col.lost'), dataIndex: 'lost', align: 'right' },
        {
          key: 'winRate',
          title: t('pipeline.funnel.col.winRate'),
          align: 'right',
          render: (_, r) => formatRate(r.winRate, locale),
        },
      ]}
    />
  );
  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Kpi
            testId="pipeline-kpi-open"
            title={t('pipeline.funnel.kpi.open')}
            hint={t('pipeline.funnel.kpi.openHint')}
            value={formatMoney(funnel.openAmount)}
          />
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Kpi
            testId="pipeline-kpi-weighted"
            title={t('pipeline.funnel.kpi.weighted')}
            hint={t('pipeline.funnel.kpi.weightedHint')}
            value={formatMoney(funnel.weightedAmount)}
          />
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Kpi
            testId="pipeline-kpi-won"
            title={t('pipeline.funnel.kpi.won')}
            hint={t('pipeline.funnel.kpi.wonHint', { n: funnel.won })}
            value={formatMoney(funnel.wonAmount)}
          />
        </Col>
        <Col xs={12} md={12} xl={5}>
          <Kpi
            testId="pipeline-kpi-winrate"
            title={t('pipeline.funnel.kpi.winRate')}
            hint={t('pipeline.funnel.kpi.winRateHint')}
            value={formatRate(funnel.winRate, locale)}
          />
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Kpi
            testId="pipeline-kpi-cycle"
            title={t('pipeline.funnel.kpi.cycle')}
            hint={t('pipeline.funnel.kpi.cycleHint')}
            value={
              funnel.avgDaysToWin === null
                ? '—'
                : t('pipeline.funnel.kpi.days', { days: funnel.avgDaysToWin })
            }
          />
        </Col>
      </Row>
      {funnel.total === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.funnel.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card title={t('pipeline.funnel.chartTitle')} size="small" style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('pipeline.funnel.chartHint')}
              </Typography.Paragraph>
              <StageFunnelChart funnel={funnel} locale={locale} />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" style={{ height: '100%' }}>
              <Table<Row>
                size="small"
                rowKey={(r) => r.stage.id}
                dataSource={funnel.stages}
                pagination={false}
                scroll={{ x: 640 }}
                data-testid="pipeline-funnel-table"
                columns={[
                  { key: 'stage', title: t('pipeline.funnel.table.stage'), render: (_, r) => r.stage.name },
                  {
                    key: 'current',
                    title: t('pipeline.funnel.table.current'),
                    align: 'right',
                    render: (_, r) => (
                      <span data-testid={`funnel-current-${r.stage.position}`}>{r.current.count}</span>
                    ),
                  },
                  {
                    key: 'amount',
                    title: t('pipeline.funnel.table.currentAmount'),
                    align: 'right',
                    render: (_, r) => formatMoney(r.current.amount),
                  },
                  {
                    key: 'reached',
                    title: t('pipeline.funnel.table.reached'),
                    align: 'right',
                    render: (_, r) => (r.stage.kind === 'lost' ? '—' : r.reached),
                  },
                  {
                    key: 'conversion',
                    title: t('pipeline.funnel.table.conversion'),
                    align: 'right',
                    render: (_, r) => formatRate(r.conversionToNext, locale),
                  },
                  {
                    key: 'days',
                    title: t('pipeline.funnel.table.avgDays'),
                    align: 'right',
                    render: (_, r) => (r.stage.kind === 'open' ? days(r.avgDays) : '—'),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
      {funnel.total > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={t('pipeline.funnel.breakdownTitle')} size="small">
              <Tabs
                items={[
                  {
                    key: 'owner',
                    label: t('pipeline.funnel.byOwner'),
                    children: breakdown(funnel.byOwner, t('pipeline.funnel.noOwner')),
                  },
                  {
                    key: 'team',
                    label: t('pipeline.funnel.byTeam'),
                    children: breakdown(funnel.byTeam, t('pipeline.funnel.noTeam')),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('pipeline.funnel.lossTitle')} size="small" style={{ height: '100%' }}>
              {funnel.lossReasons.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.funnel.lossNone')} />
              ) : (
                <List
                  size="small"
                  dataSource={funnel.lossReasons}
                  renderItem={(r) => (
                    <List.Item extra={<span>{r.count}</span>}>
                      {r.name ?? t('pipeline.funnel.noReason')}
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
