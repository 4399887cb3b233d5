import { and, count, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiKeys, users } from '../../db/schema.ts';
import { likePattern, offset, orderBy } from '../../db/list.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

const view = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  userId: apiKeys.userId,
  userName: users.name,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};
const joinUser = and(eq(users.workspaceId, apiKeys.workspaceId), eq(users.id, apiKeys.userId));
const SORTS = { name: apiKeys.name, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt };

export const apiKeysRepository = {
  async byHash(db: Db, workspaceId: string, keyHash: string): Promise<ApiKeyRow | undefined> {
    const [row] = await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.keyHash, keyHash)));
    return row;
  },
  async view(db: Db, workspaceId: string, id: string) {
    const [row] = await db
      .select(view)
      .from(apiKeys)
      .innerJoin(users, joinUser)
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
    return row;
  },
  async list(
    db: Db,
    workspaceId: string,
    q: string | undefined,
    sort: string | undefined,
    page: number,
    pageSize: number,
  ) {
    const where: SQL | undefined = and(
      eq(apiKeys.workspaceId, workspaceId),
      q ? ilike(apiKeys.name, likePattern(q)) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select(view)
        .from(apiKeys)
        .innerJoin(users, joinUser)
        .where(where)
        .orderBy(...orderBy(sort, SORTS, [sql`${apiKeys.createdAt} DESC`], apiKeys.id))
        .limit(pageSize)
        .offset(offset(page, pageSize)),
      db.select({ n: count() }).from(apiKeys).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  async insert(db: Db, values: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
    const [row] = await db.insert(apiKeys).values(values).returning();
    return row!;
  },
  async revoke(db: Db, workspaceId: string, id: string): Promise<void> {
    await db
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
  },
  async touch(db: Db, workspaceId: string, id: string): Promise<void> {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
  },
};
