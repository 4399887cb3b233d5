import { and, eq, sql } from 'drizzle-orm';
import type { TagGroup } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { sqlUuids } from '../../db/raw.ts';
import { customerTags, tagGroups, tags } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, invalidField, invalidReference, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { canEditCustomer, canSeeCustomer } from '../customers/customer-scope.ts';
import { loadClassification } from './classification.repository.ts';
import { customerChanged, placeCustomers } from './placement.ts';
import { rulesUsing } from './rule-references.ts';
import { compileFor, workspaceRules } from './workspace-rules.ts';

type GroupRow = typeof tagGroups.$inferSelect;
type TagRow = typeof tags.$inferSelect;

async function groupOr404(db: Db, ws: string, id: string): Promise<GroupRow> {
  const [row] = await db
    .select()
    .from(tagGroups)
    .where(and(eq(tagGroups.workspaceId, ws), eq(tagGroups.id, id)));
  if (!row) throw notFound('tag group');
  return row;
}
async function tagOr404(db: Db, ws: string, id: string): Promise<TagRow> {
  const [row] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, ws), eq(tags.id, id)));
  if (!row) throw notFound('tag');
  return row;
}

/** An auto-tag rule may test customer fields, metrics and tiers, not tags or segments (see workspace-rules). */
async function checkRule(db: Db, ws: string, rule: unknown) {
  if (rule === null || rule === undefined) return;
  compileFor(await workspaceRules(db, ws), { kind: 'autoTag' }, rule, { path: 'rule' });
}

const nameTaken = (err: unknown, path: string) => {
  if (isUniqueViolation(err)) throw invalidField({ in: 'body', path, code: 'duplicate' });
  throw err;
};

/** Tags leave customer_metrics.tag_ids when deleted. */
async function forgetTags(db: Db, ws: string, ids: string[]) {
  if (!ids.length) return;
  await db.execute(sql`
    UPDATE customer_metrics SET tag_ids = ARRAY(SELECT x FROM unnest(tag_ids) x WHERE NOT (x = ANY(${sqlUuids(ids)})))
    WHERE workspace_id = ${ws} AND tag_ids && ${sqlUuids(ids)}`);
}

export const tagsService = {
  /** Groups with their tags and how many of the customers the actor may see carry each. */
  async listGroups(db: Db, actor: Actor): Promise<TagGroup[]> {
    const ws = actor.workspaceId;
    const [groups, all, counts] = await Promise.all([
      db
        .select()
        .from(tagGroups)
        .where(eq(tagGroups.workspaceId, ws))
        .orderBy(tagGroups.position, tagGroups.nameZh),
      db.select().from(tags).where(eq(tags.workspaceId, ws)).orderBy(tags.position, tags.name),
      db.execute<{ tag_id: string; n: number }>(sql`
        SELECT ct.tag_id, count(*)::int AS n FROM customer_tags ct
        JOIN customers c ON c.workspace_id = ct.workspace_id AND c.id = ct.customer_id
        WHERE ct.workspace_id = ${ws} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}
        GROUP BY ct.tag_id`),
    ]);
    const n = new Map(counts.rows.map((r) => [String(r.tag_id), Number(r.n)]));
    return groups.map((g) => ({
      id: g.id,
      nameZh: g.nameZh,
      nameEn: g.nameEn,
      exclusive: g.exclusive,
      position: g.position,
      version: g.version,
      tags: all
        .filter((t) => t.groupId === g.id)
        .map((t) => ({
          id: t.id,
          groupId: t.groupId,
          name: t.name,
          color: t.color,
          rule: t.rule ?? null,
          position: t.position,
          count: n.get(t.id) ?? 0,
          version: t.version,
        })),
    }));
  },

  async createGroup(
    db: Db,
    c: RequestContext,
    body: { nameZh: string; nameEn: string; exclusive: boolean; position?: number },
  ) {
    const ws = c.actor.workspaceId;
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(tagGroups)
        .values({ workspaceId: ws, ...body, position: body.position ?? 100 })
        .returning();
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'tag_group.create',
        entityType: 'tag_group',
        entityId: row!.id,
        after: row,
      });
      return row!;
    });
  },

  async updateGroup(
    db: Db,
    c: RequestContext,
    id: string,
    body: { version: number } & Partial<Pick<GroupRow, 'nameZh' | 'nameEn' | 'exclusive' | 'position'>>,
  ) {
    const ws = c.actor.workspaceId;
    const before = await groupOr404(db, ws, id);
    const { version, ...changes } = body;
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(tagGroups)
        .set({ ...changes, updatedAt: sql`now()`, version: sql`${tagGroups.version} + 1` })
        .where(and(eq(tagGroups.workspaceId, ws), eq(tagGroups.id, id), eq(tagGroups.version, version)))
        .returning();
      if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: before });
      // Becoming single-choice changes which rule tag wins: place everyone again.
      if (changes.exclusive !== undefined && changes.exclusive !== before.exclusive)
        await placeCustomers(tx, ws, 'all', { metrics: false });
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'tag_group.update',
        entityType: 'tag_group',
        entityId: id,
        before,
        after: row,
      });
      return row;
    });
  },

  async deleteGroup(db: Db, c: RequestContext, id: string) {
    const ws = c.actor.workspaceId;
    const before = await groupOr404(db, ws, id);
    const cls = await loadClassification(db, ws);
    const ids = cls.tags.filter((t) => t.groupId === id).map((t) => t.id);
    const using = ids.flatMap((tag) => rulesUsing(cls, { tag }));
    if (using.length) throw new AppError('RULE_REFERENCED', { by: [...new Set(using)].join('、') });
    await db.transaction(async (tx) => {
      await tx.delete(tagGroups).where(and(eq(tagGroups.workspaceId, ws), eq(tagGroups.id, id)));
      await forgetTags(tx, ws, ids);
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'tag_group.delete',
        entityType: 'tag_group',
        entityId: id,
        before,
      });
    });
  },

  async createTag(
    db: Db,
    c: RequestContext,
    body: { groupId: string; name: string; color: string; rule: unknown; position?: number },
  ) {
    const ws = c.actor.workspaceId;
    const [group] = await db
      .select()
      .from(tagGroups)
      .where(and(eq(tagGroups.workspaceId, ws), eq(tagGroups.id, body.groupId)));
    if (!group) throw invalidReference('groupId');
    await checkRule(db, ws, body.rule);
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(tags)
          .values({
            workspaceId: ws,
            groupId: body.groupId,
            name: body.name,
            color: body.color,
            rule: body.rule ?? null,
            position: body.position ?? 100,
          })
          .returning();
        if (row!.rule) await placeCustomers(tx, ws, 'all', { metrics: false });
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'tag.create',
          entityType: 'tag',
          entityId: row!.id,
          after: row,
        });
        return row!;
      });
    } catch (err) {
      return nameTaken(err, 'name');
    }
  },

  async updateTag(
    db: Db,
    c: RequestContext,
    id: string,
    body: { version: number; name?: string; color?: string; rule?: unknown; position?: number },
  ) {
    const ws = c.actor.workspaceId;
    const before = await tagOr404(db, ws, id);
    if (body.rule !== undefined) await checkRule(db, ws, body.rule);
    const { version, ...changes } = body;
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .update(tags)
          .set({ ...changes, updatedAt: sql`now()`, version: sql`${tags.version} + 1` })
          .where(and(eq(tags.workspaceId, ws), eq(tags.id, id), eq(tags.version, version)))
          .returning();
        if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: before });
        if (body.rule !== undefined) {
          // No rule any more: what the rule applied goes (manual tags stay); then everyone is placed again.
          if (body.rule === null)
            await tx
              .delete(customerTags)
              .where(
                and(
                  eq(customerTags.workspaceId, ws),
                  eq(customerTags.tagId, id),
                  eq(customerTags.source, 'rule'),
                ),
              );
          await placeCustomers(tx, ws, 'all', { metrics: false });
        }
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'tag.update',
          entityType: 'tag',
          entityId: id,
          before,
          after: row,
        });
        return row;
      });
    } catch (err) {
      return nameTaken(err, 'name');
    }
  },

  async deleteTag(db: Db, c: RequestContext, id: string) {
    const ws = c.actor.workspaceId;
    const before = await tagOr404(db, ws, id);
    const using = rulesUsing(await loadClassification(db, ws), { tag: id });
    if (using.length) throw new AppError('RULE_REFERENCED', { by: using.join('、') });
    await db.transaction(async (tx) => {
      await tx.delete(tags).where(and(eq(tags.workspaceId, ws), eq(tags.id, id)));
      await forgetTags(tx, ws, [id]);
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'tag.delete',
        entityType: 'tag',
        entityId: id,
        before,
      });
    });
  },

  /**
   * Manual tagging of one or many customers. A tag of a single-choice group replaces the customer's other
   * tags of that group. Customers the actor may not edit, and tags applied by a rule (the rule decides
   * them), are reported as skipped. Each customer is placed again in the same transaction.
   */
  async tagCustomers(
    db: Db,
    c: RequestContext,
    body: { customerIds: string[]; add: string[]; remove: string[] },
  ) {
    const ws = c.actor.workspaceId;
    const cls = await loadClassification(db, ws);
    const byId = new Map(cls.tags.map((t) => [t.id, t]));
    [...body.add, ...body.remove].forEach((id, i) => {
      if (!byId.has(id))
        throw invalidReference(i < body.add.length ? `add[${i}]` : `remove[${i - body.add.length}]`);
    });
    const editable = await db.execute<{ id: string }>(sql`
      SELECT c.id FROM customers c WHERE c.workspace_id = ${ws} AND c.id = ANY(${sqlUuids(body.customerIds)})
        AND c.deleted_at IS NULL AND ${canEditCustomer(c.actor)}`);
    const ok = new Set(editable.rows.map((r) => String(r.id)));
    const skipped: { id: string; code: string }[] = [];
    let affected = 0;
    await db.transaction(async (tx) => {
      for (const customerId of [...new Set(body.customerIds)]) {
        if (!ok.has(customerId)) {
          skipped.push({ id: customerId, code: 'NOT_EDITABLE' });
          continue;
        }
        for (const tagId of body.add) {
          const tag = byId.get(tagId)!;
          if (tag.exclusive) {
            const siblings = cls.tags
              .filter((t) => t.groupId === tag.groupId && t.id !== tagId)
              .map((t) => t.id);
            if (siblings.length)
              await tx.execute(sql`DELETE FROM customer_tags WHERE workspace_id = ${ws} AND customer_id = ${customerId}
                AND tag_id = ANY(${sqlUuids(siblings)})`);
          }
          await tx
            .insert(customerTags)
            .values({ workspaceId: ws, customerId, tagId, source: 'manual', taggedBy: c.actor.userId })
            .onConflictDoUpdate({
              target: [customerTags.workspaceId, customerTags.customerId, customerTags.tagId],
              set: { source: 'manual', taggedBy: c.actor.userId },
            });
        }
        if (body.remove.length) {
          const removed = await tx.execute<{ tag_id: string }>(sql`
            DELETE FROM customer_tags WHERE workspace_id = ${ws} AND customer_id = ${customerId}
              AND tag_id = ANY(${sqlUuids(body.remove)}) AND source = 'manual' RETURNING tag_id`);
          const gone = new Set(removed.rows.map((r) => String(r.tag_id)));
          const ruled = body.remove.filter((id) => !gone.has(id) && byId.get(id)!.rule);
          if (ruled.length && !body.add.length && gone.size === 0) {
            skipped.push({ id: customerId, code: 'TAG_BY_RULE' });
            continue;
          }
        }
        await customerChanged(tx, ws, customerId);
        affected++;
      }
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'customer.tag',
        entityType: 'customer',
        entityId: body.customerIds.length === 1 ? body.customerIds[0]! : null,
        after: { customers: affected, add: body.add, remove: body.remove },
      });
    });
    return { affected, skipped };
  },
};
