import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ChildListQuery, page } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { likePattern } from '../../db/list.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { ctx } from '../../http/auth-hook.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../http/errors.ts';
import { errorResponses, IdParams, NoContent, type RouteDeps } from '../../http/route-kit.ts';
import { auditService } from '../audit/audit.service.ts';
import { canSeeCustomer } from './customer-scope.ts';
import { customersService } from './customers.service.ts';
import { customerChanged } from '../segmentation/placement.ts';

type Raw = Record<string, unknown>;
type Values = Record<string, unknown>;

/** Every customer-owned table has these columns; drizzle's generic PgTable does not say so. */
type ChildColumns = { workspaceId: never; id: never; version: never };

/**
 * A record that belongs to a customer (contact, follow-up, order, …). The kit gives it the same
 * API, scope, concurrency and audit as every other: it is visible and writable exactly when its
 * customer is (scope through the customer, recycle bin included), updates carry a version, every
 * change is audited, and the customer's metrics are refreshed in the same transaction.
 */
export interface ChildSpec<View> {
  /** Audit entity type and OpenAPI tag, e.g. `contact`. */
  entity: string;
  /** URL segment, e.g. `contacts`. */
  path: string;
  table: PgTable;
  /** SELECT list over `x` (this table), `c` (its customer) and any `joins`. */
  select: string;
  joins?: string;
  toView(row: Raw): View;
  view: z.ZodType<View>;
  create: z.ZodObject;
  update: z.ZodObject;
  sorts: Record<string, string>;
  defaultSort: string;
  /** Columns (SQL over `x`) searched by `q`. */
  search: string[];
  /** Unique constraint name → the body field it guards. */
  unique?: Record<string, string>;
  /** Checks and completes values before they are written (references, derived fields). */
  prepare?(db: Db, actor: Actor, customerId: string, values: Values, existing: Raw | null): Promise<Values>;
  /** Clears what points at the record before it is deleted (a payment's order, a follow-up's contact). */
  beforeDelete?(db: Db, workspaceId: string, id: string): Promise<void>;
  /** Writes dependent rows (order lines) after the record itself. */
  afterWrite?(db: Db, workspaceId: string, id: string, values: Values): Promise<void>;
  /** Whether this record feeds customer_metrics. */
  affectsMetrics?: boolean;
}

export function defineChild<View>(spec: ChildSpec<View>) {
  const t = spec.table as unknown as ChildColumns;
  const from = sql.raw(`${tableName(spec.table)} x
    JOIN customers c ON c.workspace_id = x.workspace_id AND c.id = x.customer_id ${spec.joins ?? ''}`);
  const select = sql.raw(spec.select);
  const columns = new Set(Object.keys(getTableColumns(spec.table)));
  /** Only the table's own columns are written (lines and other extras are the hooks' business). */
  const own = (values: Values) => Object.fromEntries(Object.entries(values).filter(([k]) => columns.has(k)));

  const scoped = (actor: Actor): SQL =>
    sql`x.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}`;

  async function read(db: Db, actor: Actor, id: string): Promise<Raw | undefined> {
    const { rows } = await db.execute<Raw>(
      sql`SELECT ${select} FROM ${from} WHERE ${scoped(actor)} AND x.id = ${id}`,
    );
    return rows[0];
  }

  function rethrowUnique(err: unknown): never {
    for (const [constraint, path] of Object.entries(spec.unique ?? {})) {
      if (isUniqueViolation(err, constraint)) throw invalidField({ in: 'body', path, code: 'duplicate' });
    }
    throw err;
  }

  const service = {
    async list(db: Db, c: RequestContext, q: z.infer<typeof ChildListQuery>) {
      const where: SQL[] = [scoped(c.actor)];
      if (q.customerId) where.push(sql`x.customer_id = ${q.customerId}`);
      if (q.q && spec.search.length) {
        const p = likePattern(q.q);
        where.push(
          sql`(${sql.join(
            spec.search.map((col) => sql`${sql.raw(col)} ILIKE ${p}`),
            sql` OR `,
          )})`,
        );
      }
      const w = sql.join(where, sql` AND `);
      let order = spec.defaultSort;
      if (q.sort) {
        const desc = q.sort.startsWith('-');
        const col = spec.sorts[desc ? q.sort.slice(1) : q.sort];
        if (!col) {
          throw invalidField({
            in: 'querystring',
            path: 'sort',
            code: 'invalid_sort',
            params: { allowed: Object.keys(spec.sorts).join(', ') },
          });
        }
        order = `${col} ${desc ? 'DESC' : 'ASC'} NULLS LAST`;
      }
      const [{ rows }, { rows: count }] = await Promise.all([
        db.execute<Raw>(
          sql`SELECT ${select} FROM ${from} WHERE ${w} ORDER BY ${sql.raw(order)}, x.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        ),
        db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${w}`),
      ]);
      return {
        items: rows.map(spec.toView),
        total: Number(count[0]?.n ?? 0),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(db: Db, c: RequestContext, id: string): Promise<View> {
      const row = await read(db, c.actor, id);
      if (!row) throw notFound(spec.entity);
      return spec.toView(row);
    },

    async create(db: Db, c: RequestContext, body: Values): Promise<View> {
      const { actor } = c;
      const customerId = body.customerId as string;
      await customersService.getEditable(db, actor, customerId);
      const values = spec.prepare ? await spec.prepare(db, actor, customerId, body, null) : body;
      try {
        return await db.transaction(async (tx) => {
          const [row] = (await tx
            .insert(spec.table)
            .values({ ...own(values), workspaceId: actor.workspaceId } as never)
            .returning()) as { id: string }[];
          await spec.afterWrite?.(tx, actor.workspaceId, row!.id, values);
          if (spec.affectsMetrics) await customerChanged(tx, actor.workspaceId, customerId);
          const after = spec.toView((await read(tx, actor, row!.id))!);
          await auditService.record(tx, actor.workspaceId, actor, c.ip, {
            action: `${spec.entity}.create`,
            entityType: spec.entity,
            entityId: row!.id,
            after,
          });
          return after;
        });
      } catch (err) {
        rethrowUnique(err);
      }
    },

    async update(db: Db, c: RequestContext, id: string, body: Values): Promise<View> {
      const { actor } = c;
      const existing = await read(db, actor, id);
      if (!existing) throw notFound(spec.entity);
      const customerId = String(existing.customer_id);
      await customersService.getEditable(db, actor, customerId);
      const { version, ...changes } = body;
      const values = spec.prepare ? await spec.prepare(db, actor, customerId, changes, existing) : changes;
      const before = spec.toView(existing);
      try {
        return await db.transaction(async (tx) => {
          const updated = await tx
            .update(spec.table)
            .set({ ...own(values), updatedAt: sql`now()`, version: sql`version + 1` } as never)
            .where(and(eq(t.workspaceId, actor.workspaceId), eq(t.id, id), eq(t.version, version as number)))
            .returning();
          if (updated.length === 0) throw new AppError('VERSION_CONFLICT', {}, { current: before });
          await spec.afterWrite?.(tx, actor.workspaceId, id, values);
          if (spec.affectsMetrics) await customerChanged(tx, actor.workspaceId, customerId);
          const after = spec.toView((await read(tx, actor, id))!);
          await auditService.record(tx, actor.workspaceId, actor, c.ip, {
            action: `${spec.entity}.update`,
            entityType: spec.entity,
            entityId: id,
            before,
            after,
          });
          return after;
        });
      } catch (err) {
        rethrowUnique(err);
      }
    },

    async delete(db: Db, c: RequestContext, id: string): Promise<void> {
      const { actor } = c;
      const existing = await read(db, actor, id);
      if (!existing) throw notFound(spec.entity);
      const customerId = String(existing.customer_id);
      await customersService.getEditable(db, actor, customerId);
      await db.transaction(async (tx) => {
        await spec.beforeDelete?.(tx, actor.workspaceId, id);
        await tx.delete(spec.table).where(and(eq(t.workspaceId, actor.workspaceId), eq(t.id, id)));
        if (spec.affectsMetrics) await customerChanged(tx, actor.workspaceId, customerId);
        await auditService.record(tx, actor.workspaceId, actor, c.ip, {
          action: `${spec.entity}.delete`,
          entityType: spec.entity,
          entityId: id,
          before: spec.toView(existing),
        });
      });
    },
  };

  function routes(app: FastifyInstance, { db }: RouteDeps) {
    // Untyped on purpose: View is generic here; the zod schemas still validate requests and responses.
    const r = app;
    type Req = { query: z.infer<typeof ChildListQuery>; params: { id: string }; body: unknown };
    const tags = [spec.path];
    const base = `/api/v1/${spec.path}`;
    const listSchema = page(spec.view);
    r.get(base, {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: `List ${spec.path} of the customers in your scope`,
        querystring: ChildListQuery,
        response: { 200: listSchema, ...errorResponses },
      },
      handler: async (request) => service.list(db, ctx(request), (request as unknown as Req).query),
    });
    r.get(`/api/v1/customers/:id/${spec.path}`, {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: `List one customer's ${spec.path}`,
        params: IdParams,
        querystring: ChildListQuery.omit({ customerId: true }),
        response: { 200: listSchema, ...errorResponses },
      },
      handler: async (request) => {
        const c = ctx(request);
        const { params, query } = request as unknown as Req;
        await customersService.get(db, c, params.id);
        return service.list(db, c, { ...query, customerId: params.id });
      },
    });
    r.post(base, {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: `Create a ${spec.entity} on a customer you may edit`,
        body: spec.create,
        response: { 201: spec.view, ...errorResponses },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await service.create(db, ctx(request), request.body as Values)),
    });
    r.get(`${base}/:id`, {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: `Get a ${spec.entity}`,
        params: IdParams,
        response: { 200: spec.view, ...errorResponses },
      },
      handler: async (request) => service.get(db, ctx(request), (request as unknown as Req).params.id),
    });
    r.patch(`${base}/:id`, {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: `Update a ${spec.entity} (send the version you read)`,
        params: IdParams,
        body: spec.update,
        response: { 200: spec.view, ...errorResponses },
      },
      handler: async (request) =>
        service.update(db, ctx(request), (request as unknown as Req).params.id, request.body as Values),
    });
    r.delete(`${base}/:id`, {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: `Delete a ${spec.entity}`,
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
      handler: async (request, reply) => {
        await service.delete(db, ctx(request), (request as unknown as Req).params.id);
        return reply.status(204).send(null);
      },
    });
  }

  return { service, routes };
}

function tableName(table: PgTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;
}

/**
 * Detaches the records that reference a deleted one: they stay (a payment is still money received),
 * their link becomes empty. `refs` are [table, column] pairs.
 */
export function detachReferences(refs: readonly [string, string][]) {
  return async (db: Db, workspaceId: string, id: string) => {
    for (const [table, column] of refs) {
      await db.execute(
        sql`UPDATE ${sql.raw(table)} SET ${sql.raw(column)} = NULL, updated_at = now(), version = version + 1
            WHERE workspace_id = ${workspaceId} AND ${sql.raw(column)} = ${id}`,
      );
    }
  };
}

/** A referenced record (contact, contract, order) must belong to the same customer. */
export async function assertSameCustomer(
  db: Db,
  workspaceId: string,
  table: 'contacts' | 'contracts' | 'orders',
  id: unknown,
  customerId: string,
  path: string,
): Promise<void> {
  if (id === null || id === undefined) return;
  const { rows } = await db.execute<{ customer_id: string }>(
    sql`SELECT customer_id FROM ${sql.raw(table)} WHERE workspace_id = ${workspaceId} AND id = ${String(id)}`,
  );
  if (!rows[0])
    throw new AppError('INVALID_REFERENCE', { field: path }, [
      { in: 'body', path, code: 'not_found' } satisfies FieldIssue,
    ]);
  if (rows[0].customer_id !== customerId) throw invalidField({ in: 'body', path, code: 'other_customer' });
}
