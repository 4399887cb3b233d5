import { ChangePasswordBody, LoginBody, Me, SetupBody, SetupStatus, UpdateMeBody } from '@stratum/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { authService } from './auth.service.ts';
import { SESSION_COOKIE } from './tokens.ts';

export function authRoutes(app: FastifyInstance, { db, config }: RouteDeps) {
  const r = typed(app);
  const tags = ['auth'];

  const setCookie = (reply: FastifyReply, value: string) =>
    reply.setCookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: config.sessionAbsoluteHours * 3600,
    });

  r.get('/api/v1/setup', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'Whether the one-time first-admin sign-up is open',
      response: { 200: SetupStatus },
    },
    handler: async () => ({ needed: await authService.setupNeeded(db) }),
  });

  r.post('/api/v1/setup', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'Create the first workspace and its admin (once), and sign in',
      body: SetupBody,
      response: { 201: Me, ...errorResponses },
    },
    handler: async (request, reply) => {
      const user = await authService.createFirstAdmin(db, request.body);
      const session = await authService.startSession(
        db,
        config,
        user,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      setCookie(reply, session.cookie);
      return reply.status(201).send(session.me);
    },
  });

  r.post('/api/v1/auth/login', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'Sign in with email and password (sets the session cookie)',
      body: LoginBody,
      response: { 200: Me, ...errorResponses },
    },
    handler: async (request, reply) => {
      const session = await authService.login(
        db,
        config,
        request.body,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      setCookie(reply, session.cookie);
      return session.me;
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'Sign out: the session ends on the server',
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await authService.logout(db, ctx(request).actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'The signed-in user or API key: identity, role, team, permissions',
      response: { 200: Me, ...errorResponses },
    },
    handler: async (request) => authService.me(db, ctx(request).actor),
  });

  r.patch('/api/v1/auth/me', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'Update own name or language',
      body: UpdateMeBody,
      response: { 200: Me, ...errorResponses },
    },
    handler: async (request) => authService.updateMe(db, ctx(request).actor, request.body),
  });

  r.post('/api/v1/auth/password', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'Change own password; every other session of the user ends',
      body: ChangePasswordBody,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await authService.changePassword(
        db,
        ctx(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  });
}
