import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dayStartFrom, localDay } from '../../db/local-days.ts';
import { customersSql, isIdRange, type Customers } from '../../db/id-range.ts';

/** The day windowed figures count back from, and the zone calendar days are in. */
export interface MetricsClock {
  asOf: string;
  timeZone: string;
}

/**
 * customer_metrics: figures derived from a customer's records, by one statement for both paths — one
 * customer (in the transaction of the write that changed it) and a whole workspace (batch) — with the
 * same figure expressions; only how the records reach them differs (correlated lookups or one
 * aggregation per table). The placement property test holds the two together.
 *
 * Counted orders: status paid or completed, amount > 0 (cancelled and refunded orders are not revenue),
 * ordered on or before the as-of day (a local calendar day).
 * Open opportunities: deals in an open stage of any pipeline.
 * Windows (12 months, the last 6 months and the 6 before) are calendar days in the workspace's zone,
 * ending on the as-of day; the usual purchase interval is (last − first order day) / (orders − 1).
 */
function upsertMetrics(workspaceId: string, target: Customers, clock: MetricsClock): SQL {
  // Given customers are looked up one by one; a range of ids or everyone is aggregated per table.
  const grouped = target === 'all' || isIdRange(target);
  const ofWhom = customersSql(target, sql.raw('customer_id'));
  const tz = clock.timeZone;
  const asOf = sql`${clock.asOf}::date`;
  // Day windows as bounds on ordered_at (db/local-days.ts): a day after asOf − n is on or after the
  // start of day asOf − n + 1.
  const from = (daysBack: number) => dayStartFrom(clock.asOf, 1 - daysBack, tz);
  const orderFigures = sql`count(*)::int AS n, sum(amount) AS total, min(ordered_at) AS first_at,
        max(ordered_at) AS last_at, ${localDay(sql`min(ordered_at)`, tz)} AS first_day,
        ${localDay(sql`max(ordered_at)`, tz)} AS last_day,
        sum(amount) FILTER (WHERE ordered_at >= ${from(365)}) AS spend_365d,
        (count(*) FILTER (WHERE ordered_at >= ${from(180)}))::int AS orders_180d,
        (count(*) FILTER (WHERE ordered_at >= ${from(360)} AND ordered_at < ${from(180)}))::int AS orders_prev_180d`;
  // Orders after the as-of day do not count yet (a recompute as of a past day sees that day's figures).
  const counted = sql`status IN ('paid', 'completed') AND amount > 0 AND ordered_at < ${dayStartFrom(clock.asOf, 1, tz)}`;
  const ticketFigures = sql`count(*) FILTER (WHERE status IN ('open', 'in_progress'))::int AS open,
        count(*) FILTER (WHERE kind = 'complaint')::int AS complaints,
        max(created_at) FILTER (WHERE kind = 'complaint') AS last_complaint_at`;
  const latest = sql`occurred_at AS last_at, type AS last_type, next_followup_on AS next_on`;
  // One customer: index lookups per relation. Many: each relation aggregated once (materialised, so
  // the planner hashes a sequential scan instead of walking an index in customer order) and joined.
  const grouping = grouped
    ? sql`WITH o AS MATERIALIZED (SELECT customer_id, ${orderFigures} FROM orders
      WHERE workspace_id = ${workspaceId} AND ${ofWhom} AND ${counted} GROUP BY customer_id),
    f AS MATERIALIZED (SELECT DISTINCT ON (customer_id) customer_id, ${latest} FROM followups
      WHERE workspace_id = ${workspaceId} AND ${ofWhom} ORDER BY customer_id, occurred_at DESC, created_at DESC, id DESC),
    t AS MATERIALIZED (SELECT customer_id, ${ticketFigures} FROM tickets
      WHERE workspace_id = ${workspaceId} AND ${ofWhom} GROUP BY customer_id),
    op AS MATERIALIZED (SELECT customer_id, count(*)::int AS open FROM opportunities
      WHERE workspace_id = ${workspaceId} AND ${ofWhom} AND status = 'open' GROUP BY customer_id)`
    : sql``;
  const sources = grouped
    ? sql`
    LEFT JOIN o ON o.customer_id = c.id
    LEFT JOIN f ON f.customer_id = c.id
    LEFT JOIN t ON t.customer_id = c.id
    LEFT JOIN op ON op.customer_id = c.id`
    : sql`
    LEFT JOIN LATERAL (SELECT ${orderFigures} FROM orders
      WHERE workspace_id = c.workspace_id AND customer_id = c.id AND ${counted}) o ON true
    LEFT JOIN LATERAL (SELECT ${latest} FROM followups WHERE workspace_id = c.workspace_id AND customer_id = c.id
      ORDER BY occurred_at DESC, created_at DESC, id DESC LIMIT 1) f ON true
    LEFT JOIN LATERAL (SELECT ${ticketFigures} FROM tickets
      WHERE workspace_id = c.workspace_id AND customer_id = c.id) t ON true
    LEFT JOIN LATERAL (SELECT count(*)::int AS open FROM opportunities
      WHERE workspace_id = c.workspace_id AND customer_id = c.id AND status = 'open') op ON true`;
  return sql`${grouping}
    INSERT INTO customer_metrics AS cm (workspace_id, customer_id, order_count, total_spend, first_order_at,
      last_order_at, avg_interval_days, spend_365d, orders_180d, orders_prev_180d, window_as_of,
      last_followup_at, last_followup_type, next_followup_on, open_tickets, complaints, last_complaint_at,
      open_opportunities, updated_at)
    SELECT c.workspace_id, c.id,
      COALESCE(o.n, 0), COALESCE(o.total, 0), o.first_at, o.last_at,
      CASE WHEN o.n > 1 THEN round((o.last_day - o.first_day)::numeric / (o.n - 1), 2) END,
      COALESCE(o.spend_365d, 0), COALESCE(o.orders_180d, 0), COALESCE(o.orders_prev_180d, 0), ${asOf},
      f.last_at, f.last_type, f.next_on,
      COALESCE(t.open, 0), COALESCE(t.complaints, 0), t.last_complaint_at, COALESCE(op.open, 0),
      now()
    FROM customers c
    ${sources}
    WHERE c.workspace_id = ${workspaceId} AND ${customersSql(target, sql.raw('c.id'))}
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET
      order_count = EXCLUDED.order_count, total_spend = EXCLUDED.total_spend,
      first_order_at = EXCLUDED.first_order_at, last_order_at = EXCLUDED.last_order_at,
      avg_interval_days = EXCLUDED.avg_interval_days, spend_365d = EXCLUDED.spend_365d,
      orders_180d = EXCLUDED.orders_180d, orders_prev_180d = EXCLUDED.orders_prev_180d,
      window_as_of = EXCLUDED.window_as_of,
      last_followup_at = EXCLUDED.last_followup_at, last_followup_type = EXCLUDED.last_followup_type,
      next_followup_on = EXCLUDED.next_followup_on, open_tickets = EXCLUDED.open_tickets,
      complaints = EXCLUDED.complaints, last_complaint_at = EXCLUDED.last_complaint_at,
      open_opportunities = EXCLUDED.open_opportunities, updated_at = EXCLUDED.updated_at
    -- Unchanged rows are left alone (a nightly pass rewrites only what moved: fewer dead rows, no index
    -- churn). The as-of day alone is no change: window_as_of stays the day the figures last moved.
    WHERE (cm.order_count, cm.total_spend, cm.first_order_at, cm.last_order_at, cm.avg_interval_days,
        cm.spend_365d, cm.orders_180d, cm.orders_prev_180d, cm.last_followup_at,
        cm.last_followup_type, cm.next_followup_on, cm.open_tickets, cm.complaints, cm.last_complaint_at,
        cm.open_opportunities)
      IS DISTINCT FROM (EXCLUDED.order_count, EXCLUDED.total_spend, EXCLUDED.first_order_at,
        EXCLUDED.last_order_at, EXCLUDED.avg_interval_days, EXCLUDED.spend_365d, EXCLUDED.orders_180d,
        EXCLUDED.orders_prev_180d, EXCLUDED.last_followup_at, EXCLUDED.last_followup_type,
        EXCLUDED.next_followup_on, EXCLUDED.open_tickets, EXCLUDED.complaints, EXCLUDED.last_complaint_at,
        EXCLUDED.open_opportunities)`;
}

export const metricsRepository = {
  /** Recomputes the given customers, a range of them or every customer of the workspace, in one statement. */
  async recompute(db: Db, workspaceId: string, target: Customers, clock: MetricsClock) {
    await db.execute(upsertMetrics(workspaceId, target, clock));
  },
};
