import type {
  Cohorts,
  Conversion,
  Pareto,
  Pipeline,
  Retention,
  SegmentDistribution,
  TierDistribution,
} from '@stratum/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import {
  customerMetrics,
  customers,
  opportunities,
  orders,
  segmentEvents,
  segmentMembers,
  segments,
  tierSnapshotRows,
  tierSnapshots,
} from '../../db/schema.ts';
import { monthStart } from '../pipeline/analytics.service.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';

const API = '/api/v1/analytics';
/** The first half of 2025 (all its cohorts' twelve months lie in the past). */
const H1 = 'from=2025-01-01&to=2025-06-30';

/**
 * Ten customers (workspace zone Asia/Shanghai) with counted orders — revenue in H1 2025 in brackets:
 *   C1 repA   Jan 1000, Feb 500                       (1500)
 *   C2 repA   Jan 800, 2025-01-31T16:30Z = Feb 1 local 200  (1000)
 *   C3 repB   Feb 600                                 (600)
 *   C4 repB   Feb 300, Mar 100                        (400)
 *   C5 pool   Mar 250                                 (250)
 *   C6 repA2  Mar 150 (+ a cancelled 5000 and a refunded 900, not revenue)  (150)
 *   C7 repA   Apr 100                                 (100)
 *   C8 repB   Apr 50, May 10                          (60)
 *   C9 repA   Dec 2024 900 (before the period), Jan 70 (+ a paid order of 0, not counted)  (70)
 *   C10 repB  May 30                                  (30)
 * Total 4160.
 */
async function seed(t: ReturnType<typeof useTestApp>, org: Org) {
  const ws = org.workspaceId;
  const plan: [string | null, [string, string, ('paid' | 'completed' | 'cancelled' | 'refunded')?][]][] = [
    [
      org.repA.id,
      [
        ['2025-01-10T10:00:00+08:00', '1000'],
        ['2025-02-05T10:00:00+08:00', '500'],
      ],
    ],
    [
      org.repA.id,
      [
        ['2025-01-20T10:00:00+08:00', '800'],
        ['2025-01-31T16:30:00Z', '200'],
      ],
    ],
    [org.repB.id, [['2025-02-15T10:00:00+08:00', '600', 'paid']]],
    [
      org.repB.id,
      [
        ['2025-02-20T10:00:00+08:00', '300'],
        ['2025-03-10T10:00:00+08:00', '100'],
      ],
    ],
    [null, [['2025-03-05T10:00:00+08:00', '250']]],
    [
      org.repA2.id,
      [
        ['2025-03-15T10:00:00+08:00', '150'],
        ['2025-03-16T10:00:00+08:00', '5000', 'cancelled'],
        ['2025-04-16T10:00:00+08:00', '900', 'refunded'],
      ],
    ],
    [org.repA.id, [['2025-04-01T10:00:00+08:00', '100']]],
    [
      org.repB.id,
      [
        ['2025-04-10T10:00:00+08:00', '50'],
        ['2025-05-20T10:00:00+08:00', '10'],
      ],
    ],
    [
      org.repA.id,
      [
        ['2024-12-20T10:00:00+08:00', '900'],
        ['2025-01-05T10:00:00+08:00', '70'],
        ['2025-02-05T10:00:00+08:00', '0', 'paid'],
      ],
    ],
    [org.repB.id, [['2025-05-03T10:00:00+08:00', '30']]],
  ];
  const ids: string[] = [];
  let n = 0;
  for (const [i, [ownerId, list]] of plan.entries()) {
    const [c] = await t.db
      .insert(customers)
      .values({ workspaceId: ws, name: `客户${i + 1}`, ownerId })
      .returning();
    ids.push(c!.id);
    for (const [orderedAt, amount, status] of list) {
      await t.db.insert(orders).values({
        workspaceId: ws,
        customerId: c!.id,
        orderNo: `SO-${++n}`,
        orderedAt,
        status: status ?? 'completed',
        amount,
      });
    }
  }
  return ids;
}

describe('analytics dashboards', () => {
  const t = useTestApp();

  async function setup() {
    const org = await createOrg(t.db);
    const ids = await seed(t, org);
    const admin = await login(t.app, org.admin.email, PASSWORD);
    const repA = await login(t.app, org.repA.email, PASSWORD);
    const get = async <T>(s: Session, path: string): Promise<T> => {
      const res = await call(t.app, s, 'GET', `${API}/${path}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    return { org, ids, admin, repA, get };
  }

  it('Pareto: revenue in the period per customer, the curve and the top-20% share, within scope', async () => {
    const { org, admin, repA, get } = await setup();
    const all = await get<Pareto>(admin, `pareto?${H1}`);
    expect(all).toMatchObject({ customers: 10, revenue: '4160.00' });
    // Top 2 of 10: (1500 + 1000) / 4160
    expect(all.top20Share).toBe(0.601);
    expect(all.points).toHaveLength(11);
    expect(all.points[0]).toEqual({ customerShare: 0, revenueShare: 0 });
    expect(all.points[2]).toEqual({ customerShare: 0.2, revenueShare: 0.601 });
    expect(all.points[10]).toEqual({ customerShare: 1, revenueShare: 1 });
    expect(all.deciles.map((d) => d.revenue)).toEqual(
      ['1500', '1000', '600', '400', '250', '150', '100', '70', '60', '30'].map((x) => `${x}.00`),
    );
    expect(all.deciles[0]).toMatchObject({ band: 1, customers: 1, share: 0.3606, cumulativeShare: 0.3606 });
    expect(all.deciles[9]!.cumulativeShare).toBe(1);

    // repA sees their own C1, C2, C7, C9 and the pool's C5: 1500, 1000, 250, 100, 70 = 2920.
    // Top 20% of 5 = exactly the first customer: 1500 / 2920.
    const mine = await get<Pareto>(repA, `pareto?${H1}`);
    expect(mine).toMatchObject({ customers: 5, revenue: '2920.00', top20Share: 0.5137 });
    // Owned by repA only: 1500, 1000, 100, 70 = 2670; 20% of 4 = 0.8 of the first: 1200 / 2670.
    const own = await get<Pareto>(repA, `pareto?${H1}&ownerId=me`);
    expect(own).toMatchObject({ customers: 4, revenue: '2670.00', top20Share: 0.4494 });
    // Team B (C3, C4, C8, C10): 600, 400, 60, 30 = 1090; 0.8 × 600 / 1090.
    const teamB = await get<Pareto>(admin, `pareto?${H1}&teamId=${org.teamB.id}`);
    expect(teamB).toMatchObject({ customers: 4, revenue: '1090.00', top20Share: 0.4404 });
    // Only January: C1 1000, C2 800, C9 70 (C2's order of Jan 31 16:30 UTC is Feb 1 in Shanghai).
    const jan = await get<Pareto>(admin, 'pareto?from=2025-01-01&to=2025-01-31');
    expect(jan).toMatchObject({ customers: 3, revenue: '1870.00' });
    // Nothing in the period: empty, not an error.
    const none = await get<Pareto>(admin, 'pareto?from=2020-01-01&to=2020-12-31');
    expect(none).toMatchObject({ customers: 0, revenue: '0.00', top20Share: null, points: [], deciles: [] });

    const bad = await call(t.app, admin, 'GET', `${API}/pareto?from=2025-02-01&to=2025-01-01`);
    expect(bad.statusCode).toBe(400);
  });

  it('retention and churn by month: of last month’s buyers, who bought again', async () => {
    const { admin, repA, get } = await setup();
    const all = await get<Retention>(admin, `retention?${H1}`);
    expect(all.months.map((m) => [m.month, m.base, m.retained, m.retentionRate, m.churnRate])).toEqual([
      ['2025-01', 1, 1, 1, 0], // Dec buyers: C9, back in Jan
      ['2025-02', 3, 2, 0.6667, 0.3333], // Jan: C1, C2, C9 → C1, C2
      ['2025-03', 4, 1, 0.25, 0.75], // Feb: C1, C2, C3, C4 → C4
      ['2025-04', 3, 0, 0, 1], // Mar: C4, C5, C6
      ['2025-05', 2, 1, 0.5, 0.5], // Apr: C7, C8 → C8
      ['2025-06', 2, 0, 0, 1], // May: C8, C10
    ]);
    expect(all.months[1]!.churned).toBe(1);
    const mine = await get<Retention>(repA, `retention?${H1}`);
    expect(mine.months.map((m) => [m.month, m.base, m.retained, m.retentionRate])).toEqual([
      ['2025-01', 1, 1, 1],
      ['2025-02', 3, 2, 0.6667],
      ['2025-03', 2, 0, 0],
      ['2025-04', 1, 0, 0], // C5 (pool)
      ['2025-05', 1, 0, 0], // C7
      ['2025-06', 0, 0, null],
    ]);
  });

  it('cohort matrix: month of first counted order, share buying 0..11 months on', async () => {
    const { org, repA, admin, get } = await setup();
    const all = await get<Cohorts>(admin, `cohorts?${H1}`);
    // C9's first order is in Dec 2024: not a cohort of the period.
    expect(all.cohorts.map((c) => [c.month, c.size])).toEqual([
      ['2025-01', 2],
      ['2025-02', 2],
      ['2025-03', 2],
      ['2025-04', 2],
      ['2025-05', 1],
    ]);
    const rates = (c: Cohorts['cohorts'][number]) => c.cells.slice(0, 4).map((x) => x.rate);
    expect(rates(all.cohorts[0]!)).toEqual([1, 1, 0, 0]); // C1, C2 both in Feb
    expect(rates(all.cohorts[1]!)).toEqual([1, 0.5, 0, 0]); // C4 in Mar
    expect(rates(all.cohorts[3]!)).toEqual([1, 0.5, 0, 0]); // C8 in May
    expect(all.cohorts[0]!.cells).toHaveLength(12);
    expect(all.cohorts[0]!.cells[1]).toEqual({ offset: 1, customers: 2, rate: 1 });
    const mine = await get<Cohorts>(repA, `cohorts?${H1}`);
    expect(mine.cohorts.map((c) => [c.month, c.size])).toEqual([
      ['2025-01', 2],
      ['2025-03', 1],
      ['2025-04', 1],
    ]);
    // Cells not yet lived are null, not 0: a cohort of last month has lived this month and no later one.
    const today = todayIn('Asia/Shanghai');
    expect((await get<Cohorts>(admin, `cohorts?from=${monthStart(today, 0)}`)).cohorts).toEqual([]);
    const lastMonth = monthStart(today, -1);
    const [late] = await t.db
      .insert(customers)
      .values({ workspaceId: org.workspaceId, name: '新客户', ownerId: org.repA.id })
      .returning();
    await t.db.insert(orders).values({
      workspaceId: org.workspaceId,
      customerId: late!.id,
      orderNo: 'SO-LATE',
      orderedAt: `${lastMonth}T10:00:00+08:00`,
      status: 'paid',
      amount: '80',
    });
    const recent = await get<Cohorts>(admin, `cohorts?from=${lastMonth}`);
    expect(recent.cohorts.map((c) => [c.month, c.size])).toEqual([[lastMonth.slice(0, 7), 1]]);
    expect(recent.cohorts[0]!.cells.map((x) => x.rate)).toEqual([1, 0, ...Array(10).fill(null)]);
    expect(recent.cohorts[0]!.cells[2]).toEqual({ offset: 2, customers: null, rate: null });
  });

  it('tier distribution: each snapshot of the period and now, in scope', async () => {
    const { org, ids, admin, repA, get } = await setup();
    const ws = org.workspaceId;
    const today = todayIn('Asia/Shanghai');
    const [old] = await t.db
      .insert(tierSnapshots)
      .values({ workspaceId: ws, label: '旧', asOf: monthStart(today, -14), trigger: 'manual' })
      .returning();
    const [s1] = await t.db
      .insert(tierSnapshots)
      .values({ workspaceId: ws, label: 'Q', asOf: monthStart(today, -3), trigger: 'manual' })
      .returning();
    // Snapshot: C1 A, C2 B, C3 B, C4/C5/C7/C8 C, C6 not placed (C9, C10 not customers yet).
    const then = ['A', 'B', 'B', 'C', 'C', null, 'C', 'C'];
    for (const snap of [old!, s1!]) {
      for (const [i, tier] of then.entries()) {
        await t.db.insert(tierSnapshotRows).values({
          workspaceId: ws,
          snapshotId: snap.id,
          customerId: ids[i]!,
          tiers: tier ? { value: tier } : {},
          totalSpend: '0',
        });
      }
    }
    // Now: C1, C2 A; C3, C4 B; C5–C9 C; C10 without a metrics row (not placed).
    const now = ['A', 'A', 'B', 'B', 'C', 'C', 'C', 'C', 'C'];
    for (const [i, tier] of now.entries()) {
      await t.db
        .insert(customerMetrics)
        .values({ workspaceId: ws, customerId: ids[i]!, tiers: { value: tier } });
    }
    const all = await get<TierDistribution>(admin, 'tier-distribution?scheme=value');
    expect(all.tiers.map((x) => x.key)).toEqual(['A', 'B', 'C', 'none']);
    expect(all.tiers[0]).toMatchObject({ name: 'A 类客户', color: '#cf1322' });
    expect(all.points.map((p) => [p.id, p.total, p.counts])).toEqual([
      [s1!.id, 8, { A: 1, B: 2, C: 4, none: 1 }],
      ['current', 10, { A: 2, B: 2, C: 5, none: 1 }],
    ]);
    // repA: C1, C2, C7, C9 and the pool's C5.
    const mine = await get<TierDistribution>({ ...repA, lang: 'en' }, 'tier-distribution?scheme=value');
    expect(mine.points.map((p) => [p.label, p.total, p.counts])).toEqual([
      ['Q', 4, { A: 1, B: 1, C: 2, none: 0 }],
      ['Now', 5, { A: 2, B: 0, C: 3, none: 0 }],
    ]);
    expect(mine.tiers.at(-1)).toMatchObject({ key: 'none', name: 'Not placed' });
    // A past period has no "now".
    const past = await get<TierDistribution>(
      admin,
      `tier-distribution?scheme=value&from=2000-01-01&to=${monthStart(today, -1)}`,
    );
    expect(past.points.map((p) => p.id)).toEqual([old!.id, s1!.id]);
    const bad = await call(t.app, admin, 'GET', `${API}/tier-distribution?scheme=nope`);
    expect(bad.statusCode).toBe(400);
  });

  it('conversion by segment and by tier: members with a deal won in the period', async () => {
    const { org, ids, admin, repA, get } = await setup();
    const ws = org.workspaceId;
    const res = await call(t.app, admin, 'POST', '/api/v1/pipelines', {
      name: '销售管道',
      stages: [
        { name: '接洽', kind: 'open', probability: 10 },
        { name: '赢单', kind: 'won', probability: 100 },
        { name: '输单', kind: 'lost', probability: 0 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Pipeline;
    const stage = (kind: string) => p.stages.find((s) => s.kind === kind)!.id;
    const deal = async (i: number, status: 'open' | 'won' | 'lost', closedAt: string | null) =>
      t.db.insert(opportunities).values({
        workspaceId: ws,
        customerId: ids[i]!,
        pipelineId: p.id,
        stageId: stage(status),
        status,
        title: `单${i}`,
        amount: '100',
        closedAt,
      });
    await deal(0, 'won', '2025-03-01T10:00:00+08:00'); // C1 ✓
    await deal(1, 'won', '2024-12-15T10:00:00+08:00'); // C2: before the period
    await deal(2, 'lost', '2025-03-01T10:00:00+08:00'); // C3: lost
    await deal(2, 'open', null);
    await deal(4, 'won', '2025-02-02T10:00:00+08:00'); // C5 ✓ (pool)
    await deal(6, 'won', '2025-06-30T20:00:00+08:00'); // C7 ✓ (30 June in Shanghai)
    await deal(7, 'won', '2025-06-30T16:30:00Z'); // C8: 1 July in Shanghai
    const seg = async (name: string, members: number[]) => {
      const [s] = await t.db.insert(segments).values({ workspaceId: ws, name, kind: 'static' }).returning();
      for (const i of members) {
        await t.db.insert(segmentMembers).values({ workspaceId: ws, segmentId: s!.id, customerId: ids[i]! });
      }
      return s!.id;
    };
    const big = await seg('大客户', [0, 1, 2, 4]);
    const fresh = await seg('新客户', [6, 7, 9]);
    const empty = await seg('空分群', []);

    const all = await get<Conversion>(admin, `conversion?${H1}`);
    expect(all.groups.map((g) => [g.key, g.members, g.converted, g.rate])).toEqual([
      [big, 4, 2, 0.5],
      [fresh, 3, 1, 0.3333],
      [empty, 0, 0, null],
    ]);
    const mine = await get<Conversion>(repA, `conversion?${H1}`);
    expect(mine.groups.map((g) => [g.name, g.members, g.converted, g.rate])).toEqual([
      ['大客户', 3, 2, 0.6667], // C1, C2, C5
      ['新客户', 1, 1, 1], // C7
      ['空分群', 0, 0, null],
    ]);

    // By the tiers of `value`: C1, C2 A; C3, C4 B; the rest not placed.
    for (const [i, tier] of ['A', 'A', 'B', 'B'].entries()) {
      await t.db
        .insert(customerMetrics)
        .values({ workspaceId: ws, customerId: ids[i]!, tiers: { value: tier } });
    }
    const tiers = await get<Conversion>(admin, `conversion?${H1}&by=scheme&scheme=value`);
    expect(tiers.groups.map((g) => [g.key, g.members, g.converted, g.rate])).toEqual([
      ['A', 2, 1, 0.5],
      ['B', 2, 0, 0],
      ['C', 0, 0, null],
      ['none', 6, 2, 0.3333], // C5, C7
    ]);
    expect((await call(t.app, admin, 'GET', `${API}/conversion?by=scheme`)).statusCode).toBe(400);
  });

  it('segment distribution: members at each month end (workspace zone) and now, in scope', async () => {
    const { org, ids, admin, repA, get } = await setup();
    const ws = org.workspaceId;
    const today = todayIn('Asia/Shanghai');
    /** A segment with its history: [customer index, entered/exited, at]; members now are derived. */
    const seg = async (
      name: string,
      kind: 'dynamic' | 'static',
      history: [number, 'entered' | 'exited', string][],
    ) => {
      const now = new Map<number, string>();
      for (const [i, ev, at] of history) {
        if (ev === 'entered') now.set(i, at);
        else now.delete(i);
      }
      const [s] = await t.db
        .insert(segments)
        .values({ workspaceId: ws, name, kind, memberCount: now.size })
        .returning();
      for (const [i, at] of now) {
        await t.db
          .insert(segmentMembers)
          .values({ workspaceId: ws, segmentId: s!.id, customerId: ids[i]!, enteredAt: at });
      }
      for (const [i, kind, at] of history) {
        await t.db
          .insert(segmentEvents)
          .values({ workspaceId: ws, segmentId: s!.id, customerId: ids[i]!, kind, at });
      }
      return s!.id;
    };
    // 活跃 (dynamic): C5 since Dec 2024; C1 Jan 15; C2 Feb 10 – Apr 5; C3 Mar 1 00:30 in Shanghai (still
    // Feb 28 in UTC); C7 Jun 30 23:30 (June in Shanghai); C9 Jul 1 00:10 (July in Shanghai).
    const active = await seg('活跃', 'dynamic', [
      [4, 'entered', '2024-12-01T10:00:00+08:00'],
      [0, 'entered', '2025-01-15T10:00:00+08:00'],
      [1, 'entered', '2025-02-10T10:00:00+08:00'],
      [2, 'entered', '2025-03-01T00:30:00+08:00'],
      [1, 'exited', '2025-04-05T10:00:00+08:00'],
      [6, 'entered', '2025-06-30T23:30:00+08:00'],
      [8, 'entered', '2025-07-01T00:10:00+08:00'],
    ]);
    // 手动 (static): C6 from Jan 1; C4 added Feb 1, removed Mar 20, added again May 10.
    const manual = await seg('手动', 'static', [
      [5, 'entered', '2025-01-01T10:00:00+08:00'],
      [3, 'entered', '2025-02-01T10:00:00+08:00'],
      [3, 'exited', '2025-03-20T10:00:00+08:00'],
      [3, 'entered', '2025-05-10T10:00:00+08:00'],
    ]);
    const empty = await seg('空分群', 'static', []);
    const series = (d: SegmentDistribution, id: string) => d.points.map((p) => p.counts[id]);

    const all = await get<SegmentDistribution>(admin, `segment-distribution?${H1}`);
    expect(all.segments.map((x) => [x.id, x.name, x.kind])).toEqual([
      [active, '活跃', 'dynamic'],
      [manual, '手动', 'static'],
      [empty, '空分群', 'static'],
    ]);
    expect(all.truncated).toBe(false);
    // A past period: month ends only, no "now".
    expect(all.points.map((p) => [p.id, p.label, p.asOf])).toEqual([
      ['2025-01', '2025-01', '2025-01-31'],
      ['2025-02', '2025-02', '2025-02-28'],
      ['2025-03', '2025-03', '2025-03-31'],
      ['2025-04', '2025-04', '2025-04-30'],
      ['2025-05', '2025-05', '2025-05-31'],
      ['2025-06', '2025-06', '2025-06-30'],
    ]);
    expect(series(all, active)).toEqual([2, 3, 4, 3, 3, 4]);
    expect(series(all, manual)).toEqual([1, 2, 1, 1, 2, 2]);
    expect(series(all, empty)).toEqual([0, 0, 0, 0, 0, 0]);

    // repA sees C1, C2, C7, C9 and the pool's C5 (not C3, C4 of repB nor C6 of repA2).
    const mine = await get<SegmentDistribution>(repA, `segment-distribution?${H1}`);
    expect(series(mine, active)).toEqual([2, 3, 3, 2, 2, 3]);
    expect(series(mine, manual)).toEqual([0, 0, 0, 0, 0, 0]);
    // Team B (C3, C4, C8, C10), two chosen segments in the order asked; a period ending mid-month.
    const teamB = await get<SegmentDistribution>(
      admin,
      `segment-distribution?from=2025-02-01&to=2025-05-15&teamId=${org.teamB.id}&segments=${manual},${active}`,
    );
    expect(teamB.segments.map((x) => x.id)).toEqual([manual, active]);
    expect(teamB.points.map((p) => [p.id, p.asOf, p.counts[manual], p.counts[active]])).toEqual([
      ['2025-02', '2025-02-28', 1, 0],
      ['2025-03', '2025-03-31', 0, 1],
      ['2025-04', '2025-04-30', 0, 1],
      ['2025-05', '2025-05-15', 1, 1],
    ]);

    // The default period reaches today: eleven past month ends, then now (= the members now).
    const recent = await get<SegmentDistribution>({ ...admin, lang: 'en' }, 'segment-distribution');
    expect(recent.points).toHaveLength(12);
    expect(recent.points.at(-1)).toEqual({
      id: 'current',
      label: 'Now',
      asOf: today,
      counts: { [active]: 5, [manual]: 2, [empty]: 0 },
    });
    expect(recent.points[0]!.counts).toEqual({ [active]: 5, [manual]: 2, [empty]: 0 });

    // xlsx/csv: the same numbers, one row per point, one column per segment.
    const csv = await call(
      t.app,
      admin,
      'GET',
      `${API}/segment-distribution/export?format=csv&${H1}&segments=${manual},${active}`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="segment-distribution-2025-06-30.csv"',
    );
    expect(csv.body.split('\r\n').slice(0, 4)).toEqual([
      '\uFEFF月末 / 当前,日期,手动,活跃',
      '2025-01,2025-01-31,1,2',
      '2025-02,2025-02-28,2,3',
      '2025-03,2025-03-31,1,4',
    ]);
    const xlsx = await call(
      t.app,
      { ...repA, lang: 'en' },
      'GET',
      `${API}/segment-distribution/export?${H1}&segments=${active}`,
    );
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Month end / now', 'As of', '活跃']);
    expect(sheet.getRow(7).values).toEqual([undefined, '2025-06', '2025-06-30', 3]);

    // Bad input: not ids, an unknown segment, more than 12, from > to.
    const tooMany = Array.from({ length: 13 }, () => active).join(',');
    for (const q of [
      'segments=abc',
      `segments=${crypto.randomUUID()}`,
      `segments=${tooMany}`,
      'from=2025-02-01&to=2025-01-01',
      'nope=1',
    ]) {
      const res = await call(t.app, admin, 'GET', `${API}/segment-distribution?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
    const badExport = await call(t.app, admin, 'GET', `${API}/segment-distribution/export?segments=x`);
    expect(badExport.statusCode).toBe(400);
  });

  it('segment distribution: no segments, an empty chart', async () => {
    const { admin, get } = await setup();
    const none = await get<SegmentDistribution>(admin, `segment-distribution?${H1}`);
    expect(none).toMatchObject({ segments: [], truncated: false });
    expect(none.points).toHaveLength(0);
  });

  it('exports a chart’s table as xlsx (and csv), in the caller’s language and scope', async () => {
    const { repA, admin } = await setup();
    const res = await call(t.app, { ...repA, lang: 'en' }, 'GET', `${API}/pareto/export?format=xlsx&${H1}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="pareto-2025-06-30.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Customer band (by revenue rank)',
      'Customers',
      'Revenue',
      'Revenue share %',
      'Cumulative share %',
    ]);
    // repA's five customers fill every other band: C1's 1500 of 2920 is the 10–20% band.
    expect(sheet.getRow(2).values).toEqual([undefined, '0–10%', 0, 0, 0, 0]);
    expect(sheet.getRow(3).values).toEqual([undefined, '10–20%', 1, 1500, 51.37, 51.37]);

    const csv = await call(t.app, admin, 'GET', `${API}/retention/export?format=csv&${H1}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFF月份,上月购买客户,本月复购,流失,留存率 %,流失率 %',
      '2025-01,1,1,0,100,0',
      '2025-02,3,2,1,66.67,33.33',
    ]);
    expect((await call(t.app, admin, 'GET', `${API}/nope/export`)).statusCode).toBe(400);
    expect((await call(t.app, admin, 'GET', `${API}/tier-distribution/export`)).statusCode).toBe(400);
  });
});
