import type { AnalyticsQuery, Forecast, Funnel, Portrait } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/actor.ts';
import { invalidReference } from '../../http/errors.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { analyticsRepository, type Breakdown } from './analytics.repository.ts';
import { opportunitiesRepository, opportunityWhere } from './opportunities.repository.ts';
import { pipelinesRepository } from './pipelines.repository.ts';
import { bullseyeRule, findBullseye, lift, PROFILE_FIELDS, valueStats } from './portrait.ts';

const ratio = (a: number, b: number): number | null =>
  b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;
const days = (d: number | null | undefined) =>
  d === null || d === undefined ? null : Math.round(d * 10) / 10;
const withWinRate = (b: Breakdown) => ({ ...b, winRate: ratio(b.won, b.won + b.lost) });

/** The first day of the month `offset` months after the one of `day` (YYYY-MM-DD). */
export function monthStart(day: string, offset: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 10);
}

async function setup(db: Db, c: RequestContext, q: AnalyticsQuery) {
  const ws = c.actor.workspaceId;
  const pipelineId = q.pipelineId ?? (await pipelinesRepository.defaultId(db, ws));
  const pipeline = pipelineId ? await pipelinesRepository.byId(db, ws, pipelineId) : undefined;
  if (!pipeline) throw invalidReference('pipelineId');
  const timeZone = await workspaceTimeZone(db, ws);
  const where = opportunityWhere(c.actor, { ...q, pipelineId: pipeline.id }, timeZone);
  return { ws, pipeline, timeZone, where };
}

/** Dashboards over the deals the caller may see (through their customers), filtered by owner, team and period. */
export const analyticsService = {
  async funnel(db: Db, c: RequestContext, q: AnalyticsQuery): Promise<Funnel> {
    const { ws, pipeline, where } = await setup(db, c, q);
    const [current, reached, avgDays, totals, byOwner, byTeam, lossReasons] = await Promise.all([
      opportunitiesRepository.stageTotals(db, where),
      analyticsRepository.reached(db, ws, pipeline.id, where),
      analyticsRepository.avgDays(db, ws, where),
      analyticsRepository.totals(db, where),
      analyticsRepository.byOwner(db, ws, where),
      analyticsRepository.byTeam(db, ws, where),
      analyticsRepository.lossReasons(db, ws, where),
    ]);
    // The chain the funnel follows: the open stages in order, then won. Lost stands aside.
    const chain = pipeline.stages.filter((s) => s.kind !== 'lost');
    const reachedOf = (id: string, kind: string) =>
      kind === 'won'
        ? { count: totals.won, amount: totals.wonAmount }
        : kind === 'lost'
          ? { count: totals.lost, amount: current.get(id)?.amount ?? '0.00' }
          : (reached.get(id) ?? { count: 0, amount: '0.00' });
    return {
      pipeline,
      stages: pipeline.stages.map((stage) => {
        const r = reachedOf(stage.id, stage.kind);
        const i = chain.findIndex((s) => s.id === stage.id);
        const next = i >= 0 && i < chain.length - 1 ? chain[i + 1]! : undefined;
        return {
          stage,
          current: current.get(stage.id) ?? { count: 0, amount: '0.00', weightedAmount: '0.00' },
          reached: r.count,
          reachedAmount: r.amount,
          conversionToNext: next ? ratio(reachedOf(next.id, next.kind).count, r.count) : null,
          avgDays: days(avgDays.get(stage.id)),
        };
      }),
      total: totals.total,
      won: totals.won,
      wonAmount: totals.wonAmount,
      lost: totals.lost,
      winRate: ratio(totals.won, totals.won + totals.lost),
      openAmount: totals.openAmount,
      weightedAmount: totals.weightedAmount,
      avgDaysToWin: days(totals.avgDaysToWin),
      byOwner: byOwner.map(withWinRate),
      byTeam: byTeam.map(withWinRate),
      lossReasons,
    };
  },

  /** Weighted forecast: open deals by month of expected close, each weighted by its stage's probability. */
  async forecast(db: Db, c: RequestContext, q: AnalyticsQuery & { months: number }): Promise<Forecast> {
    const { where, timeZone } = await setup(db, c, q);
    const today = todayIn(timeZone);
    const first = monthStart(today, 0);
    const f = await analyticsRepository.forecast(db, where, first, today, timeZone);
    const zero = { count: 0, amount: '0.00', weightedAmount: '0.00' };
    return {
      months: Array.from({ length: q.months }, (_, i) => {
        const month = monthStart(today, i).slice(0, 7);
        return { month, ...(f.open.get(month) ?? zero), wonAmount: f.won.get(month) ?? '0.00' };
      }),
      overdue: f.late.get('overdue') ?? zero,
      undated: f.late.get('undated') ?? zero,
    };
  },

  /** 赢单客户画像 and the 靶心客户 profile. */
  async portrait(db: Db, c: RequestContext, q: AnalyticsQuery): Promise<Portrait> {
    const { where } = await setup(db, c, q);
    const [rows, products] = await Promise.all([
      analyticsRepository.portraitCustomers(db, where),
      analyticsRepository.portraitProducts(db, where),
    ]);
    const total = rows.length;
    const totalWon = rows.filter((r) => r.won).length;
    const b = findBullseye(rows);
    return {
      customers: total,
      wonCustomers: totalWon,
      dimensions: [
        ...PROFILE_FIELDS.map((key) => ({
          key,
          values: valueStats(rows, key).map((v) => ({ ...v, label: v.value })),
        })),
        {
          key: 'product' as const,
          values: products.map((p) => ({
            value: p.id,
            label: p.name,
            customers: p.customers,
            wonCustomers: p.wonCustomers,
            lift: lift(p.customers, p.wonCustomers, total, totalWon),
            winRate: p.customers === 0 ? 0 : Math.round((p.wonCustomers / p.customers) * 10_000) / 10_000,
          })),
        },
      ],
      bullseye: b
        ? {
            conditions: b.conditions.map((x) => ({ ...x, label: x.value })),
            customers: b.customers,
            wonCustomers: b.wonCustomers,
            winRate: b.winRate,
            lift: b.lift,
            rule: bullseyeRule(b),
          }
        : null,
    };
  },
};
