import {
  CreateSchemeBody,
  CreateSegmentBody,
  CreateSnapshotBody,
  CreateTagBody,
  CreateTagGroupBody,
  CustomerClassification,
  ListQuery,
  Migration,
  MigrationExportQuery,
  MigrationQuery,
  page,
  PreviewBody,
  PreviewResult,
  RecomputeBody,
  RecomputeStarted,
  Scheme,
  Segment,
  SegmentEvent,
  SegmentEventsQuery,
  SegmentMember,
  SegmentMembersBody,
  Snapshot,
  TagCustomersBody,
  TagCustomersResult,
  TagGroup,
  UpdateSchemeBody,
  UpdateSegmentBody,
  UpdateTagBody,
  UpdateTagGroupBody,
} from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { dashboardTables, sendTable } from '../analytics/dashboards.export.ts';
import { customersService } from '../customers/customers.service.ts';
import { customerClassification } from './customer-classification.ts';
import { schemesService } from './schemes.service.ts';
import { segmentsService } from './segments.service.ts';
import { snapshotsService } from './snapshots.service.ts';
import { tagsService } from './tags.service.ts';
import './segmentation.jobs.ts';

const Affected = z.object({ affected: z.number().int() });

/** Classification: schemes and tiers, tags, segments, snapshots and where each customer sits. */
export function segmentationRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['segmentation'];

  // ── Schemes and tiers ──
  r.get('/api/v1/schemes', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Classification schemes with their tiers and how many of your customers sit in each',
      response: { 200: z.object({ items: z.array(Scheme) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await schemesService.list(db, ctx(request).actor) }),
  });
  r.get('/api/v1/schemes/:id', {
    config: { permission: 'customers.read' },
    schema: { tags, summary: 'One scheme', params: IdParams, response: { 200: Scheme, ...errorResponses } },
    handler: async (request) => schemesService.get(db, ctx(request).actor, request.params.id),
  });
  r.post('/api/v1/schemes', {
    config: { permission: 'segmentation.manage' },
    schema: {
      tags,
      summary: 'Create a rules scheme (ordered tiers; first matching rule wins); everyone is placed at once',
      body: CreateSchemeBody,
      response: { 201: Scheme, ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return schemesService.create(db, ctx(request), request.body as never);
    },
  });
  r.patch('/api/v1/schemes/:id', {
    config: { permission: 'segmentation.manage' },
    schema: {
      tags,
      summary:
        'Edit a scheme: names, order, enabled, RFM settings, tiers (the whole list); everyone is placed again',
      params: IdParams,
      body: UpdateSchemeBody,
      response: { 200: Scheme, ...errorResponses },
    },
    handler: async (request) =>
      schemesService.update(db, ctx(request), request.params.id, request.body as never),
  });
  r.delete('/api/v1/schemes/:id', {
    config: { permission: 'segmentation.manage' },
    schema: {
      tags,
      summary: 'Delete a rules scheme',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await schemesService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
  r.post('/api/v1/segmentation/recompute', {
    config: { permission: 'segmentation.manage' },
    schema: {
      tags,
      summary:
        'Start recomputing metrics, RFM cut points, tiers, rule tags and segments for the whole workspace (as of a day): a background job, followed at GET /api/v1/jobs/{jobId}; its result is a RecomputeResult',
      body: RecomputeBody,
      response: { 202: RecomputeStarted, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(202).send(await schemesService.recompute(db, ctx(request), request.body.asOf)),
  });
  r.post('/api/v1/segmentation/preview', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Live count: how many of your customers a rule selects now, with a sample',
      body: PreviewBody,
      response: { 200: PreviewResult, ...errorResponses },
    },
    handler: async (request) => segmentsService.preview(db, ctx(request).actor, request.body),
  });

  // ── A customer's placement ──
  r.get('/api/v1/customers/:id/classification', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: "The customer's tier in each scheme and why, its tags, segments and tier history",
      params: IdParams,
      response: { 200: CustomerClassification, ...errorResponses },
    },
    handler: async (request) => {
      const c = ctx(request);
      await customersService.get(db, c, request.params.id);
      return customerClassification(db, c.actor.workspaceId, request.params.id, request.lang);
    },
  });
  r.post('/api/v1/customers/tags', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Tag or untag customers by hand (one or many); customers you may not edit are skipped',
      body: TagCustomersBody,
      response: { 200: TagCustomersResult, ...errorResponses },
    },
    handler: async (request) => tagsService.tagCustomers(db, ctx(request), request.body),
  });

  // ── Tags ──
  r.get('/api/v1/tag-groups', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Tag groups with their tags and how many of your customers carry each',
      response: { 200: z.object({ items: z.array(TagGroup) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await tagsService.listGroups(db, ctx(request).actor) }),
  });
  r.post('/api/v1/tag-groups', {
    config: { permission: 'tags.manage' },
    schema: {
      tags,
      summary: 'Create a tag group',
      body: CreateTagGroupBody,
      response: { 201: z.object({ id: z.uuid() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      const row = await tagsService.createGroup(db, ctx(request), request.body);
      return { id: row.id };
    },
  });
  r.patch('/api/v1/tag-groups/:id', {
    config: { permission: 'tags.manage' },
    schema: {
      tags,
      summary: 'Edit a tag group',
      params: IdParams,
      body: UpdateTagGroupBody,
      response: { 200: z.object({ id: z.uuid(), version: z.number().int() }), ...errorResponses },
    },
    handler: async (request) => {
      const row = await tagsService.updateGroup(db, ctx(request), request.params.id, request.body);
      return { id: row.id, version: row.version };
    },
  });
  r.delete('/api/v1/tag-groups/:id', {
    config: { permission: 'tags.manage' },
    schema: {
      tags,
      summary: 'Delete a tag group and its tags',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await tagsService.deleteGroup(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
  r.post('/api/v1/tags', {
    config: { permission: 'tags.manage' },
    schema: {
      tags,
      summary: 'Create a tag (with an optional auto-tag rule, applied to everyone at once)',
      body: CreateTagBody,
      response: { 201: z.object({ id: z.uuid() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      const row = await tagsService.createTag(db, ctx(request), request.body);
      return { id: row.id };
    },
  });
  r.patch('/api/v1/tags/:id', {
    config: { permission: 'tags.manage' },
    schema: {
      tags,
      summary: 'Edit a tag or its auto-tag rule',
      params: IdParams,
      body: UpdateTagBody,
      response: { 200: z.object({ id: z.uuid(), version: z.number().int() }), ...errorResponses },
    },
    handler: async (request) => {
      const row = await tagsService.updateTag(db, ctx(request), request.params.id, request.body);
      return { id: row.id, version: row.version };
    },
  });
  r.delete('/api/v1/tags/:id', {
    config: { permission: 'tags.manage' },
    schema: {
      tags,
      summary: 'Delete a tag',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await tagsService.deleteTag(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  // ── Segments ──
  r.get('/api/v1/segments', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Segments with how many of your customers are members',
      querystring: ListQuery.pick({ q: true }),
      response: { 200: z.object({ items: z.array(Segment) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await segmentsService.list(db, ctx(request).actor, request.query),
    }),
  });
  r.get('/api/v1/segments/:id', {
    config: { permission: 'customers.read' },
    schema: { tags, summary: 'One segment', params: IdParams, response: { 200: Segment, ...errorResponses } },
    handler: async (request) => segmentsService.get(db, ctx(request).actor, request.params.id),
  });
  r.post('/api/v1/segments', {
    config: { permission: 'segments.manage' },
    schema: {
      tags,
      summary: 'Create a dynamic (rule) or static (fixed list) segment; membership is materialised at once',
      body: CreateSegmentBody,
      response: { 201: Segment, ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return segmentsService.create(db, ctx(request), request.body);
    },
  });
  r.patch('/api/v1/segments/:id', {
    config: { permission: 'segments.manage' },
    schema: {
      tags,
      summary: 'Edit a segment (a new rule re-places everyone)',
      params: IdParams,
      body: UpdateSegmentBody,
      response: { 200: Segment, ...errorResponses },
    },
    handler: async (request) => segmentsService.update(db, ctx(request), request.params.id, request.body),
  });
  r.delete('/api/v1/segments/:id', {
    config: { permission: 'segments.manage' },
    schema: {
      tags,
      summary: 'Delete a segment',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await segmentsService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
  r.get('/api/v1/segments/:id/members', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Members you may see, with when they entered (newest first)',
      params: IdParams,
      querystring: SegmentEventsQuery,
      response: { 200: page(SegmentMember), ...errorResponses },
    },
    handler: async (request) =>
      segmentsService.members(
        db,
        ctx(request).actor,
        request.params.id,
        request.query.page,
        request.query.pageSize,
      ),
  });
  r.post('/api/v1/segments/:id/members', {
    config: { permission: 'segments.manage' },
    schema: {
      tags,
      summary: 'Add customers to a static segment',
      params: IdParams,
      body: SegmentMembersBody,
      response: { 200: Affected, ...errorResponses },
    },
    handler: async (request) =>
      segmentsService.addMembers(db, ctx(request), request.params.id, request.body.customerIds),
  });
  r.post('/api/v1/segments/:id/members/remove', {
    config: { permission: 'segments.manage' },
    schema: {
      tags,
      summary: 'Remove customers from a static segment',
      params: IdParams,
      body: SegmentMembersBody,
      response: { 200: Affected, ...errorResponses },
    },
    handler: async (request) =>
      segmentsService.removeMembers(db, ctx(request), request.params.id, request.body.customerIds),
  });
  r.get('/api/v1/segments/:id/events', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Entered / exited events (newest first), for automation and audit',
      params: IdParams,
      querystring: SegmentEventsQuery,
      response: { 200: page(SegmentEvent), ...errorResponses },
    },
    handler: async (request) =>
      segmentsService.events(
        db,
        ctx(request).actor,
        request.params.id,
        request.query.page,
        request.query.pageSize,
      ),
  });

  // ── Snapshots and migration ──
  r.get('/api/v1/snapshots', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Tier snapshots, newest first',
      response: { 200: z.object({ items: z.array(Snapshot) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await snapshotsService.list(db, ctx(request).actor) }),
  });
  r.post('/api/v1/snapshots', {
    config: { permission: 'segmentation.manage' },
    schema: {
      tags,
      summary: "Freeze every customer's tiers now",
      body: CreateSnapshotBody,
      response: { 201: Snapshot, ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return snapshotsService.create(db, ctx(request), request.body.label);
    },
  });
  r.delete('/api/v1/snapshots/:id', {
    config: { permission: 'segmentation.manage' },
    schema: {
      tags,
      summary: 'Delete a snapshot',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await snapshotsService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
  r.get('/api/v1/segmentation/migration', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary:
        'Migration matrix of a scheme between two snapshots (or a snapshot and now): counts and revenue. ' +
        'Over the customers you may see, narrowed by owner/team of the customer.',
      querystring: MigrationQuery,
      response: { 200: Migration, ...errorResponses },
    },
    handler: async (request) =>
      snapshotsService.migration(db, ctx(request).actor, request.query, request.lang),
  });
  r.get('/api/v1/segmentation/migration/export', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary:
        'The migration matrix (from tier × to tier: customers, revenue between) as xlsx (or csv with BOM), ' +
        'with the same query as the chart',
      querystring: MigrationExportQuery,
    },
    handler: async (request, reply) => {
      const { format, ...q } = request.query;
      const d = await snapshotsService.migration(db, ctx(request).actor, q, request.lang);
      const table = dashboardTables.migration(d, request.lang);
      return sendTable(reply, format, table, `migration-${d.scheme}-${d.from.asOf}-${d.to.asOf}`);
    },
  });
}
