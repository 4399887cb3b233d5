import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dayStart } from '../../db/local-days.ts';
import { money } from '../../db/raw.ts';
import type { Actor } from '../../http/actor.ts';
import { canSeeCustomer } from '../customers/customer-scope.ts';

/** Who a dashboard counts: the caller's scope narrowed by the customer's owner or the owner's team. */
export interface CustomerFilter {
  ownerId?: string;
  teamId?: string;
}

/**
 * The customers a dashboard counts, as SQL over the alias `c`. Snapshot pictures keep customers moved to
 * the recycle bin since (they were customers then); every other figure is over current customers.
 */
export function dashboardCustomers(actor: Actor, f: CustomerFilter, opts: { withDeleted?: boolean } = {}) {
  const parts: SQL[] = [sql`c.workspace_id = ${actor.workspaceId}`, canSeeCustomer(actor)];
  if (!opts.withDeleted) parts.push(sql`c.deleted_at IS NULL`);
  if (f.ownerId) parts.push(sql`c.owner_id = ${f.ownerId === 'me' ? actor.userId : f.ownerId}`);
  if (f.teamId) {
    parts.push(sql`c.owner_id IN (SELECT tu.id FROM users tu
      WHERE tu.workspace_id = c.workspace_id AND tu.team_id = ${f.teamId})`);
  }
  return sql.join(parts, sql` AND `);
}

/**
 * Counted orders (the customer_metrics rule: paid or completed, amount > 0) of the customers in `where`,
 * with their local calendar day, on local days in [first, end) — bounds on `ordered_at` itself.
 */
const counted = (where: SQL, timeZone: string, first: SQL, end: SQL) => sql`
  SELECT o.customer_id, o.amount, (o.ordered_at AT TIME ZONE ${timeZone}::text)::date AS day
  FROM orders o JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
  WHERE o.workspace_id = c.workspace_id AND o.status IN ('paid', 'completed') AND o.amount > 0
    AND o.ordered_at >= ${dayStart(first, timeZone)} AND o.ordered_at < ${dayStart(end, timeZone)}
    AND ${where}`;

/** Months (first days) a customer bought in, on local days in [first, end): one row per customer and month. */
const boughtMonths = (where: SQL, timeZone: string, first: SQL, end: SQL) => sql`
  SELECT DISTINCT k.customer_id, date_trunc('month', k.day)::date AS m
  FROM (${counted(where, timeZone, first, end)}) k`;

export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

/** Won in the period: an opportunity of the customer closed as won on a day of the period. */
const wonIn = (p: Period): SQL => sql`EXISTS (SELECT 1 FROM opportunities op
  WHERE op.workspace_id = c.workspace_id AND op.customer_id = c.id AND op.status = 'won'
    AND (op.closed_at AT TIME ZONE ${p.timeZone}::text)::date BETWEEN ${p.from}::date AND ${p.to}::date)`;

export const dashboardsRepository = {
  /** Tier counts of `scheme` in each snapshot (`none` = not placed then). */
  async snapshotTierCounts(db: Db, where: SQL, snapshotIds: string[], scheme: string) {
    if (snapshotIds.length === 0) return [];
    const { rows } = await db.execute<{ id: string; tier: string; n: number }>(sql`
      SELECT r.snapshot_id AS id, COALESCE(r.tiers->>${scheme}::text, 'none') AS tier, count(*)::int AS n
      FROM tier_snapshot_rows r JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
      WHERE r.snapshot_id IN (${sql.join(
        snapshotIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) AND ${where}
      GROUP BY 1, 2`);
    return rows.map((r) => ({ id: r.id, tier: r.tier, count: Number(r.n) }));
  },

  async snapshotsIn(db: Db, workspaceId: string, from: string, to: string) {
    const { rows } = await db.execute<{ id: string; label: string; as_of: string }>(sql`
      SELECT id, label, as_of::text AS as_of FROM tier_snapshots
      WHERE workspace_id = ${workspaceId} AND as_of BETWEEN ${from}::date AND ${to}::date
      ORDER BY as_of, created_at`);
    return rows.map((r) => ({ id: r.id, label: r.label, asOf: r.as_of }));
  },

  /** Tier counts of `scheme` now (customer_metrics.tiers). */
  async currentTierCounts(db: Db, where: SQL, scheme: string) {
    const { rows } = await db.execute<{ tier: string; n: number }>(sql`
      SELECT COALESCE(m.tiers->>${scheme}::text, 'none') AS tier, count(*)::int AS n
      FROM customers c LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE ${where} GROUP BY 1`);
    return rows.map((r) => ({ tier: r.tier, count: Number(r.n) }));
  },

  /**
   * The Pareto curve of the revenue in the period: customers ranked by revenue (largest first, ties by
   * id), the cumulative revenue at the last customer of each percentile (≤ ~100 points), ten bands of
   * customers, and the revenue of the top 20% read off the curve (whole customers up to ⌊0.2·n⌋, then
   * the fraction of the next one, so the figure does not jump with n).
   */
  async pareto(db: Db, where: SQL, p: Period) {
    const ranked = sql`per AS (
        SELECT k.customer_id, sum(k.amount) AS rev
        FROM (${counted(where, p.timeZone, sql`${p.from}::date`, sql`${p.to}::date + 1`)}) k
        GROUP BY k.customer_id),
      r AS (
        SELECT rev, row_number() OVER w AS rn, count(*) OVER () AS n, sum(rev) OVER () AS total,
          sum(rev) OVER (w ROWS UNBOUNDED PRECEDING) AS cum
        FROM per WINDOW w AS (ORDER BY rev DESC, customer_id))`;
    const [curve, bands, top] = await Promise.all([
      db.execute<{ rn: string; n: string; cum: string; total: string }>(sql`
        WITH ${ranked}
        SELECT rn, n, cum, total FROM r WHERE rn = n OR (rn * 100) / n <> ((rn - 1) * 100) / n ORDER BY rn`),
      db.execute<{ band: number; customers: number; revenue: string }>(sql`
        WITH ${ranked}
        SELECT ceil(rn * 10.0 / n)::int AS band, count(*)::int AS customers, sum(rev) AS revenue
        FROM r GROUP BY 1 ORDER BY 1`),
      db.execute<{ n: string | null; total: string | null; top: string | null }>(sql`
        WITH ${ranked}
        SELECT max(n) AS n, max(total) AS total,
          sum(CASE WHEN rn <= floor(0.2 * n) THEN rev
                   WHEN rn = floor(0.2 * n) + 1 THEN rev * (0.2 * n - floor(0.2 * n)) ELSE 0 END) AS top
        FROM r`),
    ]);
    const t = top.rows[0];
    return {
      customers: Number(t?.n ?? 0),
      revenue: money(t?.total ?? 0),
      top: Number(t?.top ?? 0),
      points: curve.rows.map((r) => ({ rank: Number(r.rn), n: Number(r.n), cum: Number(r.cum) })),
      bands: bands.rows.map((b) => ({ band: b.band, customers: b.customers, revenue: money(b.revenue) })),
    };
  },

  /**
   * Per month M from `firstMonth` to `lastMonth` (first days): customers who bought in M − 1 (base) and
   * those of them who bought in M too (retained).
   */
  async retention(db: Db, where: SQL, timeZone: string, firstMonth: string, lastMonth: string) {
    const { rows } = await db.execute<{ month: string; base: number; retained: number }>(sql`
      WITH bm AS (${boughtMonths(
        where,
        timeZone,
        sql`${firstMonth}::date - interval '1 month'`,
        sql`${lastMonth}::date + interval '1 month'`,
      )}),
      months AS (
        SELECT generate_series(${firstMonth}::date, ${lastMonth}::date, interval '1 month')::date AS m)
      SELECT to_char(months.m, 'YYYY-MM') AS month, count(prev.customer_id)::int AS base,
        count(cur.customer_id)::int AS retained
      FROM months
        LEFT JOIN bm prev ON prev.m = (months.m - interval '1 month')::date
        LEFT JOIN bm cur ON cur.customer_id = prev.customer_id AND cur.m = months.m
      GROUP BY months.m ORDER BY months.m`);
    return rows.map((r) => ({ month: r.month, base: Number(r.base), retained: Number(r.retained) }));
  },

  /**
   * Cohorts by month of first counted order (ever), for first months in [firstMonth, lastMonth]: per
   * offset 0..11 the customers of the cohort who bought in that month. Only the orders of those months
   * are read; "first ever" is an index probe for an earlier counted order.
   */
  async cohorts(
    db: Db,
    workspaceId: string,
    where: SQL,
    timeZone: string,
    firstMonth: string,
    lastMonth: string,
  ) {
    const { rows } = await db.execute<{ month: string; k: number; n: number }>(sql`
      WITH bm AS (${boughtMonths(
        where,
        timeZone,
        sql`${firstMonth}::date`,
        sql`${lastMonth}::date + interval '12 months'`,
      )}),
      cohort AS (
        SELECT bm.customer_id, min(bm.m) AS cm FROM bm
        WHERE bm.m <= ${lastMonth}::date
          AND NOT EXISTS (SELECT 1 FROM orders o
            WHERE o.workspace_id = ${workspaceId} AND o.customer_id = bm.customer_id
              AND o.status IN ('paid', 'completed') AND o.amount > 0 AND o.ordered_at < ${dayStart(sql`${firstMonth}::date`, timeZone)})
        GROUP BY bm.customer_id)
      SELECT to_char(cohort.cm, 'YYYY-MM') AS month,
        ((extract(year FROM bm.m) - extract(year FROM cohort.cm)) * 12
          + extract(month FROM bm.m) - extract(month FROM cohort.cm))::int AS k,
        count(*)::int AS n
      FROM cohort JOIN bm ON bm.customer_id = cohort.customer_id AND bm.m < (cohort.cm + interval '12 months')::date
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({ month: r.month, offset: Number(r.k), customers: Number(r.n) }));
  },

  /**
   * The segments a segment-distribution chart shows: `ids` (in that order; unknown ids left out), or the
   * workspace's `limit` largest (by members now, then name) — `more` when there are others.
   */
  async segmentsFor(db: Db, workspaceId: string, ids: string[] | undefined, limit: number) {
    const { rows } = await db.execute<{ id: string; name: string; kind: 'dynamic' | 'static' }>(
      ids
        ? sql`SELECT s.id, s.name, s.kind FROM segments s
            WHERE s.workspace_id = ${workspaceId} AND s.id IN (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
        : sql`SELECT s.id, s.name, s.kind FROM segments s WHERE s.workspace_id = ${workspaceId}
            ORDER BY s.member_count DESC, s.name, s.id LIMIT ${limit + 1}`,
    );
    if (ids) {
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { segments: ids.flatMap((id) => byId.get(id) ?? []), more: false };
    }
    return { segments: rows.slice(0, limit), more: rows.length > limit };
  },

  /**
   * Members of each segment in `segmentIds` (customers in `where`) at the end of each month of the period
   * (local month ends in the period's zone; the last one capped at `to`) that lies before `today`, and now
   * (`month` = null) when `withNow`. Members at instant t = members now − entered since t + exited since t,
   * from segment_members and segment_events (dynamic re-evaluation and static add/remove both record them).
   */
  async segmentCounts(
    db: Db,
    workspaceId: string,
    where: SQL,
    segmentIds: string[],
    p: Period & { today: string },
    firstMonth: string,
    lastMonth: string,
    withNow: boolean,
  ) {
    if (segmentIds.length === 0) return [];
    const ids = sql.join(
      segmentIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const { rows } = await db.execute<{
      segment_id: string;
      month: string | null;
      as_of: string;
      n: number;
    }>(sql`
      WITH ends AS (
        SELECT to_char(m, 'YYYY-MM') AS month,
          least((m + interval '1 month')::date - 1, ${p.to}::date) AS as_of
        FROM generate_series(${firstMonth}::date, ${lastMonth}::date, interval '1 month') m),
      pts AS (
        SELECT month, as_of, ${dayStart(sql`as_of + 1`, p.timeZone)} AS cut FROM ends
        WHERE as_of < ${p.today}::date
        UNION ALL
        SELECT NULL, ${p.today}::date, NULL::timestamptz WHERE ${withNow}::boolean),
      cur AS (
        SELECT sm.segment_id, count(*)::int AS n
        FROM segment_members sm JOIN customers c ON c.workspace_id = sm.workspace_id AND c.id = sm.customer_id
        WHERE sm.workspace_id = ${workspaceId} AND sm.segment_id IN (${ids}) AND ${where}
        GROUP BY sm.segment_id),
      ev AS (
        SELECT e.segment_id, e.kind, e.at
        FROM segment_events e JOIN customers c ON c.workspace_id = e.workspace_id AND c.id = e.customer_id
        WHERE e.workspace_id = ${workspaceId} AND e.segment_id IN (${ids}) AND ${where}
          AND e.at >= ${dayStart(sql`${firstMonth}::date`, p.timeZone)})
      SELECT s.id AS segment_id, pts.month, pts.as_of::text AS as_of,
        (COALESCE(max(cur.n), 0)
          - count(ev.at) FILTER (WHERE ev.kind = 'entered')
          + count(ev.at) FILTER (WHERE ev.kind = 'exited'))::int AS n
      FROM (SELECT unnest(ARRAY[${ids}]) AS id) s
        CROSS JOIN pts
        LEFT JOIN cur ON cur.segment_id = s.id
        LEFT JOIN ev ON ev.segment_id = s.id AND ev.at >= pts.cut
      GROUP BY s.id, pts.month, pts.as_of
      ORDER BY pts.as_of, pts.month NULLS LAST`);
    return rows.map((r) => ({ segmentId: r.segment_id, month: r.month, asOf: r.as_of, count: Number(r.n) }));
  },

  /** Per segment (largest first): members now (within `where`) and those of them won in the period. */
  async conversionBySegment(db: Db, workspaceId: string, where: SQL, p: Period) {
    const { rows } = await db.execute<{ id: string; name: string; members: number; converted: number }>(sql`
      SELECT s.id, s.name, count(c.id)::int AS members,
        count(c.id) FILTER (WHERE ${wonIn(p)})::int AS converted
      FROM segments s
        LEFT JOIN segment_members sm ON sm.workspace_id = s.workspace_id AND sm.segment_id = s.id
        LEFT JOIN customers c ON c.workspace_id = sm.workspace_id AND c.id = sm.customer_id AND ${where}
      WHERE s.workspace_id = ${workspaceId}
      GROUP BY s.id, s.name ORDER BY members DESC, s.name, s.id`);
    return rows.map((r) => ({
      key: r.id,
      name: r.name,
      members: Number(r.members),
      converted: Number(r.converted),
    }));
  },

  /** Per tier of `scheme` (now; `none` = not placed): customers and those won in the period. */
  async conversionByTier(db: Db, where: SQL, scheme: string, p: Period) {
    const { rows } = await db.execute<{ tier: string; members: number; converted: number }>(sql`
      SELECT COALESCE(m.tiers->>${scheme}::text, 'none') AS tier, count(*)::int AS members,
        count(*) FILTER (WHERE ${wonIn(p)})::int AS converted
      FROM customers c LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE ${where} GROUP BY 1`);
    return rows.map((r) => ({ tier: r.tier, members: Number(r.members), converted: Number(r.converted) }));
  },
};
