import { CreateCustomFieldBody, CustomField, UpdateCustomFieldBody } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/errors.ts';
import { ctx } from '../../http/auth-hook.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { auditService } from '../audit/audit.service.ts';
import { customFieldsRepository, type CustomFieldRow } from './custom-fields.repository.ts';

const toField = (r: CustomFieldRow): CustomField => ({
  id: r.id,
  key: r.key,
  labelZh: r.labelZh,
  labelEn: r.labelEn,
  type: r.type,
  options: r.options as string[],
  required: r.required,
  position: r.position,
  version: r.version,
});

const needsOptions = (type: string) => type === 'single_select' || type === 'multi_select';

/** Custom customer fields, defined per workspace; usable in forms, filters, rules, imports and exports. */
export function customFieldsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['custom-fields'];

  r.get('/api/v1/custom-fields', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Custom customer fields, in display order',
      response: { 200: z.object({ items: z.array(CustomField) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: (await customFieldsRepository.list(db, ctx(request).actor.workspaceId)).map(toField),
    }),
  });

  r.post('/api/v1/custom-fields', {
    config: { permission: 'customFields.manage' },
    schema: {
      tags,
      summary: 'Define a custom field (its key and type are fixed afterwards)',
      body: CreateCustomFieldBody,
      response: { 201: CustomField, ...errorResponses },
    },
    handler: async (request, reply) => {
      const c = ctx(request);
      const body = request.body;
      if (needsOptions(body.type) && !body.options?.length) {
        throw invalidField({ in: 'body', path: 'options', code: 'required' });
      }
      try {
        const field = await db.transaction(async (tx) => {
          const row = await customFieldsRepository.insert(tx, {
            ...body,
            options: needsOptions(body.type) ? body.options : [],
            workspaceId: c.actor.workspaceId,
          });
          await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
            action: 'custom_field.create',
            entityType: 'custom_field',
            entityId: row.id,
            after: toField(row),
          });
          return toField(row);
        });
        return reply.status(201).send(field);
      } catch (err) {
        if (isUniqueViolation(err, 'custom_fields_key_key'))
          throw invalidField({ in: 'body', path: 'key', code: 'duplicate' });
        throw err;
      }
    },
  });

  r.patch('/api/v1/custom-fields/:id', {
    config: { permission: 'customFields.manage' },
    schema: {
      tags,
      summary: 'Relabel, reorder, change options or required',
      params: IdParams,
      body: UpdateCustomFieldBody,
      response: { 200: CustomField, ...errorResponses },
    },
    handler: async (request) => {
      const c = ctx(request);
      const current = await customFieldsRepository.byId(db, c.actor.workspaceId, request.params.id);
      if (!current) throw notFound('custom_field');
      const { version, ...changes } = request.body;
      if (changes.options !== undefined && needsOptions(current.type) && changes.options.length === 0) {
        throw invalidField({ in: 'body', path: 'options', code: 'required' });
      }
      return db.transaction(async (tx) => {
        const row = await customFieldsRepository.update(
          tx,
          c.actor.workspaceId,
          current.id,
          version,
          changes,
        );
        if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: toField(current) });
        await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
          action: 'custom_field.update',
          entityType: 'custom_field',
          entityId: row.id,
          before: toField(current),
          after: toField(row),
        });
        return toField(row);
      });
    },
  });

  r.delete('/api/v1/custom-fields/:id', {
    config: { permission: 'customFields.manage' },
    schema: {
      tags,
      summary: "Delete a custom field and every customer's value of it",
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      const c = ctx(request);
      const current = await customFieldsRepository.byId(db, c.actor.workspaceId, request.params.id);
      if (!current) throw notFound('custom_field');
      await db.transaction(async (tx) => {
        await customFieldsRepository.delete(tx, c.actor.workspaceId, current.id);
        await customFieldsRepository.dropValues(tx, c.actor.workspaceId, current.key);
        await auditService.record(tx, c.actor.workspaceId, c.actor, c.ip, {
          action: 'custom_field.delete',
          entityType: 'custom_field',
          entityId: current.id,
          before: toField(current),
        });
      });
      return reply.status(204).send(null);
    },
  });
}
