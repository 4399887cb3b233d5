import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client.ts';
import { sqlUuids } from './raw.ts';

/**
 * The customers whose id is in (after, upTo] — either bound open. A whole-workspace pass works through
 * the customers range by range, one transaction each, so it never holds every row at once (see
 * recomputeWorkspace). The last range is open above: a customer created during the pass is in it.
 */
export interface IdRange {
  after: string | null;
  upTo: string | null;
}

export const isIdRange = (v: unknown): v is IdRange =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'after' in v && 'upTo' in v;

/** The range as a condition on a uuid column. */
export function idRangeSql(range: IdRange, column: SQL): SQL {
  const parts: SQL[] = [];
  if (range.after !== null) parts.push(sql`${column} > ${range.after}::uuid`);
  if (range.upTo !== null) parts.push(sql`${column} <= ${range.upTo}::uuid`);
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/** Which customers a set-wise statement is for: given ones, a range of ids, or every one. */
export type Customers = readonly string[] | IdRange | 'all';

/** `Customers` as a condition on a customer id column. */
export function customersSql(target: Customers, column: SQL): SQL {
  if (target === 'all') return sql`true`;
  if (isIdRange(target)) return idRangeSql(target, column);
  return sql`${column} = ANY(${sqlUuids(target)})`;
}

/**
 * Whether a uuid is in the range, in JavaScript. PostgreSQL orders uuids by their bytes, which is the
 * order of their lowercase text form.
 */
export function inIdRange(range: IdRange, id: string): boolean {
  const v = id.toLowerCase();
  return (range.after === null || v > range.after) && (range.upTo === null || v <= range.upTo);
}

/**
 * A workspace's customers (the recycle bin too) cut into ranges of about `size` each, in id order; one
 * open range when there are no more than `size`.
 */
export async function customerIdRanges(db: Db, workspaceId: string, size: number): Promise<IdRange[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT id::text AS id FROM (
      SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers WHERE workspace_id = ${workspaceId}
    ) x WHERE n % ${size} = 0 ORDER BY id`);
  const ranges: IdRange[] = [];
  let after: string | null = null;
  for (const { id } of rows) {
    ranges.push({ after, upTo: id });
    after = id;
  }
  ranges.push({ after, upTo: null });
  return ranges;
}
