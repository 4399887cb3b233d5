import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';

/**
 * Everything placement writes for a workspace — metrics with tiers, why and since, tags, segment
 * members and counts — in a stable order, to compare two ways of placing the same customers.
 */
export async function placementState(db: Db, ws: string) {
  const q = async (query: ReturnType<typeof sql>) => (await db.execute(query)).rows;
  return {
    metrics: await q(sql`SELECT customer_id, order_count, total_spend::text, first_order_at::text,
        last_order_at::text, avg_interval_days::text, spend_365d::text, orders_180d, orders_prev_180d,
        last_followup_at::text, open_tickets, complaints, tiers, tier_why, tier_since, tag_ids::text,
        clv::text, p_alive::text, expected_purchases::text, clv_as_of::text
      FROM customer_metrics WHERE workspace_id = ${ws} ORDER BY customer_id`),
    tags: await q(
      sql`SELECT customer_id, tag_id, source FROM customer_tags WHERE workspace_id = ${ws} ORDER BY 1, 2`,
    ),
    members: await q(
      sql`SELECT segment_id, customer_id FROM segment_members WHERE workspace_id = ${ws} ORDER BY 1, 2`,
    ),
    counts: await q(sql`SELECT id, member_count FROM segments WHERE workspace_id = ${ws} ORDER BY id`),
  };
}
