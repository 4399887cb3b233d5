import { useState } from 'react';
import {
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { NpsGroup } from '@stratum/contracts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { useSession } from '../../auth/session.ts';
import type { DashboardFilters } from '../../analytics/api-dashboards.ts';
import { DashboardCard, type CardSpec } from '../../analytics/components/DashboardCard.tsx';
import { DashboardFiltersBar } from '../../analytics/components/DashboardFiltersBar.tsx';
import { formatRate } from '../../pipeline/lib/board.ts';
import { useSchemeOptions } from '../../segmentation/hooks/useSchemes.ts';
import { npsApi } from '../api.ts';
import { useNpsResults } from '../hooks/useNps.ts';
import { CATEGORY_COLOR, formatNps, npsColor } from '../lib/nps.ts';
import { DistributionChart, GroupsChart } from './NpsCharts.tsx';

const P = 'nps.page';

function GroupsTable({ groups, testId }: { groups: NpsGroup[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Table<NpsGroup>
      size="small"
      rowKey="key"
      dataSource={groups}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      columns={[
        { key: 'name', title: t(`${P}.table.group`), dataIndex: 'name' },
        {
          key: 'nps',
          title: t(`${P}.table.nps`),
          align: 'right',
          render: (_, g) => (
            <span style={{ color: npsColor(g.nps), fontWeight: 600 }}>{formatNps(g.nps, locale)}</span>
          ),
        },
        { key: 'responses', title: t(`${P}.table.responses`), dataIndex: 'responses', align: 'right' },
        { key: 'promoters', title: t(`${P}.table.promoters`), dataIndex: 'promoters', align: 'right' },
        { key: 'passives', title: t(`${P}.table.passives`), dataIndex: 'passives', align: 'right' },
        { key: 'detractors', title: t(`${P}.table.detractors`), dataIndex: 'detractors', align: 'right' },
        { key: 'sent', title: t(`${P}.table.sent`), dataIndex: 'sent', align: 'right' },
        {
          key: 'rate',
          title: t(`${P}.table.rate`),
          align: 'right',
          render: (_, g) => formatRate(g.responseRate, locale),
        },
      ]}
    />
  );
}

/** NPS 分析: the score, its distribution, NPS by segment and by tier, over the caller's customers. */
export default function NpsPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const locale = i18n.language;
  const [filters, setFilters] = useState<DashboardFilters>({});
  const { options: schemeOptions, isLoading: schemesLoading } = useSchemeOptions();
  const [picked, setPicked] = useState<string>();
  const scheme = picked ?? schemeOptions[0]?.value;
  const params = { ...filters, scheme };
  const query = useNpsResults(params);
  const data = query.data;
  const loading = query.isLoading || schemesLoading;
  const s = data?.summary;
  const nothing = !!data && data.summary.responses === 0 && data.summary.sent === 0;
  const segmentGroups = (data?.bySegment ?? []).filter((g) => g.responses > 0);
  // A chart card of this page: its test ids and PNG name, the page's figures as xlsx; errors show above.
  const card = (id: string) => ({
    spec: {
      testId: `nps-card-${id}`,
      testIdPrefix: `nps-${id}`,
      fileName: `nps-${id}`,
      i18n: 'nps.page',
      exportXlsx: () => npsApi.exportXlsx(params),
    } satisfies CardSpec,
    params,
    query: { isLoading: query.isLoading, error: null, refetch: query.refetch },
  });

  return (
    <div>
      <PageHeader title={t(`${P}.title`)} subtitle={t(`${P}.subtitle`)} />
      <Flex vertical gap={16}>
        <DashboardFiltersBar value={filters} onChange={setFilters} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`${P}.scopeHint`, { zone: me.workspace.timeZone })}
        </Typography.Text>
        <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        {loading && !data ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : nothing ? (
          <Card>
            <Empty description={t(`${P}.empty`)} data-testid="nps-empty" />
          </Card>
        ) : data && s ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Card size="small" data-testid="nps-kpi-score">
                  <Statistic
                    title={t(`${P}.nps`)}
                    value={formatNps(s.nps, locale)}
                    valueStyle={{ color: npsColor(s.nps), fontSize: 36, fontWeight: 600 }}
                  />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card size="small" data-testid="nps-kpi-responses">
                  <Statistic title={t(`${P}.responses`)} value={s.responses} />
                  <Tooltip
                    title={`${t('nps.category.promoter')} ${s.promoters} · ${t('nps.category.passive')} ${s.passives} · ${t('nps.category.detractor')} ${s.detractors}`}
                  >
                    <Progress
                      percent={s.responses ? ((s.promoters + s.passives) / s.responses) * 100 : 0}
                      success={{
                        percent: s.responses ? (s.promoters / s.responses) * 100 : 0,
                        strokeColor: CATEGORY_COLOR.promoter,
                      }}
                      strokeColor={CATEGORY_COLOR.passive}
                      trailColor={s.responses ? CATEGORY_COLOR.detractor : undefined}
                      showInfo={false}
                      size="small"
                    />
                  </Tooltip>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('nps.category.promoter')} {s.promoters} · {t('nps.category.passive')} {s.passives} ·{' '}
                    {t('nps.category.detractor')} {s.detractors}
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card size="small" data-testid="nps-kpi-rate">
                  <Statistic title={t(`${P}.responseRate`)} value={formatRate(s.responseRate, locale)} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`${P}.responseRateHint`, { answered: s.answered, sent: s.sent })}
                  </Typography.Text>
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <DashboardCard
                  {...card('distribution')}
                  title={t(`${P}.distribution.title`)}
                  hint={t(`${P}.distribution.hint`)}
                  empty={s.responses === 0 ? t(`${P}.empty`) : null}
                  renderChart={(ref) => <DistributionChart data={data} chartRef={ref} />}
                  table={
                    <Table
                      size="small"
                      rowKey="score"
                      pagination={false}
                      dataSource={data.distribution}
                      columns={[
                        { key: 'score', title: t(`${P}.distribution.score`), dataIndex: 'score' },
                        {
                          key: 'count',
                          title: t(`${P}.distribution.customers`),
                          dataIndex: 'count',
                          align: 'right',
                        },
                      ]}
                    />
                  }
                />
              </Col>
              <Col xs={24} xl={12}>
                <DashboardCard
                  {...card('segments')}
                  title={t(`${P}.bySegment.title`)}
                  hint={t(`${P}.bySegment.hint`)}
                  empty={segmentGroups.length === 0 ? t(`${P}.bySegment.empty`) : null}
                  renderChart={(ref) => (
                    <GroupsChart groups={segmentGroups} chartRef={ref} testId="chart-nps-segments" />
                  )}
                  table={<GroupsTable groups={data.bySegment} testId="nps-segments-table" />}
                />
              </Col>
              <Col xs={24}>
                <DashboardCard
                  {...card('tiers')}
                  title={t(`${P}.byTier.title`)}
                  hint={t(`${P}.byTier.hint`)}
                  controls={
                    <Select
                      size="small"
                      value={scheme}
                      onChange={setPicked}
                      options={schemeOptions}
                      style={{ minWidth: 140 }}
                      aria-label={t(`${P}.scheme`)}
                      data-testid="nps-tier-scheme"
                    />
                  }
                  empty={data.byTier.length === 0 ? t(`${P}.empty`) : null}
                  renderChart={(ref) => (
                    <GroupsChart groups={data.byTier} chartRef={ref} testId="chart-nps-tiers" />
                  )}
                  table={<GroupsTable groups={data.byTier} testId="nps-tiers-table" />}
                />
              </Col>
            </Row>
          </>
        ) : null}
      </Flex>
    </div>
  );
}
