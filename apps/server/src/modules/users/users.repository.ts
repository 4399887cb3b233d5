import { and, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { teams, users } from '../../db/schema.ts';
import { likePattern, offset, orderBy } from '../../db/list.ts';
import type { Actor } from '../../http/actor.ts';
import type { Role } from '@stratum/contracts';

export type UserRow = typeof users.$inferSelect;
export type UserWithTeam = UserRow & { teamName: string | null };

/**
 * Which users an actor may see: admins all; managers their team (and themselves); reps themselves.
 * The same rule serves get, list and count.
 */
export function userScope(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'manager' && actor.teamId)
    return or(eq(users.teamId, actor.teamId), eq(users.id, actor.userId));
  return eq(users.id, actor.userId);
}

const withTeam = {
  workspaceId: users.workspaceId,
  id: users.id,
  name: users.name,
  email: users.email,
  passwordHash: users.passwordHash,
  role: users.role,
  teamId: users.teamId,
  locale: users.locale,
  disabledAt: users.disabledAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
  teamName: teams.name,
};

const joinTeam = and(eq(teams.workspaceId, users.workspaceId), eq(teams.id, users.teamId));

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  teamId?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
}

const SORTS = {
  name: users.name,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export const usersRepository = {
  async byId(db: Db, workspaceId: string, id: string, scope?: SQL): Promise<UserWithTeam | undefined> {
    const [row] = await db
      .select(withTeam)
      .from(users)
      .leftJoin(teams, joinTeam)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id), scope));
    return row;
  },

  async byEmail(db: Db, workspaceId: string, email: string): Promise<UserWithTeam | undefined> {
    const [row] = await db
      .select(withTeam)
      .from(users)
      .leftJoin(teams, joinTeam)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.email, email)));
    return row;
  },

  async list(
    db: Db,
    workspaceId: string,
    scope: SQL | undefined,
    filter: UserFilter,
    sort: string | undefined,
    page: number,
    pageSize: number,
  ) {
    const where = and(
      eq(users.workspaceId, workspaceId),
      scope,
      filter.q
        ? or(ilike(users.name, likePattern(filter.q)), ilike(users.email, likePattern(filter.q)))
        : undefined,
      filter.role ? eq(users.role, filter.role) : undefined,
      filter.teamId ? eq(users.teamId, filter.teamId) : undefined,
      filter.status === 'active' ? isNull(users.disabledAt) : undefined,
      filter.status === 'disabled' ? isNotNull(users.disabledAt) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select(withTeam)
        .from(users)
        .leftJoin(teams, joinTeam)
        .where(where)
        .orderBy(...orderBy(sort, SORTS, [sql`${users.createdAt} ASC`], users.id))
        .limit(pageSize)
        .offset(offset(page, pageSize)),
      db.select({ n: count() }).from(users).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  async count(
    db: Db,
    workspaceId: string,
    filter: { role?: Role; activeOnly?: boolean } = {},
  ): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(users)
      .where(
        and(
          eq(users.workspaceId, workspaceId),
          filter.role ? eq(users.role, filter.role) : undefined,
          filter.activeOnly ? isNull(users.disabledAt) : undefined,
        ),
      );
    return row?.n ?? 0;
  },

  async insert(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await db.insert(users).values(values).returning();
    return row!;
  },

  /** Optimistic concurrency: updates only the version the client read; undefined means it was stale. */
  async update(
    db: Db,
    workspaceId: string,
    id: string,
    version: number,
    changes: Partial<typeof users.$inferInsert>,
  ): Promise<UserRow | undefined> {
    const [row] = await db
      .update(users)
      .set({ ...changes, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id), eq(users.version, version)))
      .returning();
    return row;
  },

  async setPassword(db: Db, workspaceId: string, id: string, passwordHash: string): Promise<void> {
    await db
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
  },

  async touchLogin(db: Db, workspaceId: string, id: string): Promise<void> {
    await db
      .update(users)
      .set({ lastLoginAt: sql`now()` })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
  },

  async setLocaleAndName(
    db: Db,
    workspaceId: string,
    id: string,
    changes: { locale?: 'zh-CN' | 'en' | null; name?: string },
  ) {
    await db
      .update(users)
      .set({ ...changes, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
  },
};
