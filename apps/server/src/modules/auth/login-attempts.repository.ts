import { and, count, eq, gt, min, sql, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loginAttempts } from '../../db/schema.ts';

export const loginAttemptsRepository = {
  async record(db: Db, workspaceId: string, email: string, ip: string, succeeded: boolean): Promise<void> {
    await db.insert(loginAttempts).values({ workspaceId, email, ip, succeeded });
  },
  /** Failures since `windowMinutes` ago, by email or by IP, and when the oldest of them happened. */
  async recentFailures(
    db: Db,
    workspaceId: string,
    by: 'email' | 'ip',
    value: string,
    windowMinutes: number,
  ) {
    const column = by === 'email' ? loginAttempts.email : loginAttempts.ip;
    const [row] = await db
      .select({ n: count(), oldest: min(loginAttempts.at) })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.workspaceId, workspaceId),
          eq(column, value),
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.at, sql`now() - make_interval(mins => ${windowMinutes})`),
        ),
      );
    return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
  },
  /** A success clears the account's failures, so a user who remembers the password is not locked out. */
  async clearFailures(db: Db, workspaceId: string, email: string): Promise<void> {
    await db
      .delete(loginAttempts)
      .where(
        and(
          eq(loginAttempts.workspaceId, workspaceId),
          eq(loginAttempts.email, email),
          eq(loginAttempts.succeeded, false),
        ),
      );
  },
  async deleteOlderThan(db: Db, minutes: number): Promise<void> {
    await db
      .delete(loginAttempts)
      .where(lt(loginAttempts.at, sql`now() - make_interval(mins => ${minutes})`));
  },
};
