import type {
  Cohorts,
  Conversion,
  ConversionQuery,
  DashboardQuery,
  DashboardTier,
  Pareto,
  Retention,
  SegmentDistribution,
  SegmentDistributionQuery,
  TierDistribution,
  TierDistributionQuery,
} from '@stratum/contracts';
import { COHORT_OFFSETS, SEGMENT_DISTRIBUTION_MAX } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { invalidField } from '../../http/errors.ts';
import { monthStart } from '../pipeline/analytics.service.ts';
import { loadClassification } from '../segmentation/classification.repository.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { dashboardCustomers, dashboardsRepository as repo, type Period } from './dashboards.repository.ts';

type Lang = 'zh-CN' | 'en';

const share = (a: number, b: number): number | null =>
  b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;
const NONE_COLOR = '#d9d9d9';

/** The period of local days (default: the first day of the month 11 months back up to today). */
async function periodOf(db: Db, actor: Actor, q: DashboardQuery): Promise<Period & { today: string }> {
  const timeZone = await workspaceTimeZone(db, actor.workspaceId);
  const today = todayIn(timeZone);
  const to = q.to ?? today;
  const from = q.from ?? monthStart(to, -11);
  if (from > to)
    throw invalidField({
      in: 'querystring',
      path: 'from',
      code: 'invalid_config',
      params: { reason: 'from > to' },
    });
  return { from, to, timeZone, today };
}

/** Months (first days) from the month of `from` to the month of `to`, at most 36. */
function monthsOf(p: Period): { first: string; last: string } {
  const last = monthStart(p.to, 0);
  const first = monthStart(p.from, 0);
  const earliest = monthStart(last, -35);
  return { first: first < earliest ? earliest : first, last };
}

async function schemeOf(db: Db, actor: Actor, key: string, lang: Lang) {
  const scheme = (await loadClassification(db, actor.workspaceId)).schemes.find((s) => s.key === key);
  if (!scheme) throw invalidField({ in: 'querystring', path: 'scheme', code: 'not_found' });
  const tiers: DashboardTier[] = scheme.tiers.map((t) => ({
    key: t.key,
    name: lang === 'en' ? t.nameEn : t.nameZh,
    color: t.color,
  }));
  return [...tiers, { key: 'none', name: lang === 'en' ? 'Not placed' : '未分类', color: NONE_COLOR }];
}

/** Tiers met in the data but no longer in the scheme (deleted since) are shown under their key. */
function withUnknown(tiers: DashboardTier[], keys: Iterable<string>): DashboardTier[] {
  const known = new Set(tiers.map((t) => t.key));
  const extra = [...new Set(keys)].filter((k) => !known.has(k)).sort();
  const none = tiers.at(-1)!;
  return [...tiers.slice(0, -1), ...extra.map((key) => ({ key, name: key, color: '#8c8c8c' })), none];
}

/** The analytics dashboards, over the customers the actor may see (see dashboardCustomers). */
export const dashboardsService = {
  async tierDistribution(
    db: Db,
    actor: Actor,
    q: TierDistributionQuery,
    lang: Lang,
  ): Promise<TierDistribution> {
    const p = await periodOf(db, actor, q);
    const tiers = await schemeOf(db, actor, q.scheme, lang);
    const snapshots = await repo.snapshotsIn(db, actor.workspaceId, p.from, p.to);
    const [past, now] = await Promise.all([
      repo.snapshotTierCounts(
        db,
        dashboardCustomers(actor, q, { withDeleted: true }),
        snapshots.map((s) => s.id),
        q.scheme,
      ),
      p.to >= p.today ? repo.currentTierCounts(db, dashboardCustomers(actor, q), q.scheme) : null,
    ]);
    const all = withUnknown(tiers, [...past.map((r) => r.tier), ...(now ?? []).map((r) => r.tier)]);
    const point = (id: string, label: string, asOf: string, rows: { tier: string; count: number }[]) => {
      const counts = Object.fromEntries(all.map((t) => [t.key, 0]));
      for (const r of rows) counts[r.tier] = r.count;
      return { id, label, asOf, total: rows.reduce((s, r) => s + r.count, 0), counts };
    };
    const points = snapshots.map((s) =>
      point(
        s.id,
        s.label,
        s.asOf,
        past.filter((r) => r.id === s.id),
      ),
    );
    if (now) points.push(point('current', lang === 'en' ? 'Now' : '当前', p.today, now));
    return { period: { from: p.from, to: p.to, timeZone: p.timeZone }, scheme: q.scheme, tiers: all, points };
  },

  /**
   * Members of each chosen segment (default: the workspace's largest, at most 12) at each month end of
   * the period and now, counting only customers in scope (current customers, see dashboardCustomers).
   */
  async segmentDistribution(
    db: Db,
    actor: Actor,
    q: SegmentDistributionQuery,
    lang: Lang,
  ): Promise<SegmentDistribution> {
    const p = await periodOf(db, actor, q);
    const requested = q.segments ? [...new Set(q.segments)] : undefined;
    const chosen = await repo.segmentsFor(db, actor.workspaceId, requested, SEGMENT_DISTRIBUTION_MAX);
    if (requested && chosen.segments.length < requested.length)
      throw invalidField({ in: 'querystring', path: 'segments', code: 'not_found' });
    const m = monthsOf(p);
    const rows = await repo.segmentCounts(
      db,
      actor.workspaceId,
      dashboardCustomers(actor, q),
      chosen.segments.map((s) => s.id),
      p,
      m.first,
      m.last,
      p.to >= p.today,
    );
    const points: SegmentDistribution['points'] = [];
    const byKey = new Map<string, SegmentDistribution['points'][number]>();
    for (const r of rows) {
      const id = r.month ?? 'current';
      let point = byKey.get(id);
      if (!point) {
        const label = r.month ?? (lang === 'en' ? 'Now' : '当前');
        point = { id, label, asOf: r.asOf, counts: {} };
        byKey.set(id, point);
        points.push(point);
      }
      point.counts[r.segmentId] = r.count;
    }
    return {
      period: { from: p.from, to: p.to, timeZone: p.timeZone },
      segments: chosen.segments,
      truncated: chosen.more,
      points,
    };
  },

  async pareto(db: Db, actor: Actor, q: DashboardQuery): Promise<Pareto> {
    const p = await periodOf(db, actor, q);
    const r = await repo.pareto(db, dashboardCustomers(actor, q), p);
    const total = Number(r.revenue);
    const bands = new Map(r.bands.map((b) => [b.band, b]));
    let cumulative = 0;
    return {
      period: { from: p.from, to: p.to, timeZone: p.timeZone },
      customers: r.customers,
      revenue: r.revenue,
      top20Share: share(r.top, total),
      points:
        r.customers === 0
          ? []
          : [
              { customerShare: 0, revenueShare: 0 },
              ...r.points.map((x) => ({
                customerShare: share(x.rank, x.n)!,
                revenueShare: share(x.cum, total)!,
              })),
            ],
      deciles:
        r.customers === 0
          ? []
          : Array.from({ length: 10 }, (_, i) => {
              const b = bands.get(i + 1);
              const revenue = b?.revenue ?? '0.00';
              cumulative += Number(revenue);
              return {
                band: i + 1,
                customers: b?.customers ?? 0,
                revenue,
                share: share(Number(revenue), total) ?? 0,
                cumulativeShare: share(cumulative, total) ?? 0,
              };
            }),
    };
  },

  async retention(db: Db, actor: Actor, q: DashboardQuery): Promise<Retention> {
    const p = await periodOf(db, actor, q);
    const m = monthsOf(p);
    const rows = await repo.retention(db, dashboardCustomers(actor, q), p.timeZone, m.first, m.last);
    return {
      period: { from: p.from, to: p.to, timeZone: p.timeZone },
      months: rows.map((r) => ({
        month: r.month,
        base: r.base,
        retained: r.retained,
        churned: r.base - r.retained,
        retentionRate: share(r.retained, r.base),
        churnRate: share(r.base - r.retained, r.base),
      })),
    };
  },

  /** Cells after the current month are null (not yet happened), not 0. */
  async cohorts(db: Db, actor: Actor, q: DashboardQuery): Promise<Cohorts> {
    const p = await periodOf(db, actor, q);
    const m = monthsOf(p);
    const rows = await repo.cohorts(
      db,
      actor.workspaceId,
      dashboardCustomers(actor, q),
      p.timeZone,
      m.first,
      m.last,
    );
    const thisMonth = monthStart(p.today, 0);
    const byMonth = new Map<string, Map<number, number>>();
    for (const r of rows) {
      const cells = byMonth.get(r.month) ?? new Map<number, number>();
      cells.set(r.offset, r.customers);
      byMonth.set(r.month, cells);
    }
    return {
      period: { from: p.from, to: p.to, timeZone: p.timeZone },
      cohorts: [...byMonth].map(([month, cells]) => {
        const size = cells.get(0) ?? 0;
        return {
          month,
          size,
          cells: Array.from({ length: COHORT_OFFSETS }, (_, offset) => {
            if (monthStart(`${month}-01`, offset) > thisMonth) return { offset, customers: null, rate: null };
            const n = cells.get(offset) ?? 0;
            return { offset, customers: n, rate: share(n, size) };
          }),
        };
      }),
    };
  },

  async conversion(db: Db, actor: Actor, q: ConversionQuery, lang: Lang): Promise<Conversion> {
    const p = await periodOf(db, actor, q);
    const period = { from: p.from, to: p.to, timeZone: p.timeZone };
    const where = dashboardCustomers(actor, q);
    if (q.by === 'scheme') {
      if (!q.scheme) throw invalidField({ in: 'querystring', path: 'scheme', code: 'required' });
      const [tiers, rows] = await Promise.all([
        schemeOf(db, actor, q.scheme, lang),
        repo.conversionByTier(db, where, q.scheme, p),
      ]);
      const byTier = new Map(rows.map((r) => [r.tier, r]));
      return {
        period,
        by: 'scheme',
        scheme: q.scheme,
        groups: withUnknown(
          tiers,
          rows.map((r) => r.tier),
        )
          .map((t) => {
            const r = byTier.get(t.key) ?? { members: 0, converted: 0 };
            return { ...t, members: r.members, converted: r.converted, rate: share(r.converted, r.members) };
          })
          // "Not placed" only when someone is: the scheme's own tiers always show, even empty.
          .filter((g) => g.key !== 'none' || g.members > 0),
      };
    }
    const rows = await repo.conversionBySegment(db, actor.workspaceId, where, p);
    return {
      period,
      by: 'segment',
      scheme: null,
      groups: rows.map((r) => ({ ...r, color: null, rate: share(r.converted, r.members) })),
    };
  },
};
