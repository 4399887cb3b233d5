import { sql } from 'drizzle-orm';
import type { TimelineEntry } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { iso, money } from '../../db/raw.ts';

/**
 * One customer's history, newest first: follow-ups, orders, received payments, tickets, contracts
 * signed and ownership changes, merged in SQL and paged there.
 */
export const timelineRepository = {
  async list(db: Db, workspaceId: string, customerId: string, page: number, pageSize: number) {
    const union = sql`
      SELECT 'followup' AS kind, f.id::text AS id, f.occurred_at AS at, f.type AS title, f.content AS detail,
             NULL::numeric AS amount, u.name AS user_name
        FROM followups f LEFT JOIN users u ON u.workspace_id = f.workspace_id AND u.id = f.user_id
       WHERE f.workspace_id = ${workspaceId} AND f.customer_id = ${customerId}
      UNION ALL
      SELECT 'order', o.id::text, o.ordered_at, o.order_no, o.status, o.amount, NULL
        FROM orders o WHERE o.workspace_id = ${workspaceId} AND o.customer_id = ${customerId}
      UNION ALL
      SELECT 'payment', p.id::text, p.received_at, COALESCE(ct.contract_no, od.order_no, ''), p.method, p.amount, NULL
        FROM payments p
        LEFT JOIN contracts ct ON ct.workspace_id = p.workspace_id AND ct.id = p.contract_id
        LEFT JOIN orders od ON od.workspace_id = p.workspace_id AND od.id = p.order_id
       WHERE p.workspace_id = ${workspaceId} AND p.customer_id = ${customerId} AND p.received_at IS NOT NULL
      UNION ALL
      SELECT 'ticket', t.id::text, t.opened_at, t.subject, t.kind || ':' || t.status, NULL, NULL
        FROM tickets t WHERE t.workspace_id = ${workspaceId} AND t.customer_id = ${customerId}
      UNION ALL
      SELECT 'contract', c.id::text, (c.signed_on::timestamp AT TIME ZONE w.time_zone), c.contract_no, c.title, c.amount, NULL
        FROM contracts c JOIN workspaces w ON w.workspace_id = c.workspace_id
       WHERE c.workspace_id = ${workspaceId} AND c.customer_id = ${customerId} AND c.signed_on IS NOT NULL
      UNION ALL
      SELECT 'owner_change', oc.id::text, oc.at, COALESCE(tu.name, ''), COALESCE(fu.name, ''), NULL, bu.name
        FROM customer_owner_changes oc
        LEFT JOIN users fu ON fu.workspace_id = oc.workspace_id AND fu.id = oc.from_owner_id
        LEFT JOIN users tu ON tu.workspace_id = oc.workspace_id AND tu.id = oc.to_owner_id
        LEFT JOIN users bu ON bu.workspace_id = oc.workspace_id AND bu.id = oc.changed_by
       WHERE oc.workspace_id = ${workspaceId} AND oc.customer_id = ${customerId}`;
    const [{ rows }, { rows: count }] = await Promise.all([
      db.execute<Record<string, unknown>>(
        sql`SELECT * FROM (${union}) e ORDER BY e.at DESC, e.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      ),
      db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${union}) e`),
    ]);
    const items: TimelineEntry[] = rows.map((r) => ({
      kind: r.kind as TimelineEntry['kind'],
      id: String(r.id),
      at: iso(r.at)!,
      title: String(r.title ?? ''),
      detail: (r.detail as string | null) ?? null,
      amount: r.amount === null || r.amount === undefined ? null : money(r.amount),
      userName: (r.user_name as string | null) ?? null,
    }));
    return { items, total: Number(count[0]?.n ?? 0), page, pageSize };
  },
};
