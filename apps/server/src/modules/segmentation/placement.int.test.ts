import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  daysAgo,
  getCustomer,
  useWorld,
} from '../../../test/customer-fixtures.ts';
import type { TagGroup } from '@stratum/contracts';
import { placementState } from '../../../test/placement-state.ts';
import { placeCustomers, recomputeWorkspace } from './placement.ts';

/**
 * Incremental placement (in each write's transaction, one customer) and batch placement (set-wise,
 * everyone) must agree. After a random sequence of writes through the API, a batch pass over the whole
 * workspace finds nothing to change: no metric, tier, tag or membership differs.
 */
type Op =
  | {
      kind: 'order';
      who: number;
      amount: number;
      days: number;
      status: 'paid' | 'completed' | 'cancelled' | 'refunded';
    }
  | { kind: 'dropOrder'; who: number }
  | { kind: 'province'; who: number; province: string }
  | { kind: 'followup'; who: number; days: number }
  | { kind: 'complaint'; who: number }
  | { kind: 'tag'; who: number; tag: number; on: boolean }
  | { kind: 'bin'; who: number };

const N = 4;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    who: fc.nat(N - 1),
    amount: fc.integer({ min: 0, max: 20_000 }),
    days: fc.integer({ min: 0, max: 500 }),
    status: fc.constantFrom('paid' as const, 'completed' as const, 'cancelled' as const, 'refunded' as const),
  }),
  fc.record({ kind: fc.constant('dropOrder' as const), who: fc.nat(N - 1) }),
  fc.record({
    kind: fc.constant('province' as const),
    who: fc.nat(N - 1),
    province: fc.constantFrom('浙江', '江苏'),
  }),
  fc.record({
    kind: fc.constant('followup' as const),
    who: fc.nat(N - 1),
    days: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({ kind: fc.constant('complaint' as const), who: fc.nat(N - 1) }),
  fc.record({ kind: fc.constant('tag' as const), who: fc.nat(N - 1), tag: fc.nat(1), on: fc.boolean() }),
  fc.record({ kind: fc.constant('bin' as const), who: fc.nat(N - 1) }),
);

describe('placement: incremental = batch', () => {
  const t = useTestApp();
  const w = useWorld(t);

  const state = (ws: string) => placementState(t.db, ws);

  it('after random writes, a batch pass changes nothing', { timeout: 300_000 }, async () => {
    const admin: Session = await w.as('admin');
    const ws = w.org.workspaceId;
    // Classification to keep: rule tags (one multi-choice, two in a single-choice group), two segments
    // (one testing the other and a tag), a scheme testing two other schemes.
    const groups = (await call(t.app, admin, 'GET', '/api/v1/tag-groups')).json().items as TagGroup[];
    const byName = (n: string) => groups.find((g) => g.nameZh === n)!.id;
    const mk = async (groupId: string, name: string, rule: unknown = null) =>
      (await call(t.app, admin, 'POST', '/api/v1/tags', { groupId, name, rule })).json().id as string;
    const manual = [await mk(byName('自定义'), '重点'), await mk(byName('自定义'), '观察')];
    const repeat = await mk(byName('价值'), '复购客户', { field: 'order_count', op: 'gte', value: 2 });
    await mk(byName('规模'), '大', { field: 'total_spend', op: 'gte', value: 10000 });
    await mk(byName('规模'), '中', { field: 'total_spend', op: 'gte', value: 1000 });
    const zj = (
      await call(t.app, admin, 'POST', '/api/v1/segments', {
        name: '浙江付费',
        kind: 'dynamic',
        rule: {
          and: [
            { field: 'province', op: 'eq', value: '浙江' },
            { field: 'total_spend', op: 'gt', value: 0 },
          ],
        },
      })
    ).json().id as string;
    await call(t.app, admin, 'POST', '/api/v1/segments', {
      name: '浙江复购或流失风险',
      kind: 'dynamic',
      rule: {
        and: [
          { field: 'segments', op: 'has_any', value: [zj] },
          {
            or: [
              { field: 'tags', op: 'has_any', value: [repeat] },
              { field: 'tier.churn_risk', op: 'neq', value: 'low' },
            ],
          },
        ],
      },
    });

    // A rules scheme over two earlier schemes' tiers: placed in the same statement, it must see their new tiers.
    const focus = await call(t.app, admin, 'POST', '/api/v1/schemes', {
      key: 'focus',
      nameZh: '重点',
      nameEn: 'Focus',
      tiers: [
        {
          key: 'yes',
          nameZh: '是',
          nameEn: 'Yes',
          rule: {
            or: [
              { field: 'tier.rfm', op: 'in', value: ['important_value', 'important_retain'] },
              { not: { field: 'tier.churn_risk', op: 'eq', value: 'low' } },
            ],
          },
        },
        { key: 'no', nameZh: '否', nameEn: 'No' },
      ],
    });
    expect(focus.statusCode, focus.body).toBe(201);

    let seq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const people = [];
        for (let i = 0; i < N; i++)
          people.push(await createCustomer(t.app, admin, { name: `客户${i}`, province: '浙江' }));
        // Cut points from a first batch, as the nightly job leaves them.
        await recomputeWorkspace(t.db, ws);
        const orders: string[][] = people.map(() => []);
        for (const o of ops) {
          const c = people[o.who]!;
          const current = await getCustomer(t.app, admin, c.id).catch(() => null);
          if (!current) continue;
          switch (o.kind) {
            case 'order': {
              const r = await createRecord(t.app, admin, 'orders', {
                customerId: c.id,
                orderNo: `P-${++seq}`,
                orderedAt: daysAgo(o.days),
                status: o.status,
                amount: `${o.amount}.00`,
              });
              orders[o.who]!.push(r.id);
              break;
            }
            case 'dropOrder': {
              const id = orders[o.who]!.pop();
              if (id)
                expect((await call(t.app, admin, 'DELETE', `/api/v1/orders/${id}`)).statusCode).toBe(204);
              break;
            }
            case 'province':
              await call(t.app, admin, 'PATCH', `/api/v1/customers/${c.id}`, {
                version: current.version,
                province: o.province,
              });
              break;
            case 'followup':
              await createRecord(t.app, admin, 'followups', {
                customerId: c.id,
                type: 'call',
                content: '回访',
                occurredAt: daysAgo(o.days),
              });
              break;
            case 'complaint':
              await createRecord(t.app, admin, 'tickets', {
                customerId: c.id,
                kind: 'complaint',
                subject: '投诉',
              });
              break;
            case 'tag':
              await call(t.app, admin, 'POST', '/api/v1/customers/tags', {
                customerIds: [c.id],
                add: o.on ? [manual[o.tag]] : [],
                remove: o.on ? [] : [manual[o.tag]],
              });
              break;
            case 'bin':
              expect((await call(t.app, admin, 'DELETE', `/api/v1/customers/${c.id}`)).statusCode).toBe(204);
              break;
          }
        }
        const incremental = await state(ws);
        const stats = await placeCustomers(t.db, ws, 'all');
        expect(stats).toMatchObject({ tierChanges: 0, tagsAdded: 0, tagsRemoved: 0, entered: 0, exited: 0 });
        expect(await state(ws)).toEqual(incremental);
      }),
      { numRuns: 12, seed: 11 },
    );
  });
});
