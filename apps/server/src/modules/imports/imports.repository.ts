// Set-wise writes for imports: a statement takes whole columns as array parameters and unnest()s them back
// into rows (one parameter per column, not per cell — see the demo loader), so staging a 500,000-line file
// costs a hundred statements. The import's other SQL is in the *-stage.repository.ts files.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';

/** Rows per statement: large enough to amortise a round trip, small enough for PGlite's memory. */
export const BATCH = 10_000;

export interface Column {
  name: string;
  /** SQL element type of the array: text, uuid, numeric, timestamptz, boolean, int, date. */
  type: string;
  values: readonly unknown[];
}

const arrays = (columns: readonly Column[], start: number, end: number) =>
  sql.join(
    columns.map((c) => sql`${sql.param(c.values.slice(start, end))}::${sql.raw(`${c.type}[]`)}`),
    sql`, `,
  );

/** INSERT INTO table (…) SELECT … FROM unnest(…), in batches; `extra` adds constant columns. */
export async function bulkInsert(
  db: Db,
  table: string,
  columns: readonly Column[],
  extra: { name: string; value: SQL }[] = [],
): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  const names = sql.join(
    [...columns.map((c) => sql.identifier(c.name)), ...extra.map((e) => sql.identifier(e.name))],
    sql`, `,
  );
  const aliases = columns.map((_, i) => `c${i}`);
  const select = sql.join([...aliases.map((a) => sql.raw(`u.${a}`)), ...extra.map((e) => e.value)], sql`, `);
  for (let start = 0; start < n; start += BATCH) {
    await db.execute(sql`INSERT INTO ${sql.identifier(table)} (${names})
      SELECT ${select} FROM unnest(${arrays(columns, start, start + BATCH)}) AS u(${sql.raw(aliases.join(', '))})`);
  }
}

/**
 * The user an import acts as (CLI): the active user with this email, or the workspace's first admin.
 * Returns an Actor, so the import applies that user's data scope and owns what it creates by them.
 */
export async function importActor(db: Db, email?: string): Promise<Actor | undefined> {
  const { rows } = await db.execute<{
    workspaceId: string;
    id: string;
    name: string;
    role: Actor['role'];
    teamId: string | null;
  }>(sql`SELECT u.workspace_id AS "workspaceId", u.id, u.name, u.role, u.team_id AS "teamId"
    FROM users u JOIN workspaces w ON w.workspace_id = u.workspace_id
    WHERE u.disabled_at IS NULL AND ${email ? sql`lower(u.email) = lower(${email})` : sql`u.role = 'admin'`}
    ORDER BY w.created_at, u.created_at LIMIT 1`);
  const u = rows[0];
  if (!u) return undefined;
  return {
    kind: 'user',
    workspaceId: u.workspaceId,
    userId: u.id,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    apiKeyId: null,
    apiKeyName: null,
    sessionId: null,
    csrfToken: null,
  };
}
