import type { Opportunity, StageStay } from '@stratum/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { iso, isoNotNull, money } from '../../db/raw.ts';
import type { Actor } from '../../http/actor.ts';
import { invalidField } from '../../http/errors.ts';
import { likePattern } from '../../db/list.ts';
import { canSeeCustomer } from '../customers/customer-scope.ts';

type Raw = Record<string, unknown>;

/** The opportunity view over `o` (opportunities), `c` (its customer), `s` (its stage). */
const VIEW = sql.raw(`
  o.id, o.customer_id, c.name AS customer_name, o.pipeline_id, o.stage_id, s.name AS stage_name, o.status,
  s.probability, o.title, o.amount, round(o.amount * s.probability / 100.0, 2) AS weighted_amount,
  o.expected_close_on::text AS expected_close_on, o.owner_id, u.name AS owner_name,
  COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name)
    FROM opportunity_products op JOIN products p ON p.workspace_id = op.workspace_id AND p.id = op.product_id
    WHERE op.workspace_id = o.workspace_id AND op.opportunity_id = o.id), '[]'::json) AS products,
  o.loss_reason_id, lr.name AS loss_reason_name, o.loss_note, o.notes, o.stage_entered_at, o.closed_at,
  o.created_at, o.updated_at, o.version`);

/** Opportunities with their customer and stage: every read goes through the customer's scope. */
export const FROM = sql.raw(`opportunities o
  JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
  JOIN pipeline_stages s ON s.workspace_id = o.workspace_id AND s.id = o.stage_id`);
const JOINS = sql.raw(`
  LEFT JOIN users u ON u.workspace_id = o.workspace_id AND u.id = o.owner_id
  LEFT JOIN loss_reasons lr ON lr.workspace_id = o.workspace_id AND lr.id = o.loss_reason_id`);

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function toOpportunity(r: Raw): Opportunity {
  const products = parseJson<{ id: string; name: string }[]>(r.products) ?? [];
  return {
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    pipelineId: String(r.pipeline_id),
    stageId: String(r.stage_id),
    stageName: String(r.stage_name),
    status: r.status as Opportunity['status'],
    probability: Number(r.probability),
    title: String(r.title),
    amount: money(r.amount),
    weightedAmount: money(r.weighted_amount),
    expectedCloseOn: (r.expected_close_on as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    productIds: products.map((p) => p.id),
    productNames: products.map((p) => p.name),
    lossReasonId: (r.loss_reason_id as string | null) ?? null,
    lossReasonName: (r.loss_reason_name as string | null) ?? null,
    lossNote: (r.loss_note as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    stageEnteredAt: isoNotNull(r.stage_entered_at),
    closedAt: iso(r.closed_at),
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  };
}

/** The caller's sight: opportunities of customers they may see (recycle bin excluded). */
export const visible = (actor: Actor): SQL =>
  sql`o.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}`;

export interface OpportunityFilter {
  pipelineId?: string;
  stageId?: string;
  status?: string;
  ownerId?: string;
  teamId?: string;
  customerId?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** Scope and filters as one WHERE (over o, c, s). `from`/`to` are creation days in `timeZone`. */
export function opportunityWhere(actor: Actor, f: OpportunityFilter, timeZone: string): SQL {
  const parts: SQL[] = [visible(actor)];
  if (f.pipelineId) parts.push(sql`o.pipeline_id = ${f.pipelineId}`);
  if (f.stageId) parts.push(sql`o.stage_id = ${f.stageId}`);
  if (f.status) parts.push(sql`o.status = ${f.status}`);
  if (f.ownerId) parts.push(sql`o.owner_id = ${f.ownerId === 'me' ? actor.userId : f.ownerId}`);
  if (f.teamId) {
    parts.push(sql`o.owner_id IN (SELECT tu.id FROM users tu
      WHERE tu.workspace_id = o.workspace_id AND tu.team_id = ${f.teamId})`);
  }
  if (f.customerId) parts.push(sql`o.customer_id = ${f.customerId}`);
  if (f.from) parts.push(sql`(o.created_at AT TIME ZONE ${timeZone}::text)::date >= ${f.from}::date`);
  if (f.to) parts.push(sql`(o.created_at AT TIME ZONE ${timeZone}::text)::date <= ${f.to}::date`);
  if (f.q) {
    const p = likePattern(f.q);
    parts.push(sql`(o.title ILIKE ${p} OR c.name ILIKE ${p})`);
  }
  return sql.join(parts, sql` AND `);
}

const SORTS: Record<string, string> = {
  title: 'o.title',
  amount: 'o.amount',
  expectedCloseOn: 'o.expected_close_on',
  createdAt: 'o.created_at',
  updatedAt: 'o.updated_at',
  stageEnteredAt: 'o.stage_entered_at',
  stage: 's.position',
};

export function opportunityOrder(sort: string | undefined): SQL {
  if (!sort) return sql.raw('o.updated_at DESC, o.id');
  const desc = sort.startsWith('-');
  const col = SORTS[desc ? sort.slice(1) : sort];
  if (!col) {
    throw invalidField({
      in: 'querystring',
      path: 'sort',
      code: 'invalid_sort',
      params: { allowed: Object.keys(SORTS).join(', ') },
    });
  }
  return sql.raw(`${col} ${desc ? 'DESC' : 'ASC'} NULLS LAST, o.id`);
}

export const opportunitiesRepository = {
  async list(db: Db, where: SQL, order: SQL, limit: number, offset: number): Promise<Opportunity[]> {
    const { rows } = await db.execute<Raw>(
      sql`SELECT ${VIEW} FROM ${FROM} ${JOINS} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    );
    return rows.map(toOpportunity);
  },

  async count(db: Db, where: SQL): Promise<number> {
    const { rows } = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`,
    );
    return Number(rows[0]?.n ?? 0);
  },

  /** The first `limit` cards of each stage (most recently moved first), in one statement. */
  async boardCards(db: Db, where: SQL, limit: number): Promise<Opportunity[]> {
    const { rows } = await db.execute<Raw>(sql`
      SELECT * FROM (
        SELECT ${VIEW}, row_number() OVER (PARTITION BY o.stage_id ORDER BY o.stage_entered_at DESC, o.id) AS rn
        FROM ${FROM} ${JOINS} WHERE ${where}
      ) x WHERE rn <= ${limit}`);
    return rows.map(toOpportunity);
  },

  /** Count, amount and weighted amount per stage. */
  async stageTotals(db: Db, where: SQL) {
    const { rows } = await db.execute<{ stage_id: string; n: number; amount: string; weighted: string }>(sql`
      SELECT o.stage_id, count(*)::int AS n, COALESCE(sum(o.amount), 0) AS amount,
        COALESCE(sum(round(o.amount * s.probability / 100.0, 2)), 0) AS weighted
      FROM ${FROM} WHERE ${where} GROUP BY o.stage_id`);
    return new Map(
      rows.map((r) => [
        r.stage_id,
        { count: Number(r.n), amount: money(r.amount), weightedAmount: money(r.weighted) },
      ]),
    );
  },

  async view(db: Db, actor: Actor, id: string): Promise<Opportunity | undefined> {
    const [row] = await this.list(db, sql`${visible(actor)} AND o.id = ${id}`, sql`o.id`, 1, 0);
    return row;
  },

  async history(db: Db, workspaceId: string, id: string): Promise<StageStay[]> {
    const { rows } = await db.execute<Raw>(sql`
      SELECT h.stage_id, s.name AS stage_name, h.entered_at, h.left_at, h.moved_by, u.name AS moved_by_name
      FROM opportunity_stage_history h
      JOIN pipeline_stages s ON s.workspace_id = h.workspace_id AND s.id = h.stage_id
      LEFT JOIN users u ON u.workspace_id = h.workspace_id AND u.id = h.moved_by
      WHERE h.workspace_id = ${workspaceId} AND h.opportunity_id = ${id}
      ORDER BY h.entered_at, h.id`);
    return rows.map((r) => ({
      stageId: String(r.stage_id),
      stageName: String(r.stage_name),
      enteredAt: isoNotNull(r.entered_at),
      leftAt: iso(r.left_at),
      movedBy: (r.moved_by as string | null) ?? null,
      movedByName: (r.moved_by_name as string | null) ?? null,
    }));
  },

  async insert(db: Db, values: Record<string, unknown>): Promise<string> {
    const { rows } = await db.execute<{ id: string }>(sql`
      INSERT INTO opportunities (workspace_id, customer_id, pipeline_id, stage_id, status, title, amount,
        expected_close_on, owner_id, notes, created_by)
      VALUES (${values.workspaceId}, ${values.customerId}, ${values.pipelineId}, ${values.stageId}, 'open',
        ${values.title}, ${values.amount}, ${values.expectedCloseOn ?? null}, ${values.ownerId},
        ${values.notes ?? null}, ${values.createdBy})
      RETURNING id`);
    return rows[0]!.id;
  },

  /** A versioned update of the plain fields; false when the version is stale. */
  async update(
    db: Db,
    workspaceId: string,
    id: string,
    version: number,
    changes: {
      title?: string;
      amount?: string;
      expectedCloseOn?: string | null;
      ownerId?: string;
      notes?: string | null;
    },
  ): Promise<boolean> {
    const sets: SQL[] = [sql`updated_at = now()`, sql`version = version + 1`];
    if (changes.title !== undefined) sets.push(sql`title = ${changes.title}`);
    if (changes.amount !== undefined) sets.push(sql`amount = ${changes.amount}`);
    if (changes.expectedCloseOn !== undefined) sets.push(sql`expected_close_on = ${changes.expectedCloseOn}`);
    if (changes.ownerId !== undefined) sets.push(sql`owner_id = ${changes.ownerId}`);
    if (changes.notes !== undefined) sets.push(sql`notes = ${changes.notes}`);
    const { rows } = await db.execute<{ id: string }>(sql`
      UPDATE opportunities SET ${sql.join(sets, sql`, `)}
      WHERE workspace_id = ${workspaceId} AND id = ${id} AND version = ${version} RETURNING id`);
    return rows.length > 0;
  },

  /**
   * Puts the deal in `stageId` (of kind `status`) with a versioned update, closes its current stay and
   * opens a new one. False when the version is stale (nothing changed).
   */
  async moveTo(
    db: Db,
    workspaceId: string,
    id: string,
    version: number,
    to: { stageId: string; status: string; lossReasonId?: string | null; lossNote?: string | null },
    by: string,
  ): Promise<boolean> {
    const closed = to.status !== 'open';
    const { rows } = await db.execute<{ id: string }>(sql`
      UPDATE opportunities SET stage_id = ${to.stageId}, status = ${to.status}, stage_entered_at = now(),
        closed_at = ${closed ? sql`now()` : sql`NULL`},
        loss_reason_id = ${to.lossReasonId ?? null}, loss_note = ${to.lossNote ?? null},
        updated_at = now(), version = version + 1
      WHERE workspace_id = ${workspaceId} AND id = ${id} AND version = ${version} RETURNING id`);
    if (rows.length === 0) return false;
    await db.execute(sql`
      UPDATE opportunity_stage_history SET left_at = now()
      WHERE workspace_id = ${workspaceId} AND opportunity_id = ${id} AND left_at IS NULL`);
    await this.enterStage(db, workspaceId, id, to.stageId, by);
    return true;
  },

  async enterStage(db: Db, workspaceId: string, id: string, stageId: string, by: string): Promise<void> {
    await db.execute(sql`
      INSERT INTO opportunity_stage_history (workspace_id, opportunity_id, stage_id, entered_at, moved_by)
      VALUES (${workspaceId}, ${id}, ${stageId}, now(), ${by})`);
  },

  async setProducts(db: Db, workspaceId: string, id: string, productIds: string[]): Promise<void> {
    await db.execute(
      sql`DELETE FROM opportunity_products WHERE workspace_id = ${workspaceId} AND opportunity_id = ${id}`,
    );
    for (const productId of new Set(productIds)) {
      await db.execute(sql`INSERT INTO opportunity_products (workspace_id, opportunity_id, product_id)
        VALUES (${workspaceId}, ${id}, ${productId})`);
    }
  },

  /** Which of these product ids exist in the workspace. */
  async existingProducts(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await db.execute<{ id: string }>(
      sql`SELECT id FROM products WHERE workspace_id = ${workspaceId} AND id = ANY(${sql.param(ids)}::uuid[])`,
    );
    return new Set(rows.map((r) => r.id));
  },

  async delete(db: Db, workspaceId: string, id: string): Promise<void> {
    await db.execute(sql`DELETE FROM opportunities WHERE workspace_id = ${workspaceId} AND id = ${id}`);
  },
};
