import {
  Cohorts,
  Conversion,
  ConversionQuery,
  DASHBOARD_CHARTS,
  DashboardExportQuery,
  DashboardQuery,
  Pareto,
  Retention,
  SegmentDistribution,
  SegmentDistributionQuery,
  TierDistribution,
  TierDistributionQuery,
} from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctx } from '../../http/auth-hook.ts';
import { invalidField } from '../../http/errors.ts';
import { errorResponses, typed, type RouteDeps } from '../../http/route-kit.ts';
import { dashboardTables, sendTable, type Table } from './dashboards.export.ts';
import { dashboardsService } from './dashboards.service.ts';

const SCOPE =
  'Over the customers you may see, narrowed by owner/team of the customer; period = local days (default: the last 12 months).';

/** The analytics dashboards (issue #7) and each one's table as xlsx/csv. Read-only, `customers.read`. */
export function dashboardsRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['analytics'];
  const config = { permission: 'customers.read' } as const;

  r.get('/api/v1/analytics/tier-distribution', {
    config,
    schema: {
      tags,
      summary: `Tier counts of a scheme in each snapshot of the period and now. ${SCOPE}`,
      querystring: TierDistributionQuery,
      response: { 200: TierDistribution, ...errorResponses },
    },
    handler: async (request) =>
      dashboardsService.tierDistribution(db, ctx(request).actor, request.query, request.lang),
  });
  r.get('/api/v1/analytics/segment-distribution', {
    config,
    schema: {
      tags,
      summary:
        'Members of each segment (`segments`: up to 12 ids, comma-separated; default the 12 largest) at the ' +
        'end of each month of the period and now: members now − entered since + exited since, from ' +
        'segment_events, which both dynamic re-evaluation and static add/remove record (memberships ' +
        `written without an event count as members throughout). ${SCOPE}`,
      querystring: SegmentDistributionQuery,
      response: { 200: SegmentDistribution, ...errorResponses },
    },
    handler: async (request) =>
      dashboardsService.segmentDistribution(db, ctx(request).actor, request.query, request.lang),
  });
  r.get('/api/v1/analytics/pareto', {
    config,
    schema: {
      tags,
      summary: `Revenue contribution: the Pareto curve, deciles and the top-20% share. ${SCOPE}`,
      querystring: DashboardQuery,
      response: { 200: Pareto, ...errorResponses },
    },
    handler: async (request) => dashboardsService.pareto(db, ctx(request).actor, request.query),
  });
  r.get('/api/v1/analytics/retention', {
    config,
    schema: {
      tags,
      summary: `Retention and churn by month (of last month's buyers, who bought again). ${SCOPE}`,
      querystring: DashboardQuery,
      response: { 200: Retention, ...errorResponses },
    },
    handler: async (request) => dashboardsService.retention(db, ctx(request).actor, request.query),
  });
  r.get('/api/v1/analytics/cohorts', {
    config,
    schema: {
      tags,
      summary: `Cohorts by month of first order (in the period) and their buying share 0–11 months on. ${SCOPE}`,
      querystring: DashboardQuery,
      response: { 200: Cohorts, ...errorResponses },
    },
    handler: async (request) => dashboardsService.cohorts(db, ctx(request).actor, request.query),
  });
  r.get('/api/v1/analytics/conversion', {
    config,
    schema: {
      tags,
      summary: `Conversion by segment (or tier): members and members with a deal won in the period. ${SCOPE}`,
      querystring: ConversionQuery,
      response: { 200: Conversion, ...errorResponses },
    },
    handler: async (request) =>
      dashboardsService.conversion(db, ctx(request).actor, request.query, request.lang),
  });

  r.get('/api/v1/analytics/:chart/export', {
    config,
    schema: {
      tags,
      summary: 'A dashboard’s data as xlsx (or csv with BOM), with the same query as the chart',
      params: z.strictObject({ chart: z.enum(DASHBOARD_CHARTS) }),
      querystring: DashboardExportQuery,
    },
    handler: async (request, reply) => {
      const { actor } = ctx(request);
      const { format, scheme, by, segments, ...filters } = request.query;
      const lang = request.lang;
      const chart = request.params.chart;
      const needScheme = () => {
        if (!scheme) throw invalidField({ in: 'querystring', path: 'scheme', code: 'required' });
        return scheme;
      };
      let table: Table;
      let period: { to: string };
      switch (chart) {
        case 'tier-distribution': {
          const d = await dashboardsService.tierDistribution(
            db,
            actor,
            { ...filters, scheme: needScheme() },
            lang,
          );
          [table, period] = [dashboardTables.tierDistribution(d, lang), d.period];
          break;
        }
        case 'segment-distribution': {
          const d = await dashboardsService.segmentDistribution(db, actor, { ...filters, segments }, lang);
          [table, period] = [dashboardTables.segmentDistribution(d, lang), d.period];
          break;
        }
        case 'pareto': {
          const d = await dashboardsService.pareto(db, actor, filters);
          [table, period] = [dashboardTables.pareto(d, lang), d.period];
          break;
        }
        case 'retention': {
          const d = await dashboardsService.retention(db, actor, filters);
          [table, period] = [dashboardTables.retention(d, lang), d.period];
          break;
        }
        case 'cohorts': {
          const d = await dashboardsService.cohorts(db, actor, filters);
          [table, period] = [dashboardTables.cohorts(d, lang), d.period];
          break;
        }
        case 'conversion': {
          const d = await dashboardsService.conversion(
            db,
            actor,
            { ...filters, by: by ?? 'segment', scheme },
            lang,
          );
          [table, period] = [dashboardTables.conversion(d, lang), d.period];
          break;
        }
      }
      return sendTable(reply, format, table, `${chart}-${period.to}`);
    },
  });
}
