import { ApiKey, CreateApiKeyBody, CreatedApiKey, ListQuery, page } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { apiKeysService } from './api-keys.service.ts';

export function apiKeysRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['api-keys'];

  r.get('/api/v1/api-keys', {
    config: { permission: 'apiKeys.manage' },
    schema: {
      tags,
      summary: 'List API keys',
      querystring: ListQuery,
      response: { 200: page(ApiKey), ...errorResponses },
    },
    handler: async (request) => {
      const { page: p, pageSize, sort, q } = request.query;
      return apiKeysService.list(db, ctx(request), q, sort, p, pageSize);
    },
  });

  r.post('/api/v1/api-keys', {
    config: { permission: 'apiKeys.manage' },
    schema: {
      tags,
      summary: 'Create an API key; the secret is in this response only',
      body: CreateApiKeyBody,
      response: { 201: CreatedApiKey, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await apiKeysService.create(db, ctx(request), request.body)),
  });

  r.delete('/api/v1/api-keys/:id', {
    config: { permission: 'apiKeys.manage' },
    schema: {
      tags,
      summary: 'Revoke an API key',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await apiKeysService.revoke(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
