import { CreateInvoiceBody, Invoice, UpdateInvoiceBody } from '@stratum/contracts';
import { invoices } from '../../db/schema.ts';
import { isoNotNull, money } from '../../db/raw.ts';
import { assertSameCustomer, defineChild } from '../customers/child-resource.ts';

export const invoicesResource = defineChild<Invoice>({
  entity: 'invoice',
  path: 'invoices',
  table: invoices,
  select: `x.id, x.customer_id, c.name AS customer_name, x.contract_id, ct.contract_no, x.order_id, o.order_no, x.invoice_no, x.kind, x.amount,
    x.issued_on::text AS issued_on, x.status, x.notes, x.created_at, x.updated_at, x.version`,
  joins: `LEFT JOIN contracts ct ON ct.workspace_id = x.workspace_id AND ct.id = x.contract_id
    LEFT JOIN orders o ON o.workspace_id = x.workspace_id AND o.id = x.order_id`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    contractId: (r.contract_id as string | null) ?? null,
    contractNo: (r.contract_no as string | null) ?? null,
    orderId: (r.order_id as string | null) ?? null,
    orderNo: (r.order_no as string | null) ?? null,
    invoiceNo: (r.invoice_no as string | null) ?? null,
    kind: r.kind as Invoice['kind'],
    amount: money(r.amount),
    issuedOn: (r.issued_on as string | null) ?? null,
    status: r.status as Invoice['status'],
    notes: (r.notes as string | null) ?? null,
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Invoice,
  create: CreateInvoiceBody,
  update: UpdateInvoiceBody,
  sorts: { issuedOn: 'x.issued_on', amount: 'x.amount', invoiceNo: 'x.invoice_no', customerName: 'c.name' },
  defaultSort: 'x.issued_on DESC NULLS FIRST',
  search: ['x.invoice_no', 'c.name'],
  unique: { invoices_invoice_no_key: 'invoiceNo' },
  async prepare(db, actor, customerId, values) {
    await assertSameCustomer(db, actor.workspaceId, 'contracts', values.contractId, customerId, 'contractId');
    await assertSameCustomer(db, actor.workspaceId, 'orders', values.orderId, customerId, 'orderId');
    return values;
  },
});
