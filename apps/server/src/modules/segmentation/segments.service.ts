import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Segment } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { iso, isoNotNull, sqlUuids } from '../../db/raw.ts';
import { offset } from '../../db/list.ts';
import { segments } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { canSeeCustomer } from '../customers/customer-scope.ts';
import { loadClassification } from './classification.repository.ts';
import { recountSegment, referencedSegments, refreshSegments } from './placement.ts';
import { rulesUsing } from './rule-references.ts';
import { compileFor, workspaceRules, type RuleUse } from './workspace-rules.ts';

type Row = typeof segments.$inferSelect;

const toSegment = (r: Row, count: number): Segment => ({
  id: r.id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  rule: r.rule ?? null,
  count,
  createdBy: r.createdBy ?? null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
});

async function rowOr404(db: Db, ws: string, id: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, ws), eq(segments.id, id)));
  if (!row) throw notFound('segment');
  return row;
}

/** Members of each segment among the customers the actor may see. */
async function visibleCounts(db: Db, actor: Actor, ids?: string[]) {
  const { rows } = await db.execute<{ id: string; n: number }>(sql`
    SELECT sm.segment_id AS id, count(*)::int AS n FROM segment_members sm
    JOIN customers c ON c.workspace_id = sm.workspace_id AND c.id = sm.customer_id
    WHERE sm.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}
      ${ids ? sql`AND sm.segment_id = ANY(${sqlUuids(ids)})` : sql``}
    GROUP BY sm.segment_id`);
  return new Map(rows.map((r) => [String(r.id), Number(r.n)]));
}

/**
 * How many customers an actor sees, for the live preview's "n of total": counting a big workspace
 * costs more than the rule's count itself, so it is remembered per actor for a few seconds (the
 * preview answers while a rule is being typed; a customer added meanwhile shows up at the next refresh).
 */
const TOTAL_TTL_MS = 15_000;
const totals = new Map<string, { n: number; at: number }>();

async function visibleTotal(db: Db, actor: Actor, visible: SQL): Promise<number> {
  const key = `${actor.workspaceId}|${actor.role}|${actor.userId}|${actor.teamId ?? ''}`;
  const hit = totals.get(key);
  if (hit && Date.now() - hit.at < TOTAL_TTL_MS) return hit.n;
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM customers c WHERE ${visible}`,
  );
  const n = Number(rows[0]?.n ?? 0);
  totals.set(key, { n, at: Date.now() });
  if (totals.size > 1000) totals.delete(totals.keys().next().value!);
  return n;
}

/** A dynamic segment's rule: valid against the whole registry, and no circle of segments testing each other. */
async function checkRule(db: Db, ws: string, rule: unknown, selfId: string | null) {
  const w = await workspaceRules(db, ws);
  compileFor(w, { kind: 'segment' }, rule, { path: 'rule' });
  if (!selfId) return;
  const rules = new Map(w.classification.segments.map((s) => [s.id, s.rule]));
  rules.set(selfId, rule as never);
  const reaches = (from: string, seen = new Set<string>()): boolean => {
    for (const dep of referencedSegments(rules.get(from))) {
      if (dep === selfId) return true;
      if (!seen.has(dep)) {
        seen.add(dep);
        if (reaches(dep, seen)) return true;
      }
    }
    return false;
  };
  if (reaches(selfId)) throw invalidField({ in: 'body', path: 'rule', code: 'segment_cycle' });
}

/** Adds customers (those the actor may see) to a static segment, recording `entered` events. */
async function addMembers(db: Db, actor: Actor, segmentId: string, customerIds: string[]) {
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH ins AS (
      INSERT INTO segment_members (workspace_id, segment_id, customer_id)
      SELECT c.workspace_id, ${segmentId}, c.id FROM customers c
      WHERE c.workspace_id = ${actor.workspaceId} AND c.id = ANY(${sqlUuids(customerIds)})
        AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}
      ON CONFLICT DO NOTHING RETURNING customer_id
    ), ev AS (
      INSERT INTO segment_events (workspace_id, segment_id, customer_id, kind)
      SELECT ${actor.workspaceId}, ${segmentId}, customer_id, 'entered' FROM ins RETURNING 1
    )
    SELECT count(*)::int AS n FROM ev`);
  await recountSegment(db, actor.workspaceId, segmentId);
  return rows[0]?.n ?? 0;
}

/** Memory per sort or bitmap of a preview (see preview). */
const PREVIEW_WORK_MEM = '64MB';

export const segmentsService = {
  async list(db: Db, actor: Actor, q: { q?: string }) {
    const rows = await db
      .select()
      .from(segments)
      .where(
        and(
          eq(segments.workspaceId, actor.workspaceId),
          q.q ? sql`${segments.name} ILIKE ${`%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}` : undefined,
        ),
      )
      .orderBy(segments.name);
    const counts = await visibleCounts(db, actor);
    return rows.map((r) => toSegment(r, counts.get(r.id) ?? 0));
  },

  async get(db: Db, actor: Actor, id: string) {
    const row = await rowOr404(db, actor.workspaceId, id);
    const counts = await visibleCounts(db, actor, [id]);
    return toSegment(row, counts.get(id) ?? 0);
  },

  async create(
    db: Db,
    c: RequestContext,
    body: {
      name: string;
      description: string;
      kind: 'dynamic' | 'static';
      rule?: unknown;
      customerIds?: string[];
    },
  ) {
    const ws = c.actor.workspaceId;
    if (body.kind === 'dynamic') {
      if (body.rule === undefined) throw invalidField({ in: 'body', path: 'rule', code: 'required' });
      await checkRule(db, ws, body.rule, null);
    } else if (body.rule !== undefined) {
      throw invalidField({ in: 'body', path: 'rule', code: 'unknown_field' });
    }
    try {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(segments)
          .values({
            workspaceId: ws,
            name: body.name,
            description: body.description,
            kind: body.kind,
            rule: body.kind === 'dynamic' ? body.rule : null,
            createdBy: c.actor.userId,
          })
          .returning();
        if (body.kind === 'dynamic') await refreshSegments(tx, ws);
        else if (body.customerIds?.length) await addMembers(tx, c.actor, row!.id, body.customerIds);
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'segment.create',
          entityType: 'segment',
          entityId: row!.id,
          after: { ...row, customerIds: body.customerIds?.length ?? 0 },
        });
        return row!.id;
      });
      return this.get(db, c.actor, id);
    } catch (err) {
      if (isUniqueViolation(err)) throw invalidField({ in: 'body', path: 'name', code: 'duplicate' });
      throw err;
    }
  },

  async update(
    db: Db,
    c: RequestContext,
    id: string,
    body: { version: number; name?: string; description?: string; rule?: unknown },
  ) {
    const ws = c.actor.workspaceId;
    const before = await rowOr404(db, ws, id);
    if (body.rule !== undefined) {
      if (before.kind === 'static') throw invalidField({ in: 'body', path: 'rule', code: 'unknown_field' });
      await checkRule(db, ws, body.rule, id);
    }
    const { version, ...changes } = body;
    try {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(segments)
          .set({ ...changes, updatedAt: sql`now()`, version: sql`${segments.version} + 1` })
          .where(and(eq(segments.workspaceId, ws), eq(segments.id, id), eq(segments.version, version)))
          .returning();
        if (!row)
          throw new AppError('VERSION_CONFLICT', {}, { current: toSegment(before, before.memberCount) });
        if (body.rule !== undefined) await refreshSegments(tx, ws);
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'segment.update',
          entityType: 'segment',
          entityId: id,
          before,
          after: row,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalidField({ in: 'body', path: 'name', code: 'duplicate' });
      throw err;
    }
    return this.get(db, c.actor, id);
  },

  async delete(db: Db, c: RequestContext, id: string) {
    const ws = c.actor.workspaceId;
    const before = await rowOr404(db, ws, id);
    const using = rulesUsing(await loadClassification(db, ws), { segment: id });
    if (using.length) throw new AppError('RULE_REFERENCED', { by: using.join('、') });
    await db.transaction(async (tx) => {
      await tx.delete(segments).where(and(eq(segments.workspaceId, ws), eq(segments.id, id)));
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'segment.delete',
        entityType: 'segment',
        entityId: id,
        before,
      });
    });
  },

  /** Members the actor may see, newest first. */
  async members(db: Db, actor: Actor, id: string, page: number, pageSize: number) {
    await rowOr404(db, actor.workspaceId, id);
    const where = sql`sm.workspace_id = ${actor.workspaceId} AND sm.segment_id = ${id} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}`;
    const from = sql`segment_members sm JOIN customers c ON c.workspace_id = sm.workspace_id AND c.id = sm.customer_id
      LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.owner_id`;
    const [items, total] = await Promise.all([
      db.execute<Record<string, unknown>>(sql`
        SELECT c.id, c.name, u.name AS owner_name, sm.entered_at FROM ${from} WHERE ${where}
        ORDER BY sm.entered_at DESC, c.id LIMIT ${pageSize} OFFSET ${offset(page, pageSize)}`),
      db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`),
    ]);
    return {
      items: items.rows.map((r) => ({
        customerId: String(r.id),
        name: String(r.name),
        ownerName: (r.owner_name as string | null) ?? null,
        enteredAt: isoNotNull(r.entered_at),
      })),
      total: Number(total.rows[0]?.n ?? 0),
      page,
      pageSize,
    };
  },

  async addMembers(db: Db, c: RequestContext, id: string, customerIds: string[]) {
    const row = await rowOr404(db, c.actor.workspaceId, id);
    if (row.kind !== 'static') throw new AppError('SEGMENT_NOT_STATIC');
    return db.transaction(async (tx) => {
      const added = await addMembers(tx, c.actor, id, customerIds);
      await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
        action: 'segment.add_members',
        entityType: 'segment',
        entityId: id,
        after: { added },
      });
      return { affected: added };
    });
  },

  async removeMembers(db: Db, c: RequestContext, id: string, customerIds: string[]) {
    const row = await rowOr404(db, c.actor.workspaceId, id);
    if (row.kind !== 'static') throw new AppError('SEGMENT_NOT_STATIC');
    const ws = c.actor.workspaceId;
    return db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ n: number }>(sql`
        WITH del AS (
          DELETE FROM segment_members sm USING customers c
          WHERE sm.workspace_id = ${ws} AND sm.segment_id = ${id} AND sm.customer_id = ANY(${sqlUuids(customerIds)})
            AND c.workspace_id = sm.workspace_id AND c.id = sm.customer_id AND ${canSeeCustomer(c.actor)}
          RETURNING sm.customer_id
        ), ev AS (
          INSERT INTO segment_events (workspace_id, segment_id, customer_id, kind)
          SELECT ${ws}, ${id}, customer_id, 'exited' FROM del RETURNING 1
        )
        SELECT count(*)::int AS n FROM ev`);
      await recountSegment(tx, ws, id);
      const removed = rows[0]?.n ?? 0;
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'segment.remove_members',
        entityType: 'segment',
        entityId: id,
        after: { removed },
      });
      return { affected: removed };
    });
  },

  /** Entered / exited events of customers the actor may see, newest first. */
  async events(db: Db, actor: Actor, id: string, page: number, pageSize: number) {
    await rowOr404(db, actor.workspaceId, id);
    const where = sql`e.workspace_id = ${actor.workspaceId} AND e.segment_id = ${id} AND ${canSeeCustomer(actor)}`;
    const from = sql`segment_events e JOIN customers c ON c.workspace_id = e.workspace_id AND c.id = e.customer_id`;
    const [items, total] = await Promise.all([
      db.execute<Record<string, unknown>>(sql`
        SELECT e.id, e.customer_id, c.name, e.kind, e.at FROM ${from} WHERE ${where}
        ORDER BY e.id DESC LIMIT ${pageSize} OFFSET ${offset(page, pageSize)}`),
      db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`),
    ]);
    return {
      items: items.rows.map((r) => ({
        id: Number(r.id),
        customerId: String(r.customer_id),
        customerName: String(r.name),
        kind: r.kind as 'entered' | 'exited',
        at: iso(r.at)!,
      })),
      total: Number(total.rows[0]?.n ?? 0),
      page,
      pageSize,
    };
  },

  /** How many customers (of those the actor may see) a rule selects right now, with a sample: the live count. */
  async preview(
    db: Db,
    actor: Actor,
    body: { rule: unknown; use: 'segment' | 'tier' | 'autoTag'; schemeKey?: string; asOf?: string },
  ) {
    const w = await workspaceRules(db, actor.workspaceId);
    const use: RuleUse =
      body.use === 'tier'
        ? { kind: 'tier', schemeKey: body.schemeKey ?? '' }
        : body.use === 'autoTag'
          ? { kind: 'autoTag' }
          : { kind: 'segment' };
    const test = compileFor(w, use, body.rule, { path: 'rule', asOf: body.asOf });
    const visible = sql`c.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}`;
    // The rule in the WHERE (so its indexes can serve it); the matches found once, then counted and
    // sampled (a sample by name alone would walk the name index past every non-match).
    // Memory for exact bitmaps: with the default 4 MB, the bitmap of a condition half a million
    // customers meet goes lossy at 1M customers, and the heap walk then rechecks whole pages (six
    // times the reads of the matching rows alone).
    const [hits, total] = await Promise.all([
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('work_mem', ${PREVIEW_WORK_MEM}, true)`);
        return tx.execute<{ n: number; sample: { id: string; name: string }[] }>(sql`
        WITH hits AS MATERIALIZED (
          SELECT c.id, c.name FROM customers c
          LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
          WHERE ${visible} AND ${test}
        )
        SELECT (SELECT count(*) FROM hits)::int AS n,
          COALESCE((SELECT json_agg(json_build_object('id', h.id, 'name', h.name) ORDER BY h.name, h.id)
            FROM (SELECT id, name FROM hits ORDER BY name, id LIMIT 10) h), '[]'::json) AS sample`);
      }),
      visibleTotal(db, actor, visible),
    ]);
    const count = Number(hits.rows[0]?.n ?? 0);
    const sample = hits.rows[0]?.sample ?? [];
    return {
      count,
      total: Math.max(total, count),
      sample: sample.map((r) => ({ id: String(r.id), name: String(r.name) })),
    };
  },
};
