import { sql, type SQL } from 'drizzle-orm';
import { CUSTOMER_FIELDS, fieldSql } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { chunksToSql } from '../../db/raw.ts';

export interface ClusterSourceRow {
  id: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  /** Chosen extra fields by key; null where the customer has no value (e.g. no CLV yet). */
  extra: Record<string, number | null>;
}

const FIELDS = new Map(CUSTOMER_FIELDS.map((f) => [f.key, f]));

/** A registry field's SQL (aliases c, m) with its as-of day and zone bound: nothing else reaches SQL. */
function field(key: string, clock: { asOf: string; timeZone: string }): SQL {
  const def = FIELDS.get(key);
  if (!def) throw new Error(`clusters: no registry field ${key}`);
  return chunksToSql(fieldSql(def, clock));
}

export const clustersRepository = {
  /**
   * One narrow row per scored customer in `where` (SQL over alias c): a counted order in
   * customer_metrics. R = days since the last order, counted from the as-of day (never below 0),
   * F = counted orders, M = their total — the rule fields recency_days, order_count and total_spend — and
   * the chosen extra fields, all from the one metrics row (never from raw orders). Ordered by id, so the
   * input of the seeded clustering does not depend on the plan.
   */
  async rows(
    db: Db,
    where: SQL,
    extra: readonly string[],
    clock: { asOf: string; timeZone: string },
  ): Promise<ClusterSourceRow[]> {
    const extras = extra.map((key, i) => sql`(${field(key, clock)})::float8 AS ${sql.raw(`x${i}`)}`);
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT c.id, GREATEST(${field('recency_days', clock)}, 0)::int AS r, ${field('order_count', clock)} AS f,
        (${field('total_spend', clock)})::float8 AS m ${extras.length ? sql`, ${sql.join(extras, sql`, `)}` : sql``}
      FROM customers c
      JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE ${where} AND m.order_count > 0 AND m.last_order_at IS NOT NULL
      ORDER BY c.id`);
    return rows.map((r) => ({
      id: String(r.id),
      recencyDays: Number(r.r),
      frequency: Number(r.f),
      monetary: Number(r.m),
      extra: Object.fromEntries(
        extra.map((key, i) => {
          const v = r[`x${i}`];
          return [key, v === null || v === undefined ? null : Number(v)];
        }),
      ),
    }));
  },
};
