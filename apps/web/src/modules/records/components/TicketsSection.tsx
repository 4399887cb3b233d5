import { useState } from 'react';
import { App, Button, Modal, Rate, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { Customer, Ticket } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api/errors.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { sortOrderOf } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { TICKET_KIND_COLOR, TICKET_STATUS_COLOR } from '../lib/enums.ts';
import { useRecordOptions, useUpdateRecord } from '../hooks/useRecords.ts';
import { useSectionList } from '../hooks/useSectionList.ts';
import { TicketFormModal } from './TicketFormModal.tsx';
import { RowActions, orBlank, useDeleteAction } from './shared.tsx';
import { RecordTableSection } from './RecordTableSection.tsx';

const DONE = new Set<Ticket['status']>(['resolved', 'closed']);

/** Resolve a ticket, with the customer's satisfaction (1–5 stars, optional). */
function ResolveTicketModal({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [stars, setStars] = useState(ticket.satisfaction ?? 0);
  const update = useUpdateRecord('tickets');
  const handleError = useApiErrorHandler();

  const resolve = () =>
    update.mutate(
      {
        id: ticket.id,
        customerId: ticket.customerId,
        body: { version: ticket.version, status: 'resolved', satisfaction: stars || null },
      },
      {
        onSuccess: () => {
          void message.success(t('records.tickets.resolved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err, 'VERSION_CONFLICT')) {
            void message.warning(t('records.common.conflictReloaded'));
            onClose();
          } else handleError(err);
        },
      },
    );

  return (
    <Modal
      open
      title={t('records.tickets.resolveTitle', { subject: ticket.subject })}
      okText={t('records.tickets.resolve')}
      cancelText={t('common.cancel')}
      onOk={resolve}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'ticket-resolve-submit' }}
      data-testid="ticket-resolve-modal"
    >
      <Typography.Paragraph type="secondary">{t('records.tickets.resolveHint')}</Typography.Paragraph>
      <div>
        <Typography.Text style={{ marginInlineEnd: 12 }}>
          {t('records.tickets.fields.satisfaction')}
        </Typography.Text>
        <Rate value={stars} onChange={setStars} data-testid="ticket-resolve-satisfaction" />
      </div>
    </Modal>
  );
}

export function TicketsSection({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const { list, query, tableProps } = useSectionList('tickets', customer.id);
  const contacts = useRecordOptions('contacts', customer.id);
  const contactName = new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name]));
  const remove = useDeleteAction('tickets', customer.id);
  const [editing, setEditing] = useState<Ticket | 'new' | null>(null);
  const [resolving, setResolving] = useState<Ticket | null>(null);

  const columns: TableColumnsType<Ticket> = [
    {
      key: 'subject',
      title: t('records.tickets.fields.subject'),
      dataIndex: 'subject',
      render: (subject: string, x) => (
        <div style={{ minWidth: 200, maxWidth: 360 }}>
          <Typography.Text strong>{subject}</Typography.Text>
          {x.description && (
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 1, tooltip: x.description }}
              style={{ margin: 0 }}
            >
              {x.description}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    {
      key: 'kind',
      title: t('records.tickets.fields.kind'),
      dataIndex: 'kind',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'kind'),
      render: (k: Ticket['kind']) => (
        <Tag color={TICKET_KIND_COLOR[k]}>{t(`records.tickets.kinds.${k}`)}</Tag>
      ),
    },
    {
      key: 'status',
      title: t('records.tickets.fields.status'),
      dataIndex: 'status',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'status'),
      render: (s: Ticket['status']) => (
        <Tag color={TICKET_STATUS_COLOR[s]}>{t(`records.tickets.statuses.${s}`)}</Tag>
      ),
    },
    {
      key: 'satisfaction',
      title: t('records.tickets.fields.satisfaction'),
      dataIndex: 'satisfaction',
      render: (v: number | null) =>
        v ? <Rate disabled value={v} style={{ fontSize: 14, whiteSpace: 'nowrap' }} /> : orBlank(null),
    },
    {
      key: 'contact',
      title: t('records.tickets.fields.contact'),
      dataIndex: 'contactId',
      render: (id: string | null) => orBlank(id ? contactName.get(id) : null),
    },
    {
      key: 'assignee',
      title: t('records.tickets.fields.assignee'),
      dataIndex: 'assigneeName',
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t('records.tickets.unassigned')}</Typography.Text>,
    },
    {
      key: 'openedAt',
      title: t('records.tickets.fields.openedAt'),
      dataIndex: 'openedAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'openedAt'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, timeZone)}</span>,
    },
    {
      key: 'resolvedAt',
      title: t('records.tickets.fields.resolvedAt'),
      dataIndex: 'resolvedAt',
      render: (v: string | null) => orBlank(formatDateTime(v, timeZone)),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, x) => (
        <RowActions
          canEdit
          testId={`ticket-${x.id}`}
          onEdit={() => setEditing(x)}
          onDelete={() => remove(x.id)}
          deleteTitle={t('records.common.deleteConfirmNamed', { name: x.subject })}
        >
          {!DONE.has(x.status) && (
            <Button
              type="link"
              size="small"
              icon={<CheckOutlined />}
              onClick={() => setResolving(x)}
              data-testid={`ticket-${x.id}-resolve`}
            >
              {t('records.tickets.resolve')}
            </Button>
          )}
        </RowActions>
      ),
    });
  }

  return (
    <RecordTableSection<Ticket>
      testId="customer-tickets"
      title={t('records.tabs.tickets')}
      add={
        canEdit && {
          label: t('records.tickets.add'),
          testId: 'ticket-create',
          onClick: () => setEditing('new'),
        }
      }
      query={query}
      tableProps={tableProps}
      columns={columns}
      emptyText={t('records.tickets.empty')}
      tableTestId="tickets-table"
    >
      {editing && (
        <TicketFormModal
          customerId={customer.id}
          ticket={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {resolving && <ResolveTicketModal ticket={resolving} onClose={() => setResolving(null)} />}
    </RecordTableSection>
  );
}
