// Orders, one row per order (an amount column) or one row per line (quantity and unit price): rows that
// share an order number form one order whose amount is Σ round(quantity × unit price), exactly. An order
// is imported whole or not at all: if one of its rows fails, its other rows fail with ORDER_INCOMPLETE.
// Cancellations (a cancelled/refunded status, an order-number prefix, a negative quantity or amount)
// become cancelled orders, which customer_metrics does not count as revenue.
//
// Memory stays flat in the file size: each row is converted and checked on its own while reading and
// staged, a batch at a time, in a TEMP table of the import's transaction (ON COMMIT DROP). Everything
// that needs more than one row — grouping lines into orders, inconsistent customers, incomplete orders,
// matching customers and existing orders, the inserts — is then done set-wise in SQL from that table
// (see stage.ts and orders-stage.repository.ts). Only the failed rows' errors come back into memory, for the report.
import { lineAmount } from '../../db/decimal.ts';
import { placeCustomers } from '../segmentation/placement.ts';
import {
  parseAmount,
  parseDateTime,
  parseOrderStatus,
  parseQuantity,
  text,
  type Converted,
} from './convert.ts';
import type { Mapping } from './mapping.ts';
import { ORDER_ROWS, ordersStage } from './orders-stage.repository.ts';
import { reportStagedErrors, type Phase, type StagedRowError, type StageWriter } from './stage.ts';
import type { ImportContext, ImportOptions, Report, RowErrorCode } from './report.ts';
import type { DataRow } from './source.ts';

export function ordersImport(
  ctx: ImportContext,
  opts: ImportOptions,
  report: Report,
  mapping: Mapping,
  timeZone: string,
  stats: { orders?: { inserted: number; updated: number; skipped: number; failed: number; lines: number } },
): Phase {
  const lineMode = mapping.columns.has('quantity') || mapping.columns.has('unit_price');
  const stage = ordersStage(ctx.actor, {
    lineMode,
    policy: opts.onDuplicate ?? 'skip',
    cancelPrefix: opts.cancelPrefix ?? '',
    createCustomers: opts.createCustomers ?? false,
  });
  /** Converts and stages one row: its values, or the first row-level error (in the order checked). */
  async function stageRow(out: StageWriter, r: DataRow, no: string) {
    const customer = text(r.get('customer_external_id'));
    let err: StagedRowError | null = null;
    let at: string | null = null;
    let status: string | null = null;
    let q: string | null = null;
    let p: string | null = null;
    let amount: string | null = null;
    let negative = false;
    const take = <T>(field: string, conv: Converted<T>, code: RowErrorCode): T | undefined => {
      if (conv.ok) return conv.value;
      err = { field, code, value: text(r.get(field)) ?? '' };
      return undefined;
    };
    // The same checks, in the same order, as a row-by-row reader would make; inconsistent customers
    // across the rows of an order are found in SQL afterwards (and take precedence, as they would).
    check: {
      if (!customer) {
        err = { field: 'customer_external_id', code: 'NO_CUSTOMER' };
        break check;
      }
      const a = take('ordered_at', parseDateTime(r.get('ordered_at'), timeZone), 'INVALID_DATE');
      if (a === undefined) break check;
      if (a === null) {
        err = { field: 'ordered_at', code: 'REQUIRED' };
        break check;
      }
      at = a;
      const s = take('status', parseOrderStatus(r.get('status')), 'INVALID_STATUS');
      if (s === undefined) break check;
      status = s;
      const given = take('amount', parseAmount(r.get('amount')), 'INVALID_AMOUNT');
      if (given === undefined) break check;
      if (lineMode) {
        const qq = take('quantity', parseQuantity(r.get('quantity')), 'INVALID_QUANTITY');
        if (qq === undefined) break check;
        if (qq === null) {
          err = { field: 'quantity', code: 'REQUIRED' };
          break check;
        }
        const pp = take('unit_price', parseAmount(r.get('unit_price')), 'INVALID_AMOUNT');
        if (pp === undefined) break check;
        if (pp === null) {
          err = { field: 'unit_price', code: 'REQUIRED' };
          break check;
        }
        const line = lineAmount(qq, pp);
        if (given !== null && given !== line) {
          err = { field: 'amount', code: 'AMOUNT_MISMATCH', value: given, other: line };
          break check;
        }
        q = qq;
        p = pp;
        amount = line;
        negative = qq.startsWith('-');
      } else {
        if (given === null) {
          err = { field: 'amount', code: 'REQUIRED' };
          break check;
        }
        amount = given;
        negative = given.startsWith('-');
      }
    }
    const e = err as StagedRowError | null;
    const ok = e === null;
    // In the order of ORDER_ROWS.columns.
    await out.add(
      r.row,
      [
        no,
        customer,
        ok ? text(r.get('customer_name')) : null,
        at,
        status,
        ok ? text(r.get('currency')) : null,
        ok ? text(r.get('notes')) : null,
        ok && lineMode ? (text(r.get('product_name')) ?? text(r.get('sku')) ?? '—') : null,
        q,
        p,
        amount,
        negative,
      ],
      e,
    );
  }

  return {
    async read(rows, db) {
      const out = await stage.stage(db);
      for await (const r of rows) {
        const no = text(r.get('order_no'));
        if (!no) report.fail(r.row, 'order_no', 'REQUIRED');
        else await stageRow(out, r, no);
        if ((r.row & 1023) === 0) opts.onProgress?.({ phase: 'read', rows: r.row });
      }
      await out.close();
    },

    async write(db) {
      const progress = (step: string) => opts.onProgress?.({ phase: 'write', rows: 0, step });
      // Orders from their rows; rows of failed orders fail too.
      await stage.group(db);
      await opts.beforeStage?.(db, 'customers');
      progress('customers');
      const created = await stage.resolveCustomers(db);
      await stage.matchExisting(db);
      await opts.beforeStage?.(db, 'orders');
      progress('orders');
      await stage.writeOrders(db);
      let lines = 0;
      if (lineMode) {
        await opts.beforeStage?.(db, 'lines');
        progress('lines');
        lines = await stage.writeLines(db);
      }
      progress('metrics');
      await placeCustomers(db, ctx.actor.workspaceId, 'all');

      const outcomes = await stage.outcomes(db);
      stats.orders = { ...outcomes.orders, lines };
      report.inserted += outcomes.rows.inserted;
      report.updated += outcomes.rows.updated;
      report.skipped += outcomes.rows.skipped;
      await reportStagedErrors(db, ORDER_ROWS.table, report);
      return { customersCreated: created };
    },
  };
}
