import { and, desc, eq, sql } from 'drizzle-orm';
import type { Migration, MigrationQuery, Snapshot } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { money } from '../../db/raw.ts';
import { tierSnapshots } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { dashboardCustomers } from '../analytics/dashboards.repository.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { loadClassification } from './classification.repository.ts';

type Row = typeof tierSnapshots.$inferSelect;
const toSnapshot = (r: Row): Snapshot => ({
  id: r.id,
  label: r.label,
  asOf: r.asOf,
  trigger: r.trigger,
  customerCount: r.customerCount,
  createdAt: r.createdAt,
});

/** "2026 Q4" for a day. */
export const quarterLabel = (day: string) =>
  `${day.slice(0, 4)} Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * Freezes every customer's tiers (all schemes) and lifetime spend. Called by the API (manual) and the
 * quarterly schedule.
 */
export async function takeSnapshot(
  db: Db,
  workspaceId: string,
  opts: {
    label?: string;
    trigger: 'manual' | 'scheduled';
    createdBy: string | null;
    /** The day it pictures and when it was taken (default today, now): the demo's past quarter. */
    asOf?: string;
    at?: string;
  },
): Promise<Snapshot> {
  const asOf = opts.asOf ?? todayIn(await workspaceTimeZone(db, workspaceId));
  const [row] = await db
    .insert(tierSnapshots)
    .values({
      workspaceId,
      label: opts.label ?? `${quarterLabel(asOf)} · ${asOf}`,
      asOf,
      trigger: opts.trigger,
      createdBy: opts.createdBy,
    })
    .returning();
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH ins AS (
      INSERT INTO tier_snapshot_rows (workspace_id, snapshot_id, customer_id, tiers, total_spend)
      SELECT c.workspace_id, ${row!.id}, c.id, COALESCE(m.tiers, '{}'::jsonb), COALESCE(m.total_spend, 0)
      FROM customers c LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL
      RETURNING 1
    ) SELECT count(*)::int AS n FROM ins`);
  const [done] = await db
    .update(tierSnapshots)
    .set({ customerCount: rows[0]?.n ?? 0 })
    .where(and(eq(tierSnapshots.workspaceId, workspaceId), eq(tierSnapshots.id, row!.id)))
    .returning();
  return toSnapshot(done!);
}

async function rowOr404(db: Db, ws: string, id: string) {
  const [row] = await db
    .select()
    .from(tierSnapshots)
    .where(and(eq(tierSnapshots.workspaceId, ws), eq(tierSnapshots.id, id)));
  if (!row) throw notFound('snapshot');
  return row;
}

export const snapshotsService = {
  async list(db: Db, actor: Actor) {
    const rows = await db
      .select()
      .from(tierSnapshots)
      .where(eq(tierSnapshots.workspaceId, actor.workspaceId))
      .orderBy(desc(tierSnapshots.createdAt));
    return rows.map(toSnapshot);
  },

  async create(db: Db, c: RequestContext, label?: string) {
    return db.transaction(async (tx) => {
      const s = await takeSnapshot(tx, c.actor.workspaceId, {
        label,
        trigger: 'manual',
        createdBy: c.actor.userId,
      });
      await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
        action: 'snapshot.create',
        entityType: 'snapshot',
        entityId: s.id,
        after: s,
      });
      return s;
    });
  },

  async delete(db: Db, c: RequestContext, id: string) {
    const before = await rowOr404(db, c.actor.workspaceId, id);
    await db.transaction(async (tx) => {
      await tx
        .delete(tierSnapshots)
        .where(and(eq(tierSnapshots.workspaceId, c.actor.workspaceId), eq(tierSnapshots.id, id)));
      await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
        action: 'snapshot.delete',
        entityType: 'snapshot',
        entityId: id,
        before,
      });
    });
  },

  /**
   * The migration matrix of one scheme between two pictures (a snapshot and a later one, or now): how
   * many customers moved from each tier to each tier, and what they spent in between. `none` = not
   * placed in that picture (or not a customer yet). Over the customers the actor may see, narrowed by
   * owner/team as the dashboards are (customers in the recycle bin since count: they were customers then).
   */
  async migration(
    db: Db,
    actor: Actor,
    q: Pick<MigrationQuery, 'from' | 'to' | 'scheme' | 'teamId' | 'ownerId'>,
    lang: 'zh-CN' | 'en',
  ): Promise<Migration> {
    const ws = actor.workspaceId;
    const scheme = (await loadClassification(db, ws)).schemes.find((s) => s.key === q.scheme);
    if (!scheme) throw invalidField({ in: 'querystring', path: 'scheme', code: 'not_found' });
    const from = await rowOr404(db, ws, q.from);
    const to = q.to === 'current' ? null : await rowOr404(db, ws, q.to);
    const later = to
      ? sql`SELECT customer_id, tiers->>${q.scheme}::text AS tier, total_spend FROM tier_snapshot_rows
          WHERE workspace_id = ${ws} AND snapshot_id = ${to.id}`
      : sql`SELECT c.id AS customer_id, m.tiers->>${q.scheme}::text AS tier, COALESCE(m.total_spend, 0) AS total_spend
          FROM customers c LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
          WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL`;
    const { rows } = await db.execute<{ f: string; t: string; n: number; revenue: string }>(sql`
      WITH a AS (
        SELECT customer_id, tiers->>${q.scheme}::text AS tier, total_spend FROM tier_snapshot_rows
        WHERE workspace_id = ${ws} AND snapshot_id = ${from.id}
      ), b AS (${later})
      SELECT COALESCE(a.tier, 'none') AS f, COALESCE(b.tier, 'none') AS t, count(*)::int AS n,
        sum(GREATEST(COALESCE(b.total_spend, 0) - COALESCE(a.total_spend, 0), 0))::text AS revenue
      FROM a FULL JOIN b ON b.customer_id = a.customer_id
      JOIN customers c ON c.workspace_id = ${ws} AND c.id = COALESCE(a.customer_id, b.customer_id)
      WHERE ${dashboardCustomers(actor, q, { withDeleted: true })}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    const name = (t: { nameZh: string; nameEn: string }) => (lang === 'en' ? t.nameEn : t.nameZh);
    return {
      scheme: q.scheme,
      from: { id: from.id, label: from.label, asOf: from.asOf },
      to: to
        ? { id: to.id, label: to.label, asOf: to.asOf }
        : {
            id: 'current',
            label: lang === 'en' ? 'Now' : '当前',
            asOf: todayIn(await workspaceTimeZone(db, ws)),
          },
      tiers: [
        ...scheme.tiers.map((t) => ({ key: t.key, name: name(t), color: t.color })),
        { key: 'none', name: lang === 'en' ? 'Not placed' : '未分类', color: '#d9d9d9' },
      ],
      flows: rows.map((r) => ({ from: r.f, to: r.t, count: Number(r.n), revenue: money(r.revenue) })),
    };
  },
};
