import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { customersApi } from '../api.ts';
import type { CustomerListParams, ExportFormat } from '../api.ts';
import { exportColumnsParam } from '../columns.ts';

interface Props {
  /** The list as filtered now (page and page size are ignored). */
  params: CustomerListParams;
  /** Visible column keys, exported in this order. */
  columns: string[];
}

/** Downloads the filtered list as Excel or CSV, with the visible columns and headers in the UI language. */
export function ExportButton({ params, columns }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);

  const run = async (format: ExportFormat) => {
    const { page: _page, pageSize: _pageSize, ...rest } = params;
    setBusy(true);
    try {
      await customersApi.export({ ...rest, format, columns: exportColumnsParam(columns) });
      void message.success(t('customers.export.done'));
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      disabled={busy}
      menu={{
        items: [
          { key: 'xlsx', label: <span data-testid="export-xlsx">{t('customers.export.xlsx')}</span> },
          { key: 'csv', label: <span data-testid="export-csv">{t('customers.export.csv')}</span> },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="customers-export">
        {t('customers.export.button')}
      </Button>
    </Dropdown>
  );
}
