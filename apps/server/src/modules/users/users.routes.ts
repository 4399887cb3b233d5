import {
  CreateUserBody,
  page,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { usersService } from './users.service.ts';

export function usersRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['users'];

  r.get('/api/v1/users', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'List users (admins: all; managers: their team)',
      querystring: UserListQuery,
      response: { 200: page(User), ...errorResponses },
    },
    handler: async (request) => {
      const { page: p, pageSize, sort, ...filter } = request.query;
      return usersService.list(db, ctx(request), filter, sort, p, pageSize);
    },
  });

  r.post('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Create a user',
      body: CreateUserBody,
      response: { 201: User, ...errorResponses },
    },
    handler: async (request, reply) => {
      const c = ctx(request);
      return reply.status(201).send(await usersService.create(db, c.actor.workspaceId, c, request.body));
    },
  });

  r.get('/api/v1/users/:id', {
    config: { permission: 'users.read' },
    schema: { tags, summary: 'Get a user', params: IdParams, response: { 200: User, ...errorResponses } },
    handler: async (request) => usersService.get(db, ctx(request), request.params.id),
  });

  r.patch('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: 'Change name, role, team or disable/enable (send the version you read)',
      params: IdParams,
      body: UpdateUserBody,
      response: { 200: User, ...errorResponses },
    },
    handler: async (request) => usersService.update(db, ctx(request), request.params.id, request.body),
  });

  r.post('/api/v1/users/:id/reset-password', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary: "Set a user's password; all their sessions end",
      params: IdParams,
      body: ResetPasswordBody,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await usersService.resetPassword(db, ctx(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  });
}
