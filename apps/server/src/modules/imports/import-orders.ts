// Orders, one row per order (an amount column) or one row per line (quantity and unit price): rows that
// share an order number form one order whose amount is Σ round(quantity × unit price), exactly. An order
// is imported whole or not at all: if one of its rows fails, its other rows fail with ORDER_INCOMPLETE.
// Cancellations (a cancelled/refunded status, an order-number prefix, a negative quantity or amount)
// become cancelled orders, which customer_metrics does not count as revenue.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { cents, formatCents, lineAmount } from '../../db/decimal.ts';
import { metricsRepository } from '../customers/metrics.repository.ts';
import {
  parseAmount,
  parseDateTime,
  parseOrderStatus,
  parseQuantity,
  text,
  type Converted,
  type OrderStatus,
} from './convert.ts';
import { resolveCustomerRefs } from './customer-refs.ts';
import { bulkInsert, importsRepository } from './imports.repository.ts';
import type { Mapping } from './mapping.ts';
import type { ImportContext, ImportOptions, Report, RowErrorCode } from './report.ts';
import type { Phase } from './import-customers.ts';
import type { DataRow } from './source.ts';

interface OrderAgg {
  no: string;
  customer: string;
  customerName: string | null;
  orderedAt: string;
  status: OrderStatus | null;
  currency: string | null;
  notes: string | null;
  cents: bigint;
  negative: boolean;
  /** Row numbers of the order's rows (first = the order's row). */
  rows: number[];
  failed: boolean;
  lines: number;
}

/** Lines, column by column (a few strings each: 500,000 lines stay small). */
class Lines {
  order: number[] = [];
  productName: string[] = [];
  quantity: string[] = [];
  unitPrice: string[] = [];
  amount: string[] = [];
  add(order: number, name: string, q: string, p: string, a: string) {
    this.order.push(order);
    this.productName.push(name);
    this.quantity.push(q);
    this.unitPrice.push(p);
    this.amount.push(a);
  }
}

export function ordersImport(
  ctx: ImportContext,
  opts: ImportOptions,
  report: Report,
  mapping: Mapping,
  timeZone: string,
  stats: { orders?: { inserted: number; updated: number; skipped: number; failed: number; lines: number } },
): Phase {
  const policy = opts.onDuplicate ?? 'skip';
  const lineMode = mapping.columns.has('quantity') || mapping.columns.has('unit_price');
  const orders: OrderAgg[] = [];
  const byNo = new Map<string, number>();
  const lines = new Lines();
  const prefix = opts.cancelPrefix;

  const failOrder = (o: OrderAgg) => {
    o.failed = true;
  };

  function take<T>(r: DataRow, field: string, conv: Converted<T>, code: RowErrorCode): T | undefined {
    if (conv.ok) return conv.value;
    report.fail(r.row, field, code, { value: text(r.get(field)) ?? '' });
    return undefined;
  }

  function readRow(r: DataRow) {
    const no = text(r.get('order_no'));
    if (!no) return report.fail(r.row, 'order_no', 'REQUIRED');
    const index = byNo.get(no);
    const existing = index === undefined ? undefined : orders[index];
    if (existing && !lineMode) {
      return report.fail(r.row, 'order_no', 'DUPLICATE_IN_FILE', { other: existing.rows[0]!, value: no });
    }
    // Every row is attached to its order first, so a failure anywhere fails the whole order.
    let o = existing;
    if (!o) {
      o = {
        no,
        customer: '',
        customerName: null,
        orderedAt: '',
        status: null,
        currency: null,
        notes: null,
        cents: 0n,
        negative: false,
        rows: [],
        failed: false,
        lines: 0,
      };
      byNo.set(no, orders.length);
      orders.push(o);
    }
    o.rows.push(r.row);
    const fail = (field: string, code: RowErrorCode, params: Record<string, string | number> = {}) => {
      report.fail(r.row, field, code, params);
      failOrder(o);
    };

    const customer = text(r.get('customer_external_id'));
    if (!customer) return fail('customer_external_id', 'NO_CUSTOMER');
    if (o.customer && o.customer !== customer)
      return fail('customer_external_id', 'INCONSISTENT_ORDER', { value: no });
    const at = take(r, 'ordered_at', parseDateTime(r.get('ordered_at'), timeZone), 'INVALID_DATE');
    if (at === undefined) return failOrder(o);
    if (at === null) return fail('ordered_at', 'REQUIRED');
    const status = take(r, 'status', parseOrderStatus(r.get('status')), 'INVALID_STATUS');
    if (status === undefined) return failOrder(o);
    const amount = take(r, 'amount', parseAmount(r.get('amount')), 'INVALID_AMOUNT');
    if (amount === undefined) return failOrder(o);

    let lineCents: bigint;
    if (lineMode) {
      const q = take(r, 'quantity', parseQuantity(r.get('quantity')), 'INVALID_QUANTITY');
      if (q === undefined) return failOrder(o);
      if (q === null) return fail('quantity', 'REQUIRED');
      const p = take(r, 'unit_price', parseAmount(r.get('unit_price')), 'INVALID_AMOUNT');
      if (p === undefined) return failOrder(o);
      if (p === null) return fail('unit_price', 'REQUIRED');
      const a = lineAmount(q, p);
      if (amount !== null && amount !== a)
        return fail('amount', 'AMOUNT_MISMATCH', { value: amount, other: a });
      const name = text(r.get('product_name')) ?? text(r.get('sku')) ?? '—';
      if (!o.failed) lines.add(byNo.get(no)!, name, q, p, a);
      o.lines++;
      lineCents = cents(a);
      if (q.startsWith('-')) o.negative = true;
    } else {
      if (amount === null) return fail('amount', 'REQUIRED');
      lineCents = cents(amount);
      if (amount.startsWith('-')) o.negative = true;
    }
    o.customer = customer;
    o.customerName ??= text(r.get('customer_name'));
    if (!o.orderedAt || at < o.orderedAt) o.orderedAt = at;
    o.status ??= status;
    o.currency ??= text(r.get('currency'));
    o.notes ??= text(r.get('notes'));
    o.cents += lineCents;
  }

  return {
    async read(rows) {
      for await (const r of rows) {
        readRow(r);
        if ((r.row & 1023) === 0) opts.onProgress?.({ phase: 'read', rows: r.row });
      }
      // The other rows of a failed order.
      for (const o of orders) {
        if (!o.failed) continue;
        for (const row of o.rows) report.fail(row, 'order_no', 'ORDER_INCOMPLETE', { value: o.no });
      }
    },

    async write(db) {
      const { actor } = ctx;
      const counts = { inserted: 0, updated: 0, skipped: 0, failed: 0, lines: 0 };
      stats.orders = counts;
      const live = orders.filter((o) => !o.failed);

      // Customers (matched, or created when asked).
      const wanted = new Map<string, string | null>();
      for (const o of live) if (!wanted.has(o.customer)) wanted.set(o.customer, o.customerName);
      await opts.beforeStage?.(db, 'customers');
      const { refs, created } = await resolveCustomerRefs(db, actor, wanted, opts.createCustomers ?? false);
      const customerOf = new Map<OrderAgg, string>();
      for (const o of live) {
        const ref = refs.get(o.customer)!;
        if ('id' in ref) customerOf.set(o, ref.id);
        else {
          o.failed = true;
          for (const row of o.rows) report.fail(row, 'customer_external_id', ref.code, { value: o.customer });
        }
      }

      // Existing orders by number: the duplicates policy.
      const existing = new Map(
        (
          await importsRepository.ordersByNo(
            db,
            actor,
            [...customerOf.keys()].map((o) => o.no),
          )
        ).map((e) => [e.orderNo, e]),
      );
      const toInsert: OrderAgg[] = [];
      const toUpdate: { id: string; o: OrderAgg }[] = [];
      for (const o of customerOf.keys()) {
        const e = existing.get(o.no);
        if (!e) toInsert.push(o);
        else if (policy === 'skip') {
          counts.skipped++;
          report.skipped += o.rows.length;
        } else if (policy === 'update' && e.editable) toUpdate.push({ id: e.id, o });
        else {
          o.failed = true;
          const code: RowErrorCode = policy === 'update' ? 'NOT_YOUR_CUSTOMER' : 'DUPLICATE';
          for (const row of o.rows)
            report.fail(row, 'order_no', code, {
              value: code === 'DUPLICATE' ? o.no : o.customer,
              field: 'order_no',
            });
        }
      }

      const statusOf = (o: OrderAgg): OrderStatus =>
        o.status ?? ((prefix && o.no.startsWith(prefix)) || o.negative ? 'cancelled' : 'completed');
      const ids = new Map<OrderAgg, string>();
      for (const o of toInsert) ids.set(o, randomUUID());
      for (const u of toUpdate) ids.set(u.o, u.id);

      await opts.beforeStage?.(db, 'orders');
      if (toInsert.length > 0) {
        await bulkInsert(
          db,
          'orders',
          [
            { name: 'id', type: 'uuid', values: toInsert.map((o) => ids.get(o)) },
            { name: 'customer_id', type: 'uuid', values: toInsert.map((o) => customerOf.get(o)) },
            { name: 'order_no', type: 'text', values: toInsert.map((o) => o.no) },
            { name: 'ordered_at', type: 'timestamptz', values: toInsert.map((o) => o.orderedAt) },
            { name: 'status', type: 'text', values: toInsert.map(statusOf) },
            { name: 'currency', type: 'text', values: toInsert.map((o) => o.currency ?? 'CNY') },
            { name: 'amount', type: 'numeric', values: toInsert.map((o) => formatCents(o.cents)) },
            { name: 'notes', type: 'text', values: toInsert.map((o) => o.notes) },
          ],
          [{ name: 'workspace_id', value: sql`${actor.workspaceId}::uuid` }],
        );
      }
      if (toUpdate.length > 0) {
        const us = toUpdate.map((u) => u.o);
        await importsRepository.updateOrders(db, actor.workspaceId, [
          { name: 'id', type: 'uuid', values: toUpdate.map((u) => u.id) },
          { name: 'customer_id', type: 'uuid', values: us.map((o) => customerOf.get(o)) },
          { name: 'ordered_at', type: 'timestamptz', values: us.map((o) => o.orderedAt) },
          { name: 'status', type: 'text', values: us.map(statusOf) },
          { name: 'currency', type: 'text', values: us.map((o) => o.currency ?? 'CNY') },
          { name: 'amount', type: 'numeric', values: us.map((o) => formatCents(o.cents)) },
          { name: 'notes', type: 'text', values: us.map((o) => o.notes) },
        ]);
        if (lineMode)
          await importsRepository.deleteOrderLines(
            db,
            actor.workspaceId,
            toUpdate.map((u) => u.id),
          );
      }

      if (lineMode) {
        // Lines of the orders written, in file order; positions count from 1 within each order.
        const orderId: string[] = [];
        const position: number[] = [];
        const keep: number[] = [];
        const seen = new Map<number, number>();
        for (let i = 0; i < lines.order.length; i++) {
          const o = orders[lines.order[i]!]!;
          const id = o.failed ? undefined : ids.get(o);
          if (!id) continue;
          const pos = (seen.get(lines.order[i]!) ?? 0) + 1;
          seen.set(lines.order[i]!, pos);
          orderId.push(id);
          position.push(pos);
          keep.push(i);
        }
        const pick = (a: string[]) => keep.map((i) => a[i]);
        await opts.beforeStage?.(db, 'lines');
        await bulkInsert(
          db,
          'order_lines',
          [
            { name: 'order_id', type: 'uuid', values: orderId },
            { name: 'position', type: 'int', values: position },
            { name: 'product_name', type: 'text', values: pick(lines.productName) },
            { name: 'quantity', type: 'numeric', values: pick(lines.quantity) },
            { name: 'unit_price', type: 'numeric', values: pick(lines.unitPrice) },
            { name: 'amount', type: 'numeric', values: pick(lines.amount) },
          ],
          [{ name: 'workspace_id', value: sql`${actor.workspaceId}::uuid` }],
        );
        counts.lines = orderId.length;
      }
      await metricsRepository.recomputeAll(db, actor.workspaceId);

      counts.inserted = toInsert.length;
      counts.updated = toUpdate.length;
      counts.failed = orders.filter((o) => o.failed).length;
      report.inserted += toInsert.reduce((n, o) => n + o.rows.length, 0);
      report.updated += toUpdate.reduce((n, u) => n + u.o.rows.length, 0);
      return { customersCreated: created };
    },
  };
}
