import type { Segment } from '@stratum/contracts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, login, useTestApp, type Session } from '../../../test/harness.ts';
import { createOrg, PASSWORD, type Org } from '../../../test/fixtures.ts';
import { customers, orders, segmentMembers, segments } from '../../db/schema.ts';
import { metricsRepository } from '../customers/metrics.repository.ts';
import type { ClustersResult } from './clusters.schemas.ts';

const API = '/api/v1/analytics/clusters';
const AS_OF = '2025-06-30';
const ZONE = 'Asia/Shanghai';

/** The local day `days` before the as-of day, at 10:00 in Shanghai. */
const daysBefore = (days: number) => {
  const d = new Date(Date.UTC(2025, 5, 30) - days * 86_400_000).toISOString().slice(0, 10);
  return `${d}T10:00:00+08:00`;
};

/**
 * Three groups of customers with known R/F/M (as of 2025-06-30, workspace zone Asia/Shanghai):
 *   VIP     6: customer i (0..5) has 18 + i orders of 500, the last one 1 + i days ago → 61,500
 *   lapsed  8: 3 or 4 orders (i odd) of 250, the last one 300 + 5i days ago           →  7,000
 *   new    12: one order of 80 + 5i, 5 + i days ago                                     →  1,290
 * Total 69,790. Owners alternate: VIP and lapsed i even → repA, odd → repB; new i < 6 → repA, else repB.
 * Plus two customers that are not scored: one without orders, one with only a cancelled order.
 */
async function seed(t: ReturnType<typeof useTestApp>, org: Org) {
  const ws = org.workspaceId;
  const groups: Record<'vip' | 'lapsed' | 'new', string[]> = { vip: [], lapsed: [], new: [] };
  const owners: Record<string, string> = {};
  const orderRows: (typeof orders.$inferInsert)[] = [];
  let n = 0;
  const customer = async (name: string, ownerId: string | null) => {
    const [c] = await t.db.insert(customers).values({ workspaceId: ws, name, ownerId }).returning();
    if (ownerId) owners[c!.id] = ownerId;
    return c!.id;
  };
  const order = (customerId: string, daysAgo: number, amount: number, status = 'completed' as const) =>
    orderRows.push({
      workspaceId: ws,
      customerId,
      orderNo: `SO-${++n}`,
      orderedAt: daysBefore(daysAgo),
      status,
      amount: amount.toFixed(2),
    });
  for (let i = 0; i < 6; i++) {
    const id = await customer(`VIP${i}`, i % 2 ? org.repB.id : org.repA.id);
    groups.vip.push(id);
    for (let o = 0; o < 18 + i; o++) order(id, 1 + i + 7 * o, 500);
  }
  for (let i = 0; i < 8; i++) {
    const id = await customer(`沉睡${i}`, i % 2 ? org.repB.id : org.repA.id);
    groups.lapsed.push(id);
    for (let o = 0; o < 3 + (i % 2); o++) order(id, 300 + 5 * i + 30 * o, 250);
  }
  for (let i = 0; i < 12; i++) {
    const id = await customer(`新客${i}`, i < 6 ? org.repA.id : org.repB.id);
    groups.new.push(id);
    order(id, 5 + i, 80 + 5 * i);
  }
  await customer('没有订单', org.repA.id);
  const cancelled = await customer('只有取消的订单', org.repA.id);
  orderRows.push({
    workspaceId: ws,
    customerId: cancelled,
    orderNo: `SO-${++n}`,
    orderedAt: daysBefore(3),
    status: 'cancelled',
    amount: '9999.00',
  });
  await t.db.insert(orders).values(orderRows);
  await metricsRepository.recompute(t.db, ws, 'all', { asOf: AS_OF, timeZone: ZONE });
  return { groups, owners };
}

describe('customer clustering (AI 自动分群)', () => {
  const t = useTestApp();

  async function setup() {
    const org = await createOrg(t.db);
    const data = await seed(t, org);
    const admin = await login(t.app, org.admin.email, PASSWORD);
    const repA = await login(t.app, org.repA.email, PASSWORD);
    const managerA = await login(t.app, org.managerA.email, PASSWORD);
    const run = async (s: Session, body: object = {}) => {
      const res = await call(t.app, s, 'POST', API, { asOf: AS_OF, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ClustersResult>();
    };
    const members = async (segmentId: string) =>
      (
        await t.db
          .select({ id: segmentMembers.customerId })
          .from(segmentMembers)
          .where(
            and(eq(segmentMembers.workspaceId, org.workspaceId), eq(segmentMembers.segmentId, segmentId)),
          )
      )
        .map((r) => r.id)
        .sort();
    return { org, ...data, admin, repA, managerA, run, members };
  }

  it('finds the three known groups, k by silhouette, with hand-checked sizes, shares and means', async () => {
    const { admin, run } = await setup();
    const r = await run(admin);
    expect(r).toMatchObject({
      asOf: AS_OF,
      timeZone: ZONE,
      status: 'clustered',
      customers: 26,
      skipped: 0,
      fittedOn: 26,
      sampled: false,
      k: 3,
      kSource: 'silhouette',
      params: { k: 3, fields: [], asOf: AS_OF },
    });
    expect(r.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...r.silhouettes.map((s) => s.silhouette));
    expect(r.silhouettes.find((s) => s.k === 3)!.silhouette).toBe(best);
    expect(best).toBeGreaterThan(0.6);

    // Numbered by revenue: VIP, lapsed, new.
    const [vip, lapsed, fresh] = r.clusters;
    expect(r.clusters.map((c) => [c.index, c.size, c.revenue])).toEqual([
      [0, 6, '61500.00'],
      [1, 8, '7000.00'],
      [2, 12, '1290.00'],
    ]);
    expect(vip!.revenueShare).toBe(0.8812); // 61,500 / 69,790
    expect(lapsed!.revenueShare).toBe(0.1003); // 7,000 / 69,790
    expect(fresh!.revenueShare).toBe(0.0185); // 1,290 / 69,790
    expect(vip!.sizeShare).toBe(0.2308); // 6 / 26
    expect(vip!.means).toEqual({ recencyDays: 3.5, frequency: 20.5, monetary: 10250 });
    expect(lapsed!.means).toEqual({ recencyDays: 317.5, frequency: 3.5, monetary: 875 });
    expect(fresh!.means).toEqual({ recencyDays: 10.5, frequency: 1, monetary: 107.5 });
    expect(vip!.description).toEqual({
      zh: '高频高额、近期活跃',
      en: 'Frequent, high spend, recently active',
    });
    expect(lapsed!.description.zh).toContain('久未购买');
    expect(fresh!.description.zh).toMatch(/^低频低额/);
    expect(vip!.centroid.frequency).toBeGreaterThan(1);
    expect(r.features.map((f) => f.field)).toEqual(['recency_days', 'order_count', 'total_spend']);

    // Deterministic, and k can be overridden.
    expect(await run(admin)).toEqual(r);
    const two = await run(admin, { k: 2 });
    expect(two).toMatchObject({ k: 2, kSource: 'override', params: { k: 2 } });
    expect(two.silhouettes.map((s) => s.k)).toEqual([2]);
    expect(two.clusters.reduce((s, c) => s + c.size, 0)).toBe(26);
  });

  it('adds registry fields as features; a field empty for everyone leaves nobody to cluster', async () => {
    const { admin, run } = await setup();
    const r = await run(admin, { fields: ['avg_order_value', 'tenure_days'] });
    expect(r.k).toBe(3);
    expect(r.features.map((f) => f.key)).toEqual([
      'recencyDays',
      'frequency',
      'monetary',
      'avg_order_value',
      'tenure_days',
    ]);
    expect(r.clusters.map((c) => c.means.avg_order_value)).toEqual([500, 250, 107.5]);
    // VIP i first ordered 1 + i + 7·(17 + i) days ago: mean over i = 0..5 of 120 + 8i = 140.
    expect(r.clusters[0]!.means.tenure_days).toBe(140);

    // No CLV is stored yet (no daily recompute ran): every scored customer lacks it.
    const clv = await run(admin, { fields: ['clv'] });
    expect(clv).toMatchObject({
      status: 'too_few_customers',
      customers: 0,
      skipped: 26,
      k: 0,
      clusters: [],
      params: { k: null },
    });
  });

  it('a rep clusters only the customers in their scope; owner and team filters narrow it', async () => {
    const { org, repA, admin, run } = await setup();
    // repA owns VIP 0, 2, 4 (18 + 20 + 22 orders of 500), lapsed 0, 2, 4, 6 and new 0..5.
    const mine = await run(repA);
    expect(mine).toMatchObject({ status: 'clustered', customers: 13, k: 3 });
    expect(mine.clusters.map((c) => [c.size, c.revenue])).toEqual([
      [3, '30000.00'],
      [4, '3000.00'],
      [6, '555.00'],
    ]);
    // The same through the admin's owner filter; team B holds only repB's 13.
    const owned = await run(admin, { ownerId: org.repA.id });
    expect(owned.clusters).toEqual(mine.clusters);
    const teamB = await run(admin, { teamId: org.teamB.id });
    expect(teamB.customers).toBe(13);
    expect(teamB.clusters.map((c) => c.revenue)).toEqual(['31500.00', '4000.00', '735.00']);
    // A team without customers: the empty state, not an error.
    const lone = await run(admin, { ownerId: org.loneRep.id });
    expect(lone).toMatchObject({ status: 'too_few_customers', customers: 0, minCustomers: 10, clusters: [] });
  });

  it('saves a cluster as a static segment with exactly its customers, recomputed in scope', async () => {
    const { org, groups, owners, admin, repA, managerA, members } = await setup();
    const res = await call(t.app, admin, 'POST', `${API}/save`, {
      asOf: AS_OF,
      k: 3,
      cluster: 0,
      name: '高价值客户群',
      expectedSize: 6,
    });
    expect(res.statusCode, res.body).toBe(201);
    const seg = res.json<Segment>();
    expect(seg).toMatchObject({ name: '高价值客户群', kind: 'static', count: 6, rule: null });
    expect(seg.description).toBe(`智能分群（k=3，截至 ${AS_OF}）：高频高额、近期活跃`);
    expect(await members(seg.id)).toEqual([...groups.vip].sort());

    // Without k it is chosen again (the same 3); an English caller gets an English description.
    const lapsed = await call(t.app, { ...admin, lang: 'en' }, 'POST', `${API}/save`, {
      asOf: AS_OF,
      cluster: 1,
      name: 'Lapsed',
    });
    expect(lapsed.statusCode, lapsed.body).toBe(201);
    expect(lapsed.json<Segment>().description).toMatch(/^Customer clustering \(k = 3, as of 2025-06-30\): /);
    expect(await members(lapsed.json<Segment>().id)).toEqual([...groups.lapsed].sort());

    // Reps may not save segments; a manager saves within the team's customers only.
    const denied = await call(t.app, repA, 'POST', `${API}/save`, { cluster: 0, name: 'x' });
    expect(denied.statusCode).toBe(403);
    const team = await call(t.app, managerA, 'POST', `${API}/save`, {
      asOf: AS_OF,
      cluster: 0,
      name: '华东高价值',
    });
    expect(team.statusCode, team.body).toBe(201);
    const teamMembers = await members(team.json<Segment>().id);
    expect(teamMembers).toEqual(groups.vip.filter((id) => owners[id] === org.repA.id).sort());
    expect(teamMembers).toHaveLength(3);

    const [row] = await t.db
      .select()
      .from(segments)
      .where(and(eq(segments.workspaceId, org.workspaceId), eq(segments.id, seg.id)));
    expect(row).toMatchObject({ kind: 'static', memberCount: 6 });
  });

  it('refuses bad input with stable codes', async () => {
    const { org, admin } = await setup();
    const post = (url: string, body: object, s: Session = admin) => call(t.app, s, 'POST', url, body);
    for (const body of [
      { k: 1 },
      { k: 11 },
      { k: 2.5 },
      { fields: ['name'] },
      { fields: ['recency_days'] },
      { fields: ['clv', 'clv'] },
      { asOf: '2025-13-01' },
      { teamId: 'not-a-uuid' },
      { unknown: true },
    ]) {
      const res = await post(API, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const noName = await post(`${API}/save`, { cluster: 0 });
    expect(noName.json().error.code).toBe('VALIDATION_FAILED');
    const tooHigh = await post(`${API}/save`, { asOf: AS_OF, k: 3, cluster: 5, name: 'x' });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'cluster', code: 'not_found' })],
    });
    const changed = await post(
      `${API}/save`,
      { asOf: AS_OF, k: 3, cluster: 0, name: 'x', expectedSize: 7 },
      { ...admin, lang: 'en' },
    );
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({
      code: 'CLUSTERS_CHANGED',
      message:
        'The data changed: this cluster now has 6 customers (it had 7); run the clustering again before saving',
    });
    const empty = await post(`${API}/save`, { ownerId: org.loneRep.id, cluster: 0, name: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      code: 'CLUSTERS_TOO_FEW_CUSTOMERS',
      message: '有订单的客户少于 10 个，无法进行智能分群',
    });
    // A duplicate segment name is the segments' own validation error.
    await post(`${API}/save`, { asOf: AS_OF, cluster: 0, name: '重名' });
    const dup = await post(`${API}/save`, { asOf: AS_OF, cluster: 1, name: '重名' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0]).toMatchObject({ path: 'name', code: 'duplicate' });
    const anonymous = await call(t.app, null, 'POST', API, {});
    expect(anonymous.statusCode).toBe(401);
  });
});
