import { CreateProductBody, ListQuery, page, Product, UpdateProductBody } from '@stratum/contracts';
import { and, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { likePattern, offset, orderBy } from '../../db/list.ts';
import { products } from '../../db/schema.ts';
import { ctx } from '../../http/auth-hook.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import type { RequestContext } from '../../http/actor.ts';
import { errorResponses, IdParams, typed, type RouteDeps } from '../../http/route-kit.ts';
import { auditService } from '../audit/audit.service.ts';

type Row = typeof products.$inferSelect;
const toProduct = (r: Row): Product => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  category: r.category,
  unitPrice: r.unitPrice,
  active: r.active,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
});
const SORTS = {
  name: products.name,
  sku: products.sku,
  unitPrice: products.unitPrice,
  createdAt: products.createdAt,
};
const ProductListQuery = ListQuery.extend({ active: z.enum(['true', 'false']).optional() });

async function byId(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), eq(products.id, id)));
  return row;
}

function rethrowSku(err: unknown): never {
  if (isUniqueViolation(err, 'products_sku_key'))
    throw invalidField({ in: 'body', path: 'sku', code: 'duplicate' });
  throw err;
}

/** The product catalogue: everyone reads it (order lines pick from it); admins and managers keep it. */
export const productsService = {
  async list(
    db: Db,
    c: RequestContext,
    q: { q?: string; sort?: string; page: number; pageSize: number; active?: string },
  ) {
    const where = and(
      eq(products.workspaceId, c.actor.workspaceId),
      q.q ? or(ilike(products.name, likePattern(q.q)), ilike(products.sku, likePattern(q.q))) : undefined,
      q.active === 'true'
        ? eq(products.active, true)
        : q.active === 'false'
          ? eq(products.active, false)
          : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(products)
        .where(where)
        .orderBy(...orderBy(q.sort, SORTS, [sql`${products.name} ASC`], products.id))
        .limit(q.pageSize)
        .offset(offset(q.page, q.pageSize)),
      db.select({ n: count() }).from(products).where(where),
    ]);
    return { items: items.map(toProduct), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  },
  async create(db: Db, c: RequestContext, body: Record<string, unknown>) {
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(products)
          .values({ ...(body as typeof products.$inferInsert), workspaceId: c.actor.workspaceId })
          .returning();
        const after = toProduct(row!);
        await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
          action: 'product.create',
          entityType: 'product',
          entityId: row!.id,
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowSku(err);
    }
  },
  async update(db: Db, c: RequestContext, id: string, body: Record<string, unknown> & { version: number }) {
    const current = await byId(db, c.actor.workspaceId, id);
    if (!current) throw notFound('product');
    const { version, ...changes } = body;
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .update(products)
          .set({ ...changes, updatedAt: sql`now()`, version: sql`${products.version} + 1` })
          .where(
            and(
              eq(products.workspaceId, c.actor.workspaceId),
              eq(products.id, id),
              eq(products.version, version),
            ),
          )
          .returning();
        if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: toProduct(current) });
        const after = toProduct(row);
        await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
          action: 'product.update',
          entityType: 'product',
          entityId: id,
          before: toProduct(current),
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowSku(err);
    }
  },
};

export function productsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['products'];
  r.get('/api/v1/products', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'The product catalogue',
      querystring: ProductListQuery,
      response: { 200: page(Product), ...errorResponses },
    },
    handler: async (request) => productsService.list(db, ctx(request), request.query),
  });
  r.post('/api/v1/products', {
    config: { permission: 'products.manage' },
    schema: {
      tags,
      summary: 'Add a product',
      body: CreateProductBody,
      response: { 201: Product, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await productsService.create(db, ctx(request), request.body)),
  });
  r.get('/api/v1/products/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Get a product',
      params: IdParams,
      response: { 200: Product, ...errorResponses },
    },
    handler: async (request) => {
      const row = await byId(db, ctx(request).actor.workspaceId, request.params.id);
      if (!row) throw notFound('product');
      return toProduct(row);
    },
  });
  r.patch('/api/v1/products/:id', {
    config: { permission: 'products.manage' },
    schema: {
      tags,
      summary: 'Update a product (deactivate instead of deleting: orders keep their lines)',
      params: IdParams,
      body: UpdateProductBody,
      response: { 200: Product, ...errorResponses },
    },
    handler: async (request) =>
      productsService.update(db, ctx(request), request.params.id, request.body as never),
  });
}
