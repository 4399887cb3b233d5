import { asc, desc, type SQL, type AnyColumn } from 'drizzle-orm';
import { invalidField } from '../http/errors.ts';

/**
 * Turns a `sort` query value (`name` or `-name`) into ORDER BY through an allow-list: identifiers never
 * come from the client. Unknown fields are a validation error, not silently ignored.
 */
export function orderBy(
  sort: string | undefined,
  allowed: Record<string, AnyColumn | SQL>,
  fallback: SQL[],
  tiebreak: AnyColumn,
): SQL[] {
  if (!sort) return [...fallback, asc(tiebreak)];
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const column = allowed[field];
  if (!column) {
    throw invalidField({
      in: 'querystring',
      path: 'sort',
      code: 'invalid_sort',
      params: { allowed: Object.keys(allowed).join(', ') },
    });
  }
  return [descending ? desc(column) : asc(column), asc(tiebreak)];
}

export const offset = (page: number, pageSize: number) => (page - 1) * pageSize;

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
