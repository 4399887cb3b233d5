import { Button, Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportPreview } from '@stratum/contracts';
import type { ImportJob } from '../api.ts';
import { Counts } from './CheckStep.tsx';
import { ErrorTable } from './ErrorTable.tsx';

interface Props {
  job: ImportJob;
  fields: ImportPreview['fields'] | undefined;
  onAgain: () => void;
}

/** Step 5: what the import did — counts, errors and their report — or why it failed. */
export function ResultStep({ job, fields, onAgain }: Props) {
  const { t } = useTranslation();
  const again = (
    <Button key="again" onClick={onAgain} data-testid="import-again">
      {t('imports.result.again')}
    </Button>
  );
  const open = (
    <Link key="open" to="/customers">
      <Button type="primary" data-testid="import-open-customers">
        {t('imports.result.viewCustomers')}
      </Button>
    </Link>
  );
  if (job.status === 'failed' || !job.result) {
    return (
      <Result
        status="error"
        title={t('imports.result.failedTitle')}
        subTitle={`${job.error?.message ?? ''} ${t('imports.result.failedHint')}`}
        extra={[again]}
      />
    );
  }
  const r = job.result;
  const s = r.stats;
  const notes = [
    r.kind !== 'customers' && s.customersCreated
      ? t('imports.result.customersCreated', { n: s.customersCreated })
      : null,
    s.orders ? t('imports.result.orders', { ...s.orders }) : null,
    s.unmappedColumns.length
      ? t('imports.result.unmapped', { columns: s.unmappedColumns.join(t('imports.mapping.listSeparator')) })
      : null,
  ].filter((n): n is string => n !== null);
  return (
    <Flex vertical gap={16} data-testid="import-result">
      <Result
        status={r.failed > 0 ? 'warning' : 'success'}
        title={r.failed > 0 ? t('imports.result.partial') : t('imports.result.success')}
        subTitle={t('imports.result.summary', {
          rows: s.rows,
          seconds: Math.max(0.1, s.durationMs / 1000).toFixed(1),
        })}
        extra={[open, again]}
        style={{ paddingBottom: 8 }}
      />
      <Counts
        items={[
          {
            label: t('imports.result.inserted'),
            value: r.inserted,
            color: '#389e0d',
            testId: 'result-inserted',
          },
          {
            label: t('imports.result.updated'),
            value: r.updated,
            color: '#1677ff',
            testId: 'result-updated',
          },
          { label: t('imports.result.skipped'), value: r.skipped, testId: 'result-skipped' },
          {
            label: t('imports.result.failed'),
            value: r.failed,
            color: r.failed ? '#cf1322' : undefined,
            testId: 'result-failed',
          },
        ]}
      />
      {notes.map((n) => (
        <Typography.Text key={n} type="secondary">
          {n}
        </Typography.Text>
      ))}
      <ErrorTable result={r} fields={fields} jobId={job.id} />
    </Flex>
  );
}
