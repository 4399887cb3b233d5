import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import type { Migration, Snapshot } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ScopeFiltersBar, type ScopeFilters } from '../../../app/components/ScopeFiltersBar.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime, formatMoney } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { DashboardCard, type CardSpec } from '../../analytics/components/DashboardCard.tsx';
import { usePermissions } from '../../auth/session.ts';
import { schemesApi, type MigrationParams } from '../api-schemes.ts';
import { useSchemes } from '../hooks/useSchemes.ts';
import { useCreateSnapshot, useDeleteSnapshot, useMigration, useSnapshots } from '../hooks/useSnapshots.ts';
import { formatNumber, formatShare } from '../lib/rfm.ts';
import { localName, migrationMatrix } from '../lib/schemes.ts';
import { MigrationSankey } from './MigrationSankey.tsx';
import '../segmentation.css';

const CURRENT = 'current';
const money = (n: number) => formatMoney(n.toFixed(2));

function SnapshotModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const create = useCreateSnapshot();
  const [label, setLabel] = useState('');
  return (
    <Modal
      open={open}
      title={t('segmentation.migration.takeSnapshot')}
      onCancel={onClose}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ ...({ 'data-testid': 'snapshot-confirm' } as object) }}
      destroyOnHidden
      onOk={() =>
        create.mutate(label.trim() || undefined, {
          onSuccess: (s) => {
            void message.success(t('segmentation.migration.snapshotTaken', { label: s.label }));
            setLabel('');
            onClose();
          },
          onError: (err) => handleError(err),
        })
      }
    >
      <Typography.Text type="secondary">{t('segmentation.migration.snapshotLabel')}</Typography.Text>
      <Input
        value={label}
        maxLength={80}
        onChange={(e) => setLabel(e.target.value)}
        placeholder={t('segmentation.migration.snapshotLabelHint')}
        data-testid="snapshot-label"
      />
    </Modal>
  );
}

function MatrixTable({ migration }: { migration: Migration }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const m = migrationMatrix(migration);
  const cell = (c: { count: number; revenue: number }, className?: string, testId?: string, key?: string) => (
    <td key={key} className={className} data-testid={testId} data-count={c.count}>
      {c.count === 0 && c.revenue === 0 ? (
        <span className="migration-zero">0</span>
      ) : (
        <>
          <div className="migration-count">{formatNumber(c.count, locale, 0)}</div>
          <div className="migration-revenue">{money(c.revenue)}</div>
        </>
      )}
    </td>
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="migration-matrix" data-testid="migration-matrix">
        <thead>
          <tr>
            <th className="migration-corner">{t('segmentation.migration.fromTo')}</th>
            {m.tiers.map((tier) => (
              <th key={tier.key}>
                <span className="rfm-dot" style={{ background: tier.color }} /> {tier.name}
              </th>
            ))}
            <th className="migration-total">{t('segmentation.migration.total')}</th>
          </tr>
        </thead>
        <tbody>
          {m.tiers.map((tier, i) => (
            <tr key={tier.key}>
              <th>
                <span className="rfm-dot" style={{ background: tier.color }} /> {tier.name}
              </th>
              {m.cells[i]!.map((c, j) =>
                cell(
                  c,
                  i === j ? 'migration-diagonal' : undefined,
                  `migration-cell-${tier.key}-${m.tiers[j]!.key}`,
                  m.tiers[j]!.key,
                ),
              )}
              {cell(m.rowTotals[i]!, 'migration-total')}
            </tr>
          ))}
          <tr>
            <th className="migration-total">{t('segmentation.migration.total')}</th>
            {m.colTotals.map((c, j) => (
              <td key={m.tiers[j]!.key} className="migration-total">
                <div className="migration-count">{formatNumber(c.count, locale, 0)}</div>
                <div className="migration-revenue">{money(c.revenue)}</div>
              </td>
            ))}
            {cell(m.total, 'migration-total', 'migration-grand-total')}
          </tr>
        </tbody>
      </table>
      <Flex gap={16} style={{ marginTop: 8 }} wrap>
        <Typography.Text type="success">
          {t('segmentation.migration.stayed', {
            n: formatNumber(m.stayed, locale, 0),
            share: formatShare(m.total.count ? m.stayed / m.total.count : 0, locale),
          })}
        </Typography.Text>
        <Typography.Text type="warning">
          {t('segmentation.migration.moved', { n: formatNumber(m.total.count - m.stayed, locale, 0) })}
        </Typography.Text>
      </Flex>
    </div>
  );
}

/** The table view of the Sankey card: one row per from tier × to tier, as its xlsx. */
function FlowsTable({ migration }: { migration: Migration }) {
  const { t, i18n } = useTranslation();
  const name = new Map(migration.tiers.map((x) => [x.key, x.name]));
  return (
    <Table
      size="small"
      rowKey={(f) => `${f.from}-${f.to}`}
      dataSource={migration.flows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="migration-flows-table"
      columns={[
        {
          key: 'from',
          title: t('segmentation.migration.from'),
          render: (_: unknown, f) => name.get(f.from) ?? f.from,
        },
        {
          key: 'to',
          title: t('segmentation.migration.to'),
          render: (_: unknown, f) => name.get(f.to) ?? f.to,
        },
        {
          key: 'count',
          title: t('segmentation.migration.customers'),
          align: 'right',
          render: (_: unknown, f) => formatNumber(f.count, i18n.language, 0),
        },
        {
          key: 'revenue',
          title: t('segmentation.migration.revenue'),
          align: 'right',
          render: (_: unknown, f) => formatMoney(f.revenue),
        },
      ]}
    />
  );
}

function SnapshotsTable({
  snapshots,
  loading,
  canManage,
}: {
  snapshots: Snapshot[];
  loading: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const handleError = useApiErrorHandler();
  const remove = useDeleteSnapshot();
  return (
    <Table<Snapshot>
      size="small"
      rowKey="id"
      dataSource={snapshots}
      pagination={snapshots.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
      data-testid="snapshots-table"
      locale={{ emptyText: tableEmpty(loading, t('segmentation.migration.emptyTitle')) }}
      columns={[
        { key: 'label', title: t('segmentation.migration.label'), dataIndex: 'label' },
        { key: 'asOf', title: t('segmentation.migration.asOf'), dataIndex: 'asOf' },
        {
          key: 'trigger',
          title: t('segmentation.migration.trigger'),
          dataIndex: 'trigger',
          render: (v: Snapshot['trigger']) => (
            <Tag bordered={false} color={v === 'scheduled' ? 'blue' : 'default'}>
              {v === 'scheduled' ? t('segmentation.migration.scheduled') : t('segmentation.migration.manual')}
            </Tag>
          ),
        },
        {
          key: 'customerCount',
          title: t('segmentation.migration.customers'),
          dataIndex: 'customerCount',
          align: 'right',
        },
        {
          key: 'createdAt',
          title: t('segmentation.migration.createdAt'),
          dataIndex: 'createdAt',
          render: (v: string) => formatDateTime(v, timeZone),
        },
        ...(canManage
          ? [
              {
                key: 'actions',
                title: '',
                render: (_: unknown, s: Snapshot) => (
                  <Popconfirm
                    title={t('segmentation.migration.deleteConfirm', { label: s.label })}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      remove.mutateAsync(s.id).then(
                        () => void message.success(t('segmentation.migration.deleted')),
                        (err: unknown) => handleError(err),
                      )
                    }
                  >
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('segmentation.migration.deleteSnapshot')}
                      data-testid={`snapshot-delete-${s.id}`}
                    />
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** 层级迁移: snapshots, and how customers moved between the tiers of a scheme from one point to another. */
export default function MigrationPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const canManage = can('segmentation.manage');
  const snapshots = useSnapshots();
  const schemes = useSchemes();
  const [search, setSearch] = useSearchParams();
  const [taking, setTaking] = useState(false);

  const list = snapshots.data?.items ?? [];
  const enabledSchemes = (schemes.data?.items ?? []).filter((s) => s.enabled);
  const from = list.find((s) => s.id === search.get('from'))?.id ?? list[0]?.id;
  const toParam = search.get('to');
  const to = toParam && (toParam === CURRENT || list.some((s) => s.id === toParam)) ? toParam : CURRENT;
  const scheme = enabledSchemes.find((s) => s.key === search.get('scheme'))?.key ?? enabledSchemes[0]?.key;
  // Owner/team as on the dashboards (the period is the pair of pictures); kept in the address.
  const filters: ScopeFilters = {
    ownerId: search.get('ownerId') ?? undefined,
    teamId: search.get('teamId') ?? undefined,
  };
  const params: MigrationParams | null = from && scheme ? { from, to, scheme, ...filters } : null;
  const migration = useMigration(params, i18n.language);
  const data = migration.data;

  const set = (key: string, value: string | undefined) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const setFilters = (f: ScopeFilters) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const key of ['ownerId', 'teamId'] as const) {
          if (f[key]) next.set(key, f[key]);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const spec: CardSpec = {
    testId: 'migration-sankey',
    testIdPrefix: 'migration-sankey',
    fileName: `migration-${scheme ?? ''}`,
    i18n: 'analytics.dashboards',
    exportXlsx: () => (params ? schemesApi.exportMigration(params) : Promise.resolve()),
  };

  const snapshotOptions = list.map((s) => ({
    value: s.id,
    label: s.label.includes(s.asOf) ? s.label : `${s.label} · ${s.asOf}`,
  }));
  const takeButton = canManage && (
    <Button
      type="primary"
      icon={<CameraOutlined />}
      onClick={() => setTaking(true)}
      data-testid="snapshot-take"
    >
      {t('segmentation.migration.takeSnapshot')}
    </Button>
  );

  return (
    <div data-testid="migration-page">
      <PageHeader
        title={t('segmentation.migration.title')}
        subtitle={t('segmentation.migration.subtitle')}
        extra={takeButton}
      />
      <QueryErrorAlert
        error={snapshots.isError && !snapshots.data ? snapshots.error : null}
        onRetry={() => void snapshots.refetch()}
      />
      {snapshots.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : snapshots.data && list.length === 0 ? (
        <Card data-testid="migration-empty">
          <Empty
            description={
              <Flex vertical gap={4} align="center">
                <Typography.Text strong>{t('segmentation.migration.emptyTitle')}</Typography.Text>
                <Typography.Text type="secondary" style={{ maxWidth: 520 }}>
                  {t('segmentation.migration.emptyDescription')}
                </Typography.Text>
                {!canManage && (
                  <Typography.Text type="secondary">
                    {t('segmentation.migration.emptyNoPermission')}
                  </Typography.Text>
                )}
              </Flex>
            }
          >
            {takeButton}
          </Empty>
        </Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex gap={16} wrap align="center">
              <ScopeFiltersBar
                value={filters}
                onChange={setFilters}
                labels="analytics.dashboards.filters"
                testIds="migration"
                period={false}
                resetLabel={t('segmentation.migration.filtersReset')}
              />
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('segmentation.migration.from')}</Typography.Text>
                <Select
                  value={from}
                  onChange={(v: string) => set('from', v)}
                  options={snapshotOptions}
                  style={{ width: 260 }}
                  placeholder={t('segmentation.migration.pickFrom')}
                  data-testid="migration-from"
                />
              </Flex>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('segmentation.migration.to')}</Typography.Text>
                <Select
                  value={to}
                  onChange={(v: string) => set('to', v)}
                  options={[{ value: CURRENT, label: t('segmentation.migration.now') }, ...snapshotOptions]}
                  style={{ width: 260 }}
                  data-testid="migration-to"
                />
              </Flex>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('segmentation.migration.scheme')}</Typography.Text>
                <Select
                  value={scheme}
                  onChange={(v: string) => set('scheme', v)}
                  options={enabledSchemes.map((s) => ({ value: s.key, label: localName(s, i18n.language) }))}
                  loading={schemes.isPending}
                  style={{ width: 200 }}
                  data-testid="migration-scheme"
                />
              </Flex>
            </Flex>
          </Card>
          <QueryErrorAlert
            error={migration.isError ? migration.error : null}
            onRetry={() => void migration.refetch()}
          />
          {migration.isPending && from && scheme ? (
            <Card>
              <Skeleton active paragraph={{ rows: 6 }} />
            </Card>
          ) : data ? (
            <div style={{ opacity: migration.isFetching && migration.isPlaceholderData ? 0.6 : 1 }}>
              <Row gutter={[16, 16]}>
                <Col xs={24}>
                  <DashboardCard
                    spec={spec}
                    params={{ to: data.to.asOf }}
                    title={`${t('segmentation.migration.sankey')} · ${data.from.label} → ${data.to.label}`}
                    hint={t('segmentation.migration.sankeyHint')}
                    query={{ isLoading: false, error: null, refetch: migration.refetch }}
                    empty={data.flows.some((f) => f.count > 0) ? null : t('segmentation.migration.noFlows')}
                    renderChart={(ref) => <MigrationSankey migration={data} chartRef={ref} />}
                    table={<FlowsTable migration={data} />}
                  />
                </Col>
                <Col xs={24}>
                  <Card size="small" title={t('segmentation.migration.matrix')} style={{ height: '100%' }}>
                    <Typography.Paragraph type="secondary" className="rfm-small">
                      {t('segmentation.migration.matrixHint')}
                    </Typography.Paragraph>
                    <MatrixTable migration={data} />
                  </Card>
                </Col>
              </Row>
            </div>
          ) : null}
          <Card size="small" title={t('segmentation.migration.snapshots')} style={{ marginTop: 16 }}>
            <SnapshotsTable snapshots={list} loading={snapshots.isFetching} canManage={canManage} />
          </Card>
        </>
      )}
      <SnapshotModal open={taking} onClose={() => setTaking(false)} />
    </div>
  );
}
