import {
  Card,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { RfmSummary } from '@stratum/contracts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatMoney, todayIn } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useRfmSummary } from '../hooks/useRfm.ts';
import {
  classColor,
  formatCuts,
  formatMoneyNumber,
  formatNumber,
  formatShare,
  isAfterDay,
  orderClasses,
  parseAsOf,
} from '../lib/rfm.ts';
import type { RfmClass } from '../lib/rfm.ts';
import { ClassesChart, RfHeatmap } from './charts.tsx';
import '../segmentation.css';

function Kpi(props: { title: string; hint: string; value: string | number; testId: string }) {
  return (
    <Card size="small" data-testid={props.testId} className="rfm-kpi">
      <Statistic title={props.title} value={props.value} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.hint}
      </Typography.Text>
    </Card>
  );
}

function ClassCard({ c, locale }: { c: RfmClass; locale: string }) {
  const { t } = useTranslation();
  const color = classColor(c.key);
  const none = t('segmentation.rfm.card.none');
  return (
    <Card
      size="small"
      className="rfm-class-card"
      style={{ borderTop: `4px solid ${color}`, height: '100%' }}
      data-testid={`rfm-class-${c.key}`}
      data-count={c.count}
      title={
        <Flex align="center" gap={8}>
          <span className="rfm-dot" style={{ background: color }} />
          <span>{c.label}</span>
        </Flex>
      }
    >
      <Row gutter={[12, 8]}>
        <Col xs={12}>
          <Typography.Text type="secondary" className="rfm-small">
            {t('segmentation.rfm.card.customers')}
          </Typography.Text>
          <div className="rfm-figure" data-testid="rfm-class-count">
            {formatNumber(c.count, locale, 0)}
          </div>
          <Typography.Text type="secondary" className="rfm-small">
            {t('segmentation.rfm.card.share', { share: formatShare(c.share, locale) })}
          </Typography.Text>
        </Col>
        <Col xs={12}>
          <Typography.Text type="secondary" className="rfm-small">
            {t('segmentation.rfm.card.revenue')}
          </Typography.Text>
          <div className="rfm-figure">{formatMoney(c.revenue)}</div>
          <Typography.Text type="secondary" className="rfm-small">
            {t('segmentation.rfm.card.revenueShare', { share: formatShare(c.revenueShare, locale) })}
          </Typography.Text>
        </Col>
      </Row>
      <Descriptions size="small" column={3} layout="vertical" className="rfm-means" colon={false}>
        <Descriptions.Item label={t('segmentation.rfm.card.meanR')}>
          {c.meanRecencyDays === null
            ? none
            : t('segmentation.rfm.card.days', { value: formatNumber(c.meanRecencyDays, locale, 0) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('segmentation.rfm.card.meanF')}>
          {c.meanFrequency === null
            ? none
            : t('segmentation.rfm.card.orders', { value: formatNumber(c.meanFrequency, locale, 1) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('segmentation.rfm.card.meanM')}>
          {c.meanMonetary === null ? none : formatMoneyNumber(c.meanMonetary)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" className="rfm-strategy" style={{ margin: 0 }}>
        <Typography.Text strong type="secondary">
          {t('segmentation.rfm.card.strategy')}
        </Typography.Text>
        {c.strategy}
      </Typography.Paragraph>
    </Card>
  );
}

function HowItWorks({ data, locale }: { data: RfmSummary; locale: string }) {
  const { t } = useTranslation();
  const cuts = formatCuts(data.cuts, locale);
  const rows = [
    {
      key: 'r',
      name: t('segmentation.rfm.method.rName'),
      cuts: cuts.r,
      direction: t('segmentation.rfm.method.rDirection'),
      mean: data.means.r,
    },
    {
      key: 'f',
      name: t('segmentation.rfm.method.fName'),
      cuts: cuts.f,
      direction: t('segmentation.rfm.method.fDirection'),
      mean: data.means.f,
    },
    {
      key: 'm',
      name: t('segmentation.rfm.method.mName'),
      cuts: cuts.m,
      direction: t('segmentation.rfm.method.mDirection'),
      mean: data.means.m,
    },
  ];
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="rfm-method"
      items={[
        {
          key: 'method',
          label: (
            <Flex gap={8} align="center">
              <InfoCircleOutlined />
              {t('segmentation.rfm.method.title')}
            </Flex>
          ),
          children: (
            <>
              <Typography.Paragraph>{t('segmentation.rfm.method.intro')}</Typography.Paragraph>
              <ul className="rfm-method-list">
                <li>{t('segmentation.rfm.method.r')}</li>
                <li>{t('segmentation.rfm.method.f')}</li>
                <li>{t('segmentation.rfm.method.m')}</li>
              </ul>
              <Typography.Paragraph>{t('segmentation.rfm.method.scores')}</Typography.Paragraph>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                scroll={{ x: 'max-content' }}
                dataSource={rows}
                data-testid="rfm-cuts"
                columns={[
                  { title: t('segmentation.rfm.method.dimension'), dataIndex: 'name' },
                  {
                    title: t('segmentation.rfm.method.cuts'),
                    dataIndex: 'cuts',
                    render: (v: string[]) => (v.length ? v.join(' · ') : t('segmentation.rfm.card.none')),
                  },
                  { title: t('segmentation.rfm.method.direction'), dataIndex: 'direction' },
                  {
                    title: t('segmentation.rfm.method.mean'),
                    dataIndex: 'mean',
                    render: (v: number) => formatNumber(v, locale, 2, 2),
                  },
                ]}
              />
            </>
          ),
        },
      ]}
    />
  );
}

/** The RFM dashboard: eight classes of customers, their size and revenue, and the R×F distribution. */
export default function RfmDashboardPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const timeZone = useWorkspaceTimeZone();
  const today = todayIn(timeZone);
  const [search, setSearch] = useSearchParams();
  const picked = parseAsOf(search.get('asOf'));
  const asOf = picked && !isAfterDay(picked, today) ? picked : today;
  const query = useRfmSummary(asOf === today ? undefined : asOf, locale);
  const data = query.data;

  const onPick = (value: Dayjs | null) => {
    const day = value ? value.format('YYYY-MM-DD') : today;
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (day === today) next.delete('asOf');
        else next.set('asOf', day);
        return next;
      },
      { replace: true },
    );
  };

  const classes = data ? orderClasses(data.classes) : [];

  return (
    <div className="rfm-page" data-testid="rfm-page">
      <PageHeader
        title={t('segmentation.rfm.title')}
        subtitle={t('segmentation.rfm.subtitle')}
        extra={
          <Flex vertical align="flex-end" gap={2}>
            <Flex align="center" gap={8}>
              {query.isFetching && data && <Spin size="small" data-testid="rfm-refreshing" />}
              <Typography.Text type="secondary">{t('segmentation.rfm.asOf')}</Typography.Text>
              <DatePicker
                value={dayjs(asOf)}
                onChange={onPick}
                allowClear={false}
                disabledDate={(d) => isAfterDay(d.format('YYYY-MM-DD'), today)}
                data-testid="rfm-as-of"
              />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('segmentation.rfm.asOfHint', { zone: data?.timeZone ?? timeZone })}
            </Typography.Text>
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary" className="rfm-scope" data-testid="rfm-scope-hint">
        <InfoCircleOutlined /> {t('segmentation.rfm.scopeHint')}
      </Typography.Paragraph>

      <QueryErrorAlert
        error={query.isError && !data ? query.error : null}
        onRetry={() => void query.refetch()}
      />

      {query.isPending ? (
        <div data-testid="rfm-loading">
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {[0, 1, 2].map((i) => (
              <Col key={i} xs={24} sm={8}>
                <Card size="small">
                  <Skeleton active paragraph={{ rows: 1 }} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card>
            <Skeleton active paragraph={{ rows: 6 }} />
          </Card>
        </div>
      ) : data ? (
        <div
          style={{
            opacity: query.isFetching && query.isPlaceholderData ? 0.7 : 1,
            transition: 'opacity 0.2s',
          }}
        >
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} sm={8}>
              <Kpi
                testId="rfm-kpi-scored"
                title={t('segmentation.rfm.kpi.scored')}
                hint={t('segmentation.rfm.kpi.scoredHint')}
                value={formatNumber(data.scored, locale, 0)}
              />
            </Col>
            <Col xs={24} sm={8}>
              <Kpi
                testId="rfm-kpi-unscored"
                title={t('segmentation.rfm.kpi.unscored')}
                hint={t('segmentation.rfm.kpi.unscoredHint')}
                value={formatNumber(data.unscored, locale, 0)}
              />
            </Col>
            <Col xs={24} sm={8}>
              <Kpi
                testId="rfm-kpi-revenue"
                title={t('segmentation.rfm.kpi.revenue')}
                hint={t('segmentation.rfm.kpi.revenueHint')}
                value={formatMoney(data.revenue)}
              />
            </Col>
          </Row>

          {data.scored === 0 ? (
            <Card data-testid="rfm-empty">
              <Empty
                description={
                  <Flex vertical gap={4} align="center">
                    <Typography.Text strong>{t('segmentation.rfm.empty.title')}</Typography.Text>
                    <Typography.Text type="secondary" style={{ maxWidth: 520 }}>
                      {t('segmentation.rfm.empty.description')}
                    </Typography.Text>
                  </Flex>
                }
              />
            </Card>
          ) : (
            <>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('segmentation.rfm.classes')}
              </Typography.Title>
              <Row gutter={[16, 16]} data-testid="rfm-classes">
                {classes.map((c) => (
                  <Col key={c.key} xs={24} md={12}>
                    <ClassCard c={c} locale={locale} />
                  </Col>
                ))}
              </Row>
              <Row gutter={[16, 16]} style={{ marginTop: 16, marginBottom: 16 }}>
                <Col xs={24} xl={12}>
                  <Card
                    size="small"
                    title={t('segmentation.rfm.chart.classesTitle')}
                    data-testid="rfm-chart-classes"
                    style={{ height: '100%' }}
                  >
                    <ClassesChart classes={classes} locale={locale} />
                  </Card>
                </Col>
                <Col xs={24} xl={12}>
                  <Card
                    size="small"
                    title={t('segmentation.rfm.chart.heatmapTitle')}
                    data-testid="rfm-heatmap"
                    style={{ height: '100%' }}
                  >
                    <Typography.Text type="secondary" className="rfm-small">
                      {t('segmentation.rfm.chart.heatmapHint')}
                    </Typography.Text>
                    <RfHeatmap heatmap={data.heatmap} />
                  </Card>
                </Col>
              </Row>
              <HowItWorks data={data} locale={locale} />
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
