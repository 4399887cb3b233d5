import { RfmQuery, RfmSummary } from '@stratum/contracts';
import { RFM_CLASS_LABELS, RFM_CLASSES, scoreRfm } from '@stratum/segmentation';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { sumAmounts } from '../../db/decimal.ts';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, typed, type RouteDeps } from '../../http/route-kit.ts';
import { canSeeCustomer } from '../customers/customer-scope.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { computeRfm, workspaceRfmConfig } from './rfm.repository.ts';
import { RFM_STRATEGIES } from './rfm-strategies.ts';

const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;

export function rfmRoutes(app: FastifyInstance, { db }: RouteDeps) {
  typed(app).get('/api/v1/segmentation/rfm', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['segmentation'],
      summary:
        'RFM dashboard: the eight classes with size, revenue share, mean R/F/M and strategy, and the R×F heatmap. ' +
        'Cut points over the whole workspace; figures over the customers you may see.',
      querystring: RfmQuery,
      response: { 200: RfmSummary, ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      const lang = request.lang;
      const timeZone = await workspaceTimeZone(db, actor.workspaceId);
      const asOf = request.query.asOf ?? todayIn(timeZone);
      const config = await workspaceRfmConfig(db, actor.workspaceId);
      const [rows, visible] = await Promise.all([
        computeRfm(db, actor.workspaceId, asOf, timeZone, config),
        db.execute<{ id: string }>(
          sql`SELECT c.id FROM customers c WHERE c.workspace_id = ${actor.workspaceId} AND c.deleted_at IS NULL AND ${canSeeCustomer(actor)}`,
        ),
      ]);
      // Cut points and means as the workspace has them (the same numbers the scores came from).
      const workspace = scoreRfm(
        rows.map((r) => ({
          id: r.customerId,
          recencyDays: r.recencyDays,
          frequency: r.frequency,
          monetary: Number(r.monetary),
        })),
        config,
      );
      const seen = new Set(visible.rows.map((r) => r.id));
      const mine = rows.filter((r) => seen.has(r.customerId));
      const revenue = sumAmounts(mine.map((r) => r.monetary));
      const classes = RFM_CLASSES.map((key) => {
        const members = mine.filter((r) => r.segment === key);
        const classRevenue = sumAmounts(members.map((r) => r.monetary));
        const mean = (f: (r: (typeof members)[number]) => number) =>
          members.length ? round(members.reduce((s, r) => s + f(r), 0) / members.length) : null;
        return {
          key,
          label: RFM_CLASS_LABELS[key][lang],
          strategy: RFM_STRATEGIES[key][lang],
          count: members.length,
          share: mine.length ? round(members.length / mine.length, 4) : 0,
          revenue: classRevenue,
          revenueShare: Number(revenue) > 0 ? round(Number(classRevenue) / Number(revenue), 4) : 0,
          meanRecencyDays: mean((r) => r.recencyDays),
          meanFrequency: mean((r) => r.frequency),
          meanMonetary: mean((r) => Number(r.monetary)),
        };
      });
      const heatmap = [];
      for (let r = 1; r <= 5; r++) {
        for (let f = 1; f <= 5; f++)
          heatmap.push({ r, f, count: mine.filter((x) => x.rScore === r && x.fScore === f).length });
      }
      return {
        asOf,
        timeZone,
        scored: mine.length,
        unscored: seen.size - mine.length,
        revenue,
        cuts: workspace.cuts,
        means: {
          r: round(workspace.means.r, 3),
          f: round(workspace.means.f, 3),
          m: round(workspace.means.m, 3),
        },
        classes,
        heatmap,
      };
    },
  });
}
