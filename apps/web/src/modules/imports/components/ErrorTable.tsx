import { Alert, Button, Dropdown, Flex, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobResult, ImportPreview } from '@stratum/contracts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { importsApi } from '../api.ts';

/** Downloads the failed rows (as in the file, plus the reason) of an import job. */
export function ErrorReportButton({ jobId, type }: { jobId: string; type?: 'primary' | 'default' }) {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      await importsApi.errorReport(jobId, format);
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'xlsx',
            label: <span data-testid="error-report-xlsx">{t('imports.errors.reportXlsx')}</span>,
          },
          { key: 'csv', label: <span data-testid="error-report-csv">{t('imports.errors.reportCsv')}</span> },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button type={type} icon={<DownloadOutlined />} loading={busy} data-testid="error-report">
        {t('imports.errors.report')}
      </Button>
    </Dropdown>
  );
}

/** The row-level errors of an import (the first ones; the report has them all). */
export function ErrorTable({
  result,
  fields,
  jobId,
}: {
  result: ImportJobResult;
  fields: ImportPreview['fields'] | undefined;
  jobId: string;
}) {
  const { t } = useTranslation();
  if (result.errorCount === 0) return null;
  const label = (key: string | null) => (key ? (fields?.find((f) => f.key === key)?.label ?? key) : '');
  return (
    <div data-testid="import-errors">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('imports.errors.title')}
        </Typography.Title>
        <ErrorReportButton jobId={jobId} />
      </Flex>
      {result.errorCount > result.errors.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('imports.errors.more', { shown: result.errors.length, total: result.errorCount })}
        />
      )}
      <Table
        size="small"
        rowKey={(e) => `${e.row}-${e.code}`}
        dataSource={result.errors}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('imports.errors.row'), dataIndex: 'row', width: 80 },
          {
            title: t('imports.errors.field'),
            dataIndex: 'field',
            width: 140,
            render: (f: string | null) => label(f),
          },
          { title: t('imports.errors.message'), dataIndex: 'message' },
          {
            title: t('imports.errors.code'),
            dataIndex: 'code',
            width: 190,
            render: (c: string) => <Typography.Text type="secondary">{c}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}
