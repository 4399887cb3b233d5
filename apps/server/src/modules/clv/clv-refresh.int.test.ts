import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, login, useTestApp } from '../../../test/harness.ts';
import { createOrg, PASSWORD } from '../../../test/fixtures.ts';
import { loadDemo } from '../../db/seed/demo.ts';
import { customers, orders } from '../../db/schema.ts';
import type { ClvAnalytics } from '../analytics/clv.service.ts';
import { placeCustomers, recomputeWorkspace } from '../segmentation/placement.ts';
import { EXPECTED_PURCHASES_WEEKS, STORED_CLV_OPTIONS } from './clv.refresh.ts';
import { clvService } from './clv.service.ts';

const AS_OF = '2026-03-15';

type Stored = {
  customer_id: string;
  owner_id: string | null;
  clv: string | null;
  p_alive: string | null;
  expected_purchases: string | null;
  clv_as_of: string | null;
  order_count: number;
};

describe('lifetime value in the daily recompute', () => {
  const t = useTestApp();

  const stored = async (): Promise<Stored[]> =>
    (
      await t.db.execute<Stored>(sql`
        SELECT m.customer_id::text, c.owner_id::text, m.clv::text, m.p_alive::text, m.expected_purchases::text,
          m.clv_as_of::text, m.order_count
        FROM customer_metrics m JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id
        WHERE c.deleted_at IS NULL ORDER BY m.customer_id`)
    ).rows;

  it(
    'stores CLV, P(alive) and expected purchases as clvService predicts them; rules and the analytics endpoint see them in scope',
    { timeout: 300_000 },
    async () => {
      const demo = await loadDemo(t.db, { seed: 7, password: 'demo-pass-1', customers: 300, asOf: AS_OF });
      const ws = demo.workspaceId;
      // The demo load ends with recomputeWorkspace: run it again to see its result, in ranges of 37
      // customers (each range writes its own customers' figures).
      const stats = await recomputeWorkspace(t.db, ws, { asOf: AS_OF, chunkSize: 37 });
      expect(stats.ranges!.count).toBeGreaterThan(5);
      expect(stats.clv).toMatchObject({ asOf: AS_OF });
      expect(stats.clv!.skipped).toBeUndefined();
      expect(stats.clv!.repeatCustomers).toBeGreaterThanOrEqual(20);

      const rows = await stored();
      expect(rows.every((r) => r.clv_as_of === AS_OF)).toBe(true);
      const withFigures = rows.filter((r) => r.p_alive !== null);
      expect(withFigures.length).toBe(stats.clv!.predicted);
      // Customers without a counted purchase have none.
      for (const r of rows.filter((x) => x.order_count === 0)) expect(r.p_alive).toBeNull();

      // The same numbers as clvService.predict for the same calibration end.
      const short = await clvService.predict(t.db, ws, {
        calibrationEnd: AS_OF,
        horizonWeeks: EXPECTED_PURCHASES_WEEKS,
      });
      const year = await clvService.predict(t.db, ws, { calibrationEnd: AS_OF, ...STORED_CLV_OPTIONS });
      expect(short.predictions.length).toBe(stats.clv!.predicted);
      const byId = new Map(rows.map((r) => [r.customer_id, r]));
      const sample = [...short.predictions].sort((a, b) => b.x - a.x).filter((_, i) => i % 37 === 0);
      expect(sample.length).toBeGreaterThan(3);
      for (const p of sample) {
        const r = byId.get(p.customerId)!;
        const y = year.predictions.find((q) => q.customerId === p.customerId)!;
        expect(r.p_alive).toBe(p.pAlive.toFixed(6));
        expect(r.expected_purchases).toBe(p.expectedPurchases.toFixed(4));
        expect(r.clv).toBe(y.clv.toFixed(2));
      }
      const pAlives = withFigures.map((r) => Number(r.p_alive));
      expect(Math.min(...pAlives)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...pAlives)).toBeLessThanOrEqual(1);

      // An incremental write (one customer's placement) keeps the stored figures.
      const one = withFigures[0]!;
      await placeCustomers(t.db, ws, [one.customer_id], { asOf: '2026-03-20' });
      expect((await stored()).find((r) => r.customer_id === one.customer_id)).toEqual(one);

      // A list filter on p_alive.
      const admin = await login(t.app, 'admin@demo.stratum.local', 'demo-pass-1');
      const rule = { field: 'p_alive', op: 'lt', value: 0.5 };
      const res = await call(
        t.app,
        admin,
        'GET',
        `/api/v1/customers?filter=${encodeURIComponent(JSON.stringify(rule))}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const low = withFigures.filter((r) => Number(r.p_alive) < 0.5).length;
      expect(low).toBeGreaterThan(0);
      expect(res.json().total).toBe(low);
      // A tier rule on it: a scheme placing everyone by P(alive) (as a churn-risk tier would).
      const scheme = await call(t.app, admin, 'POST', '/api/v1/schemes', {
        key: 'alive',
        nameZh: '存活概率',
        nameEn: 'Alive',
        tiers: [
          { key: 'fading', nameZh: '可能已流失', nameEn: 'Fading', rule },
          { key: 'other', nameZh: '其他', nameEn: 'Other' },
        ],
      });
      expect(scheme.statusCode, scheme.body).toBe(201);
      const { rows: placed } = await t.db.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM customer_metrics m JOIN customers c ON c.workspace_id = m.workspace_id
          AND c.id = m.customer_id
        WHERE c.deleted_at IS NULL AND m.tiers->>'alive' = 'fading'`);
      expect(placed[0]!.n).toBe(low);

      // The analytics endpoint: the whole workspace for the admin, a rep's own customers and the pool for a rep.
      const all = (
        await call(t.app, admin, 'GET', '/api/v1/analytics/clv?holdoutWeeks=13')
      ).json() as ClvAnalytics;
      expect(all.params.status).toBe('fitted');
      expect(all.params.bgnbd!.r).toBeCloseTo(short.fit.bgnbd.r, 6);
      expect(all.totals).toMatchObject({
        customers: rows.length,
        withClv: withFigures.length,
        storedAsOf: AS_OF,
      });
      expect(all.distribution.reduce((n, b) => n + b.count, 0)).toBe(withFigures.length);
      expect(all.top.length).toBe(20);
      expect(Number(all.top[0]!.clv)).toBe(Math.max(...withFigures.map((r) => Number(r.clv))));
      const v = all.validation;
      expect(v).toMatchObject({ status: 'fitted', holdoutWeeks: 13, end: AS_OF });
      expect(v.weeks.filter((w) => w.holdout).length).toBe(13);
      expect(v.weeks.at(-1)!.end).toBe(AS_OF);
      const last = v.weeks.at(-1)!;
      const atSplit = v.weeks.find((w) => w.week === 0)!;
      expect(last.actual - atSplit.actual).toBe(v.holdoutActual);
      expect(last.predicted).toBeGreaterThan(0);

      const { rows: reps } = await t.db.execute<{ id: string; email: string }>(
        sql`SELECT u.id::text, u.email FROM users u WHERE u.workspace_id = ${ws} AND u.role = 'rep'
            AND EXISTS (SELECT 1 FROM customers c WHERE c.owner_id = u.id) ORDER BY u.email LIMIT 1`,
      );
      const rep = reps[0]!;
      const session = await login(t.app, rep.email, 'demo-pass-1');
      const repRes = await call(t.app, session, 'GET', '/api/v1/analytics/clv?holdoutWeeks=13');
      expect(repRes.statusCode, repRes.body).toBe(200);
      const mine = repRes.json() as ClvAnalytics;
      const visible = rows.filter((r) => r.owner_id === null || r.owner_id === rep.id);
      expect(mine.totals.customers).toBe(visible.length);
      expect(mine.totals.withClv).toBe(visible.filter((r) => r.p_alive !== null).length);
      expect(mine.totals.customers).toBeLessThan(rows.length);
      const visibleIds = new Set(visible.map((r) => r.customer_id));
      expect(mine.top.every((c) => visibleIds.has(c.id))).toBe(true);
      expect(mine.validation.customers).toBeLessThan(all.validation.customers);
      // One customer's figures (the 360 page): in scope as stored, out of scope not found.
      const own = rows.find((r) => r.owner_id === rep.id && r.p_alive !== null)!;
      const other = rows.find((r) => r.owner_id !== null && r.owner_id !== rep.id)!;
      const ownRes = await call(t.app, session, 'GET', `/api/v1/analytics/clv/customers/${own.customer_id}`);
      expect(ownRes.statusCode, ownRes.body).toBe(200);
      expect(ownRes.json()).toMatchObject({
        customerId: own.customer_id,
        clv: own.clv,
        pAlive: Number(own.p_alive),
        expectedPurchases: Number(own.expected_purchases),
        asOf: AS_OF,
        expectedPurchasesWeeks: 13,
      });
      const otherRes = await call(
        t.app,
        session,
        'GET',
        `/api/v1/analytics/clv/customers/${other.customer_id}`,
      );
      expect(otherRes.statusCode).toBe(404);
      // The model is the workspace's; the figures are the rep's.
      expect(mine.params.bgnbd).toEqual(all.params.bgnbd);
    },
  );

  it('leaves nulls and says why when the workspace has too little history; never fails the recompute', async () => {
    const org = await createOrg(t.db);
    const ws = org.workspaceId;
    const made = await t.db
      .insert(customers)
      .values(['甲', '乙', '丙'].map((name) => ({ workspaceId: ws, name })))
      .returning({ id: customers.id });
    await t.db.insert(orders).values(
      made.flatMap((c, i) =>
        ['2026-01-05T10:00:00+08:00', '2026-02-05T10:00:00+08:00'].map((at, j) => ({
          workspaceId: ws,
          customerId: c.id,
          orderNo: `SO-${i}-${j}`,
          orderedAt: at,
          status: 'completed' as const,
          amount: '100.00',
        })),
      ),
    );
    const stats = await recomputeWorkspace(t.db, ws, { asOf: AS_OF });
    expect(stats.clv).toMatchObject({
      skipped: 'too_few_repeat_customers',
      customers: 3,
      repeatCustomers: 3,
      predicted: 0,
    });
    const rows = await stored();
    expect(rows.map((r) => [r.clv, r.p_alive, r.expected_purchases, r.clv_as_of])).toEqual(
      rows.map(() => [null, null, null, AS_OF]),
    );
    const admin = await login(t.app, org.admin.email, PASSWORD);
    const res = await call(t.app, admin, 'GET', '/api/v1/analytics/clv');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ClvAnalytics;
    expect(body.params).toMatchObject({ status: 'too_few_repeat_customers', bgnbd: null });
    expect(body.validation).toMatchObject({ status: 'too_few_repeat_customers', weeks: [] });
    expect(body.distribution).toEqual([]);
  });
});
