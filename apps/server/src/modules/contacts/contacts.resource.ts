import { Contact, CreateContactBody, UpdateContactBody } from '@stratum/contracts';
import { contacts } from '../../db/schema.ts';
import { isoNotNull } from '../../db/raw.ts';
import { defineChild, detachReferences } from '../customers/child-resource.ts';

export const contactsResource = defineChild<Contact>({
  entity: 'contact',
  path: 'contacts',
  table: contacts,
  select: `x.id, x.customer_id, c.name AS customer_name, x.name, x.title, x.phone, x.email, x.wechat,
    x.is_decision_maker, x.notes, x.created_at, x.updated_at, x.version`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    name: String(r.name),
    title: (r.title as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    wechat: (r.wechat as string | null) ?? null,
    isDecisionMaker: Boolean(r.is_decision_maker),
    notes: (r.notes as string | null) ?? null,
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Contact,
  create: CreateContactBody,
  update: UpdateContactBody,
  sorts: { name: 'x.name', createdAt: 'x.created_at', customerName: 'c.name' },
  defaultSort: 'x.is_decision_maker DESC, x.name',
  search: ['x.name', 'x.phone', 'x.email', 'x.wechat', 'c.name'],
  beforeDelete: detachReferences([
    ['followups', 'contact_id'],
    ['tickets', 'contact_id'],
  ]),
});
