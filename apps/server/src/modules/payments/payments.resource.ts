import { CreatePaymentBody, Payment, UpdatePaymentBody } from '@stratum/contracts';
import { payments } from '../../db/schema.ts';
import { iso, isoNotNull, money } from '../../db/raw.ts';
import { assertSameCustomer, defineChild } from '../customers/child-resource.ts';

/** 回款: planned (due on a day), received (money in), or overdue (due before today in the workspace's zone). */
export const paymentsResource = defineChild<Payment>({
  entity: 'payment',
  path: 'payments',
  table: payments,
  select: `x.id, x.customer_id, c.name AS customer_name, x.contract_id, ct.contract_no, x.order_id, o.order_no,
    x.amount, x.due_on::text AS due_on, x.received_at, x.method, x.notes, x.created_at, x.updated_at, x.version,
    CASE WHEN x.received_at IS NOT NULL THEN 'received'
         WHEN x.due_on < (now() AT TIME ZONE w.time_zone)::date THEN 'overdue' ELSE 'planned' END AS state`,
  joins: `JOIN workspaces w ON w.workspace_id = x.workspace_id
    LEFT JOIN contracts ct ON ct.workspace_id = x.workspace_id AND ct.id = x.contract_id
    LEFT JOIN orders o ON o.workspace_id = x.workspace_id AND o.id = x.order_id`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    contractId: (r.contract_id as string | null) ?? null,
    contractNo: (r.contract_no as string | null) ?? null,
    orderId: (r.order_id as string | null) ?? null,
    orderNo: (r.order_no as string | null) ?? null,
    amount: money(r.amount),
    dueOn: (r.due_on as string | null) ?? null,
    receivedAt: iso(r.received_at),
    method: (r.method as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    state: r.state as Payment['state'],
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Payment,
  create: CreatePaymentBody,
  update: UpdatePaymentBody,
  sorts: { dueOn: 'x.due_on', receivedAt: 'x.received_at', amount: 'x.amount', customerName: 'c.name' },
  defaultSort: 'COALESCE(x.received_at::date, x.due_on) DESC NULLS LAST',
  search: ['ct.contract_no', 'o.order_no', 'c.name', 'x.method'],
  async prepare(db, actor, customerId, values) {
    await assertSameCustomer(db, actor.workspaceId, 'contracts', values.contractId, customerId, 'contractId');
    await assertSameCustomer(db, actor.workspaceId, 'orders', values.orderId, customerId, 'orderId');
    return values;
  },
});
