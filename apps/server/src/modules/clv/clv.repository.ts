import { sql, type SQL } from 'drizzle-orm';
import type { ClvSummary } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { dayStartFrom, localDay } from '../../db/local-days.ts';
import { idRangeSql, inIdRange, type IdRange } from '../../db/id-range.ts';
import { sqlUuids } from '../../db/raw.ts';

export interface ClvSummaryRow extends ClvSummary {
  /** The customer's id (ClvSummary.customer holds the same). */
  customerId: string;
  externalId: string | null;
}

/**
 * The per-customer calibration summary for BG/NBD and Gamma-Gamma, set-wise in SQL (the pure twin is
 * clvSummaries in packages/segmentation/src/clv/summary.ts). Purchases: paid or completed orders of
 * customers not in the recycle bin — as in RFM, except that a zero-amount order counts: a free order is
 * still a purchase occasion for the purchase-count model, and the published CDNOW fits count them (the
 * sample has 8 such purchases; leaving them out moves α from 4.414 to 4.422). Days are calendar days in
 * the workspace's time zone, and
 * all counted orders of one day are one transaction whose value is their sum. Up to and including the
 * calibration end day: x = purchase days − 1, t_x = last − first day, T = calibration end − first day
 * (both in weeks), monetary = mean of the repeat days' totals (first day excluded; 0 when x = 0).
 */
export async function clvSummaries(
  db: Db,
  workspaceId: string,
  calibrationEnd: string,
  timeZone: string,
): Promise<ClvSummaryRow[]> {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    WITH days AS (
      SELECT o.customer_id, ${localDay(sql`o.ordered_at`, timeZone)} AS day, sum(o.amount) AS total
      FROM orders o
      JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id AND c.deleted_at IS NULL
      WHERE o.workspace_id = ${workspaceId} AND o.status IN ('paid', 'completed') AND o.amount >= 0
        AND o.ordered_at < ${dayStartFrom(calibrationEnd, 1, timeZone)}
      GROUP BY 1, 2
    ), marked AS (
      SELECT days.*, min(day) OVER (PARTITION BY customer_id) AS first_of_customer FROM days
    ), per AS (
      SELECT customer_id, count(*)::int - 1 AS x, min(day) AS first_day, max(day) AS last_day,
        coalesce(sum(total) FILTER (WHERE day > first_of_customer), 0)::text AS repeat_total
      FROM marked GROUP BY customer_id
    )
    SELECT p.customer_id, c.external_id, p.x, (p.last_day - p.first_day) AS recency_days,
      (${calibrationEnd}::date - p.first_day) AS age_days, p.repeat_total
    FROM per p JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = p.customer_id
    ORDER BY c.external_id NULLS LAST, c.id`);
  return rows.map((r) => {
    const x = Number(r.x);
    const customerId = String(r.customer_id);
    return {
      customer: customerId,
      customerId,
      externalId: (r.external_id as string | null) ?? null,
      x,
      tx: Number(r.recency_days) / 7,
      T: Number(r.age_days) / 7,
      monetary: x > 0 ? Number(r.repeat_total) / x : 0,
    };
  });
}

/** One customer's lifetime-value figures as stored in customer_metrics (decimal strings or null). */
export interface ClvMetricsRow {
  customerId: string;
  clv: string | null;
  pAlive: string | null;
  expectedPurchases: string | null;
}

/** A list of decimals (or nulls) as one numeric[] parameter. */
const sqlNumerics = (values: readonly (string | null)[]): SQL => sql`${sql.param([...values])}::numeric[]`;

/**
 * Writes the lifetime-value columns of customer_metrics set-wise: the given rows in one
 * UPDATE … FROM unnest(arrays), every other customer of the workspace (or of the range) to null;
 * `clv_as_of` = asOf for all (the day the figures — or their absence — are for). Only these four
 * columns are touched. With a range, rows outside it are left for their own range.
 */
export async function writeClvMetrics(
  db: Db,
  workspaceId: string,
  asOf: string,
  allRows: readonly ClvMetricsRow[],
  range: IdRange = { after: null, upTo: null },
): Promise<void> {
  const rows = allRows.filter((r) => inIdRange(range, r.customerId));
  const ids = rows.map((r) => r.customerId);
  const inRange = idRangeSql(range, sql.raw('m.customer_id'));
  await db.execute(sql`
    UPDATE customer_metrics m SET clv = NULL, p_alive = NULL, expected_purchases = NULL, clv_as_of = ${asOf}::date
    WHERE m.workspace_id = ${workspaceId} AND ${inRange} AND NOT (m.customer_id = ANY(${sqlUuids(ids)}))`);
  if (rows.length === 0) return;
  await db.execute(sql`
    UPDATE customer_metrics m SET clv = u.clv, p_alive = u.p_alive, expected_purchases = u.expected_purchases,
      clv_as_of = ${asOf}::date
    FROM unnest(${sqlUuids(ids)}, ${sqlNumerics(rows.map((r) => r.clv))},
      ${sqlNumerics(rows.map((r) => r.pAlive))}, ${sqlNumerics(rows.map((r) => r.expectedPurchases))})
      AS u(customer_id, clv, p_alive, expected_purchases)
    WHERE m.workspace_id = ${workspaceId} AND m.customer_id = u.customer_id AND ${inRange}`);
}
