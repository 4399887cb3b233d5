import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions } from '../../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export const sessionsRepository = {
  async insert(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(values);
  },
  async byTokenHash(db: Db, workspaceId: string, tokenHash: string): Promise<SessionRow | undefined> {
    const [row] = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.tokenHash, tokenHash)));
    return row;
  },
  async touch(db: Db, workspaceId: string, tokenHash: string): Promise<void> {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.tokenHash, tokenHash)));
  },
  async delete(db: Db, workspaceId: string, tokenHash: string): Promise<void> {
    await db
      .delete(sessions)
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.tokenHash, tokenHash)));
  },
  /** Ends every session of a user, except `keep` (the one changing its own password). */
  async deleteForUser(db: Db, workspaceId: string, userId: string, keep?: string): Promise<void> {
    await db
      .delete(sessions)
      .where(
        and(
          eq(sessions.workspaceId, workspaceId),
          eq(sessions.userId, userId),
          keep ? ne(sessions.tokenHash, keep) : undefined,
        ),
      );
  },
  /** Housekeeping: sessions past their absolute expiry or idle limit. */
  async deleteExpired(db: Db, idleMinutes: number): Promise<void> {
    await db
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, sql`now()`),
          lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
        ),
      );
  },
};
