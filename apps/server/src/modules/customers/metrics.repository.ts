import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * customer_metrics: figures derived from a customer's records. The same statement serves both paths —
 * one customer (in the transaction of the write that changed it) and a whole workspace (batch) — so
 * the incremental and the set-wise results cannot disagree.
 *
 * Counted orders: status paid or completed, amount > 0 (cancelled and refunded orders are not revenue).
 */
function upsertMetrics(workspaceId: string, customerFilter: SQL): SQL {
  return sql`
    INSERT INTO customer_metrics AS cm (workspace_id, customer_id, order_count, total_spend, first_order_at,
      last_order_at, last_followup_at, last_followup_type, next_followup_on, open_tickets, complaints, updated_at)
    SELECT c.workspace_id, c.id,
      COALESCE(o.n, 0), COALESCE(o.total, 0), o.first_at, o.last_at,
      f.last_at, f.last_type, f.next_on,
      COALESCE(t.open, 0), COALESCE(t.complaints, 0), now()
    FROM customers c
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, sum(amount) AS total, min(ordered_at) AS first_at, max(ordered_at) AS last_at
      FROM orders WHERE workspace_id = c.workspace_id AND customer_id = c.id
        AND status IN ('paid', 'completed') AND amount > 0
    ) o ON true
    LEFT JOIN LATERAL (
      SELECT occurred_at AS last_at, type AS last_type, next_followup_on AS next_on
      FROM followups WHERE workspace_id = c.workspace_id AND customer_id = c.id
      ORDER BY occurred_at DESC, created_at DESC LIMIT 1
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status IN ('open', 'in_progress'))::int AS open,
             count(*) FILTER (WHERE kind = 'complaint')::int AS complaints
      FROM tickets WHERE workspace_id = c.workspace_id AND customer_id = c.id
    ) t ON true
    WHERE c.workspace_id = ${workspaceId} AND ${customerFilter}
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET
      order_count = EXCLUDED.order_count, total_spend = EXCLUDED.total_spend,
      first_order_at = EXCLUDED.first_order_at, last_order_at = EXCLUDED.last_order_at,
      last_followup_at = EXCLUDED.last_followup_at, last_followup_type = EXCLUDED.last_followup_type,
      next_followup_on = EXCLUDED.next_followup_on, open_tickets = EXCLUDED.open_tickets,
      complaints = EXCLUDED.complaints, updated_at = EXCLUDED.updated_at`;
}

export const metricsRepository = {
  /**
   * Recomputes one customer's row; call inside the transaction of the write. The customer row is locked
   * first, in its own statement: concurrent writes to one customer then refresh one after the other,
   * and each recompute (a new statement, so a new snapshot under READ COMMITTED) sees the writes
   * committed before it — no lost update. NO KEY UPDATE does not conflict with the key-share locks the
   * writes' foreign keys already hold.
   */
  async refresh(db: Db, workspaceId: string, customerId: string): Promise<void> {
    await db.execute(
      sql`SELECT 1 FROM customers WHERE workspace_id = ${workspaceId} AND id = ${customerId} FOR NO KEY UPDATE`,
    );
    await db.execute(upsertMetrics(workspaceId, sql`c.id = ${customerId}`));
  },
  /** Recomputes every customer of a workspace in one statement. */
  async recomputeAll(db: Db, workspaceId: string): Promise<void> {
    await db.execute(upsertMetrics(workspaceId, sql`true`));
  },
};
