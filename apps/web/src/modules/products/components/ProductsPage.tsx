import { useState } from 'react';
import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Product } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime, formatMoney } from '../../../app/format.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions } from '../../auth/session.ts';
import { useProductList } from '../hooks/useProducts.ts';
import { ProductFormModal } from './ProductFormModal.tsx';

type ProductFilters = { active?: 'true' | 'false' };

/** The product catalogue: everyone reads it; admins and managers (`products.manage`) keep it. */
export default function ProductsPage() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const can = usePermissions();
  const canManage = can('products.manage');
  const list = useListState<ProductFilters>({ sort: 'name' });
  const products = useProductList(list.params);
  const pagination = usePagination();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);

  const columns: TableColumnsType<Product> = [
    {
      key: 'sku',
      title: t('products.columns.sku'),
      dataIndex: 'sku',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'sku'),
      render: (sku: string) => <Typography.Text code>{sku}</Typography.Text>,
    },
    {
      key: 'name',
      title: t('products.columns.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    { key: 'category', title: t('products.columns.category'), dataIndex: 'category' },
    {
      key: 'unitPrice',
      title: t('products.columns.unitPrice'),
      dataIndex: 'unitPrice',
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'unitPrice'),
      render: (v: string | null) =>
        v === null ? <Typography.Text type="secondary">—</Typography.Text> : formatMoney(v),
    },
    {
      key: 'active',
      title: t('products.columns.active'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? (
          <Tag color="green">{t('products.status.active')}</Tag>
        ) : (
          <Tag>{t('products.status.inactive')}</Tag>
        ),
    },
    {
      key: 'createdAt',
      title: t('products.columns.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'createdAt'),
      render: (v: string) => formatDateTime(v, timeZone),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, p) => (
        <Button type="link" size="small" onClick={() => setEditing(p)} data-testid={`product-edit-${p.id}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('products.title')}
        subtitle={canManage ? t('products.intro') : t('products.readOnly')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="product-create"
            >
              {t('products.create')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap className="list-toolbar">
        <Input.Search
          allowClear
          placeholder={t('products.searchPlaceholder')}
          onSearch={list.setQ}
          style={{ width: 280 }}
          data-testid="products-search"
        />
        <Select<'true' | 'false'>
          allowClear
          value={list.filters.active}
          onChange={(v?: 'true' | 'false') => list.setFilter('active', v)}
          placeholder={t('products.filters.allStatuses')}
          options={[
            { value: 'true', label: t('products.status.active') },
            { value: 'false', label: t('products.status.inactive') },
          ]}
          style={{ width: 140 }}
          aria-label={t('products.filters.status')}
          data-testid="products-active-filter"
        />
      </Flex>
      <QueryErrorAlert error={products.error} onRetry={() => void products.refetch()} />
      <Table<Product>
        rowKey="id"
        columns={columns}
        dataSource={products.data?.items}
        loading={products.isFetching}
        pagination={pagination(list.params, products.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (p.active ? '' : 'row-muted')}
        locale={{
          emptyText: tableEmpty(
            products.isPending,
            list.narrowed ? t('products.emptyFiltered') : t('products.empty'),
          ),
        }}
        data-testid="products-table"
      />
      {editing && (
        <ProductFormModal product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
