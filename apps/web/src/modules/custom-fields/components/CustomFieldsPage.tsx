import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CustomField } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useCustomFieldLabel, useCustomFields, useDeleteCustomField } from '../hooks/useCustomFields.ts';
import { CustomFieldFormModal } from './CustomFieldFormModal.tsx';

/** Deleting a field deletes every customer's value of it: the user types the key to confirm. */
function DeleteFieldModal({ field, onClose }: { field: CustomField; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useCustomFieldLabel();
  const remove = useDeleteCustomField();
  const handleError = useApiErrorHandler();
  const [typed, setTyped] = useState('');

  return (
    <Modal
      open
      title={t('customFields.delete.title', { name: label(field) })}
      okText={t('customFields.delete.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        danger: true,
        disabled: typed.trim() !== field.key,
        'data-testid': 'custom-field-delete-ok',
      }}
      confirmLoading={remove.isPending}
      onCancel={onClose}
      onOk={() =>
        remove.mutate(field.id, {
          onSuccess: () => {
            void message.success(t('customFields.deleted'));
            onClose();
          },
          onError: (err) => handleError(err),
        })
      }
    >
      <Alert type="error" showIcon message={t('customFields.delete.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t('customFields.delete.confirmLabel', { key: field.key })}</Typography.Paragraph>
      <Input
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={field.key}
        autoComplete="off"
        data-testid="custom-field-delete-confirm"
      />
    </Modal>
  );
}

/** Settings: the workspace's custom customer fields, in display order. */
export default function CustomFieldsPage() {
  const { t } = useTranslation();
  const fields = useCustomFields();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const items = fields.data?.items ?? [];
  const nextPosition = items.reduce((max, f) => Math.max(max, f.position + 1), 0);

  const columns: TableColumnsType<CustomField> = [
    { key: 'position', title: t('customFields.columns.position'), dataIndex: 'position', width: 80 },
    {
      key: 'key',
      title: t('customFields.columns.key'),
      dataIndex: 'key',
      render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
    },
    {
      key: 'labelZh',
      title: t('customFields.columns.labelZh'),
      dataIndex: 'labelZh',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { key: 'labelEn', title: t('customFields.columns.labelEn'), dataIndex: 'labelEn' },
    {
      key: 'type',
      title: t('customFields.columns.type'),
      dataIndex: 'type',
      render: (type: CustomField['type']) => <Tag color="geekblue">{t(`customFields.types.${type}`)}</Tag>,
    },
    {
      key: 'options',
      title: t('customFields.columns.options'),
      dataIndex: 'options',
      render: (options: string[]) =>
        options.length ? (
          <Space size={[4, 4]} wrap style={{ maxWidth: 320 }}>
            {options.map((o) => (
              <Tag key={o} bordered={false}>
                {o}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'required',
      title: t('customFields.columns.required'),
      dataIndex: 'required',
      render: (required: boolean) =>
        required ? (
          <Tag color="red">{t('customFields.requiredTag')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('customFields.optionalTag')}</Typography.Text>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, f) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(f)}
            data-testid={`custom-field-edit-${f.key}`}
          >
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            danger
            onClick={() => setDeleting(f)}
            data-testid={`custom-field-delete-${f.key}`}
          >
            {t('common.delete')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        subtitle={t('customFields.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="custom-field-create"
          >
            {t('customFields.create')}
          </Button>
        }
      />
      <QueryErrorAlert error={fields.error} onRetry={() => void fields.refetch()} />
      <Table<CustomField>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={fields.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tableEmpty(fields.isPending, t('customFields.empty')) }}
        data-testid="custom-fields-table"
      />
      {editing && (
        <CustomFieldFormModal
          field={editing === 'new' ? null : editing}
          nextPosition={nextPosition}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteFieldModal field={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
