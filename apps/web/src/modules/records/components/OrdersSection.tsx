import { useState } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Customer, Order } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.ts';
import { sortOrderOf } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { ORDER_STATUS_COLOR } from '../lib/enums.ts';
import { formatQuantity } from '../lib/money.ts';
import { useSectionList } from '../hooks/useSectionList.ts';
import { OrderFormModal } from './OrderFormModal.tsx';
import { Money, RowActions, orBlank, useDeleteAction } from './shared.tsx';
import { RecordTableSection } from './RecordTableSection.tsx';

type Line = Order['lines'][number];

function OrderLines({ order }: { order: Order }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Line> = [
    { key: 'position', title: '#', dataIndex: 'position', width: 48 },
    { key: 'productName', title: t('records.orders.lines.productName'), dataIndex: 'productName' },
    {
      key: 'quantity',
      title: t('records.orders.lines.quantity'),
      dataIndex: 'quantity',
      align: 'right',
      render: (q: string) => formatQuantity(q),
    },
    {
      key: 'unitPrice',
      title: t('records.orders.lines.unitPrice'),
      dataIndex: 'unitPrice',
      align: 'right',
      render: (v: string) => <Money value={v} currency={order.currency} />,
    },
    {
      key: 'amount',
      title: t('records.orders.lines.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: string) => <Money value={v} currency={order.currency} />,
    },
  ];
  return (
    <Table<Line>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={order.lines}
      pagination={false}
      className="order-lines-table"
      data-testid={`order-lines-${order.id}`}
    />
  );
}

export function OrdersSection({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const { list, query, tableProps } = useSectionList('orders', customer.id);
  const remove = useDeleteAction('orders', customer.id);
  const [editing, setEditing] = useState<Order | 'new' | null>(null);

  const columns: TableColumnsType<Order> = [
    {
      key: 'orderNo',
      title: t('records.orders.fields.orderNo'),
      dataIndex: 'orderNo',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'orderNo'),
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      key: 'orderedAt',
      title: t('records.orders.fields.orderedAt'),
      dataIndex: 'orderedAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'orderedAt'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, timeZone)}</span>,
    },
    {
      key: 'status',
      title: t('records.orders.fields.status'),
      dataIndex: 'status',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'status'),
      render: (s: Order['status']) => (
        <Tag color={ORDER_STATUS_COLOR[s]}>{t(`records.orders.statuses.${s}`)}</Tag>
      ),
    },
    {
      key: 'amount',
      title: t('records.orders.fields.amount'),
      dataIndex: 'amount',
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'amount'),
      render: (v: string, o) => (
        <Typography.Text strong delete={o.status === 'cancelled' || o.status === 'refunded'}>
          <Money value={v} currency={o.currency} />
        </Typography.Text>
      ),
    },
    {
      key: 'lines',
      title: t('records.orders.fields.lines'),
      dataIndex: 'lines',
      render: (lines: Line[]) => {
        const names = lines.map((l) => l.productName).join(t('records.common.listSeparator'));
        return lines.length ? (
          <Typography.Text ellipsis={{ tooltip: names }} style={{ maxWidth: 240 }}>
            <Typography.Text type="secondary">
              {t('records.orders.lines.itemCount', { n: lines.length })}
            </Typography.Text>{' '}
            {names}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('records.orders.lines.noLines')}</Typography.Text>
        );
      },
    },
    {
      key: 'notes',
      title: t('records.orders.fields.notes'),
      dataIndex: 'notes',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 200 }}>
            {v}
          </Typography.Text>
        ) : (
          orBlank(v)
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 96,
      render: (_, o) => (
        <RowActions
          canEdit
          testId={`order-${o.id}`}
          onEdit={() => setEditing(o)}
          onDelete={() => remove(o.id)}
          deleteTitle={t('records.common.deleteConfirmNamed', { name: o.orderNo })}
        />
      ),
    });
  }

  return (
    <RecordTableSection<Order>
      testId="customer-orders"
      title={t('records.tabs.orders')}
      add={
        canEdit && {
          label: t('records.orders.add'),
          testId: 'order-create',
          onClick: () => setEditing('new'),
          primary: true,
        }
      }
      query={query}
      tableProps={tableProps}
      columns={columns}
      expandable={{
        expandedRowRender: (o) => <OrderLines order={o} />,
        rowExpandable: (o) => o.lines.length > 0,
      }}
      emptyText={t('records.orders.empty')}
      tableTestId="orders-table"
    >
      {editing && (
        <OrderFormModal
          customerId={customer.id}
          order={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordTableSection>
  );
}
