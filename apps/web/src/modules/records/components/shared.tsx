import type { ReactNode } from 'react';
import { App, Button, Flex, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import type { RecordType } from '../api.ts';
import { useDeleteRecord } from '../hooks/useRecords.ts';

/** A section's title row: a heading on the left, its buttons on the right. */
export function SectionHeader({ title, extra }: { title?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" gap={12} wrap className="records-section-header">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra && <Space wrap>{extra}</Space>}
    </Flex>
  );
}

/** An amount from a decimal string, in tabular figures (for right-aligned columns). */
export function Money({ value, currency }: { value: string | null | undefined; currency?: string }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span className="records-money">{formatMoney(value, currency)}</span>;
}

/** Secondary "—" for an empty cell. */
export function Blank() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** `value` or a secondary dash. */
export function orBlank(value: ReactNode): ReactNode {
  return value === null || value === undefined || value === '' ? <Blank /> : value;
}

/** Deletes a record after the Popconfirm, with a message either way. */
export function useDeleteAction(type: RecordType, customerId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteRecord(type);
  const handleError = useApiErrorHandler();
  return (id: string) =>
    remove.mutateAsync({ id, customerId }).then(
      () => void message.success(t('records.common.deletedOk')),
      (err: unknown) => handleError(err),
    );
}

/** Edit and delete links of a table row (nothing without edit rights). */
export function RowActions({
  canEdit,
  onEdit,
  onDelete,
  deleteTitle,
  testId,
  children,
}: {
  canEdit: boolean;
  onEdit?: () => void;
  onDelete?: () => Promise<void>;
  deleteTitle?: string;
  /** Prefix of the buttons' test ids, e.g. `order-<id>` → `order-<id>-edit`, `order-<id>-delete`. */
  testId: string;
  /** Extra actions before edit (e.g. "mark received"). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!canEdit) return null;
  return (
    <Space size={0} wrap={false}>
      {children}
      {onEdit && (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={onEdit}
          aria-label={t('common.edit')}
          title={t('common.edit')}
          data-testid={`${testId}-edit`}
        />
      )}
      {onDelete && (
        <Popconfirm
          title={deleteTitle ?? t('records.common.deleteConfirm')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={onDelete}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.delete')}
            title={t('common.delete')}
            data-testid={`${testId}-delete`}
          />
        </Popconfirm>
      )}
    </Space>
  );
}
