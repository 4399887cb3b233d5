import {
  BulkCustomerBody,
  BulkResult,
  CreateCustomerBody,
  Customer,
  CustomerListQuery,
  ListQuery,
  page,
  TimelineEntry,
  UpdateCustomerBody,
} from '@stratum/contracts';
import { OPERATORS_BY_TYPE } from '@stratum/segmentation';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctx } from '../../http/auth-hook.ts';
import { AppError } from '../../http/errors.ts';
import { can } from '../../http/permissions.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { customFieldsRepository } from '../custom-fields/custom-fields.repository.ts';
import { workspaceRules, registryFor } from '../segmentation/workspace-rules.ts';
import { writeTable } from '../exports/table-writer.ts';
import { customerOrderBy, customerWhere } from './customer-filters.ts';
import { sendDownload } from '../exports/download.ts';
import { exportColumns } from './customer-export.ts';
import { customersRepository } from './customers.repository.ts';
import { customersService } from './customers.service.ts';
import { timelineRepository } from './timeline.repository.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';

const ExportQuery = CustomerListQuery.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  /** Comma-separated column keys (e.g. `name,phone,cf.level`); default: the standard set and custom fields. */
  columns: z.string().max(2000).optional(),
});

const FieldInfo = z.object({
  key: z.string(),
  type: z.string(),
  label: z.string(),
  group: z.string(),
  options: z.array(z.string()).nullable(),
  /** Labels of options that are ids or keys (tiers, tags, segments). */
  optionLabels: z.record(z.string(), z.string()).nullable(),
  operators: z.array(z.string()),
});

export function customersRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['customers'];

  r.get('/api/v1/customers', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary:
        'List customers in your scope: search, filter (JSON rule), sort, paginate; deleted=true lists the recycle bin',
      querystring: CustomerListQuery,
      response: { 200: page(Customer), ...errorResponses },
    },
    handler: async (request) => {
      const c = ctx(request);
      const { page: p, pageSize, sort, deleted, ...filters } = request.query;
      if (deleted === 'true' && !can(c.actor.role, 'customers.delete')) throw new AppError('FORBIDDEN');
      return customersService.list(db, c, { ...filters, deleted: deleted === 'true' }, sort, p, pageSize);
    },
  });

  r.get('/api/v1/customers/fields', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary:
        'The fields a customer filter rule may use (built-in, metrics and custom fields) with their operators',
      response: { 200: z.object({ items: z.array(FieldInfo) }), ...errorResponses },
    },
    handler: async (request) => {
      const lang = request.lang;
      const w = await workspaceRules(db, ctx(request).actor.workspaceId);
      return {
        items: registryFor(w, { kind: 'segment' })
          .list()
          .map((f) => ({
            key: f.key,
            type: f.type,
            label: f.label[lang],
            group: f.group,
            options: f.options ? [...f.options] : null,
            optionLabels: f.optionLabels
              ? Object.fromEntries(Object.entries(f.optionLabels).map(([k, v]) => [k, v[lang]]))
              : null,
            operators: [...OPERATORS_BY_TYPE[f.type]],
          })),
      };
    },
  });

  r.get('/api/v1/customers/export', {
    config: { permission: 'customers.export' },
    schema: {
      tags,
      summary: 'Export the list as filtered (xlsx or csv with BOM), streamed',
      querystring: ExportQuery,
    },
    handler: async (request, reply) => {
      const c = ctx(request);
      const { format, columns, sort, deleted, ...filters } = request.query;
      if (deleted === 'true' && !can(c.actor.role, 'customers.delete')) throw new AppError('FORBIDDEN');
      const where = await customerWhere(db, c.actor, { ...filters, deleted: deleted === 'true' });
      const [defs, rules] = await Promise.all([
        customFieldsRepository.list(db, c.actor.workspaceId),
        workspaceRules(db, c.actor.workspaceId),
      ]);
      const { timeZone } = rules;
      const cols = exportColumns(
        columns
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        defs,
        rules.classification,
        request.lang,
        timeZone,
      );
      const stream = writeTable(
        format,
        cols,
        customersRepository.stream(db, { where, orderBy: customerOrderBy(sort) }),
      );
      return sendDownload(reply, format, stream, `customers-${todayIn(timeZone)}.${format}`);
    },
  });

  r.post('/api/v1/customers', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Create a customer (a rep’s customers are their own)',
      body: CreateCustomerBody,
      response: { 201: Customer, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await customersService.create(db, ctx(request), request.body)),
  });

  r.post('/api/v1/customers/bulk', {
    config: { permission: 'customers.transfer' },
    schema: {
      tags,
      summary: 'Change the owner of, or delete, many customers',
      body: BulkCustomerBody,
      response: { 200: BulkResult, ...errorResponses },
    },
    handler: async (request) => {
      const c = ctx(request);
      const { ids, action, ownerId } = request.body;
      if (action === 'delete' && !can(c.actor.role, 'customers.delete')) throw new AppError('FORBIDDEN');
      return customersService.bulk(db, c, ids, action, ownerId);
    },
  });

  r.get('/api/v1/customers/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Get a customer with its key figures',
      params: IdParams,
      response: { 200: Customer, ...errorResponses },
    },
    handler: async (request) => customersService.get(db, ctx(request), request.params.id),
  });

  r.patch('/api/v1/customers/:id', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Update a customer (send the version you read); changing the owner needs customers.transfer',
      params: IdParams,
      body: UpdateCustomerBody,
      response: { 200: Customer, ...errorResponses },
    },
    handler: async (request) => customersService.update(db, ctx(request), request.params.id, request.body),
  });

  r.delete('/api/v1/customers/:id', {
    config: { permission: 'customers.delete' },
    schema: {
      tags,
      summary: 'Move a customer to the recycle bin',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await customersService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/v1/customers/:id/restore', {
    config: { permission: 'customers.delete' },
    schema: {
      tags,
      summary: 'Restore a customer from the recycle bin, with everything attached',
      params: IdParams,
      response: { 200: Customer, ...errorResponses },
    },
    handler: async (request) => customersService.restore(db, ctx(request), request.params.id),
  });

  r.get('/api/v1/customers/:id/timeline', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Follow-ups, orders, payments, tickets, contracts and ownership changes, newest first',
      params: IdParams,
      querystring: ListQuery.pick({ page: true, pageSize: true }),
      response: { 200: page(TimelineEntry), ...errorResponses },
    },
    handler: async (request) => {
      const c = ctx(request);
      await customersService.get(db, c, request.params.id);
      return timelineRepository.list(
        db,
        c.actor.workspaceId,
        request.params.id,
        request.query.page,
        request.query.pageSize,
      );
    },
  });
}
