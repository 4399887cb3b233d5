import { z } from 'zod';
import { Id, ListQuery } from './common.ts';
import { DateOnly, Instant, Money, Quantity } from './customers.ts';

// Records that belong to a customer. Each resource: GET list (filter `customerId`), POST, GET/PATCH/DELETE
// by id, and GET /api/v1/customers/{id}/<resource>. Updates carry `version`.

const text = (max: number) => z.string().trim().max(max);
const opt = (max: number) => text(max).nullable().optional();
const meta = {
  id: Id,
  customerId: Id,
  customerName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
};
const updatable = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ version: z.number().int(), ...z.object(shape).partial().shape });

export const ChildListQuery = ListQuery.extend({ customerId: Id.optional() });

// ── Contacts ──
const contactShape = {
  name: text(100).min(1),
  title: opt(100),
  phone: opt(50),
  email: z.email().max(254).nullable().optional(),
  wechat: opt(100),
  isDecisionMaker: z.boolean().optional(),
  notes: opt(2000),
};
export const CreateContactBody = z.strictObject({ customerId: Id, ...contactShape });
export const UpdateContactBody = updatable(contactShape);
export const Contact = z.object({
  ...meta,
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  isDecisionMaker: z.boolean(),
  notes: z.string().nullable(),
});
export type Contact = z.infer<typeof Contact>;

// ── Follow-ups (跟进记录) ──
export const FOLLOWUP_TYPES = ['call', 'visit', 'wechat', 'email', 'meeting', 'note'] as const;
const followupShape = {
  type: z.enum(FOLLOWUP_TYPES),
  content: text(5000).min(1),
  occurredAt: Instant.optional(),
  contactId: Id.nullable().optional(),
  /** Reminder: the next follow-up is due on this day. */
  nextFollowupOn: DateOnly.nullable().optional(),
};
export const CreateFollowupBody = z.strictObject({ customerId: Id, ...followupShape });
export const UpdateFollowupBody = updatable(followupShape);
export const Followup = z.object({
  ...meta,
  type: z.enum(FOLLOWUP_TYPES),
  content: z.string(),
  occurredAt: z.string(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  nextFollowupOn: z.string().nullable(),
});
export type Followup = z.infer<typeof Followup>;

// ── Products (catalogue, not per customer) ──
const productShape = {
  sku: text(64).min(1),
  name: text(200).min(1),
  category: opt(100),
  unitPrice: Money.nullable().optional(),
  active: z.boolean().optional(),
};
export const CreateProductBody = z.strictObject(productShape);
export const UpdateProductBody = updatable(productShape);
export const Product = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  unitPrice: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Product = z.infer<typeof Product>;

// ── Orders ──
export const ORDER_STATUSES = ['paid', 'completed', 'cancelled', 'refunded'] as const;
export const OrderLineInput = z.strictObject({
  productId: Id.nullable().optional(),
  productName: text(200).min(1),
  quantity: Quantity,
  unitPrice: Money,
});
const orderShape = {
  orderNo: text(64).min(1),
  orderedAt: Instant,
  status: z.enum(ORDER_STATUSES),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Required without lines; with lines it is Σ quantity × unit price (and must match if given). */
  amount: Money.optional(),
  lines: z.array(OrderLineInput).max(500).optional(),
  notes: opt(2000),
};
export const CreateOrderBody = z.strictObject({ customerId: Id, ...orderShape });
export const UpdateOrderBody = updatable(orderShape);
export const OrderLine = z.object({
  id: Id,
  position: z.number().int(),
  productId: Id.nullable(),
  productName: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  amount: z.string(),
});
export const Order = z.object({
  ...meta,
  orderNo: z.string(),
  orderedAt: z.string(),
  status: z.enum(ORDER_STATUSES),
  currency: z.string(),
  amount: z.string(),
  notes: z.string().nullable(),
  lines: z.array(OrderLine),
});
export type Order = z.infer<typeof Order>;

// ── Contracts ──
export const CONTRACT_STATUSES = ['draft', 'active', 'completed', 'terminated'] as const;
const contractShape = {
  contractNo: text(64).min(1),
  title: text(200).min(1),
  amount: Money,
  signedOn: DateOnly.nullable().optional(),
  startsOn: DateOnly.nullable().optional(),
  endsOn: DateOnly.nullable().optional(),
  status: z.enum(CONTRACT_STATUSES),
  notes: opt(2000),
};
export const CreateContractBody = z.strictObject({ customerId: Id, ...contractShape });
export const UpdateContractBody = updatable(contractShape);
export const Contract = z.object({
  ...meta,
  contractNo: z.string(),
  title: z.string(),
  amount: z.string(),
  signedOn: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: z.enum(CONTRACT_STATUSES),
  notes: z.string().nullable(),
  /** Σ received payments against this contract. */
  receivedAmount: z.string(),
});
export type Contract = z.infer<typeof Contract>;

// ── Payments (回款) ──
const paymentShape = {
  contractId: Id.nullable().optional(),
  orderId: Id.nullable().optional(),
  amount: Money,
  /** Planned: the day it is due. */
  dueOn: DateOnly.nullable().optional(),
  /** Received: when the money arrived (null while only planned). */
  receivedAt: Instant.nullable().optional(),
  method: opt(50),
  notes: opt(2000),
};
export const CreatePaymentBody = z.strictObject({ customerId: Id, ...paymentShape });
export const UpdatePaymentBody = updatable(paymentShape);
export const Payment = z.object({
  ...meta,
  contractId: Id.nullable(),
  contractNo: z.string().nullable(),
  orderId: Id.nullable(),
  orderNo: z.string().nullable(),
  amount: z.string(),
  dueOn: z.string().nullable(),
  receivedAt: z.string().nullable(),
  method: z.string().nullable(),
  notes: z.string().nullable(),
  /** received, overdue (due before today and not received) or planned. */
  state: z.enum(['planned', 'received', 'overdue']),
});
export type Payment = z.infer<typeof Payment>;

// ── Invoices (开票) ──
export const INVOICE_KINDS = ['vat_special', 'vat_general', 'electronic'] as const;
export const INVOICE_STATUSES = ['requested', 'issued', 'void'] as const;
const invoiceShape = {
  contractId: Id.nullable().optional(),
  orderId: Id.nullable().optional(),
  invoiceNo: opt(64),
  kind: z.enum(INVOICE_KINDS),
  amount: Money,
  issuedOn: DateOnly.nullable().optional(),
  status: z.enum(INVOICE_STATUSES),
  notes: opt(2000),
};
export const CreateInvoiceBody = z.strictObject({ customerId: Id, ...invoiceShape });
export const UpdateInvoiceBody = updatable(invoiceShape);
export const Invoice = z.object({
  ...meta,
  contractId: Id.nullable(),
  contractNo: z.string().nullable(),
  orderId: Id.nullable(),
  orderNo: z.string().nullable(),
  invoiceNo: z.string().nullable(),
  kind: z.enum(INVOICE_KINDS),
  amount: z.string(),
  issuedOn: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  notes: z.string().nullable(),
});
export type Invoice = z.infer<typeof Invoice>;

// ── Service tickets ──
export const TICKET_KINDS = ['complaint', 'consultation', 'repair'] as const;
export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
const ticketShape = {
  kind: z.enum(TICKET_KINDS),
  subject: text(200).min(1),
  description: opt(5000),
  status: z.enum(TICKET_STATUSES),
  /** 1–5 stars, given when the ticket is resolved. */
  satisfaction: z.number().int().min(1).max(5).nullable().optional(),
  contactId: Id.nullable().optional(),
  assigneeId: Id.nullable().optional(),
  openedAt: Instant.optional(),
};
export const CreateTicketBody = z.strictObject({
  customerId: Id,
  ...ticketShape,
  status: ticketShape.status.default('open'),
});
export const UpdateTicketBody = updatable(ticketShape);
export const Ticket = z.object({
  ...meta,
  kind: z.enum(TICKET_KINDS),
  subject: z.string(),
  description: z.string().nullable(),
  status: z.enum(TICKET_STATUSES),
  satisfaction: z.number().int().nullable(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

// ── Custom fields ──
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'single_select', 'multi_select'] as const;
const customFieldShape = {
  labelZh: text(100).min(1),
  labelEn: text(100).min(1),
  options: z.array(text(100).min(1)).max(200).optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
};
export const CreateCustomFieldBody = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter'),
  type: z.enum(CUSTOM_FIELD_TYPES),
  ...customFieldShape,
});
export const UpdateCustomFieldBody = updatable(customFieldShape);
export const CustomField = z.object({
  id: Id,
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
});
export type CustomField = z.infer<typeof CustomField>;

// ── Saved views of the customer list ──
export const ViewConfig = z.strictObject({
  columns: z.array(z.string().max(80)).max(100).optional(),
  filter: z.unknown().optional(),
  sort: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
});
export const CreateSavedViewBody = z.strictObject({
  name: text(100).min(1),
  shared: z.boolean().optional(),
  config: ViewConfig,
});
export const UpdateSavedViewBody = updatable({
  name: text(100).min(1),
  shared: z.boolean(),
  config: ViewConfig,
});
export const SavedView = z.object({
  id: Id,
  name: z.string(),
  shared: z.boolean(),
  ownerId: Id,
  ownerName: z.string(),
  config: ViewConfig,
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SavedView = z.infer<typeof SavedView>;

// ── Timeline of a customer ──
export const TimelineEntry = z.object({
  kind: z.enum(['followup', 'order', 'payment', 'ticket', 'owner_change', 'contract']),
  id: z.string(),
  at: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  amount: z.string().nullable(),
  userName: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export type CreateContactBody = z.infer<typeof CreateContactBody>;
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;
export type CreateFollowupBody = z.infer<typeof CreateFollowupBody>;
export type UpdateFollowupBody = z.infer<typeof UpdateFollowupBody>;
export type CreateProductBody = z.infer<typeof CreateProductBody>;
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;
export type UpdateOrderBody = z.infer<typeof UpdateOrderBody>;
export type CreateContractBody = z.infer<typeof CreateContractBody>;
export type UpdateContractBody = z.infer<typeof UpdateContractBody>;
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;
export type UpdatePaymentBody = z.infer<typeof UpdatePaymentBody>;
export type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;
export type UpdateInvoiceBody = z.infer<typeof UpdateInvoiceBody>;
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>;
export type CreateCustomFieldBody = z.infer<typeof CreateCustomFieldBody>;
export type UpdateCustomFieldBody = z.infer<typeof UpdateCustomFieldBody>;
export type CreateSavedViewBody = z.infer<typeof CreateSavedViewBody>;
export type UpdateSavedViewBody = z.infer<typeof UpdateSavedViewBody>;
