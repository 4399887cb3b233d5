import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { InfoCircleOutlined, PlayCircleOutlined, SaveOutlined } from '@ant-design/icons';
import type { Segment } from '@stratum/contracts';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatMoney } from '../../../app/format.ts';
import { usePermissions } from '../../auth/session.ts';
import { TeamSelect } from '../../teams/components/TeamSelect.tsx';
import {
  CLUSTER_FIELDS,
  MAX_EXTRA_FIELDS,
  type ClusterParams,
  type ClusterSummary,
  type ClustersResult,
} from '../api-clusters.ts';
import { useClusters } from '../hooks/useClusters.ts';
import { ClusterCompareChart, clusterColor, SilhouetteChart, useWords } from './ClustersCharts.tsx';
import { ClustersSaveModal } from './ClustersSaveModal.tsx';

const K_CHOICES = [2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

interface Settings {
  k: 'auto' | number;
  fields: string[];
  asOf?: string;
  owner: 'all' | 'me';
  teamId?: string;
}

function toParams(s: Settings): ClusterParams {
  return {
    ...(s.k === 'auto' ? {} : { k: s.k }),
    fields: s.fields,
    ...(s.asOf ? { asOf: s.asOf } : {}),
    ...(s.owner === 'me' ? { ownerId: 'me' } : {}),
    ...(s.teamId ? { teamId: s.teamId } : {}),
  };
}

function useNumber() {
  const { i18n } = useTranslation();
  return (v: number | null | undefined, digits = 2) =>
    v === null || v === undefined || !Number.isFinite(v)
      ? '—'
      : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(v);
}

function SettingsBar(props: {
  value: Settings;
  onChange: (next: Settings) => void;
  onRun: () => void;
  running: boolean;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { value } = props;
  const set = (patch: Partial<Settings>) => props.onChange({ ...value, ...patch });
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="clusters-settings">
      <Flex gap={12} wrap align="flex-end">
        <Space direction="vertical" size={2}>
          <Typography.Text type="secondary">{t('analytics.clusters.form.k')}</Typography.Text>
          <Select
            value={value.k}
            onChange={(k: 'auto' | number) => set({ k })}
            style={{ width: 190 }}
            aria-label={t('analytics.clusters.form.k')}
            data-testid="clusters-k"
            options={[
              { value: 'auto', label: t('analytics.clusters.form.kAuto') },
              ...K_CHOICES.map((k) => ({ value: k, label: t('analytics.clusters.form.kFixed', { k }) })),
            ]}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <Typography.Text type="secondary">
            {t('analytics.clusters.form.fields')}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ({t('analytics.clusters.form.fieldsHint', { max: MAX_EXTRA_FIELDS })})
            </Typography.Text>
          </Typography.Text>
          <Select
            mode="multiple"
            allowClear
            value={value.fields}
            onChange={(fields: string[]) => set({ fields: fields.slice(0, MAX_EXTRA_FIELDS) })}
            placeholder={t('analytics.clusters.form.fieldsPlaceholder')}
            style={{ minWidth: 280, maxWidth: 520 }}
            maxCount={MAX_EXTRA_FIELDS}
            optionFilterProp="label"
            aria-label={t('analytics.clusters.form.fields')}
            data-testid="clusters-fields"
            options={CLUSTER_FIELDS.map((f) => ({ value: f, label: t(`analytics.clusters.fields.${f}`) }))}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <Typography.Text type="secondary">{t('analytics.clusters.form.asOf')}</Typography.Text>
          <DatePicker
            value={value.asOf ? dayjs(value.asOf) : null}
            onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            placeholder={t('analytics.clusters.form.asOfToday')}
            aria-label={t('analytics.clusters.form.asOf')}
            data-testid="clusters-as-of"
          />
        </Space>
        <Space direction="vertical" size={2}>
          <Typography.Text type="secondary">{t('analytics.clusters.form.owner')}</Typography.Text>
          <Select
            value={value.owner}
            onChange={(owner: 'all' | 'me') => set({ owner })}
            style={{ width: 130 }}
            aria-label={t('analytics.clusters.form.owner')}
            data-testid="clusters-owner"
            options={[
              { value: 'all', label: t('analytics.clusters.form.ownerAll') },
              { value: 'me', label: t('analytics.clusters.form.ownerMe') },
            ]}
          />
        </Space>
        {can('teams.read') && (
          <Space direction="vertical" size={2}>
            <Typography.Text type="secondary">{t('analytics.clusters.form.team')}</Typography.Text>
            <TeamSelect
              value={value.teamId ?? null}
              onChange={(teamId) => set({ teamId: teamId ?? undefined })}
              placeholder={t('analytics.clusters.form.allTeams')}
              style={{ width: 150 }}
              aria-label={t('analytics.clusters.form.team')}
              data-testid="clusters-team"
            />
          </Space>
        )}
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={props.running}
          onClick={props.onRun}
          data-testid="clusters-run"
        >
          {t('analytics.clusters.form.run')}
        </Button>
      </Flex>
    </Card>
  );
}

function Kpi(props: { title: string; value: string; hint?: string; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={props.testId}>
      <Statistic title={props.title} value={props.value} />
      {props.hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {props.hint}
        </Typography.Text>
      )}
    </Card>
  );
}

function ClusterTable(props: {
  data: ClustersResult;
  saved: Record<number, Segment>;
  onSave: (c: ClusterSummary) => void;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const n = useNumber();
  const words = useWords();
  const { data } = props;
  const pct = (v: number) => `${n(v * 100, 1)}%`;
  const extras = data.features.slice(3);
  const columns: ColumnsType<ClusterSummary> = [
    {
      title: t('analytics.clusters.table.cluster'),
      dataIndex: 'index',
      render: (i: number) => (
        <Flex align="center" gap={6} style={{ whiteSpace: 'nowrap' }}>
          <span
            style={{ width: 10, height: 10, borderRadius: 5, background: clusterColor(i), flex: 'none' }}
          />
          {t('analytics.clusters.table.clusterName', { n: i + 1 })}
        </Flex>
      ),
    },
    {
      title: t('analytics.clusters.table.description'),
      key: 'description',
      render: (_, c) => <Typography.Text strong>{words(c.description)}</Typography.Text>,
    },
    {
      title: t('analytics.clusters.table.size'),
      dataIndex: 'size',
      align: 'right',
      render: (size: number, c) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {n(size, 0)} <Typography.Text type="secondary">({pct(c.sizeShare)})</Typography.Text>
        </span>
      ),
    },
    {
      title: t('analytics.clusters.table.revenueShare'),
      dataIndex: 'revenueShare',
      align: 'right',
      render: (v: number) => pct(v),
    },
    {
      title: t('analytics.clusters.table.revenue'),
      dataIndex: 'revenue',
      align: 'right',
      render: (v: string) => formatMoney(v),
    },
    {
      title: t('analytics.clusters.table.recency'),
      key: 'recency',
      align: 'right',
      render: (_, c) => n(c.means.recencyDays, 1),
    },
    {
      title: t('analytics.clusters.table.frequency'),
      key: 'frequency',
      align: 'right',
      render: (_, c) => n(c.means.frequency, 1),
    },
    {
      title: t('analytics.clusters.table.monetary'),
      key: 'monetary',
      align: 'right',
      render: (_, c) => formatMoney((c.means.monetary ?? 0).toFixed(2)),
    },
    ...extras.map((f) => ({
      title: t(`analytics.clusters.fields.${f.key}`, { defaultValue: words(f.label) }),
      key: `x-${f.key}`,
      align: 'right' as const,
      render: (_: unknown, c: ClusterSummary) => n(c.means[f.key], 2),
    })),
  ];
  if (can('segments.manage'))
    columns.push({
      title: t('analytics.clusters.table.actions'),
      key: 'actions',
      render: (_, c) => {
        const segment = props.saved[c.index];
        return segment ? (
          <Link to={`/segmentation/segments/${segment.id}`} data-testid={`clusters-segment-${c.index}`}>
            {t('analytics.clusters.table.saved', { name: segment.name })}
          </Link>
        ) : (
          <Button
            size="small"
            icon={<SaveOutlined />}
            onClick={() => props.onSave(c)}
            data-testid={`clusters-save-${c.index}`}
          >
            {t('analytics.clusters.table.save')}
          </Button>
        );
      },
    });
  return (
    <Card size="small" title={t('analytics.clusters.table.title')}>
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.clusters}
        columns={columns}
        data-testid="clusters-table"
      />
    </Card>
  );
}

/** One run's result; remounted for each run (key), so segments saved from it are forgotten with it. */
function Results({ data }: { data: ClustersResult }) {
  const { t } = useTranslation();
  const n = useNumber();
  const [saving, setSaving] = useState<ClusterSummary | null>(null);
  const [saved, setSaved] = useState<Record<number, Segment>>({});

  if (data.status === 'too_few_customers')
    return (
      <Card data-testid="clusters-empty">
        <Empty
          description={
            <Space direction="vertical" size={4}>
              <Typography.Text strong>{t('analytics.clusters.empty.title')}</Typography.Text>
              <Typography.Text type="secondary">
                {t('analytics.clusters.empty.description', { min: data.minCustomers, n: data.customers })}
              </Typography.Text>
              {data.skipped > 0 && (
                <Typography.Text type="secondary">
                  {t('analytics.clusters.empty.skipped', { n: data.skipped })}
                </Typography.Text>
              )}
            </Space>
          }
        />
      </Card>
    );

  const chosen = data.silhouettes.find((s) => s.k === data.k)?.silhouette;
  return (
    <div data-testid="clusters-results">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8}>
          <Kpi
            testId="clusters-kpi-customers"
            title={t('analytics.clusters.summary.customers')}
            value={n(data.customers, 0)}
            hint={t('analytics.clusters.summary.asOf', { day: data.asOf })}
          />
        </Col>
        <Col xs={12} sm={8}>
          <Kpi
            testId="clusters-kpi-k"
            title={t('analytics.clusters.summary.k')}
            value={String(data.k)}
            hint={
              data.kSource === 'silhouette'
                ? t('analytics.clusters.summary.kAuto')
                : t('analytics.clusters.summary.kOverride')
            }
          />
        </Col>
        <Col xs={12} sm={8}>
          <Kpi
            testId="clusters-kpi-silhouette"
            title={t('analytics.clusters.summary.silhouette')}
            value={n(chosen, 3)}
            hint={t('analytics.clusters.summary.silhouetteHint')}
          />
        </Col>
      </Row>
      {data.sampled && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('analytics.clusters.summary.sampled', {
            n: n(data.fittedOn, 0),
            total: n(data.customers, 0),
          })}
        />
      )}
      {data.skipped > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('analytics.clusters.summary.skipped', { n: data.skipped })}
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('analytics.clusters.silhouette.title')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('analytics.clusters.silhouette.hint')}
            </Typography.Paragraph>
            <SilhouetteChart data={data} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('analytics.clusters.compare.title')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('analytics.clusters.compare.hint')}
            </Typography.Paragraph>
            <ClusterCompareChart data={data} />
          </Card>
        </Col>
      </Row>
      <ClusterTable data={data} saved={saved} onSave={setSaving} />
      <ClustersSaveModal
        data={data}
        cluster={saving}
        onClose={() => setSaving(null)}
        onSaved={(c, segment) => setSaved((prev) => ({ ...prev, [c.index]: segment }))}
      />
    </div>
  );
}

/** `/analytics/clusters`: AI 自动分群 — run k-means over your customers and save a cluster as a segment. */
export default function ClustersPage() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<Settings>({ k: 'auto', fields: [], owner: 'all' });
  const [submitted, setSubmitted] = useState<ClusterParams | null>(null);
  const query = useClusters(submitted);
  const data = query.data;
  const runKey = JSON.stringify(submitted);

  const run = () => {
    const next = toParams(settings);
    if (JSON.stringify(next) === runKey) void query.refetch();
    else setSubmitted(next);
  };

  return (
    <div data-testid="clusters-page">
      <PageHeader title={t('analytics.clusters.title')} subtitle={t('analytics.clusters.subtitle')} />
      <Typography.Paragraph type="secondary">
        <InfoCircleOutlined /> {t('analytics.clusters.scopeHint')}
      </Typography.Paragraph>
      <SettingsBar value={settings} onChange={setSettings} onRun={run} running={query.isFetching} />
      <QueryErrorAlert error={query.isError ? query.error : null} onRetry={() => void query.refetch()} />
      {submitted === null ? (
        <Card>
          <Empty description={t('analytics.clusters.intro')} data-testid="clusters-intro" />
        </Card>
      ) : query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : data ? (
        <div style={{ opacity: query.isFetching ? 0.6 : 1 }}>
          <Results key={runKey} data={data} />
        </div>
      ) : null}
    </div>
  );
}
