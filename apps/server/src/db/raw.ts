import { createHash } from 'node:crypto';
import { sql, type Query, type SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { SqlChunk } from '@stratum/segmentation';
import type { Db } from './client.ts';

/**
 * A compiled rule (text pieces and parameters) as a drizzle SQL fragment, parameters bound. `sql.param`
 * binds an array as one array parameter; interpolated directly, drizzle would expand it into a list.
 */
export function chunksToSql(chunks: readonly SqlChunk[]): SQL {
  return sql.join(chunks.map((c) => (typeof c === 'string' ? sql.raw(c) : sql`${sql.param(c.param)}`)));
}

/** A timestamptz from a raw query, whichever driver read it, as ISO 8601 UTC. */
export const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString();
export const isoNotNull = (v: unknown): string => iso(v)!;

/** numeric from a raw query as a decimal string with 2 places ("0.00"). */
export const money = (v: unknown): string => {
  if (v === null || v === undefined) return '0.00';
  const s = String(v);
  const [int = '0', frac = ''] = s.split('.');
  return `${int}.${(frac + '00').slice(0, 2)}`;
};

/** A list of uuids as one array parameter (`= ANY(...)`), whatever the driver. */
export const sqlUuids = (ids: readonly string[]): SQL => sql`${sql.param([...ids])}::uuid[]`;

/** A uuid[] from a raw query: node-postgres may hand over the text form "{a,b}", PGlite an array. */
export function uuidArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.length > 2) return v.slice(1, -1).split(',');
  return [];
}

/**
 * A statement rendered once — text and parameters, some of them named placeholders
 * (`sql.placeholder('ids')`) — and run many times with different placeholder values. On PostgreSQL it
 * is prepared on each connection under a name derived from its text, so a hot statement is parsed
 * and planned once per connection instead of on every call.
 */
export interface Statement {
  query: Query;
  name: string;
}

interface Internals {
  dialect: PgDialect;
  session: PgSession;
}

export function statement(db: Db, query: SQL): Statement {
  const rendered = (db as unknown as Internals).dialect.sqlToQuery(query);
  const name = `st_${createHash('sha1').update(rendered.sql).digest('hex').slice(0, 24)}`;
  return { query: { sql: rendered.sql, params: rendered.params }, name };
}

export async function runStatement<T>(
  db: Db,
  st: Statement,
  values: Record<string, unknown>,
): Promise<{ rows: T[] }> {
  const { session } = db as unknown as Internals;
  return (await session.prepareQuery(st.query, undefined, st.name, false).execute(values)) as { rows: T[] };
}
