import { CreateTicketBody, Ticket, UpdateTicketBody } from '@stratum/contracts';
import { tickets } from '../../db/schema.ts';
import { iso, isoNotNull } from '../../db/raw.ts';
import { invalidReference } from '../../http/errors.ts';
import { usersRepository } from '../users/users.repository.ts';
import { assertSameCustomer, defineChild } from '../customers/child-resource.ts';

const DONE = new Set(['resolved', 'closed']);

/** Service tickets; resolving stamps resolvedAt, reopening clears it. Open tickets and complaints feed metrics. */
export const ticketsResource = defineChild<Ticket>({
  entity: 'ticket',
  path: 'tickets',
  table: tickets,
  select: `x.id, x.customer_id, c.name AS customer_name, x.kind, x.subject, x.description, x.status, x.satisfaction,
    x.contact_id, ct.name AS contact_name, x.assignee_id, a.name AS assignee_name, x.opened_at, x.resolved_at, x.created_at, x.updated_at, x.version`,
  joins: `LEFT JOIN users a ON a.workspace_id = x.workspace_id AND a.id = x.assignee_id
    LEFT JOIN contacts ct ON ct.workspace_id = x.workspace_id AND ct.id = x.contact_id`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    kind: r.kind as Ticket['kind'],
    subject: String(r.subject),
    description: (r.description as string | null) ?? null,
    status: r.status as Ticket['status'],
    satisfaction: r.satisfaction === null || r.satisfaction === undefined ? null : Number(r.satisfaction),
    contactId: (r.contact_id as string | null) ?? null,
    contactName: (r.contact_name as string | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    assigneeName: (r.assignee_name as string | null) ?? null,
    openedAt: isoNotNull(r.opened_at),
    resolvedAt: iso(r.resolved_at),
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Ticket,
  create: CreateTicketBody,
  update: UpdateTicketBody,
  sorts: { openedAt: 'x.opened_at', status: 'x.status', kind: 'x.kind', customerName: 'c.name' },
  defaultSort: 'x.opened_at DESC',
  search: ['x.subject', 'x.description', 'c.name'],
  affectsMetrics: true,
  async prepare(db, actor, customerId, values, existing) {
    await assertSameCustomer(db, actor.workspaceId, 'contacts', values.contactId, customerId, 'contactId');
    if (
      values.assigneeId &&
      !(await usersRepository.byId(db, actor.workspaceId, String(values.assigneeId)))
    ) {
      throw invalidReference('assigneeId');
    }
    const out = { ...values };
    if (values.status !== undefined) {
      const wasDone = existing ? DONE.has(String(existing.status)) : false;
      if (DONE.has(String(values.status)) && !wasDone) out.resolvedAt = new Date().toISOString();
      if (!DONE.has(String(values.status))) out.resolvedAt = null;
    }
    return out;
  },
});
