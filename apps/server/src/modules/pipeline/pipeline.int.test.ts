import type { Funnel, OpportunityDetail, Pipeline, Portrait } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import {
  auditOf,
  createCustomer,
  expectError,
  expectIssue,
  list,
  NO_SUCH_ID,
  useWorld,
} from '../../../test/customer-fixtures.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';
import { monthStart } from './analytics.service.ts';

const PIPELINES = '/api/v1/pipelines';
const OPPS = '/api/v1/opportunities';

const STAGES = [
  { name: '初步接洽', kind: 'open', probability: 10 },
  { name: '需求确认', kind: 'open', probability: 30 },
  { name: '方案报价', kind: 'open', probability: 60 },
  { name: '赢单', kind: 'won', probability: 100 },
  { name: '输单', kind: 'lost', probability: 0 },
];

describe('pipeline', () => {
  const t = useTestApp();
  const w = useWorld(t);

  async function createPipeline(admin: Session): Promise<Pipeline> {
    const res = await call(t.app, admin, 'POST', PIPELINES, {
      name: '默认销售管道',
      stages: STAGES,
      lossReasons: [{ name: '价格过高' }, { name: '选择了竞品' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function openOpportunities(customerId: string): Promise<number> {
    const { rows } = await t.db.execute<{ n: number }>(
      sql`SELECT open_opportunities AS n FROM customer_metrics WHERE customer_id = ${customerId}`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  it('admins configure pipelines; stages are ordered with one won and one lost stage; others only read', async () => {
    const admin = await w.as('admin');
    const p = await createPipeline(admin);
    expect(p.isDefault).toBe(true);
    expect(p.stages.map((s) => [s.name, s.kind, s.probability, s.position])).toEqual([
      ['初步接洽', 'open', 10, 0],
      ['需求确认', 'open', 30, 1],
      ['方案报价', 'open', 60, 2],
      ['赢单', 'won', 100, 3],
      ['输单', 'lost', 0, 4],
    ]);
    for (const who of ['managerA', 'repA'] as const) {
      const s = await w.as(who);
      expect((await call(t.app, s, 'GET', PIPELINES)).json()).toEqual([p]);
      expectError(await call(t.app, s, 'POST', PIPELINES, { name: 'x', stages: STAGES }), 403, 'FORBIDDEN');
      expectError(
        await call(t.app, s, 'PATCH', `${PIPELINES}/${p.id}`, { version: 1, name: 'x' }),
        403,
        'FORBIDDEN',
      );
    }
    // Two won stages, or no open stage: refused.
    expectIssue(
      await call(t.app, admin, 'POST', PIPELINES, {
        name: 'bad',
        stages: [...STAGES, { name: '又赢', kind: 'won', probability: 100 }],
      }),
      'stages',
      'invalid_stages',
    );
    expectIssue(
      await call(t.app, admin, 'POST', PIPELINES, {
        name: 'bad',
        stages: STAGES.slice(3).concat(STAGES.slice(3)),
      }),
      'stages',
      'invalid_stages',
    );

    // Reorder, rename, add a stage; a stage holding a deal cannot be dropped.
    const repA = await w.as('repA');
    const customer = await createCustomer(t.app, repA);
    const opp = await call(t.app, repA, 'POST', OPPS, {
      customerId: customer.id,
      title: '年度采购',
      amount: '100',
    });
    expect(opp.statusCode, opp.body).toBe(201);
    const [s0, s1, s2, won, lost] = p.stages;
    const res = await call(t.app, admin, 'PATCH', `${PIPELINES}/${p.id}`, {
      version: p.version,
      stages: [
        { id: s1!.id, name: '需求确认', kind: 'open', probability: 25 },
        { id: s0!.id, name: '初步接触', kind: 'open', probability: 10 },
        { name: '商务谈判', kind: 'open', probability: 80 },
        { id: won!.id, name: '赢单', kind: 'won', probability: 50 },
        { id: lost!.id, name: '输单', kind: 'lost', probability: 0 },
      ],
      lossReasons: [{ id: p.lossReasons[1]!.id, name: '竞品' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const p2 = res.json() as Pipeline;
    expect(p2.stages.map((s) => [s.name, s.probability])).toEqual([
      ['需求确认', 25],
      ['初步接触', 10],
      ['商务谈判', 80],
      ['赢单', 100],
      ['输单', 0],
    ]);
    expect(p2.stages.map((s) => s.id)).not.toContain(s2!.id);
    expect(p2.lossReasons).toEqual([{ id: p.lossReasons[1]!.id, name: '竞品', active: true }]);
    expectError(
      await call(t.app, admin, 'PATCH', `${PIPELINES}/${p.id}`, { version: p.version, name: 'stale' }),
      409,
      'VERSION_CONFLICT',
    );
    const dropInUse = await call(t.app, admin, 'PATCH', `${PIPELINES}/${p.id}`, {
      version: p2.version,
      stages: p2.stages
        .filter((s) => s.id !== s0!.id)
        .map(({ id, name, kind, probability }) => ({ id, name, kind, probability })),
    });
    expectError(dropInUse, 409, 'STAGE_IN_USE');
    expect(dropInUse.json().error.message).toContain('初步接触');
    expectError(await call(t.app, admin, 'DELETE', `${PIPELINES}/${p.id}`), 409, 'PIPELINE_IN_USE');
    expect((await auditOf(t.app, admin, 'pipeline', p.id)).map((a) => a.action)).toEqual([
      'pipeline.update',
      'pipeline.create',
    ]);
  });

  it('an empty pipeline may be deleted; the default passes to the next one', async () => {
    const admin = await w.as('admin');
    const first = await createPipeline(admin);
    const res = await call(t.app, admin, 'POST', PIPELINES, {
      name: '项目型销售',
      stages: STAGES,
      isDefault: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json() as Pipeline;
    const list = (await call(t.app, admin, 'GET', PIPELINES)).json() as Pipeline[];
    expect(list.map((p) => [p.name, p.isDefault])).toEqual([
      ['项目型销售', true],
      ['默认销售管道', false],
    ]);
    expectIssue(
      await call(t.app, admin, 'POST', PIPELINES, { name: '项目型销售', stages: STAGES }),
      'name',
      'duplicate',
    );
    expect((await call(t.app, admin, 'DELETE', `${PIPELINES}/${second.id}`)).statusCode).toBe(204);
    const after = (await call(t.app, admin, 'GET', PIPELINES)).json() as Pipeline[];
    expect(after.map((p) => [p.id, p.isDefault])).toEqual([[first.id, true]]);
    expect((await auditOf(t.app, admin, 'pipeline', second.id)).map((a) => a.action)).toEqual([
      'pipeline.delete',
      'pipeline.create',
    ]);
  });

  it('opportunities: create, move with the version, win, lose with a reason, reopen; metrics follow', async () => {
    const admin = await w.as('admin');
    const p = await createPipeline(admin);
    const repA = await w.as('repA');
    const customer = await createCustomer(t.app, repA, { name: '杭州恒瑞机械有限公司' });
    const product = await call(t.app, admin, 'POST', '/api/v1/products', { sku: 'P-1', name: '数控机床' });
    const res = await call(t.app, repA, 'POST', OPPS, {
      customerId: customer.id,
      title: '二期产线改造',
      amount: '125000.5',
      expectedCloseOn: '2026-06-30',
      productIds: [product.json().id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json() as OpportunityDetail;
    expect(o).toMatchObject({
      customerName: '杭州恒瑞机械有限公司',
      stageId: p.stages[0]!.id,
      stageName: '初步接洽',
      status: 'open',
      amount: '125000.50',
      weightedAmount: '12500.05',
      ownerId: w.org.repA.id,
      productNames: ['数控机床'],
      version: 1,
    });
    expect(o.history).toHaveLength(1);
    expect(await openOpportunities(customer.id)).toBe(1);

    // Move: the version read; a second mover with the same version gets 409 and the current deal.
    const moved = await call(t.app, repA, 'POST', `${OPPS}/${o.id}/move`, {
      version: 1,
      stageId: p.stages[2]!.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ stageName: '方案报价', version: 2, weightedAmount: '75000.30' });
    const stale = await call(t.app, repA, 'POST', `${OPPS}/${o.id}/move`, {
      version: 1,
      stageId: p.stages[1]!.id,
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({ stageId: p.stages[2]!.id, version: 2 });
    expectIssue(
      await call(t.app, repA, 'POST', `${OPPS}/${o.id}/move`, { version: 2, stageId: p.stages[3]!.id }),
      'stageId',
      'not_open_stage',
    );

    const won = await call(t.app, repA, 'POST', `${OPPS}/${o.id}/win`, { version: 2 });
    expect(won.json()).toMatchObject({ status: 'won', stageName: '赢单', version: 3 });
    expect(won.json().closedAt).not.toBeNull();
    expect(await openOpportunities(customer.id)).toBe(0);

    expectIssue(
      await call(t.app, repA, 'POST', `${OPPS}/${o.id}/lose`, { version: 3, lossReasonId: NO_SUCH_ID }),
      'lossReasonId',
      'other_pipeline',
    );
    const lost = await call(t.app, repA, 'POST', `${OPPS}/${o.id}/lose`, {
      version: 3,
      lossReasonId: p.lossReasons[0]!.id,
      note: '预算被砍',
    });
    expect(lost.json()).toMatchObject({ status: 'lost', lossReasonName: '价格过高', lossNote: '预算被砍' });

    const reopened = await call(t.app, repA, 'POST', `${OPPS}/${o.id}/move`, {
      version: 4,
      stageId: p.stages[1]!.id,
    });
    const detail = reopened.json() as OpportunityDetail;
    expect(detail).toMatchObject({ status: 'open', lossReasonId: null, closedAt: null, version: 5 });
    expect(detail.history.map((h) => [h.stageName, h.leftAt === null])).toEqual([
      ['初步接洽', false],
      ['方案报价', false],
      ['赢单', false],
      ['输单', false],
      ['需求确认', true],
    ]);
    expect(await openOpportunities(customer.id)).toBe(1);

    // The customer rule language knows the metric.
    const filter = encodeURIComponent(JSON.stringify({ field: 'open_opportunities', op: 'gte', value: 1 }));
    expect((await list(t.app, repA, `/api/v1/customers?filter=${filter}`)).items.map((c) => c.id)).toEqual([
      customer.id,
    ]);
    const value = (v: number) =>
      encodeURIComponent(JSON.stringify({ field: 'pipeline_value', op: 'gte', value: v }));
    expect(
      (await list(t.app, repA, `/api/v1/customers?filter=${value(125000)}`)).items.map((c) => c.id),
    ).toEqual([customer.id]);
    expect((await list(t.app, repA, `/api/v1/customers?filter=${value(125001)}`)).items).toEqual([]);

    const patched = await call(t.app, repA, 'PATCH', `${OPPS}/${o.id}`, { version: 5, amount: '99.999' });
    expectIssue(patched, 'amount');
    const ok = await call(t.app, repA, 'PATCH', `${OPPS}/${o.id}`, {
      version: 5,
      amount: '99.99',
      productIds: [],
    });
    expect(ok.json()).toMatchObject({ amount: '99.99', productIds: [], version: 6 });

    expect((await call(t.app, repA, 'DELETE', `${OPPS}/${o.id}`)).statusCode).toBe(204);
    expect(await openOpportunities(customer.id)).toBe(0);
    expect((await auditOf(t.app, admin, 'opportunity', o.id)).map((a) => a.action)).toEqual([
      'opportunity.delete',
      'opportunity.update',
      'opportunity.move',
      'opportunity.lose',
      'opportunity.win',
      'opportunity.move',
      'opportunity.create',
    ]);
  });

  it('data scope: a rep neither reads nor moves another rep’s deal; a pool customer’s deal is read-only to reps', async () => {
    const admin = await w.as('admin');
    const p = await createPipeline(admin);
    const repA = await w.as('repA');
    const repB = await w.as('repB');
    const mine = await createCustomer(t.app, repA, { name: 'A 的客户' });
    const pool = await createCustomer(t.app, admin, { name: '公海客户', ownerId: null });
    const a = (
      await call(t.app, repA, 'POST', OPPS, { customerId: mine.id, title: 'A 商机', amount: '10' })
    ).json();
    const inPool = (
      await call(t.app, admin, 'POST', OPPS, {
        customerId: pool.id,
        title: '公海商机',
        amount: '20',
        ownerId: w.org.admin.id,
      })
    ).json();

    expectError(await call(t.app, repB, 'GET', `${OPPS}/${a.id}`), 404, 'NOT_FOUND');
    expectError(
      await call(t.app, repB, 'POST', `${OPPS}/${a.id}/move`, { version: 1, stageId: p.stages[1]!.id }),
      404,
      'NOT_FOUND',
    );
    expectError(await call(t.app, repB, 'POST', `${OPPS}/${a.id}/win`, { version: 1 }), 404, 'NOT_FOUND');
    expectError(
      await call(t.app, repB, 'PATCH', `${OPPS}/${a.id}`, { version: 1, title: 'x' }),
      404,
      'NOT_FOUND',
    );
    expectError(await call(t.app, repB, 'DELETE', `${OPPS}/${a.id}`), 404, 'NOT_FOUND');
    // Creating on someone else's customer: as if it did not exist.
    expectError(
      await call(t.app, repB, 'POST', OPPS, { customerId: mine.id, title: 'x', amount: '1' }),
      404,
      'NOT_FOUND',
    );
    // A manager of another team: as if it did not exist; the rep's own manager may move it.
    const managerB = await w.as('managerB');
    expectError(
      await call(t.app, managerB, 'POST', `${OPPS}/${a.id}/move`, { version: 1, stageId: p.stages[1]!.id }),
      404,
      'NOT_FOUND',
    );
    const byManager = await call(t.app, await w.as('managerA'), 'POST', `${OPPS}/${a.id}/move`, {
      version: 1,
      stageId: p.stages[1]!.id,
    });
    expect(byManager.statusCode, byManager.body).toBe(200);
    // The pool: reps see it but may not change it.
    expect((await call(t.app, repB, 'GET', `${OPPS}/${inPool.id}`)).statusCode).toBe(200);
    expectError(
      await call(t.app, repB, 'POST', `${OPPS}/${inPool.id}/move`, { version: 1, stageId: p.stages[1]!.id }),
      403,
      'FORBIDDEN',
    );
    // A rep may not hand a deal to someone else.
    expectIssue(
      await call(t.app, repA, 'POST', OPPS, {
        customerId: mine.id,
        title: 'x',
        amount: '1',
        ownerId: w.org.repA2.id,
      }),
      'ownerId',
      'not_allowed_owner',
    );

    const titles = async (s: Session, url = OPPS) =>
      (await list<{ title: string }>(t.app, s, url)).items.map((x) => x.title).sort();
    expect(await titles(repA)).toEqual(['A 商机', '公海商机']);
    expect(await titles(repB)).toEqual(['公海商机']);
    expect(await titles(await w.as('managerA'))).toEqual(['A 商机', '公海商机']);
    expect(await titles(await w.as('managerB'))).toEqual(['公海商机']);
    expect(await titles(admin)).toEqual(['A 商机', '公海商机']);

    const board = (await call(t.app, repB, 'GET', `${OPPS}/board`)).json();
    expect(board.columns[0].totals).toEqual({ count: 1, amount: '20.00', weightedAmount: '2.00' });
    const funnel = (await call(t.app, repB, 'GET', '/api/v1/pipeline/funnel')).json() as Funnel;
    expect(funnel.total).toBe(1);
  });

  describe('funnel figures on fixed stage histories (hand-checked)', () => {
    /**
     * Stages A (10 %), B (30 %), C (60 %), won, lost; days from 2026-01-01 00:00 UTC:
     *   o1 repA X 1000: A 0→2, B 2→5, C 5→9, won 9
     *   o2 repA X 2000: A 0→4, B 4→ (open)
     *   o3 repA Y  500: A 0→1, lost 1
     *   o4 repB Z 3000: A 0→3, C 3→10 (skipped B), won 10
     *   o5 repB W  800: A 0→ (open)
     */
    async function fixture() {
      const admin = await w.as('admin');
      const p = await createPipeline(admin);
      const [A, B, C, WON, LOST] = p.stages.map((s) => s.id) as [string, string, string, string, string];
      const repA = await w.as('repA');
      const repB = await w.as('repB');
      const X = await createCustomer(t.app, repA, { name: 'X', industry: '制造业', province: '浙江' });
      const Y = await createCustomer(t.app, repA, { name: 'Y', industry: '零售', province: '广东' });
      const Z = await createCustomer(t.app, repB, { name: 'Z', industry: '制造业', province: '江苏' });
      const W = await createCustomer(t.app, repB, { name: 'W', industry: '零售', province: '浙江' });
      const ws = w.org.workspaceId;
      const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
      const deals: [string, string, string, string, [string, number, number | null][]][] = [
        [
          'o1',
          X.id,
          w.org.repA.id,
          '1000',
          [
            [A, 0, 2],
            [B, 2, 5],
            [C, 5, 9],
            [WON, 9, null],
          ],
        ],
        [
          'o2',
          X.id,
          w.org.repA.id,
          '2000',
          [
            [A, 0, 4],
            [B, 4, null],
          ],
        ],
        [
          'o3',
          Y.id,
          w.org.repA.id,
          '500',
          [
            [A, 0, 1],
            [LOST, 1, null],
          ],
        ],
        [
          'o4',
          Z.id,
          w.org.repB.id,
          '3000',
          [
            [A, 0, 3],
            [C, 3, 10],
            [WON, 10, null],
          ],
        ],
        ['o5', W.id, w.org.repB.id, '800', [[A, 0, null]]],
      ];
      const kinds: Record<string, string> = {
        [A]: 'open',
        [B]: 'open',
        [C]: 'open',
        [WON]: 'won',
        [LOST]: 'lost',
      };
      for (const [title, customerId, ownerId, amount, stays] of deals) {
        const last = stays[stays.length - 1]!;
        const status = kinds[last[0]]!;
        const { rows } = await t.db.execute<{ id: string }>(sql`
          INSERT INTO opportunities (workspace_id, customer_id, pipeline_id, stage_id, status, title, amount, owner_id,
            stage_entered_at, closed_at, created_at, loss_reason_id)
          VALUES (${ws}, ${customerId}, ${p.id}, ${last[0]}, ${status}, ${title}, ${amount}, ${ownerId},
            ${day(last[1])}, ${status === 'open' ? null : day(last[1])}, ${day(0)},
            ${status === 'lost' ? p.lossReasons[0]!.id : null})
          RETURNING id`);
        for (const [stageId, from, to] of stays) {
          await t.db.execute(sql`
            INSERT INTO opportunity_stage_history (workspace_id, opportunity_id, stage_id, entered_at, left_at)
            VALUES (${ws}, ${rows[0]!.id}, ${stageId}, ${day(from)}, ${to === null ? null : day(to)})`);
        }
      }
      return { p, admin, repA, A, B, C, WON, LOST };
    }

    it('counts, amounts, conversion to the next stage, days in stage and win rate', async () => {
      const { admin, A, B, C, WON, LOST } = await fixture();
      const f = (await call(t.app, admin, 'GET', '/api/v1/pipeline/funnel')).json() as Funnel;
      const by = Object.fromEntries(f.stages.map((s) => [s.stage.id, s]));
      expect([A, B, C, WON].map((id) => by[id]!.reached)).toEqual([5, 3, 2, 2]);
      expect(by[A]!.reachedAmount).toBe('7300.00');
      expect([A, B, C, WON, LOST].map((id) => by[id]!.conversionToNext)).toEqual([
        0.6,
        0.6667,
        1,
        null,
        null,
      ]);
      expect([A, B, C, WON].map((id) => by[id]!.avgDays)).toEqual([2.5, 3, 5.5, null]);
      expect(by[A]!.current).toEqual({ count: 1, amount: '800.00', weightedAmount: '80.00' });
      expect(by[B]!.current).toEqual({ count: 1, amount: '2000.00', weightedAmount: '600.00' });
      expect(by[C]!.current).toEqual({ count: 0, amount: '0.00', weightedAmount: '0.00' });
      expect(by[WON]!.current.amount).toBe('4000.00');
      expect(by[LOST]!.reached).toBe(1);
      expect(f).toMatchObject({
        total: 5,
        won: 2,
        wonAmount: '4000.00',
        lost: 1,
        winRate: 0.6667,
        openAmount: '2800.00',
        weightedAmount: '680.00',
        avgDaysToWin: 9.5,
      });
      expect(
        f.byOwner.map((o) => [o.id, o.open, o.openAmount, o.won, o.wonAmount, o.lost, o.winRate]),
      ).toEqual([
        [w.org.repB.id, 1, '800.00', 1, '3000.00', 0, 1],
        [w.org.repA.id, 1, '2000.00', 1, '1000.00', 1, 0.5],
      ]);
      expect(f.byTeam.map((x) => [x.id, x.won])).toEqual([
        [w.org.teamB.id, 1],
        [w.org.teamA.id, 1],
      ]);
      expect(f.lossReasons).toEqual([{ id: expect.any(String), name: '价格过高', count: 1 }]);

      // By owner and team filters, and the rep's own scope: only repA's three deals.
      const repOnly = (
        await call(t.app, admin, 'GET', `/api/v1/pipeline/funnel?ownerId=${w.org.repA.id}`)
      ).json() as Funnel;
      const teamA = (
        await call(t.app, admin, 'GET', `/api/v1/pipeline/funnel?teamId=${w.org.teamA.id}`)
      ).json() as Funnel;
      const repView = (
        await call(t.app, await w.as('repA'), 'GET', '/api/v1/pipeline/funnel')
      ).json() as Funnel;
      for (const g of [repOnly, teamA, repView]) {
        const m = Object.fromEntries(g.stages.map((s) => [s.stage.id, s]));
        expect([A, B, C, WON].map((id) => m[id]!.reached)).toEqual([3, 2, 1, 1]);
        expect(m[A]!.conversionToNext).toBe(0.6667);
        expect(g.winRate).toBe(0.5);
      }
      // Period: created on 2026-01-01 (China time 08:00): inside Jan 1, outside from Jan 2.
      const later = (
        await call(t.app, admin, 'GET', '/api/v1/pipeline/funnel?from=2026-01-02')
      ).json() as Funnel;
      expect(later.total).toBe(0);
      const jan = (
        await call(t.app, admin, 'GET', '/api/v1/pipeline/funnel?from=2026-01-01&to=2026-01-31')
      ).json();
      expect(jan.total).toBe(5);
    });

    it('won-customer portrait: shares and lift against all customers with deals', async () => {
      const { admin } = await fixture();
      const res = await call(t.app, admin, 'GET', '/api/v1/pipeline/portrait');
      expect(res.statusCode, res.body).toBe(200);
      const portrait = res.json() as Portrait;
      expect(portrait).toMatchObject({ customers: 4, wonCustomers: 2 });
      const industry = portrait.dimensions.find((d) => d.key === 'industry')!.values;
      expect(industry.map((v) => [v.value, v.customers, v.wonCustomers, v.lift])).toEqual([
        ['制造业', 2, 2, 2],
        ['零售', 2, 0, 0],
      ]);
      const province = portrait.dimensions.find((d) => d.key === 'province')!.values;
      expect(Object.fromEntries(province.map((v) => [v.value, v.lift]))).toEqual({
        浙江: 1,
        江苏: 2,
        广东: 0,
      });
      // Two won customers are too few for a profile (at least three must share it).
      expect(portrait.bullseye).toBeNull();
    });

    it('weighted forecast: open deals by expected month, weighted by stage probability', async () => {
      const { admin, repA } = await fixture();
      const customer = await createCustomer(t.app, repA, { name: 'F' });
      const today = todayIn('Asia/Shanghai');
      const inMonths = (n: number) => `${monthStart(today, n).slice(0, 8)}15`;
      for (const [amount, on] of [
        ['1000', inMonths(1)],
        ['3000', inMonths(1)],
        ['500', inMonths(2)],
        ['700', null],
      ] as const) {
        await call(t.app, repA, 'POST', OPPS, {
          customerId: customer.id,
          title: 't',
          amount,
          expectedCloseOn: on,
        });
      }
      const res = await call(t.app, admin, 'GET', '/api/v1/pipeline/forecast?months=3');
      expect(res.statusCode, res.body).toBe(200);
      const f = res.json();
      expect(f.months.map((m: { month: string }) => m.month)).toEqual(
        [0, 1, 2].map((n) => inMonths(n).slice(0, 7)),
      );
      expect(f.months[1]).toMatchObject({ count: 2, amount: '4000.00', weightedAmount: '400.00' });
      expect(f.months[2]).toMatchObject({ count: 1, amount: '500.00', weightedAmount: '50.00' });
      // The fixture's open deals (o2, o5) and the new undated one have no expected date.
      expect(f.undated).toEqual({ count: 3, amount: '3500.00', weightedAmount: '750.00' });
    });
  });
});
