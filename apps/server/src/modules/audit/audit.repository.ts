import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { likePattern, offset } from '../../db/list.ts';

export type AuditInsert = typeof auditLog.$inferInsert;

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  q?: string | undefined;
}

export const auditRepository = {
  async insert(db: Db, entry: AuditInsert): Promise<void> {
    await db.insert(auditLog).values(entry);
  },
  async list(db: Db, workspaceId: string, filter: AuditFilter, page: number, pageSize: number) {
    const where: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
    if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
    if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
    if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
    if (filter.q) {
      const p = likePattern(filter.q);
      where.push(
        or(
          ilike(auditLog.action, p),
          ilike(auditLog.actorName, p),
          ilike(auditLog.entityType, p),
          ilike(auditLog.entityId, p),
        )!,
      );
    }
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(pageSize)
        .offset(offset(page, pageSize)),
      db
        .select({ n: count() })
        .from(auditLog)
        .where(and(...where)),
    ]);
    return { items, total: total?.n ?? 0 };
  },
};
