import { Job, JobListQuery, page } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, IdParams, typed, type RouteDeps } from '../../http/route-kit.ts';
import { jobsRepository } from './jobs.repository.ts';
import { jobsService, toJob } from './jobs.service.ts';

export function jobsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['jobs'];

  r.get('/api/v1/jobs', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'Your background jobs (imports, recomputes …), newest first; filter by kind and status',
      querystring: JobListQuery,
      response: { 200: page(Job), ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      const { page: p, pageSize, kind, status } = request.query;
      const { items, total } = await jobsRepository.list(
        db,
        actor.workspaceId,
        { createdBy: actor.userId, kind, status },
        p,
        pageSize,
      );
      return { items: items.map(toJob), total, page: p, pageSize };
    },
  });

  r.get('/api/v1/jobs/:id', {
    // The import wizard's progress poll: answered while a job's transaction holds the embedded database's
    // only connection (a session verified in the last minutes is trusted then: auth-hook.ts).
    config: { permission: 'authenticated', answersWhileBusy: true },
    schema: {
      tags,
      summary: 'A job you started (admins: any job): status, progress, result or error',
      params: IdParams,
      response: { 200: Job, ...errorResponses },
    },
    handler: async (request) => jobsService.view(db, ctx(request).actor, request.params.id),
  });
}
