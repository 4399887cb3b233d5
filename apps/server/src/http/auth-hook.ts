import { CSRF_HEADER } from '@stratum/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { isEmbedded, type Db } from '../db/client.ts';
import { authService, type AuthConfig } from '../modules/auth/auth.service.ts';
import { sessionCache } from '../modules/auth/session-cache.ts';
import { SESSION_COOKIE } from '../modules/auth/tokens.ts';
import { liveJobs } from '../modules/jobs/live.ts';
import type { Actor, RequestContext } from './actor.ts';
import { AppError } from './errors.ts';
import { pickLang, type Lang } from './messages.ts';
import { can } from './permissions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | null, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The context a service gets: the actor (required past the permission check) and the client IP. */
export function ctx(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: request.actor, ip: request.ip };
}

/**
 * On every request: pick the language, authenticate (API key in `Authorization: Bearer`, else the session
 * cookie), then enforce the route's declared permission and, for cookie-authenticated writes, CSRF.
 *
 * One exception to asking the database: on the embedded database, while a running job's transaction holds
 * its only connection (an import), a route that opts in (`answersWhileBusy`: the job progress poll) takes
 * a session verified there in the last few minutes from memory (session-cache.ts) instead of waiting for
 * the commit. A cookie not remembered (unknown, forged, signed out) still goes to the database.
 */
export function registerAuthHook(app: FastifyInstance, db: Db, cfg: AuthConfig) {
  const embedded = isEmbedded(db);
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');
  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.headers['accept-language']);
    const permission = request.routeOptions.config.permission;
    if (!permission) return; // not an API route (static files, 404s): nothing to guard

    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await authService.resolveApiKey(db, authorization.slice(7).trim());
      if (!request.actor) throw new AppError('UNAUTHENTICATED');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const busy =
          embedded && request.routeOptions.config.answersWhileBusy === true && liveJobs.transactionOpen();
        request.actor =
          (busy ? sessionCache.lookup(cookie) : null) ?? (await authService.resolveSession(db, cfg, cookie));
      }
    }

    if (permission === 'public') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    if (request.actor.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!sameToken(request.actor.csrfToken, Array.isArray(header) ? header[0] : header))
        throw new AppError('CSRF_FAILED');
    }
    if (!can(request.actor.role, permission)) throw new AppError('FORBIDDEN');
  });
}
