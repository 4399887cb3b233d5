// The SQL of an orders import: rows are staged (stage.ts) in TEMP tables of the import's transaction
// (dropped at commit or rollback), then grouped, checked, matched and written set-wise, so the process
// holds one batch of rows at a time whatever the file's size.
//   import_order_rows     one row per data row with an order number: its converted values or its error
//   import_orders         one row per order number: the order, its customer, its outcome
//   import_customer_refs  one row per customer external id referenced by a live order (customer-refs.ts)
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { canEditCustomer } from '../customers/customer-scope.ts';
import { resolveCustomerRefs } from './customer-refs.ts';
import type { DuplicatePolicy } from './report.ts';
import { analyze, createStage, stageWriter, type StageSpec, type StageWriter } from './stage.ts';

export interface OrdersStageOptions {
  lineMode: boolean;
  policy: DuplicatePolicy;
  /** '' = no prefix marks a cancellation. */
  cancelPrefix: string;
  createCustomers: boolean;
}

type Outcome = 'insert' | 'update' | 'skip' | 'failed';

/** The staged rows: one per data row with an order number, its converted values or its error. */
export const ORDER_ROWS: StageSpec = {
  table: 'import_order_rows',
  columns: [
    { name: 'order_no', type: 'text' },
    { name: 'customer', type: 'text' },
    { name: 'customer_name', type: 'text' },
    { name: 'ordered_at', type: 'timestamptz' },
    { name: 'status', type: 'text' },
    { name: 'currency', type: 'text' },
    { name: 'notes', type: 'text' },
    { name: 'product_name', type: 'text' },
    { name: 'quantity', type: 'numeric' },
    { name: 'unit_price', type: 'numeric' },
    { name: 'amount', type: 'numeric' },
    { name: 'negative', type: 'boolean' },
  ],
  extra: 'dup boolean NOT NULL DEFAULT false',
};

export function ordersStage(actor: Actor, opts: OrdersStageOptions) {
  const ws = actor.workspaceId;
  return {
    /** Stages the file's rows (see ORDER_ROWS), a batch at a time. */
    async stage(db: Db): Promise<StageWriter> {
      await createStage(db, ORDER_ROWS);
      return stageWriter(db, ORDER_ROWS);
    },

    /**
     * Builds the orders from their rows, with the checks that span rows:
     *  - one row per order (no quantity/unit price): a later row with the same number is DUPLICATE_IN_FILE
     *    (and not part of the order);
     *  - lines: the order's customer is that of its first clean row; a later row naming another customer is
     *    INCONSISTENT_ORDER (checked before the row's own values, so it wins over them);
     *  - an order with any failed row fails whole: its other rows are ORDER_INCOMPLETE.
     */
    async group(db: Db) {
      await db.execute(sql`CREATE INDEX ON import_order_rows (order_no, row_no)`);
      await db.execute(sql`ANALYZE import_order_rows`);
      if (!opts.lineMode) {
        await db.execute(sql`UPDATE import_order_rows r
          SET dup = true, err_field = 'order_no', err_code = 'DUPLICATE_IN_FILE',
            err_value = r.order_no, err_other = f.first::text
          FROM (SELECT order_no, min(row_no) AS first FROM import_order_rows GROUP BY order_no) f
          WHERE f.order_no = r.order_no AND r.row_no > f.first`);
      } else {
        await db.execute(sql`UPDATE import_order_rows r
          SET err_field = 'customer_external_id', err_code = 'INCONSISTENT_ORDER',
            err_value = r.order_no, err_other = NULL
          FROM (SELECT DISTINCT ON (order_no) order_no, row_no, customer FROM import_order_rows
                WHERE err_code IS NULL ORDER BY order_no, row_no) f
          WHERE f.order_no = r.order_no AND r.row_no > f.row_no
            AND r.customer IS NOT NULL AND r.customer <> f.customer`);
      }
      // "First non-empty value in file order" of a column, over an order's rows.
      const first = (col: string) =>
        sql.raw(`(array_agg(${col} ORDER BY row_no) FILTER (WHERE ${col} IS NOT NULL))[1]`);
      await db.execute(sql`CREATE TEMP TABLE import_orders ON COMMIT DROP AS
        SELECT order_no, min(row_no) AS first_row, count(*)::int AS nrows,
          bool_or(err_code IS NOT NULL) AS failed,
          ${first('customer')} AS customer, ${first('customer_name')} AS customer_name,
          min(ordered_at) AS ordered_at, ${first('status')} AS status,
          ${first('currency')} AS currency, ${first('notes')} AS notes,
          sum(amount) AS amount, bool_or(negative) AS negative,
          NULL::uuid AS customer_id, NULL::uuid AS order_id, NULL::text AS outcome,
          NULL::text AS fail_field, NULL::text AS fail_code, NULL::text AS fail_value
        FROM import_order_rows WHERE NOT dup GROUP BY order_no`);
      await db.execute(sql`UPDATE import_orders SET outcome = 'failed' WHERE failed`);
      await db.execute(sql`UPDATE import_order_rows r
        SET err_field = 'order_no', err_code = 'ORDER_INCOMPLETE', err_value = r.order_no
        FROM import_orders o
        WHERE o.order_no = r.order_no AND o.failed AND r.err_code IS NULL`);
      await db.execute(sql`CREATE UNIQUE INDEX ON import_orders (order_no)`);
      await db.execute(sql`ANALYZE import_orders`);
    },

    /**
     * The customers of the live orders, by external id: matched (in the actor's data scope, not in the
     * recycle bin), or created when asked (named by the first order that names one, else by the id; owned
     * by the actor). Orders whose customer cannot be used fail. Returns how many customers were created.
     */
    async resolveCustomers(db: Db): Promise<number> {
      const created = await resolveCustomerRefs(
        db,
        actor,
        sql`SELECT 'customer_external_id' AS ref_field, customer AS ref_value, customer_name AS name,
          first_row AS row_no FROM import_orders WHERE outcome IS NULL`,
        opts.createCustomers,
      );
      await db.execute(sql`UPDATE import_orders o SET
          customer_id = CASE WHEN ic.code IS NULL THEN ic.customer_id END,
          outcome = CASE WHEN ic.code IS NOT NULL THEN 'failed' END,
          fail_field = 'customer_external_id', fail_code = ic.code, fail_value = o.customer
        FROM import_customer_refs ic
        WHERE o.outcome IS NULL AND ic.ref_field = 'customer_external_id' AND ic.ref_value = o.customer`);
      return created;
    },

    /** Orders whose number exists: the duplicates policy and the actor's scope decide. */
    async matchExisting(db: Db) {
      const policy = sql`${opts.policy}::text`;
      const editable = sql`(${canEditCustomer(actor)} AND c.deleted_at IS NULL)`;
      await db.execute(sql`UPDATE import_orders io SET
          order_id = CASE WHEN ${policy} = 'update' AND ${editable} THEN o.id END,
          outcome = CASE WHEN ${policy} = 'skip' THEN 'skip'
                         WHEN ${policy} = 'update' AND ${editable} THEN 'update' ELSE 'failed' END,
          fail_field = 'order_no',
          fail_code = CASE WHEN ${policy} = 'skip' OR (${policy} = 'update' AND ${editable}) THEN NULL
                           WHEN ${policy} = 'update' THEN 'NOT_YOUR_CUSTOMER' ELSE 'DUPLICATE' END,
          fail_value = CASE WHEN ${policy} = 'update' THEN io.customer ELSE io.order_no END
        FROM orders o JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
        WHERE io.outcome IS NULL AND o.workspace_id = ${ws} AND o.order_no = io.order_no`);
      await db.execute(sql`UPDATE import_orders SET outcome = 'insert', order_id = gen_random_uuid()
        WHERE outcome IS NULL`);
      // The rows of orders that failed here.
      await db.execute(sql`UPDATE import_order_rows r
        SET err_field = o.fail_field, err_code = o.fail_code, err_value = o.fail_value
        FROM import_orders o
        WHERE o.order_no = r.order_no AND o.fail_code IS NOT NULL AND r.err_code IS NULL AND NOT r.dup`);
    },

    async writeOrders(db: Db) {
      const prefix = sql`${opts.cancelPrefix}::text`;
      const status = sql`coalesce(o.status, CASE
        WHEN (${prefix} <> '' AND left(o.order_no, length(${prefix})) = ${prefix})
          OR o.negative THEN 'cancelled' ELSE 'completed' END)`;
      await db.execute(sql`INSERT INTO orders
          (workspace_id, id, customer_id, order_no, ordered_at, status, currency, amount, notes)
        SELECT ${ws}::uuid, o.order_id, o.customer_id, o.order_no, o.ordered_at, ${status},
          coalesce(o.currency, 'CNY'), o.amount, o.notes
        FROM import_orders o WHERE o.outcome = 'insert' ORDER BY o.first_row`);
      await analyze(db, 'orders');
      await db.execute(sql`UPDATE orders t SET customer_id = o.customer_id, ordered_at = o.ordered_at,
          status = ${status}, currency = coalesce(o.currency, 'CNY'), amount = o.amount, notes = o.notes,
          version = t.version + 1, updated_at = now()
        FROM import_orders o
        WHERE o.outcome = 'update' AND t.workspace_id = ${ws} AND t.id = o.order_id`);
      if (opts.lineMode) {
        await db.execute(sql`DELETE FROM order_lines l USING import_orders o
          WHERE o.outcome = 'update' AND l.workspace_id = ${ws} AND l.order_id = o.order_id`);
      }
    },

    /** The lines of the orders written, in file order; positions count from 1 within each order. */
    async writeLines(db: Db): Promise<number> {
      await db.execute(sql`INSERT INTO order_lines
          (workspace_id, order_id, position, product_name, quantity, unit_price, amount)
        SELECT ${ws}::uuid, o.order_id, row_number() OVER (PARTITION BY r.order_no ORDER BY r.row_no),
          r.product_name, r.quantity, r.unit_price, r.amount
        FROM import_order_rows r JOIN import_orders o ON o.order_no = r.order_no
        WHERE o.outcome IN ('insert', 'update')`);
      await analyze(db, 'order_lines');
      const { rows } = await db.execute<{ n: number }>(sql`SELECT coalesce(sum(nrows), 0)::int AS n
        FROM import_orders WHERE outcome IN ('insert', 'update')`);
      return rows[0]!.n;
    },

    /** Orders and their rows by outcome. */
    async outcomes(db: Db) {
      const { rows } = await db.execute<{ outcome: Outcome; orders: number; rows: number }>(sql`
        SELECT outcome, count(*)::int AS orders, sum(nrows)::int AS rows FROM import_orders GROUP BY outcome`);
      const get = (o: Outcome) => rows.find((r) => r.outcome === o) ?? { orders: 0, rows: 0 };
      return {
        orders: {
          inserted: get('insert').orders,
          updated: get('update').orders,
          skipped: get('skip').orders,
          failed: get('failed').orders,
        },
        rows: { inserted: get('insert').rows, updated: get('update').rows, skipped: get('skip').rows },
      };
    },
  };
}
