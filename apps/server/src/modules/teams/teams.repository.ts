import { and, count, eq, ilike, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { teams, users } from '../../db/schema.ts';
import { likePattern, offset, orderBy } from '../../db/list.ts';

export type TeamRow = typeof teams.$inferSelect;

// Outer columns are written out qualified: in a single-table select drizzle drops the table name from
// columns inside a sql field, and the subquery would then compare users' own columns.
const memberCount = sql<number>`(SELECT count(*)::int FROM ${users} u WHERE u.workspace_id = "teams"."workspace_id" AND u.team_id = "teams"."id")`;
const columns = {
  id: teams.id,
  name: teams.name,
  createdAt: teams.createdAt,
  updatedAt: teams.updatedAt,
  version: teams.version,
  memberCount,
};
const SORTS = { name: teams.name, createdAt: teams.createdAt, memberCount };

export const teamsRepository = {
  async byId(db: Db, workspaceId: string, id: string) {
    const [row] = await db
      .select(columns)
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
    return row;
  },
  async byName(db: Db, workspaceId: string, name: string) {
    const [row] = await db
      .select(columns)
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.name, name)));
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
    const where = and(eq(teams.workspaceId, workspaceId), q ? ilike(teams.name, likePattern(q)) : undefined);
    const [items, [total]] = await Promise.all([
      db
        .select(columns)
        .from(teams)
        .where(where)
        .orderBy(...orderBy(sort, SORTS, [sql`${teams.name} ASC`], teams.id))
        .limit(pageSize)
        .offset(offset(page, pageSize)),
      db.select({ n: count() }).from(teams).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  async insert(db: Db, workspaceId: string, name: string): Promise<TeamRow> {
    const [row] = await db.insert(teams).values({ workspaceId, name }).returning();
    return row!;
  },
  async rename(db: Db, workspaceId: string, id: string, version: number, name: string) {
    const [row] = await db
      .update(teams)
      .set({ name, updatedAt: sql`now()`, version: sql`${teams.version} + 1` })
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id), eq(teams.version, version)))
      .returning();
    return row;
  },
  async delete(db: Db, workspaceId: string, id: string): Promise<void> {
    await db.delete(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
  },
};
