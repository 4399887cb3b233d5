import { CreateFollowupBody, Followup, UpdateFollowupBody } from '@stratum/contracts';
import { followups } from '../../db/schema.ts';
import { isoNotNull } from '../../db/raw.ts';
import { assertSameCustomer, defineChild } from '../customers/child-resource.ts';

/** 跟进记录: written by the signed-in user, now unless said otherwise; feeds "last follow-up" metrics. */
export const followupsResource = defineChild<Followup>({
  entity: 'followup',
  path: 'followups',
  table: followups,
  select: `x.id, x.customer_id, c.name AS customer_name, x.type, x.content, x.occurred_at, x.contact_id, ct.name AS contact_name,
    x.user_id, u.name AS user_name, x.next_followup_on::text AS next_followup_on, x.created_at, x.updated_at, x.version`,
  joins: `LEFT JOIN users u ON u.workspace_id = x.workspace_id AND u.id = x.user_id
    LEFT JOIN contacts ct ON ct.workspace_id = x.workspace_id AND ct.id = x.contact_id`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    type: r.type as Followup['type'],
    content: String(r.content),
    occurredAt: isoNotNull(r.occurred_at),
    contactId: (r.contact_id as string | null) ?? null,
    contactName: (r.contact_name as string | null) ?? null,
    userId: (r.user_id as string | null) ?? null,
    userName: (r.user_name as string | null) ?? null,
    nextFollowupOn: (r.next_followup_on as string | null) ?? null,
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Followup,
  create: CreateFollowupBody,
  update: UpdateFollowupBody,
  sorts: { occurredAt: 'x.occurred_at', nextFollowupOn: 'x.next_followup_on', customerName: 'c.name' },
  defaultSort: 'x.occurred_at DESC',
  search: ['x.content', 'c.name'],
  affectsMetrics: true,
  async prepare(db, actor, customerId, values, existing) {
    await assertSameCustomer(db, actor.workspaceId, 'contacts', values.contactId, customerId, 'contactId');
    if (existing) return values;
    return { ...values, userId: actor.userId, occurredAt: values.occurredAt ?? new Date().toISOString() };
  },
});
