import {
  CreatedNpsSurvey,
  CreateNpsSurveyBody,
  ErrorBody,
  Id,
  NpsAnswerBody,
  NpsExportQuery,
  NpsResults,
  NpsResultsQuery,
  NpsSurvey,
  NpsSurveyList,
  PublicNpsSurvey,
} from '@stratum/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctx } from '../../http/auth-hook.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { sendTable } from '../analytics/dashboards.export.ts';
import { npsTable } from './nps.export.ts';
import { npsService } from './nps.service.ts';
import { WindowLimiter } from './rate-limit.ts';

const TokenParams = z.strictObject({ token: z.string().min(1).max(128) });
const SurveyParams = z.strictObject({ id: Id, surveyId: Id });
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody, 429: ErrorBody };

/**
 * NPS (issue #7): survey links on a customer (scope of the customer: read to list, edit to create or
 * revoke), the public survey page's two calls (no sign-in; per-IP limits and a small body), and the
 * results with their xlsx export (`customers.read`, over the caller's customers).
 */
export function npsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['nps'];
  // Per server instance: reads 60 a minute, answers 10 a minute per client address.
  const reads = new WindowLimiter(60, 60_000);
  const answers = new WindowLimiter(10, 60_000);
  const limit = (limiter: WindowLimiter, request: FastifyRequest) => {
    const seconds = limiter.hit(request.ip);
    if (seconds > 0) throw new AppError('TOO_MANY_ATTEMPTS', { seconds });
  };

  r.post('/api/v1/customers/:id/nps-surveys', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary:
        'Create a single-use NPS survey link for a customer you may edit; the token is returned only now',
      params: IdParams,
      body: CreateNpsSurveyBody,
      response: { 201: CreatedNpsSurvey, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await npsService.create(db, ctx(request), request.params.id, request.body)),
  });

  r.get('/api/v1/customers/:id/nps-surveys', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: "A customer's survey links and answers (newest first) and its latest score",
      params: IdParams,
      response: { 200: NpsSurveyList, ...errorResponses },
    },
    handler: async (request) => npsService.list(db, ctx(request), request.params.id),
  });

  r.post('/api/v1/customers/:id/nps-surveys/:surveyId/revoke', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Revoke an unanswered survey link',
      params: SurveyParams,
      response: { 200: NpsSurvey, ...errorResponses },
    },
    handler: async (request) =>
      npsService.revoke(db, ctx(request), request.params.id, request.params.surveyId),
  });

  r.get('/api/v1/public/nps/:token', {
    config: { permission: 'public' },
    schema: {
      tags,
      security: [],
      summary:
        'The public survey page: the workspace and customer names (404 unknown, 409 answered, 410 expired or revoked)',
      params: TokenParams,
      response: { 200: PublicNpsSurvey, ...publicErrors },
    },
    handler: async (request) => {
      limit(reads, request);
      return npsService.publicView(db, request.params.token);
    },
  });

  r.post('/api/v1/public/nps/:token', {
    config: { permission: 'public' },
    bodyLimit: 8 * 1024,
    schema: {
      tags,
      security: [],
      summary: 'Answer a survey once: score 0–10 and an optional comment (≤ 1000 characters)',
      params: TokenParams,
      body: NpsAnswerBody,
      response: { 204: NoContent, ...publicErrors },
    },
    // Counted before the body is validated, so malformed floods are limited too.
    preValidation: async (request) => limit(answers, request),
    handler: async (request, reply) => {
      await npsService.answer(db, request.params.token, request.body);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/analytics/nps', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['analytics', ...tags],
      summary:
        'NPS in a period (latest answer per customer), its distribution, by segment and by the tiers of a scheme; over the customers you may see',
      querystring: NpsResultsQuery,
      response: { 200: NpsResults, ...errorResponses },
    },
    handler: async (request) => npsService.results(db, ctx(request).actor, request.query, request.lang),
  });

  r.get('/api/v1/analytics/nps/export', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['analytics', ...tags],
      summary: 'The NPS figures as xlsx (or csv with BOM), with the same query as the page',
      querystring: NpsExportQuery,
    },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const d = await npsService.results(db, ctx(request).actor, query, request.lang);
      return sendTable(reply, format, npsTable(d, request.lang), `nps-${d.period.to}`);
    },
  });
}
