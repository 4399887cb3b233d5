import { createHash } from 'node:crypto';
import { fillPlaceholders, sql, type Query, type SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { SqlChunk } from '@stratum/segmentation';
import { isEmbedded, type Db } from './client.ts';

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
 * (`sql.placeholder('ids')`) — and run many times with different placeholder values. It is prepared
 * under a name derived from its text, so a hot statement is parsed and planned once per connection
 * instead of on every call: on PostgreSQL through the protocol (node-postgres names it), on PGlite —
 * whose driver has no named statements — with SQL `PREPARE` and `EXECUTE`.
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
  if (isEmbedded(db)) return executePrepared<T>(db, session, st, values);
  return (await session.prepareQuery(st.query, undefined, st.name, false).execute(values)) as { rows: T[] };
}

interface PgliteQueries {
  query<T>(text: string): Promise<{ rows: T[] }>;
}

/**
 * The names known to be prepared in PGlite's one session, per database: keyed by the drizzle dialect,
 * which the database and every transaction of it share (prepared statements outlive transactions, and
 * a rolled-back one keeps them). A name not known yet is looked up before it is prepared, so another
 * handle on the same PGlite cannot make `PREPARE` fail on a name it prepared.
 */
const preparedNames = new WeakMap<object, Set<string>>();

/** A parameter as an SQL literal of unknown type, which `EXECUTE` casts to the parameter's type. */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  if (Array.isArray(v)) {
    const element = (x: unknown): string =>
      x === null || x === undefined
        ? 'NULL'
        : Array.isArray(x)
          ? `{${x.map(element).join(',')}}`
          : `"${textOf(x).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    return quote(`{${v.map(element).join(',')}}`);
  }
  return quote(textOf(v));
}

const textOf = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);

async function executePrepared<T>(
  db: Db,
  session: PgSession,
  st: Statement,
  values: Record<string, unknown>,
): Promise<{ rows: T[] }> {
  const client = (session as unknown as { client: PgliteQueries }).client;
  const { dialect } = db as unknown as Internals;
  let names = preparedNames.get(dialect);
  if (!names) preparedNames.set(dialect, (names = new Set()));
  if (!names.has(st.name)) {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_prepared_statements WHERE name = ${sqlLiteral(st.name)}`,
    );
    if (rows.length === 0) await client.query(`PREPARE ${st.name} AS ${st.query.sql}`);
    names.add(st.name);
  }
  const args = fillPlaceholders(st.query.params, values).map(sqlLiteral);
  return client.query<T>(`EXECUTE ${st.name}${args.length ? `(${args.join(', ')})` : ''}`);
}
