import type { Funnel, Portrait } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, login, useTestApp } from '../../../test/harness.ts';
import { loadDemo } from '../../db/seed/demo.ts';

describe('pipeline demo', () => {
  const t = useTestApp();

  it('loads a default pipeline and opportunities whose histories hold together; the portrait finds a profile', async () => {
    const summary = await loadDemo(t.db, {
      seed: 7,
      password: 'demo-pass-1',
      customers: 500,
      asOf: '2026-03-15',
    });
    expect(summary.opportunities).toBeGreaterThan(50);
    // Every deal has exactly one stay in progress, in its current stage, entered when the deal says.
    const { rows: bad } = await t.db.execute(sql`
      SELECT o.id FROM opportunities o
      LEFT JOIN opportunity_stage_history h ON h.workspace_id = o.workspace_id AND h.opportunity_id = o.id AND h.left_at IS NULL
      GROUP BY o.id, o.stage_id, o.stage_entered_at
      HAVING count(h.id) <> 1 OR min(h.stage_id::text) <> o.stage_id::text OR min(h.entered_at) <> o.stage_entered_at`);
    expect(bad).toEqual([]);
    const { rows: metrics } = await t.db.execute<{ a: number; b: number }>(sql`
      SELECT (SELECT count(*)::int FROM opportunities WHERE status = 'open') AS a,
             (SELECT COALESCE(sum(open_opportunities), 0)::int FROM customer_metrics) AS b`);
    expect(metrics[0]!.a).toBeGreaterThan(0);
    expect(Number(metrics[0]!.b)).toBe(Number(metrics[0]!.a));

    const admin = await login(t.app, 'admin@demo.stratum.local', 'demo-pass-1');
    const funnel = (await call(t.app, admin, 'GET', '/api/v1/pipeline/funnel')).json() as Funnel;
    expect(funnel.total).toBe(summary.opportunities);
    expect(funnel.won).toBeGreaterThan(0);
    expect(funnel.lost).toBeGreaterThan(0);
    const reached = funnel.stages.filter((s) => s.stage.kind !== 'lost').map((s) => s.reached);
    expect(reached).toEqual([...reached].sort((a, b) => b - a));
    const portrait = (await call(t.app, admin, 'GET', '/api/v1/pipeline/portrait')).json() as Portrait;
    const industries = portrait.dimensions.find((d) => d.key === 'industry')!.values;
    expect(industries.reduce((n, v) => n + v.wonCustomers, 0)).toBe(portrait.wonCustomers);
    expect(industries.reduce((n, v) => n + v.customers, 0)).toBe(portrait.customers);
    expect(portrait.bullseye?.lift).toBeGreaterThan(1);
  }, 120_000);
});
