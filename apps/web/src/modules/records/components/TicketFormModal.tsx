import { Col, DatePicker, Form, Input, Rate, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Ticket } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions } from '../../auth/session.ts';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import { textOrNull } from '../lib/diff.ts';
import { TICKET_KINDS, TICKET_STATUSES } from '../lib/enums.ts';
import { fromWallClock, nowWallClock, toWallClock } from '../lib/time.ts';
import { RecordFormModal } from './RecordFormModal.tsx';
import { ContactSelect } from './RelatedSelects.tsx';

interface Values {
  kind: Ticket['kind'];
  subject: string;
  description?: string | null;
  status: Ticket['status'];
  satisfaction?: number | null;
  contactId?: string | null;
  assigneeId?: string | null;
  openedAt: Dayjs;
}

export function TicketFormModal({
  customerId,
  ticket,
  onClose,
}: {
  customerId: string;
  ticket: Ticket | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const can = usePermissions();
  // Picking an assignee needs the user list; without it the assignee is left as it is.
  const canAssign = can('users.read');
  const required = { required: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <RecordFormModal<'tickets', Values>
      type="tickets"
      customerId={customerId}
      record={ticket}
      title={ticket ? t('records.tickets.editTitle') : t('records.tickets.createTitle')}
      testId="ticket-form"
      width={680}
      initialValues={{
        kind: 'consultation',
        status: 'open',
        openedAt: nowWallClock(timeZone),
        contactId: null,
        assigneeId: null,
        satisfaction: null,
      }}
      toValues={(x) => ({
        kind: x.kind,
        subject: x.subject,
        description: x.description,
        status: x.status,
        satisfaction: x.satisfaction,
        contactId: x.contactId,
        assigneeId: x.assigneeId,
        openedAt: toWallClock(x.openedAt, timeZone),
      })}
      toFields={(v) => ({
        kind: v.kind,
        subject: v.subject.trim(),
        description: textOrNull(v.description),
        status: v.status,
        satisfaction: v.satisfaction ? v.satisfaction : null,
        contactId: v.contactId ?? null,
        ...(canAssign ? { assigneeId: v.assigneeId ?? null } : {}),
        openedAt: fromWallClock(v.openedAt, timeZone),
      })}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={t('records.tickets.fields.kind')} rules={[required]}>
            <Select
              options={TICKET_KINDS.map((k) => ({ value: k, label: t(`records.tickets.kinds.${k}`) }))}
              data-testid="ticket-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="status" label={t('records.tickets.fields.status')} rules={[required]}>
            <Select
              options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`records.tickets.statuses.${s}`) }))}
              data-testid="ticket-status"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="subject"
        label={t('records.tickets.fields.subject')}
        rules={[{ ...required, whitespace: true }, max(200)]}
      >
        <Input autoFocus data-testid="ticket-subject" />
      </Form.Item>
      <Form.Item name="description" label={t('records.tickets.fields.description')} rules={[max(5000)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="ticket-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="contactId" label={t('records.tickets.fields.contact')}>
            <ContactSelect customerId={customerId} data-testid="ticket-contact" />
          </Form.Item>
        </Col>
        {canAssign && (
          <Col xs={24} sm={12}>
            <Form.Item name="assigneeId" label={t('records.tickets.fields.assignee')}>
              <UserSelect
                activeOnly
                placeholder={t('records.tickets.unassigned')}
                data-testid="ticket-assignee"
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12}>
          <Form.Item name="openedAt" label={t('records.tickets.fields.openedAt')} rules={[required]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear={false}
              style={{ width: '100%' }}
              data-testid="ticket-opened-at"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="satisfaction" label={t('records.tickets.fields.satisfaction')}>
            <Rate data-testid="ticket-satisfaction" />
          </Form.Item>
        </Col>
      </Row>
    </RecordFormModal>
  );
}
