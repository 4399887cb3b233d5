import { useState } from 'react';
import { Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  Cohorts,
  Conversion,
  Pareto,
  Retention,
  SegmentDistribution,
  TierDistribution,
} from '@stratum/contracts';
import { SEGMENT_DISTRIBUTION_MAX } from '@stratum/contracts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { formatMoney } from '../../../app/format.ts';
import { useSession } from '../../auth/session.ts';
import { formatRate } from '../../pipeline/lib/board.ts';
import { useSchemeOptions } from '../../segmentation/hooks/useSchemes.ts';
import { useSegments } from '../../segmentation/hooks/useSegments.ts';
import type { DashboardFilters } from '../api-dashboards.ts';
import {
  useCohorts,
  useConversion,
  usePareto,
  useRetention,
  useSegmentDistribution,
  useTierDistribution,
} from '../hooks/useDashboards.ts';
import { DashboardCard } from './DashboardCard.tsx';
import {
  CohortHeatmap,
  ConversionChart,
  ParetoChart,
  RetentionChart,
  SegmentDistributionChart,
  TierDistributionChart,
} from './DashboardCharts.tsx';
import { DashboardFiltersBar } from './DashboardFiltersBar.tsx';

const P = 'analytics.dashboards';

/** 分析看板: six dashboards over the caller's customers, one filter bar for all. */
export default function DashboardsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [filters, setFilters] = useState<DashboardFilters>({});
  const schemes = useSchemeOptions();
  const schemeOptions = schemes.options;
  const [tierScheme, setTierScheme] = useState<string>();
  const [conversionBy, setConversionBy] = useState<string>('segment');
  const scheme = tierScheme ?? schemeOptions[0]?.value;
  const conversionParams =
    conversionBy === 'segment'
      ? ({ by: 'segment' } as const)
      : ({ by: 'scheme', scheme: conversionBy } as const);

  const tiers = useTierDistribution({ ...filters, scheme });
  const pareto = usePareto(filters);
  const retention = useRetention(filters);
  const cohorts = useCohorts(filters);
  const conversion = useConversion({ ...filters, ...conversionParams });
  const segmentList = useSegments(undefined);
  const [chosenSegments, setChosenSegments] = useState<string[]>([]);
  const segmentParams = chosenSegments.length > 0 ? { segments: chosenSegments.join(',') } : {};
  const segmentDist = useSegmentDistribution({ ...filters, ...segmentParams });
  const schemePicker = (
    <Select
      size="small"
      value={scheme}
      onChange={setTierScheme}
      options={schemeOptions}
      style={{ minWidth: 140 }}
      aria-label={t(`${P}.tiers.scheme`)}
      data-testid="dashboard-tier-scheme"
    />
  );

  return (
    <div>
      <PageHeader title={t(`${P}.title`)} subtitle={t(`${P}.subtitle`)} />
      <Flex vertical gap={16}>
        <DashboardFiltersBar value={filters} onChange={setFilters} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`${P}.scopeHint`)} {t(`${P}.periodHint`, { zone: me.workspace.timeZone })}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <DashboardCard
              chart="tier-distribution"
              title={t(`${P}.tiers.title`)}
              hint={t(`${P}.tiers.hint`)}
              params={{ ...filters, scheme }}
              controls={schemePicker}
              query={{ ...tiers, isLoading: tiers.isLoading || schemes.isLoading }}
              empty={
                tiers.data && tiers.data.points.every((p) => p.total === 0) ? t(`${P}.empty.noData`) : null
              }
              summary={
                tiers.data?.points.every((p) => p.id === 'current') && (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ fontSize: 12 }}
                    data-testid="tiers-no-snapshots"
                  >
                    {t(`${P}.empty.noSnapshots`)}
                  </Typography.Paragraph>
                )
              }
              renderChart={(ref) => tiers.data && <TierDistributionChart data={tiers.data} chartRef={ref} />}
              table={tiers.data && <TierTable data={tiers.data} />}
            />
          </Col>
          <Col xs={24} xl={12}>
            <DashboardCard
              chart="pareto"
              title={t(`${P}.pareto.title`)}
              hint={t(`${P}.pareto.hint`)}
              params={filters}
              query={pareto}
              empty={pareto.data && pareto.data.customers === 0 ? t(`${P}.empty.noData`) : null}
              summary={pareto.data && <ParetoSummary data={pareto.data} />}
              renderChart={(ref) => pareto.data && <ParetoChart data={pareto.data} chartRef={ref} />}
              table={pareto.data && <ParetoTable data={pareto.data} />}
            />
          </Col>
          <Col xs={24} xl={12}>
            <DashboardCard
              chart="retention"
              title={t(`${P}.retention.title`)}
              hint={t(`${P}.retention.hint`)}
              params={filters}
              query={retention}
              empty={
                retention.data && retention.data.months.every((m) => m.base === 0)
                  ? t(`${P}.empty.noData`)
                  : null
              }
              renderChart={(ref) => retention.data && <RetentionChart data={retention.data} chartRef={ref} />}
              table={retention.data && <RetentionTable data={retention.data} />}
            />
          </Col>
          <Col xs={24} xl={12}>
            <DashboardCard
              chart="cohorts"
              title={t(`${P}.cohorts.title`)}
              hint={t(`${P}.cohorts.hint`)}
              params={filters}
              query={cohorts}
              empty={cohorts.data && cohorts.data.cohorts.length === 0 ? t(`${P}.empty.noData`) : null}
              renderChart={(ref) => cohorts.data && <CohortHeatmap data={cohorts.data} chartRef={ref} />}
              table={cohorts.data && <CohortTable data={cohorts.data} />}
            />
          </Col>
          <Col xs={24}>
            <DashboardCard
              chart="conversion"
              title={t(`${P}.conversion.title`)}
              hint={t(`${P}.conversion.hint`)}
              params={{ ...filters, ...conversionParams }}
              controls={
                <Select
                  size="small"
                  value={conversionBy}
                  onChange={setConversionBy}
                  options={[
                    { value: 'segment', label: t(`${P}.conversion.bySegment`) },
                    ...schemeOptions.map((o) => ({
                      value: o.value,
                      label: t(`${P}.conversion.byScheme`, { scheme: o.label }),
                    })),
                  ]}
                  style={{ minWidth: 140 }}
                  aria-label={t(`${P}.conversion.by`)}
                  data-testid="dashboard-conversion-by"
                />
              }
              query={conversion}
              empty={
                conversion.data && conversion.data.groups.length === 0
                  ? t(conversionBy === 'segment' ? `${P}.empty.noSegments` : `${P}.empty.noData`)
                  : conversion.data?.groups.every((g) => g.members === 0)
                    ? t(`${P}.empty.noData`)
                    : null
              }
              renderChart={(ref) =>
                conversion.data && <ConversionChart data={conversion.data} chartRef={ref} />
              }
              table={conversion.data && <ConversionTable data={conversion.data} />}
            />
          </Col>
          <Col xs={24}>
            <DashboardCard
              chart="segment-distribution"
              title={t(`${P}.segments.title`)}
              hint={t(`${P}.segments.hint`, { max: SEGMENT_DISTRIBUTION_MAX })}
              params={{ ...filters, ...segmentParams }}
              controls={
                <Select
                  size="small"
                  mode="multiple"
                  allowClear
                  maxCount={SEGMENT_DISTRIBUTION_MAX}
                  maxTagCount="responsive"
                  value={chosenSegments}
                  onChange={setChosenSegments}
                  placeholder={t(`${P}.segments.largest`, { max: SEGMENT_DISTRIBUTION_MAX })}
                  options={(segmentList.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  optionFilterProp="label"
                  style={{ minWidth: 220, maxWidth: 360 }}
                  aria-label={t(`${P}.segments.pick`)}
                  data-testid="dashboard-segment-picker"
                />
              }
              query={segmentDist}
              empty={
                segmentDist.data && segmentDist.data.segments.length === 0
                  ? t(`${P}.empty.noSegments`)
                  : segmentDist.data && segmentDist.data.points.length === 0
                    ? t(`${P}.empty.noData`)
                    : null
              }
              summary={
                segmentDist.data?.truncated && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                    {t(`${P}.segments.truncated`, { max: SEGMENT_DISTRIBUTION_MAX })}
                  </Typography.Paragraph>
                )
              }
              renderChart={(ref) =>
                segmentDist.data && <SegmentDistributionChart data={segmentDist.data} chartRef={ref} />
              }
              table={segmentDist.data && <SegmentTable data={segmentDist.data} />}
            />
          </Col>
        </Row>
      </Flex>
    </div>
  );
}

function ParetoSummary({ data }: { data: Pareto }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex gap={24} wrap style={{ marginBottom: 8 }}>
      <Statistic
        title={t(`${P}.pareto.top20`)}
        value={formatRate(data.top20Share, i18n.language)}
        valueStyle={{ color: '#cf1322', fontSize: 20 }}
        data-testid="pareto-top20"
      />
      <Statistic title={t(`${P}.pareto.customers`)} value={data.customers} valueStyle={{ fontSize: 20 }} />
      <Statistic
        title={t(`${P}.pareto.revenue`)}
        value={formatMoney(data.revenue)}
        valueStyle={{ fontSize: 20 }}
      />
    </Flex>
  );
}

/**
 * Customers per group (tier or segment) at each point in time, a column a group; `total` adds the
 * points' totals.
 */
function DistributionTable<
  Point extends { id: string; label: string; asOf: string; counts: Record<string, number> },
>({
  points,
  groups,
  pointTitle,
  total,
}: {
  points: Point[];
  groups: { key: string; name: string }[];
  pointTitle: string;
  total?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={points}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'label', title: pointTitle, dataIndex: 'label', fixed: 'left' },
        { key: 'asOf', title: t(`${P}.tiers.asOf`), dataIndex: 'asOf' },
        ...groups.map((g) => ({
          key: g.key,
          title: g.name,
          align: 'right' as const,
          render: (_: unknown, p: Point) => p.counts[g.key] ?? 0,
        })),
        ...(total === undefined
          ? []
          : [{ key: 'total', title: total, dataIndex: 'total', align: 'right' as const }]),
      ]}
    />
  );
}

function TierTable({ data }: { data: TierDistribution }) {
  const { t } = useTranslation();
  return (
    <DistributionTable
      points={data.points}
      groups={data.tiers}
      pointTitle={t(`${P}.tiers.point`)}
      total={t(`${P}.tiers.total`)}
    />
  );
}

function SegmentTable({ data }: { data: SegmentDistribution }) {
  const { t } = useTranslation();
  return (
    <DistributionTable
      points={data.points}
      groups={data.segments.map((seg) => ({ key: seg.id, name: seg.name }))}
      pointTitle={t(`${P}.segments.point`)}
    />
  );
}

function ParetoTable({ data }: { data: Pareto }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Table
      size="small"
      rowKey="band"
      dataSource={data.deciles}
      pagination={false}
      columns={[
        {
          key: 'band',
          title: t(`${P}.pareto.band`),
          render: (_, b) => `${(b.band - 1) * 10}–${b.band * 10}%`,
        },
        { key: 'customers', title: t(`${P}.pareto.bandCustomers`), dataIndex: 'customers', align: 'right' },
        {
          key: 'revenue',
          title: t(`${P}.pareto.bandRevenue`),
          align: 'right',
          render: (_, b) => formatMoney(b.revenue),
        },
        {
          key: 'share',
          title: t(`${P}.pareto.bandShare`),
          align: 'right',
          render: (_, b) => formatRate(b.share, locale),
        },
        {
          key: 'cumulative',
          title: t(`${P}.pareto.cumulativeShare`),
          align: 'right',
          render: (_, b) => formatRate(b.cumulativeShare, locale),
        },
      ]}
    />
  );
}

function RetentionTable({ data }: { data: Retention }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Table
      size="small"
      rowKey="month"
      dataSource={data.months}
      pagination={false}
      columns={[
        { key: 'month', title: t(`${P}.retention.month`), dataIndex: 'month' },
        { key: 'base', title: t(`${P}.retention.base`), dataIndex: 'base', align: 'right' },
        { key: 'retained', title: t(`${P}.retention.retained`), dataIndex: 'retained', align: 'right' },
        { key: 'churned', title: t(`${P}.retention.churned`), dataIndex: 'churned', align: 'right' },
        {
          key: 'retentionRate',
          title: t(`${P}.retention.retentionRate`),
          align: 'right',
          render: (_, m) => formatRate(m.retentionRate, locale),
        },
        {
          key: 'churnRate',
          title: t(`${P}.retention.churnRate`),
          align: 'right',
          render: (_, m) => formatRate(m.churnRate, locale),
        },
      ]}
    />
  );
}

function CohortTable({ data }: { data: Cohorts }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const offsets = data.cohorts[0]?.cells.map((c) => c.offset) ?? [];
  return (
    <Table
      size="small"
      rowKey="month"
      dataSource={data.cohorts}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'month', title: t(`${P}.cohorts.cohort`), dataIndex: 'month', fixed: 'left' },
        { key: 'size', title: t(`${P}.cohorts.size`), dataIndex: 'size', align: 'right' },
        ...offsets.map((o) => ({
          key: `m${o}`,
          title: t(`${P}.cohorts.offset`, { n: o }),
          align: 'right' as const,
          render: (_: unknown, c: Cohorts['cohorts'][number]) => {
            const cell = c.cells[o];
            return cell && cell.rate !== null ? formatRate(cell.rate, locale) : '';
          },
        })),
      ]}
    />
  );
}

function ConversionTable({ data }: { data: Conversion }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={data.groups}
      pagination={data.groups.length > 20 ? { pageSize: 20 } : false}
      columns={[
        { key: 'name', title: t(`${P}.conversion.group`), dataIndex: 'name' },
        { key: 'members', title: t(`${P}.conversion.members`), dataIndex: 'members', align: 'right' },
        { key: 'converted', title: t(`${P}.conversion.converted`), dataIndex: 'converted', align: 'right' },
        {
          key: 'rate',
          title: t(`${P}.conversion.rate`),
          align: 'right',
          render: (_, g) => formatRate(g.rate, locale),
        },
      ]}
    />
  );
}
