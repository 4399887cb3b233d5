import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likePattern } from '../../db/list.ts';
import type { Actor } from '../../http/actor.ts';
import { invalidField } from '../../http/errors.ts';
import { compileFor, workspaceRules } from '../segmentation/workspace-rules.ts';
import { canSeeCustomer } from './customer-scope.ts';

export interface CustomerFilterInput {
  q?: string | undefined;
  ownerId?: string | undefined;
  status?: string | undefined;
  /** A JSON rule, as text (query string) or already parsed (saved views, segments). */
  filter?: unknown;
  /** The day relative dates in the filter count from (default today). */
  asOf?: string | undefined;
  deleted?: boolean;
}

/** The list's sortable columns (allow-list): key → SQL over `c` / `m`. */
const SORTS: Record<string, string> = {
  name: 'c.name',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  lifetimeSpend: 'COALESCE(m.total_spend, 0)',
  lastOrderAt: 'm.last_order_at',
  lastFollowupAt: 'm.last_followup_at',
  status: 'c.status',
  province: 'c.province',
};

export function customerOrderBy(sort: string | undefined): SQL {
  if (!sort) return sql.raw('c.updated_at DESC, c.id');
  const desc = sort.startsWith('-');
  const expr = SORTS[desc ? sort.slice(1) : sort];
  if (!expr) {
    throw invalidField({
      in: 'querystring',
      path: 'sort',
      code: 'invalid_sort',
      params: { allowed: Object.keys(SORTS).join(', ') },
    });
  }
  return sql.raw(`${expr} ${desc ? 'DESC' : 'ASC'} NULLS LAST, c.id`);
}

function parseRule(filter: unknown): unknown {
  if (typeof filter !== 'string') return filter;
  try {
    return JSON.parse(filter);
  } catch {
    throw invalidField({
      in: 'querystring',
      path: 'filter',
      code: 'invalid_rule',
      params: { reason: 'not JSON' },
    });
  }
}

/**
 * Compiles a rule over customers for a workspace (its custom fields, tiers, tags and segments, its time
 * zone, as of today).
 */
export async function compileCustomerRule(
  db: Db,
  workspaceId: string,
  rule: unknown,
  asOf?: string,
): Promise<SQL> {
  const w = await workspaceRules(db, workspaceId);
  return compileFor(w, { kind: 'segment' }, rule, { asOf, path: 'filter', in: 'querystring' });
}

/** WHERE for a customer list/count/export as `actor` sees it: workspace, bin or not, scope, search, filters. */
export async function customerWhere(db: Db, actor: Actor, input: CustomerFilterInput): Promise<SQL> {
  const parts: SQL[] = [
    sql`c.workspace_id = ${actor.workspaceId}`,
    input.deleted ? sql`c.deleted_at IS NOT NULL` : sql`c.deleted_at IS NULL`,
    canSeeCustomer(actor),
  ];
  if (input.q) {
    const p = likePattern(input.q);
    parts.push(sql`(c.name ILIKE ${p} OR c.phone ILIKE ${p} OR c.email ILIKE ${p} OR c.external_id ILIKE ${p}
      OR c.wechat ILIKE ${p} OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.workspace_id = c.workspace_id
        AND ct.customer_id = c.id AND (ct.name ILIKE ${p} OR ct.phone ILIKE ${p} OR ct.email ILIKE ${p})))`);
  }
  if (input.ownerId === 'none') parts.push(sql`c.owner_id IS NULL`);
  else if (input.ownerId === 'me') parts.push(sql`c.owner_id = ${actor.userId}`);
  else if (input.ownerId) parts.push(sql`c.owner_id = ${input.ownerId}`);
  if (input.status) parts.push(sql`c.status = ${input.status}`);
  if (input.filter !== undefined && input.filter !== '') {
    parts.push(await compileCustomerRule(db, actor.workspaceId, parseRule(input.filter), input.asOf));
  }
  return sql.join(parts, sql` AND `);
}
