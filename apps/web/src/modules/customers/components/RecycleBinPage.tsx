import { App, Button, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime, formatMoney } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useCustomerList, useRestoreCustomer } from '../hooks/useCustomers.ts';
import { CustomerStatusTag } from './CustomerStatusTag.tsx';

/** Deleted customers (`deleted=true`), newest changes first, each restorable with everything attached. */
export default function RecycleBinPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const list = useListState<{ deleted?: 'true' }>({ sort: '-updatedAt', filters: { deleted: 'true' } });
  const customers = useCustomerList(list.params);
  const pagination = usePagination();
  const restore = useRestoreCustomer();
  const handleError = useApiErrorHandler();
  const narrowed = !!list.q.trim();

  const onRestore = (c: Customer) =>
    restore.mutateAsync(c.id).then(
      () => void message.success(t('customers.recycle.restored', { name: c.name })),
      (err: unknown) => handleError(err),
    );

  const columns: TableColumnsType<Customer> = [
    {
      key: 'name',
      title: t('customers.columns.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'ownerName',
      title: t('customers.columns.ownerName'),
      dataIndex: 'ownerName',
      render: (name: string | null, c) =>
        c.ownerId === null ? <Tag color="gold">{t('customers.pool')}</Tag> : name,
    },
    {
      key: 'status',
      title: t('customers.columns.status'),
      dataIndex: 'status',
      render: (s: string) => <CustomerStatusTag status={s} />,
    },
    { key: 'phone', title: t('customers.columns.phone'), dataIndex: 'phone' },
    {
      key: 'lifetimeSpend',
      title: t('customers.columns.lifetimeSpend'),
      dataIndex: 'lifetimeSpend',
      align: 'right',
      render: (v: string) => formatMoney(v),
    },
    {
      key: 'deletedAt',
      title: t('customers.columns.deletedAt'),
      dataIndex: 'deletedAt',
      render: (v: string | null) => formatDateTime(v, timeZone),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, c) => (
        <Popconfirm
          title={t('customers.recycle.restoreConfirm', { name: c.name })}
          okText={t('customers.recycle.restore')}
          cancelText={t('common.cancel')}
          onConfirm={() => onRestore(c)}
          okButtonProps={{ 'data-testid': 'restore-ok' }}
        >
          <Button type="link" size="small" icon={<UndoOutlined />} data-testid={`customer-restore-${c.id}`}>
            {t('customers.recycle.restore')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('customers.recycle.title')} subtitle={t('customers.recycle.intro')} />
      <Flex gap={12} wrap className="list-toolbar">
        <Input.Search
          allowClear
          placeholder={t('customers.recycle.searchPlaceholder')}
          onSearch={list.setQ}
          style={{ width: 280 }}
          data-testid="recycle-search"
        />
      </Flex>
      <QueryErrorAlert error={customers.error} onRetry={() => void customers.refetch()} />
      <Table<Customer>
        rowKey="id"
        columns={columns}
        dataSource={customers.data?.items}
        loading={customers.isFetching}
        pagination={pagination(list.params, customers.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: tableEmpty(
            customers.isPending,
            narrowed ? t('customers.recycle.emptyFiltered') : t('customers.recycle.empty'),
          ),
        }}
        data-testid="recycle-table"
      />
    </>
  );
}
