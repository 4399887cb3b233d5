import { useState } from 'react';
import { Empty, Flex, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { diffSnapshots, showValue } from '../diff.ts';
import type { DiffRow } from '../diff.ts';

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return null;
  return <pre className="audit-json">{showValue(value)}</pre>;
}

/** Expanded row of the audit log: before/after side by side, changed fields highlighted. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffSnapshots(entry.before, entry.after);
  const isUpdate = entry.before != null && entry.after != null;
  const [changedOnly, setChangedOnly] = useState(isUpdate);

  if (rows.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.diff.noData')} />;
  }

  const columns: TableColumnsType<DiffRow> = [
    {
      key: 'field',
      title: t('audit.diff.field'),
      dataIndex: 'field',
      width: 180,
      render: (field: string) => <Typography.Text code>{field || '—'}</Typography.Text>,
    },
    {
      key: 'before',
      title: t('audit.diff.before'),
      render: (_, row) => <Value value={row.before} present={row.hasBefore} />,
    },
    {
      key: 'after',
      title: t('audit.diff.after'),
      render: (_, row) => <Value value={row.after} present={row.hasAfter} />,
    },
  ];

  return (
    <Flex vertical gap={8} data-testid="audit-diff">
      {isUpdate && (
        <Flex align="center" gap={8}>
          <Switch size="small" checked={changedOnly} onChange={setChangedOnly} />
          <Typography.Text type="secondary">{t('audit.diff.changedOnly')}</Typography.Text>
        </Flex>
      )}
      <Table<DiffRow>
        rowKey="field"
        size="small"
        columns={columns}
        dataSource={changedOnly ? rows.filter((r) => r.changed) : rows}
        pagination={false}
        rowClassName={(row) => (isUpdate && row.changed ? 'audit-changed' : '')}
        locale={{ emptyText: t('audit.diff.noData') }}
      />
    </Flex>
  );
}
