import { Alert, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../api.ts';
import { percentOf } from '../lib/mapping.ts';

/** A running import job: a bar when the total is known, else an active bar with the rows read. */
export function JobProgressView({ job, label }: { job: ImportJob | undefined; label: string }) {
  const { t } = useTranslation();
  const p = job?.progress ?? null;
  const percent = percentOf(p);
  const text =
    !job || job.status === 'queued'
      ? t('imports.run.queued')
      : p && p.phase !== 'read'
        ? t('imports.run.writing')
        : t('imports.run.reading', { done: (p?.done ?? 0).toLocaleString() });
  return (
    <Flex vertical gap={8} data-testid="import-progress">
      <Typography.Text strong>{label}</Typography.Text>
      <Progress
        percent={percent ?? (p && p.phase !== 'read' ? 99 : 50)}
        status="active"
        showInfo={percent !== null}
      />
      <Typography.Text type="secondary">{text}</Typography.Text>
      {job?.error && job.status === 'queued' && <Alert type="warning" showIcon message={job.error.message} />}
    </Flex>
  );
}
