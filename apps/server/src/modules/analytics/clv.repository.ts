import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dayStartFrom, localDay } from '../../db/local-days.ts';
import { money } from '../../db/raw.ts';

/** The stored lifetime-value figures of the customers a scope (SQL on alias `c`) lets the caller see. */
export interface ClvTotalsRow {
  customers: number;
  withClv: number;
  totalClv: string;
  meanPAlive: number | null;
  expectedPurchases: number;
  asOf: string | null;
}

export interface ClvTopRow {
  id: string;
  name: string;
  ownerName: string | null;
  clv: string;
  pAlive: number | null;
  expectedPurchases: number | null;
  orderCount: number;
  totalSpend: string;
}

const dayText = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : String(v).slice(0, 10);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Counted purchase days (as in clvSummaries): paid/completed orders, amount ≥ 0, one per local day. */
function purchaseDays(workspaceId: string, until: string, timeZone: string, scope: SQL): SQL {
  return sql`
    SELECT o.customer_id, ${localDay(sql`o.ordered_at`, timeZone)} AS day
    FROM orders o
    JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id AND c.deleted_at IS NULL
    WHERE o.workspace_id = ${workspaceId} AND o.status IN ('paid', 'completed') AND o.amount >= 0
      AND o.ordered_at < ${dayStartFrom(until, 1, timeZone)} AND ${scope}
    GROUP BY 1, 2`;
}

export const clvAnalyticsRepository = {
  async totals(db: Db, workspaceId: string, scope: SQL): Promise<ClvTotalsRow> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT count(*)::int AS customers, count(m.clv)::int AS with_clv, COALESCE(sum(m.clv), 0)::text AS total_clv,
        avg(m.p_alive)::float8 AS mean_p_alive, COALESCE(sum(m.expected_purchases), 0)::float8 AS expected,
        max(m.clv_as_of)::text AS as_of
      FROM customers c
      LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL AND ${scope}`);
    const r = rows[0]!;
    return {
      customers: Number(r.customers),
      withClv: Number(r.with_clv),
      totalClv: money(r.total_clv),
      meanPAlive: num(r.mean_p_alive),
      expectedPurchases: Number(r.expected),
      asOf: dayText(r.as_of),
    };
  },

  /** One customer's stored figures, if the scope lets the caller see it (undefined otherwise). */
  async customer(db: Db, workspaceId: string, scope: SQL, customerId: string) {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT c.id, m.clv::text AS clv, m.p_alive::float8 AS p_alive, m.expected_purchases::float8 AS expected,
        m.clv_as_of::text AS as_of
      FROM customers c
      LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.id = ${customerId} AND c.deleted_at IS NULL AND ${scope}`);
    const r = rows[0];
    if (!r) return undefined;
    return {
      customerId: String(r.id),
      clv: r.clv === null || r.clv === undefined ? null : money(r.clv),
      pAlive: num(r.p_alive),
      expectedPurchases: num(r.expected),
      asOf: dayText(r.as_of),
    };
  },

  /** The ids of the customers the caller may see. */
  async visibleIds(db: Db, workspaceId: string, scope: SQL): Promise<Set<string>> {
    const { rows } = await db.execute<{ id: string }>(
      sql`SELECT c.id FROM customers c WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL AND ${scope}`,
    );
    return new Set(rows.map((r) => String(r.id)));
  },

  /** Every stored CLV the caller may see (for the distribution). */
  async values(db: Db, workspaceId: string, scope: SQL): Promise<number[]> {
    const { rows } = await db.execute<{ clv: string }>(sql`
      SELECT m.clv::text AS clv FROM customers c
      JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL AND m.clv IS NOT NULL AND ${scope}`);
    return rows.map((r) => Number(r.clv));
  },

  async top(db: Db, workspaceId: string, scope: SQL, limit: number): Promise<ClvTopRow[]> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT c.id, c.name, u.name AS owner_name, m.clv::text AS clv, m.p_alive::float8 AS p_alive,
        m.expected_purchases::float8 AS expected, m.order_count, m.total_spend::text AS total_spend
      FROM customers c
      JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.owner_id
      WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL AND m.clv IS NOT NULL AND ${scope}
      ORDER BY m.clv DESC, c.id LIMIT ${limit}`);
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      ownerName: (r.owner_name as string | null) ?? null,
      clv: money(r.clv),
      pAlive: num(r.p_alive),
      expectedPurchases: num(r.expected),
      orderCount: Number(r.order_count),
      totalSpend: money(r.total_spend),
    }));
  },

  /**
   * For the tracking plot, over the customers the caller may see whose first purchase is on or before
   * the calibration end: how many made their first purchase on each day (the cohorts), and how many
   * repeat transactions (purchase days after a customer's first) fell on each day up to `until`.
   */
  async tracking(
    db: Db,
    workspaceId: string,
    calibrationEnd: string,
    until: string,
    timeZone: string,
    scope: SQL,
  ): Promise<{ cohorts: { day: string; n: number }[]; repeats: { day: string; n: number }[] }> {
    const { rows } = await db.execute<{ kind: string; day: unknown; n: number }>(sql`
      WITH d AS (${purchaseDays(workspaceId, until, timeZone, scope)}),
      marked AS (SELECT d.*, min(day) OVER (PARTITION BY customer_id) AS first_day FROM d),
      cohort AS (SELECT * FROM marked WHERE first_day <= ${calibrationEnd}::date)
      SELECT 'first' AS kind, first_day::text AS day, count(DISTINCT customer_id)::int AS n FROM cohort GROUP BY first_day
      UNION ALL
      SELECT 'repeat', day::text, count(*)::int FROM cohort WHERE day > first_day GROUP BY day`);
    const pick = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => ({ day: dayText(r.day)!, n: Number(r.n) }))
        .sort((a, b) => a.day.localeCompare(b.day));
    return { cohorts: pick('first'), repeats: pick('repeat') };
  },
};
