import { useState } from 'react';
import { App, Button, Popconfirm, Progress, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { Contract, Customer, Invoice, Payment } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api/errors.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { sortOrderOf } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { CONTRACT_STATUS_COLOR, INVOICE_STATUS_COLOR, PAYMENT_STATE_COLOR } from '../lib/enums.ts';
import { receivedPercent } from '../lib/money.ts';
import { fromWallClock, nowWallClock } from '../lib/time.ts';
import { useRecordOptions, useUpdateRecord } from '../hooks/useRecords.ts';
import { useSectionList } from '../hooks/useSectionList.ts';
import { ContractFormModal } from './ContractFormModal.tsx';
import { InvoiceFormModal } from './InvoiceFormModal.tsx';
import { PaymentFormModal } from './PaymentFormModal.tsx';
import { Blank, Money, RowActions, orBlank, useDeleteAction } from './shared.tsx';
import { RecordTableSection } from './RecordTableSection.tsx';

interface PanelProps {
  customer: Customer;
  canEdit: boolean;
}

function ContractsPanel({ customer, canEdit }: PanelProps) {
  const { t } = useTranslation();
  const { list, query, tableProps } = useSectionList('contracts', customer.id);
  const remove = useDeleteAction('contracts', customer.id);
  const [editing, setEditing] = useState<Contract | 'new' | null>(null);

  const columns: TableColumnsType<Contract> = [
    {
      key: 'contractNo',
      title: t('records.contracts.fields.contractNo'),
      dataIndex: 'contractNo',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'contractNo'),
      render: (no: string, c) => (
        <div style={{ minWidth: 160 }}>
          <Typography.Text strong>{no}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{c.title}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('records.contracts.fields.status'),
      dataIndex: 'status',
      render: (s: Contract['status']) => (
        <Tag color={CONTRACT_STATUS_COLOR[s]}>{t(`records.contracts.statuses.${s}`)}</Tag>
      ),
    },
    {
      key: 'amount',
      title: t('records.contracts.fields.amount'),
      dataIndex: 'amount',
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'amount'),
      render: (v: string) => <Money value={v} />,
    },
    {
      key: 'received',
      title: t('records.contracts.fields.received'),
      dataIndex: 'receivedAmount',
      render: (v: string, c) => {
        const percent = receivedPercent(v, c.amount);
        return (
          <div style={{ minWidth: 160 }} data-testid={`contract-${c.id}-received`}>
            <Money value={v} />
            <Progress
              percent={percent}
              size="small"
              status={percent >= 100 ? 'success' : 'normal'}
              format={(p) => `${p ?? 0}%`}
            />
          </div>
        );
      },
    },
    {
      key: 'signedOn',
      title: t('records.contracts.fields.signedOn'),
      dataIndex: 'signedOn',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'signedOn'),
      render: orBlank,
    },
    {
      key: 'period',
      title: t('records.contracts.fields.period'),
      render: (_, c) =>
        c.startsOn || c.endsOn ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {c.startsOn ?? '…'} ~ {c.endsOn ?? '…'}
          </span>
        ) : (
          <Blank />
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 96,
      render: (_, c) => (
        <RowActions
          canEdit
          testId={`contract-${c.id}`}
          onEdit={() => setEditing(c)}
          onDelete={() => remove(c.id)}
          deleteTitle={t('records.common.deleteConfirmNamed', { name: c.contractNo })}
        />
      ),
    });
  }

  return (
    <RecordTableSection<Contract>
      element="section"
      testId="customer-contracts"
      title={t('records.contracts.title')}
      add={
        canEdit && {
          label: t('records.contracts.add'),
          testId: 'contract-create',
          onClick: () => setEditing('new'),
        }
      }
      query={query}
      tableProps={tableProps}
      columns={columns}
      emptyText={t('records.contracts.empty')}
      tableTestId="contracts-table"
    >
      {editing && (
        <ContractFormModal
          customerId={customer.id}
          contract={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordTableSection>
  );
}

function PaymentsPanel({ customer, canEdit }: PanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const { list, query, tableProps } = useSectionList('payments', customer.id);
  const remove = useDeleteAction('payments', customer.id);
  const update = useUpdateRecord('payments');
  const handleError = useApiErrorHandler();
  const [editing, setEditing] = useState<Payment | 'new' | null>(null);

  const markReceived = (p: Payment) =>
    update
      .mutateAsync({
        id: p.id,
        customerId: customer.id,
        body: { version: p.version, receivedAt: fromWallClock(nowWallClock(timeZone), timeZone) },
      })
      .then(
        () => void message.success(t('records.payments.markedReceived')),
        (err: unknown) => {
          if (isApiError(err, 'VERSION_CONFLICT')) void message.warning(t('records.common.conflictReloaded'));
          else handleError(err);
        },
      );

  const columns: TableColumnsType<Payment> = [
    {
      key: 'amount',
      title: t('records.payments.fields.amount'),
      dataIndex: 'amount',
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'amount'),
      render: (v: string) => (
        <Typography.Text strong>
          <Money value={v} />
        </Typography.Text>
      ),
    },
    {
      key: 'state',
      title: t('records.payments.fields.state'),
      dataIndex: 'state',
      render: (s: Payment['state']) => (
        <Tag color={PAYMENT_STATE_COLOR[s]}>{t(`records.payments.states.${s}`)}</Tag>
      ),
    },
    {
      key: 'dueOn',
      title: t('records.payments.fields.dueOn'),
      dataIndex: 'dueOn',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'dueOn'),
      render: orBlank,
    },
    {
      key: 'receivedAt',
      title: t('records.payments.fields.receivedAt'),
      dataIndex: 'receivedAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'receivedAt'),
      render: (v: string | null) => orBlank(formatDateTime(v, timeZone)),
    },
    {
      key: 'related',
      title: t('records.payments.fields.related'),
      render: (_, p) => orBlank([p.contractNo, p.orderNo].filter(Boolean).join(' / ')),
    },
    { key: 'method', title: t('records.payments.fields.method'), dataIndex: 'method', render: orBlank },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, p) => (
        <RowActions
          canEdit
          testId={`payment-${p.id}`}
          onEdit={() => setEditing(p)}
          onDelete={() => remove(p.id)}
        >
          {p.state !== 'received' && (
            <Popconfirm
              title={t('records.payments.markReceivedConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => markReceived(p)}
            >
              <Button
                type="link"
                size="small"
                icon={<CheckCircleOutlined />}
                data-testid={`payment-${p.id}-mark-received`}
              >
                {t('records.payments.markReceived')}
              </Button>
            </Popconfirm>
          )}
        </RowActions>
      ),
    });
  }

  return (
    <RecordTableSection<Payment>
      element="section"
      testId="customer-payments"
      title={t('records.payments.title')}
      add={
        canEdit && {
          label: t('records.payments.add'),
          testId: 'payment-create',
          onClick: () => setEditing('new'),
        }
      }
      query={query}
      tableProps={{
        ...tableProps,
        rowClassName: (p) => (p.state === 'overdue' ? 'records-row-overdue' : ''),
      }}
      columns={columns}
      emptyText={t('records.payments.empty')}
      tableTestId="payments-table"
    >
      {editing && (
        <PaymentFormModal
          customerId={customer.id}
          payment={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordTableSection>
  );
}

function InvoicesPanel({ customer, canEdit }: PanelProps) {
  const { t } = useTranslation();
  const { list, query, tableProps } = useSectionList('invoices', customer.id);
  const remove = useDeleteAction('invoices', customer.id);
  const contracts = useRecordOptions('contracts', customer.id);
  const orders = useRecordOptions('orders', customer.id);
  const contractNo = new Map((contracts.data?.items ?? []).map((c) => [c.id, c.contractNo]));
  const orderNo = new Map((orders.data?.items ?? []).map((o) => [o.id, o.orderNo]));
  const [editing, setEditing] = useState<Invoice | 'new' | null>(null);

  const columns: TableColumnsType<Invoice> = [
    {
      key: 'invoiceNo',
      title: t('records.invoices.fields.invoiceNo'),
      dataIndex: 'invoiceNo',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'invoiceNo'),
      render: orBlank,
    },
    {
      key: 'kind',
      title: t('records.invoices.fields.kind'),
      dataIndex: 'kind',
      render: (k: Invoice['kind']) => t(`records.invoices.kinds.${k}`),
    },
    {
      key: 'amount',
      title: t('records.invoices.fields.amount'),
      dataIndex: 'amount',
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'amount'),
      render: (v: string) => <Money value={v} />,
    },
    {
      key: 'status',
      title: t('records.invoices.fields.status'),
      dataIndex: 'status',
      render: (s: Invoice['status']) => (
        <Tag color={INVOICE_STATUS_COLOR[s]}>{t(`records.invoices.statuses.${s}`)}</Tag>
      ),
    },
    {
      key: 'issuedOn',
      title: t('records.invoices.fields.issuedOn'),
      dataIndex: 'issuedOn',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'issuedOn'),
      render: orBlank,
    },
    {
      key: 'related',
      title: t('records.payments.fields.related'),
      render: (_, i) =>
        orBlank(
          [i.contractId && contractNo.get(i.contractId), i.orderId && orderNo.get(i.orderId)]
            .filter(Boolean)
            .join(' / '),
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 96,
      render: (_, i) => (
        <RowActions
          canEdit
          testId={`invoice-${i.id}`}
          onEdit={() => setEditing(i)}
          onDelete={() => remove(i.id)}
        />
      ),
    });
  }

  return (
    <RecordTableSection<Invoice>
      element="section"
      testId="customer-invoices"
      title={t('records.invoices.title')}
      add={
        canEdit && {
          label: t('records.invoices.add'),
          testId: 'invoice-create',
          onClick: () => setEditing('new'),
        }
      }
      query={query}
      tableProps={tableProps}
      columns={columns}
      emptyText={t('records.invoices.empty')}
      tableTestId="invoices-table"
    >
      {editing && (
        <InvoiceFormModal
          customerId={customer.id}
          invoice={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </RecordTableSection>
  );
}

/** 合同与回款: contracts with how much has come in, planned and received payments, and invoices. */
export function FinanceSection(props: PanelProps) {
  return (
    <div data-testid="customer-finance">
      <ContractsPanel {...props} />
      <PaymentsPanel {...props} />
      <InvoicesPanel {...props} />
    </div>
  );
}
