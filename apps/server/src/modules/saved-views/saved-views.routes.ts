import { CreateSavedViewBody, SavedView, UpdateSavedViewBody } from '@stratum/contracts';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { savedViews, users } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { ctx } from '../../http/auth-hook.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { can } from '../../http/permissions.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';

const columns = {
  id: savedViews.id,
  name: savedViews.name,
  shared: savedViews.shared,
  ownerId: savedViews.ownerId,
  ownerName: users.name,
  config: savedViews.config,
  updatedAt: savedViews.updatedAt,
  version: savedViews.version,
};
const joinOwner = and(eq(users.workspaceId, savedViews.workspaceId), eq(users.id, savedViews.ownerId));
type Row = { [K in keyof typeof columns]: unknown };
const toView = (r: Row) => r as unknown as SavedView;

/** Visible: one's own views and every shared one. Editable: one's own (admins: any). */
async function find(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select(columns)
    .from(savedViews)
    .innerJoin(users, joinOwner)
    .where(
      and(
        eq(savedViews.workspaceId, actor.workspaceId),
        eq(savedViews.id, id),
        or(eq(savedViews.ownerId, actor.userId), eq(savedViews.shared, true)),
      ),
    );
  return row;
}
function assertOwner(actor: Actor, row: Row) {
  if (row.ownerId !== actor.userId && actor.role !== 'admin') throw new AppError('FORBIDDEN');
}
/** Sharing a view with everyone is for those who shape how the team works: managers and admins. */
function assertMayShare(actor: Actor, shared: boolean | undefined) {
  if (shared && !can(actor.role, 'customers.transfer')) throw new AppError('FORBIDDEN');
}

export function savedViewsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['saved-views'];

  r.get('/api/v1/saved-views', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Your saved customer-list views and the shared ones',
      response: { 200: z.object({ items: z.array(SavedView) }), ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      const rows = await db
        .select(columns)
        .from(savedViews)
        .innerJoin(users, joinOwner)
        .where(
          and(
            eq(savedViews.workspaceId, actor.workspaceId),
            or(eq(savedViews.ownerId, actor.userId), eq(savedViews.shared, true)),
          ),
        )
        .orderBy(asc(savedViews.shared), asc(savedViews.name));
      return { items: rows.map(toView) };
    },
  });

  r.post('/api/v1/saved-views', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Save the current list view (columns, filter, sort, search)',
      body: CreateSavedViewBody,
      response: { 201: SavedView, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { actor } = ctx(request);
      assertMayShare(actor, request.body.shared);
      const [row] = await db
        .insert(savedViews)
        .values({
          ...request.body,
          entity: 'customers',
          ownerId: actor.userId,
          workspaceId: actor.workspaceId,
        })
        .returning();
      return reply.status(201).send(toView((await find(db, actor, row!.id))!));
    },
  });

  r.patch('/api/v1/saved-views/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Rename, share or change a view you own',
      params: IdParams,
      body: UpdateSavedViewBody,
      response: { 200: SavedView, ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      const current = await find(db, actor, request.params.id);
      if (!current) throw notFound('saved_view');
      assertOwner(actor, current);
      const { version, ...changes } = request.body;
      assertMayShare(actor, changes.shared);
      const [row] = await db
        .update(savedViews)
        .set({ ...changes, updatedAt: sql`now()`, version: sql`${savedViews.version} + 1` })
        .where(
          and(
            eq(savedViews.workspaceId, actor.workspaceId),
            eq(savedViews.id, request.params.id),
            eq(savedViews.version, version),
          ),
        )
        .returning();
      if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: toView(current) });
      return toView((await find(db, actor, row.id))!);
    },
  });

  r.delete('/api/v1/saved-views/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Delete a view you own',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { actor } = ctx(request);
      const current = await find(db, actor, request.params.id);
      if (!current) throw notFound('saved_view');
      assertOwner(actor, current);
      await db
        .delete(savedViews)
        .where(and(eq(savedViews.workspaceId, actor.workspaceId), eq(savedViews.id, request.params.id)));
      return reply.status(204).send(null);
    },
  });
}
