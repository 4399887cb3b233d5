import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { notFound } from '../../http/errors.ts';
import { errorResponses, IdParams, typed, type RouteDeps } from '../../http/route-kit.ts';
import { ClvAnalyticsBody, ClvAnalyticsQuery, CustomerClvBody } from './clv.schemas.ts';
import { clvAnalyticsService } from './clv.service.ts';

export function clvAnalyticsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  typed(app).get('/api/v1/analytics/clv', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['analytics'],
      summary:
        'Lifetime value (BG/NBD + Gamma-Gamma): fitted parameters, totals, distribution and top customers by CLV ' +
        'over the customers you may see, and a holdout validation (cumulative predicted vs actual repeat ' +
        'transactions by week) fitted on demand.',
      querystring: ClvAnalyticsQuery,
      response: { 200: ClvAnalyticsBody, ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      return clvAnalyticsService.overview(db, actor, request.query);
    },
  });

  typed(app).get('/api/v1/analytics/clv/customers/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['analytics'],
      summary:
        "One customer's stored lifetime value, P(alive) and expected purchases (from the daily recompute).",
      params: IdParams,
      response: { 200: CustomerClvBody, ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      const found = await clvAnalyticsService.customer(db, actor, request.params.id);
      if (!found) throw notFound('customer');
      return found;
    },
  });
}
