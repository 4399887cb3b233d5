import { CreateOrderBody, Order, UpdateOrderBody } from '@stratum/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lineAmount, normaliseAmount, sumAmounts } from '../../db/decimal.ts';
import { isoNotNull, money } from '../../db/raw.ts';
import { orderLines, orders, products } from '../../db/schema.ts';
import { AppError, invalidField, type FieldIssue } from '../../http/errors.ts';
import { defineChild, detachReferences } from '../customers/child-resource.ts';

interface LineInput {
  productId?: string | null;
  productName: string;
  quantity: string;
  unitPrice: string;
}

/**
 * An order's amount is consistent with its lines: with lines it is Σ round(quantity × unit price), and a
 * given amount must equal that; without lines the amount is required. Counted in metrics when paid or
 * completed (cancelled and refunded orders are not revenue).
 */
function settleAmount(
  values: Record<string, unknown>,
  existing: Record<string, unknown> | null,
): Record<string, unknown> {
  const lines = values.lines as LineInput[] | undefined;
  if (lines && lines.length > 0) {
    const expected = sumAmounts(lines.map((l) => lineAmount(l.quantity, l.unitPrice)));
    if (values.amount !== undefined && normaliseAmount(String(values.amount)) !== expected) {
      throw invalidField({ in: 'body', path: 'amount', code: 'amount_mismatch', params: { expected } });
    }
    return { ...values, amount: expected };
  }
  if (values.amount === undefined && !existing) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { in: 'body', path: 'amount', code: 'required' } satisfies FieldIssue,
    ]);
  }
  return values.amount === undefined ? values : { ...values, amount: normaliseAmount(String(values.amount)) };
}

/** Lines may name a catalogue product; it must exist in this workspace. */
async function assertProducts(db: Db, workspaceId: string, lines: LineInput[] | undefined) {
  const ids = [...new Set((lines ?? []).map((l) => l.productId).filter((id): id is string => !!id))];
  if (ids.length === 0) return;
  const found = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, ids)));
  const known = new Set(found.map((p) => p.id));
  const issues: FieldIssue[] = [];
  (lines ?? []).forEach((l, i) => {
    if (l.productId && !known.has(l.productId))
      issues.push({ in: 'body', path: `lines.${i}.productId`, code: 'not_found' });
  });
  if (issues.length) throw new AppError('INVALID_REFERENCE', { field: 'productId' }, issues);
}

async function writeLines(db: Db, workspaceId: string, orderId: string, values: Record<string, unknown>) {
  const lines = values.lines as LineInput[] | undefined;
  if (lines === undefined) return;
  await db
    .delete(orderLines)
    .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, orderId)));
  if (lines.length === 0) return;
  await db.insert(orderLines).values(
    lines.map((l, i) => ({
      workspaceId,
      orderId,
      position: i + 1,
      productId: l.productId ?? null,
      productName: l.productName,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: lineAmount(l.quantity, l.unitPrice),
    })),
  );
}

export const ordersResource = defineChild<Order>({
  entity: 'order',
  path: 'orders',
  table: orders,
  select: `x.id, x.customer_id, c.name AS customer_name, x.order_no, x.ordered_at, x.status, x.currency, x.amount,
    x.notes, x.created_at, x.updated_at, x.version,
    COALESCE((SELECT json_agg(json_build_object('id', l.id, 'position', l.position, 'productId', l.product_id,
      'productName', l.product_name, 'quantity', l.quantity::text, 'unitPrice', l.unit_price::text, 'amount', l.amount::text)
      ORDER BY l.position) FROM order_lines l WHERE l.workspace_id = x.workspace_id AND l.order_id = x.id), '[]') AS lines`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    orderNo: String(r.order_no),
    orderedAt: isoNotNull(r.ordered_at),
    status: r.status as Order['status'],
    currency: String(r.currency),
    amount: money(r.amount),
    notes: (r.notes as string | null) ?? null,
    lines: ((typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines) as Order['lines']).map((l) => ({
      ...l,
      unitPrice: money(l.unitPrice),
      amount: money(l.amount),
    })),
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Order,
  create: CreateOrderBody,
  update: UpdateOrderBody,
  sorts: {
    orderedAt: 'x.ordered_at',
    amount: 'x.amount',
    orderNo: 'x.order_no',
    status: 'x.status',
    customerName: 'c.name',
  },
  defaultSort: 'x.ordered_at DESC',
  search: ['x.order_no', 'c.name'],
  unique: { orders_order_no_key: 'orderNo' },
  affectsMetrics: true,
  async prepare(db, actor, _customerId, values, existing) {
    await assertProducts(db, actor.workspaceId, values.lines as LineInput[] | undefined);
    // A new amount alone on an order that has lines must still equal those lines.
    if (existing && values.lines === undefined && values.amount !== undefined) {
      const current = await db
        .select({ quantity: orderLines.quantity, unitPrice: orderLines.unitPrice })
        .from(orderLines)
        .where(
          and(eq(orderLines.workspaceId, actor.workspaceId), eq(orderLines.orderId, String(existing.id))),
        );
      if (current.length > 0) {
        // Checked against the stored lines, which stay as they are.
        const { lines: _checked, ...settled } = settleAmount({ ...values, lines: current }, existing);
        return settled;
      }
    }
    return settleAmount(values, existing);
  },
  afterWrite: writeLines,
  beforeDelete: detachReferences([
    ['payments', 'order_id'],
    ['invoices', 'order_id'],
  ]),
});
