import { CreateTeamBody, ListQuery, page, Team, UpdateTeamBody } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { teamsService } from './teams.service.ts';

export function teamsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['teams'];

  r.get('/api/v1/teams', {
    config: { permission: 'teams.read' },
    schema: {
      tags,
      summary: 'List teams',
      querystring: ListQuery,
      response: { 200: page(Team), ...errorResponses },
    },
    handler: async (request) => {
      const { page: p, pageSize, sort, q } = request.query;
      return teamsService.list(db, ctx(request), q, sort, p, pageSize);
    },
  });

  r.post('/api/v1/teams', {
    config: { permission: 'teams.manage' },
    schema: {
      tags,
      summary: 'Create a team',
      body: CreateTeamBody,
      response: { 201: Team, ...errorResponses },
    },
    handler: async (request, reply) => {
      const c = ctx(request);
      return reply
        .status(201)
        .send(await teamsService.create(db, c.actor.workspaceId, c.actor, c.ip, request.body.name));
    },
  });

  r.get('/api/v1/teams/:id', {
    config: { permission: 'teams.read' },
    schema: { tags, summary: 'Get a team', params: IdParams, response: { 200: Team, ...errorResponses } },
    handler: async (request) => teamsService.get(db, ctx(request), request.params.id),
  });

  r.patch('/api/v1/teams/:id', {
    config: { permission: 'teams.manage' },
    schema: {
      tags,
      summary: 'Rename a team',
      params: IdParams,
      body: UpdateTeamBody,
      response: { 200: Team, ...errorResponses },
    },
    handler: async (request) =>
      teamsService.rename(db, ctx(request), request.params.id, request.body.version, request.body.name),
  });

  r.delete('/api/v1/teams/:id', {
    config: { permission: 'teams.manage' },
    schema: {
      tags,
      summary: 'Delete an empty team',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await teamsService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
