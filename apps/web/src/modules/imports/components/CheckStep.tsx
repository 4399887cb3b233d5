import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '@stratum/contracts';
import type { ImportJob } from '../api.ts';
import type { ColumnMapping } from '../lib/mapping.ts';
import { ErrorTable } from './ErrorTable.tsx';
import { JobProgressView } from './JobProgressView.tsx';
import { cellText } from './MappingStep.tsx';

interface Props {
  preview: ImportPreview;
  mapping: ColumnMapping;
  job: ImportJob | undefined;
  onBack: () => void;
  onRun: () => void;
  onRestart: () => void;
  busy: boolean;
}

export function Counts({
  items,
}: {
  items: { label: string; value: number; color?: string; testId: string }[];
}) {
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col key={i.testId} xs={12} md={6}>
          <Card size="small" data-testid={i.testId}>
            <Statistic
              title={i.label}
              value={i.value}
              valueStyle={i.color ? { color: i.color } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Step 3: the dry run's report on the whole file, with the first rows as they will be read. */
export function CheckStep({ preview, mapping, job, onBack, onRun, onRestart, busy }: Props) {
  const { t } = useTranslation();
  const result = job?.status === 'succeeded' ? job.result : null;
  const mapped = preview.columns.filter((c) => mapping[c.index]);
  const label = (key: string) => preview.fields.find((f) => f.key === key)?.label ?? key;
  const failedRows = new Map((result?.errors ?? []).map((e) => [e.row, e.message]));

  return (
    <Flex vertical gap={16}>
      {!result && job?.status !== 'failed' && (
        <JobProgressView job={job} label={t('imports.preview.checking')} />
      )}
      {job?.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          message={t('imports.result.failedTitle')}
          description={job.error?.message}
        />
      )}
      {result && (
        <>
          <Typography.Text strong>
            {t('imports.preview.summary', { rows: result.stats.rows })}
          </Typography.Text>
          <Counts
            items={[
              {
                label: t('imports.preview.willInsert'),
                value: result.inserted,
                color: '#389e0d',
                testId: 'check-inserted',
              },
              {
                label: t('imports.preview.willUpdate'),
                value: result.updated,
                color: '#1677ff',
                testId: 'check-updated',
              },
              { label: t('imports.preview.willSkip'), value: result.skipped, testId: 'check-skipped' },
              {
                label: t('imports.preview.willFail'),
                value: result.failed,
                color: result.failed ? '#cf1322' : undefined,
                testId: 'check-failed',
              },
            ]}
          />
          {result.failed === 0 ? (
            <Alert type="success" showIcon message={t('imports.preview.allGood')} />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={t('imports.preview.someBad', { failed: result.failed })}
            />
          )}
          <ErrorTable result={result} fields={preview.fields} jobId={job!.id} />
        </>
      )}

      <div>
        <Typography.Title level={5}>
          {t('imports.preview.rows', { rows: preview.rows.length })}
        </Typography.Title>
        <Table
          size="small"
          rowKey="row"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={preview.rows}
          data-testid="import-preview-rows"
          rowClassName={(r) => (failedRows.has(r.row) ? 'import-row-failed' : '')}
          columns={[
            {
              title: t('imports.preview.rowNo'),
              dataIndex: 'row',
              width: 64,
              fixed: 'left',
              render: (row: number) =>
                failedRows.has(row) ? (
                  <Tooltip title={failedRows.get(row)}>
                    <Typography.Text type="danger">{row}</Typography.Text>
                  </Tooltip>
                ) : (
                  row
                ),
            },
            ...mapped.map((c) => ({
              key: String(c.index),
              title: (
                <Tooltip title={c.header}>
                  <span>{label(mapping[c.index]!)}</span>
                </Tooltip>
              ),
              render: (_: unknown, r: ImportPreview['rows'][number]) => cellText(r.cells[c.index]),
            })),
          ]}
        />
      </div>

      <Flex justify="space-between" gap={8}>
        <Flex gap={8}>
          <Button onClick={onBack}>{t('imports.mapping.back')}</Button>
          <Button onClick={onRestart}>{t('imports.preview.fixFile')}</Button>
        </Flex>
        <Button
          type="primary"
          disabled={!result || result.inserted + result.updated === 0}
          loading={busy}
          onClick={onRun}
          data-testid="import-run"
        >
          {t('imports.preview.run')}
        </Button>
      </Flex>
    </Flex>
  );
}
