import { sql, type SQL } from 'drizzle-orm';
import type { SqlChunk } from '@stratum/segmentation';

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
