import { Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import type { ImportJob } from '../api.ts';
import { useRecentImports } from '../hooks/useImportJob.ts';
import { percentOf } from '../lib/mapping.ts';
import { ErrorReportButton } from './ErrorTable.tsx';

const STATUS_COLOR: Record<ImportJob['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
};

/** The caller's latest imports (they run in the background, so a closed page can find them here). */
export function RecentImports() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const recent = useRecentImports();
  const items = recent.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div data-testid="recent-imports">
      <Typography.Title level={5}>{t('imports.recent.title')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        columns={[
          {
            title: t('imports.recent.time'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatDateTime(v, timeZone),
          },
          {
            title: t('imports.recent.file'),
            key: 'file',
            render: (_: unknown, j: ImportJob) =>
              j.result ? (
                <span>
                  {j.result.filename}{' '}
                  <Typography.Text type="secondary">· {t(`imports.kinds.${j.result.kind}`)}</Typography.Text>
                  {j.result.dryRun && (
                    <Tag bordered={false} style={{ marginLeft: 8 }}>
                      {t('imports.recent.dryRun')}
                    </Tag>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('imports.recent.status'),
            key: 'status',
            width: 200,
            render: (_: unknown, j: ImportJob) =>
              j.status === 'running' && percentOf(j.progress) !== null ? (
                <Progress percent={percentOf(j.progress)!} size="small" status="active" />
              ) : (
                <Tag color={STATUS_COLOR[j.status]} title={j.error?.message}>
                  {t(`imports.recent.${j.status}`)}
                </Tag>
              ),
          },
          {
            title: t('imports.recent.counts'),
            key: 'counts',
            width: 280,
            render: (_: unknown, j: ImportJob) =>
              j.result
                ? `${j.result.inserted} / ${j.result.updated} / ${j.result.skipped} / ${j.result.failed}`
                : '',
          },
          {
            key: 'report',
            width: 170,
            render: (_: unknown, j: ImportJob) =>
              j.result?.errorReport ? <ErrorReportButton jobId={j.id} /> : null,
          },
        ]}
      />
    </div>
  );
}
