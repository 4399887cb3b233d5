import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatMoney } from '../../../app/format.ts';
import type { ClvAnalytics } from '../api-clv.ts';
import { useClvOverview } from '../hooks/useClv.ts';
import { ClvDistributionChart, ClvValidationChart } from './ClvCharts.tsx';

const HOLDOUTS = [13, 26, 39, 52] as const;
const DEFAULT_HOLDOUT = 26;

function useNumber() {
  const { i18n } = useTranslation();
  return (v: number | null | undefined, digits = 2) =>
    v === null || v === undefined || !Number.isFinite(v)
      ? '—'
      : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(v);
}

function Kpi(props: { title: string; hint?: string; value: string; testId: string }) {
  return (
    <Card size="small" data-testid={props.testId} style={{ height: '100%' }}>
      <Statistic title={props.title} value={props.value} />
      {props.hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {props.hint}
        </Typography.Text>
      )}
    </Card>
  );
}

function FitStatus({ data }: { data: ClvAnalytics }) {
  const { t } = useTranslation();
  if (data.params.status === 'fitted') return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="clv-insufficient"
      message={data.params.status === 'fit_failed' ? t('clv.fitFailed') : t('clv.insufficient')}
      description={
        data.params.status === 'fit_failed'
          ? data.params.message
          : t('clv.insufficientHint', { min: data.minRepeatCustomers, n: data.params.repeatCustomers })
      }
    />
  );
}

function Params({ data }: { data: ClvAnalytics }) {
  const { t } = useTranslation();
  const n = useNumber();
  const { bgnbd, gammagamma } = data.params;
  return (
    <Card size="small" title={t('clv.params.title')} data-testid="clv-params" style={{ height: '100%' }}>
      <Descriptions size="small" column={1} colon={false}>
        <Descriptions.Item label={t('clv.params.calibrationEnd')}>
          {data.params.calibrationEnd}
        </Descriptions.Item>
        <Descriptions.Item label={t('clv.params.customers')}>{n(data.params.customers, 0)}</Descriptions.Item>
        <Descriptions.Item label={t('clv.params.repeatCustomers')}>
          {n(data.params.repeatCustomers, 0)}
        </Descriptions.Item>
        <Descriptions.Item label={t('clv.params.bgnbd')}>
          {bgnbd
            ? `r = ${n(bgnbd.r, 3)}, α = ${n(bgnbd.alpha, 3)}, a = ${n(bgnbd.a, 3)}, b = ${n(bgnbd.b, 3)}`
            : '—'}
        </Descriptions.Item>
        {bgnbd && (
          <Descriptions.Item label={t('clv.params.loglik')}>{n(bgnbd.logLikelihood, 2)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('clv.params.gammagamma')}>
          {gammagamma
            ? `p = ${n(gammagamma.p, 3)}, q = ${n(gammagamma.q, 3)}, v = ${n(gammagamma.v, 3)}`
            : bgnbd
              ? t('clv.params.none')
              : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
        {t('clv.params.explain')}
      </Typography.Paragraph>
    </Card>
  );
}

function Validation({
  data,
  holdout,
  onHoldout,
}: {
  data: ClvAnalytics;
  holdout: number;
  onHoldout: (weeks: number) => void;
}) {
  const { t } = useTranslation();
  const n = useNumber();
  const v = data.validation;
  const start = v.weeks.find((w) => w.week === 1)?.end ?? v.end;
  return (
    <Card
      size="small"
      title={t('clv.validation.title')}
      data-testid="clv-validation"
      style={{ marginBottom: 16 }}
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('clv.validation.holdout')}</Typography.Text>
          <Select
            size="small"
            value={holdout}
            onChange={onHoldout}
            data-testid="clv-holdout"
            options={HOLDOUTS.map((w) => ({ value: w, label: t('clv.validation.weeks', { n: w }) }))}
            style={{ width: 110 }}
          />
        </Flex>
      }
    >
      {v.weeks.length === 0 ? (
        <Empty
          description={
            v.status === 'fit_failed'
              ? (v.message ?? t('clv.fitFailed'))
              : t('clv.validation.empty', {
                  min: data.minRepeatCustomers,
                })
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('clv.validation.explain', { end: v.calibrationEnd, start, last: v.end })}
          </Typography.Paragraph>
          <Row gutter={[16, 8]} style={{ marginBottom: 8 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('clv.validation.cohort')} value={n(v.customers, 0)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('clv.validation.holdoutPredicted')}
                value={n(v.holdoutPredicted, 1)}
                data-testid="clv-holdout-predicted"
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('clv.validation.holdoutActual')}
                value={n(v.holdoutActual, 0)}
                data-testid="clv-holdout-actual"
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('clv.validation.error')}
                value={
                  v.holdoutActual > 0
                    ? `${v.holdoutPredicted >= v.holdoutActual ? '+' : ''}${n(
                        ((v.holdoutPredicted - v.holdoutActual) / v.holdoutActual) * 100,
                        1,
                      )}%`
                    : '—'
                }
              />
            </Col>
          </Row>
          <ClvValidationChart validation={v} />
        </>
      )}
    </Card>
  );
}

function TopCustomers({ data }: { data: ClvAnalytics }) {
  const { t } = useTranslation();
  const n = useNumber();
  return (
    <Card size="small" title={t('clv.top.title')} data-testid="clv-top">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.top}
        locale={{ emptyText: t('clv.distribution.empty') }}
        columns={[
          {
            title: t('clv.top.name'),
            dataIndex: 'name',
            render: (name: string, row) => <Link to={`/customers/${row.id}`}>{name}</Link>,
          },
          {
            title: t('clv.top.owner'),
            dataIndex: 'ownerName',
            render: (v: string | null) =>
              v ?? <Typography.Text type="secondary">{t('clv.top.pool')}</Typography.Text>,
          },
          {
            title: t('clv.top.clv'),
            dataIndex: 'clv',
            align: 'right',
            render: (v: string) => formatMoney(v),
          },
          {
            title: t('clv.top.pAlive'),
            dataIndex: 'pAlive',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : `${n(v * 100, 1)}%`),
          },
          {
            title: t('clv.top.expected', { weeks: data.expectedPurchasesWeeks }),
            dataIndex: 'expectedPurchases',
            align: 'right',
            render: (v: number | null) => n(v, 2),
          },
          { title: t('clv.top.orders'), dataIndex: 'orderCount', align: 'right' },
          {
            title: t('clv.top.spend'),
            dataIndex: 'totalSpend',
            align: 'right',
            render: (v: string) => formatMoney(v),
          },
        ]}
      />
    </Card>
  );
}

/** `/analytics/clv`: predicted lifetime value, its parameters, distribution, top customers and validation. */
export default function ClvPage() {
  const { t } = useTranslation();
  const n = useNumber();
  const [search, setSearch] = useSearchParams();
  const picked = Number(search.get('holdout'));
  const holdout = (HOLDOUTS as readonly number[]).includes(picked) ? picked : DEFAULT_HOLDOUT;
  const query = useClvOverview(holdout);
  const data = query.data;
  const onHoldout = (weeks: number) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (weeks === DEFAULT_HOLDOUT) next.delete('holdout');
        else next.set('holdout', String(weeks));
        return next;
      },
      { replace: true },
    );

  return (
    <div data-testid="clv-page">
      <PageHeader
        title={t('clv.title')}
        subtitle={t('clv.subtitle')}
        extra={
          <Flex align="center" gap={8}>
            {query.isFetching && data && <Spin size="small" />}
            {data && (
              <Typography.Text type="secondary" data-testid="clv-as-of">
                {data.totals.storedAsOf
                  ? t('clv.asOf', { day: data.totals.storedAsOf })
                  : t('clv.notComputed')}
              </Typography.Text>
            )}
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary">
        <InfoCircleOutlined /> {t('clv.scopeHint')}
      </Typography.Paragraph>
      <QueryErrorAlert
        error={query.isError && !data ? query.error : null}
        onRetry={() => void query.refetch()}
      />
      {query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : data ? (
        <div style={{ opacity: query.isFetching && query.isPlaceholderData ? 0.7 : 1 }}>
          <FitStatus data={data} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} lg={6}>
              <Kpi
                testId="clv-kpi-with"
                title={t('clv.kpi.withClv')}
                hint={t('clv.kpi.withClvHint', { total: n(data.totals.customers, 0) })}
                value={n(data.totals.withClv, 0)}
              />
            </Col>
            <Col xs={12} lg={6}>
              <Kpi
                testId="clv-kpi-total"
                title={t('clv.kpi.totalClv')}
                hint={t('clv.kpi.totalClvHint', {
                  weeks: data.clvHorizonWeeks,
                  rate: `${n(data.annualDiscountRate * 100, 1)}%`,
                })}
                value={formatMoney(data.totals.totalClv)}
              />
            </Col>
            <Col xs={12} lg={6}>
              <Kpi
                testId="clv-kpi-palive"
                title={t('clv.kpi.meanPAlive')}
                hint={`${t('clv.kpi.meanClv')}: ${data.totals.meanClv ? formatMoney(data.totals.meanClv) : '—'}`}
                value={data.totals.meanPAlive === null ? '—' : `${n(data.totals.meanPAlive * 100, 1)}%`}
              />
            </Col>
            <Col xs={12} lg={6}>
              <Kpi
                testId="clv-kpi-expected"
                title={t('clv.kpi.expected')}
                hint={t('clv.kpi.expectedHint', { weeks: data.expectedPurchasesWeeks })}
                value={n(data.totals.expectedPurchases, 1)}
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('clv.distribution.title')} style={{ height: '100%' }}>
                {data.distribution.length ? (
                  <ClvDistributionChart buckets={data.distribution} />
                ) : (
                  <Empty description={t('clv.distribution.empty')} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Params data={data} />
            </Col>
          </Row>
          <Validation data={data} holdout={holdout} onHoldout={onHoldout} />
          <TopCustomers data={data} />
        </div>
      ) : null}
    </div>
  );
}
