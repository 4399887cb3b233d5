import { sql } from 'drizzle-orm';
import type { RfmClass } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { money } from '../../db/raw.ts';

export interface RfmRow {
  customerId: string;
  externalId: string | null;
  name: string;
  recencyDays: number;
  frequency: number;
  /** Exact decimal string with two places. */
  monetary: string;
  rScore: number;
  fScore: number;
  mScore: number;
  segment: RfmClass;
}

/**
 * The default RFM method, set-wise in SQL (see packages/segmentation/src/rfm.ts for the definition and
 * its pure twin). Counted orders: paid or completed, amount > 0, on or before the as-of day, days being
 * calendar days in the workspace's time zone. Customers in the recycle bin are left out.
 */
export async function computeRfm(
  db: Db,
  workspaceId: string,
  asOf: string,
  timeZone: string,
): Promise<RfmRow[]> {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    WITH counted AS (
      SELECT o.customer_id, (o.ordered_at AT TIME ZONE ${timeZone}::text)::date AS day, o.amount
      FROM orders o
      JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id AND c.deleted_at IS NULL
      WHERE o.workspace_id = ${workspaceId} AND o.status IN ('paid', 'completed') AND o.amount > 0
        AND (o.ordered_at AT TIME ZONE ${timeZone}::text)::date <= ${asOf}::date
    ), per AS (
      SELECT customer_id, (${asOf}::date - max(day)) AS recency, count(*)::int AS frequency, sum(amount) AS monetary
      FROM counted GROUP BY customer_id
    ), cuts AS (
      SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY recency) AS r,
             percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY frequency) AS f,
             percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY monetary) AS m
      FROM per
    ), scored AS (
      SELECT per.*,
        1 + (SELECT count(*) FROM unnest(cuts.r) x WHERE x > per.recency)::int AS r_score,
        1 + (SELECT count(*) FROM unnest(cuts.f) x WHERE x < per.frequency)::int AS f_score,
        1 + (SELECT count(*) FROM unnest(cuts.m) x WHERE x < per.monetary)::int AS m_score
      FROM per CROSS JOIN cuts
    ), flagged AS (
      SELECT scored.*,
        r_score > avg(r_score) OVER () AS r_high,
        f_score > avg(f_score) OVER () AS f_high,
        m_score > avg(m_score) OVER () AS m_high
      FROM scored
    )
    SELECT f.customer_id, c.external_id, c.name, f.recency, f.frequency, f.monetary::text AS monetary,
      f.r_score, f.f_score, f.m_score,
      CASE (f.r_high::int * 100 + f.f_high::int * 10 + f.m_high::int)
        WHEN 111 THEN 'important_value' WHEN 11 THEN 'important_retain' WHEN 101 THEN 'important_develop'
        WHEN 1 THEN 'important_winback' WHEN 110 THEN 'general_value' WHEN 10 THEN 'general_retain'
        WHEN 100 THEN 'general_develop' ELSE 'general_winback' END AS segment
    FROM flagged f JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = f.customer_id
    ORDER BY c.external_id NULLS LAST, c.id`);
  return rows.map((r) => ({
    customerId: String(r.customer_id),
    externalId: (r.external_id as string | null) ?? null,
    name: String(r.name),
    recencyDays: Number(r.recency),
    frequency: Number(r.frequency),
    monetary: money(r.monetary),
    rScore: Number(r.r_score),
    fScore: Number(r.f_score),
    mScore: Number(r.m_score),
    segment: r.segment as RfmClass,
  }));
}
