import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, dbKind, useTestApp, type Session } from '../../../test/harness.ts';
import { createCustomer, createRecord, daysAgo, useWorld } from '../../../test/customer-fixtures.ts';
import type { TagGroup } from '@stratum/contracts';
import { RFM_CLASSES } from '@stratum/segmentation';
import { customerIdRanges, inIdRange } from '../../db/id-range.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';
import { placementState } from '../../../test/placement-state.ts';
import { placeCustomers, recomputeWorkspace } from './placement.ts';

/**
 * The whole-workspace recompute commits its customers range by range (recomputeWorkspace). Placed in
 * ranges, the workspace must end exactly as one pass over everyone would leave it, with member counts
 * kept by differences, and a write that holds its customer while the pass reaches it must be counted.
 */
describe('recompute in ranges of customers', () => {
  const t = useTestApp();
  const w = useWorld(t);

  const state = (ws: string) => placementState(t.db, ws);

  /** 30 customers with orders, a rule tag and a segment testing it. */
  async function workspace(admin: Session) {
    const groups = (await call(t.app, admin, 'GET', '/api/v1/tag-groups')).json().items as TagGroup[];
    const value = groups.find((g) => g.nameZh === '价值')!.id;
    const repeat = (
      await call(t.app, admin, 'POST', '/api/v1/tags', {
        groupId: value,
        name: '复购客户',
        rule: { field: 'order_count', op: 'gte', value: 2 },
      })
    ).json().id as string;
    const segment = await call(t.app, admin, 'POST', '/api/v1/segments', {
      name: '浙江复购久未下单',
      kind: 'dynamic',
      rule: {
        and: [
          { field: 'province', op: 'eq', value: '浙江' },
          { field: 'tags', op: 'has_any', value: [repeat] },
          // Counted from the pass's later as-of day, more customers qualify: they enter during the pass.
          { field: 'recency_days', op: 'gt', value: 100 },
          { field: 'tier.rfm', op: 'in', value: [...RFM_CLASSES] },
        ],
      },
    });
    expect(segment.statusCode, segment.body).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await createCustomer(t.app, admin, { name: `客户${i}`, province: i % 3 ? '浙江' : '江苏' });
      ids.push(c.id);
      for (let k = 0; k < i % 4; k++)
        await createRecord(t.app, admin, 'orders', {
          customerId: c.id,
          orderNo: `R-${i}-${k}`,
          orderedAt: daysAgo(3 + ((i * 37 + k * 91) % 400)),
          status: 'paid',
          amount: `${100 + ((i * 53 + k * 17) % 900)}.00`,
        });
    }
    return ids;
  }

  it('cuts the customers into ranges that cover each one once, in the order PostgreSQL sorts ids', async () => {
    const admin = await w.as('admin');
    const ws = w.org.workspaceId;
    for (let i = 0; i < 23; i++) await createCustomer(t.app, admin, { name: `客户${i}` });
    const { rows } = await t.db.execute<{ id: string }>(
      sql`SELECT id::text AS id FROM customers WHERE workspace_id = ${ws} ORDER BY id`,
    );
    const ranges = await customerIdRanges(t.db, ws, 5);
    expect(ranges).toHaveLength(5);
    expect(ranges[0]!.after).toBeNull();
    expect(ranges.at(-1)!.upTo).toBeNull();
    for (const [i, r] of ranges.entries()) {
      const inside = rows.filter((x) => inIdRange(r, x.id)).map((x) => x.id);
      expect(inside).toEqual(rows.slice(i * 5, i * 5 + 5).map((x) => x.id));
    }
    expect(await customerIdRanges(t.db, ws, 1000)).toEqual([{ after: null, upTo: null }]);
  });

  it(
    'leaves the workspace as one pass over everyone does, counts kept by differences',
    { timeout: 120_000 },
    async () => {
      const admin = await w.as('admin');
      const ws = w.org.workspaceId;
      await workspace(admin);
      const asOf = new Date(Date.parse(todayIn('Asia/Shanghai')) + 150 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      // The writes placed their customers already (with no cut points yet); the pass adds to their records.
      const recorded = async () =>
        (
          await t.db.execute<{ changes: number; entered: number }>(sql`
          SELECT (SELECT count(*) FROM tier_changes WHERE workspace_id = ${ws})::int AS changes,
            (SELECT count(*) FROM segment_events WHERE workspace_id = ${ws} AND kind = 'entered')::int AS entered`)
        ).rows[0]!;
      const before = await recorded();
      const seen: [number, number][] = [];
      const stats = await recomputeWorkspace(t.db, ws, {
        asOf,
        chunkSize: 7,
        // Two ranges at a time on PostgreSQL (one connection each); one at a time on PGlite.
        workers: 2,
        onProgress: (done, total) => {
          seen.push([done, total]);
        },
      });
      expect(seen.map(([d]) => d)).toEqual([1, 2, 3, 4, 5]);
      expect(seen.every(([, total]) => total === 5)).toBe(true);
      const ranged = await state(ws);
      // Every customer's lifetime value was written for the day, by its own range.
      expect(ranged.metrics).toHaveLength(30);
      expect(ranged.metrics.every((m) => m.clv_as_of === asOf)).toBe(true);
      // The member count moved by differences equals the members.
      const [counted] = ranged.counts as { member_count: number }[];
      expect(counted!.member_count).toBe(ranged.members.length);
      expect(ranged.members.length).toBeGreaterThan(0);
      // What the pass reported is what it recorded.
      expect(stats.tierChanges).toBeGreaterThan(0);
      expect(stats.entered).toBeGreaterThan(0);
      const after = await recorded();
      expect({ changes: after.changes - before.changes, entered: after.entered - before.entered }).toEqual({
        changes: stats.tierChanges,
        entered: stats.entered,
      });
      // One pass over everyone at once finds nothing to change; nor does one range of all.
      const whole = await placeCustomers(t.db, ws, 'all', { asOf });
      expect(whole).toMatchObject({ tierChanges: 0, tagsAdded: 0, tagsRemoved: 0, entered: 0, exited: 0 });
      expect(await state(ws)).toEqual(ranged);
      const again = await recomputeWorkspace(t.db, ws, { asOf, chunkSize: 1000 });
      expect(again).toMatchObject({ tierChanges: 0, tagsAdded: 0, tagsRemoved: 0, entered: 0, exited: 0 });
      expect(await state(ws)).toEqual(ranged);
    },
  );

  it('answers requests between two ranges while it runs', { timeout: 120_000 }, async () => {
    const admin = await w.as('admin');
    const ws = w.org.workspaceId;
    await workspace(admin);
    let finished = false;
    const pass = recomputeWorkspace(t.db, ws, { chunkSize: 1 }).then(() => (finished = true));
    // 30 ranges: a request made now is answered before the last of them (on PGlite too, whose
    // statements run on this thread).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await call(t.app, admin, 'GET', '/api/v1/customers?pageSize=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(finished).toBe(false);
    await pass;
  });

  // PGlite has one connection: nothing runs beside a transaction there.
  it.runIf(dbKind() === 'postgres')(
    'a write holding its customer when the pass reaches it is waited for and counted',
    { timeout: 120_000 },
    async () => {
      const admin = await w.as('admin');
      const ws = w.org.workspaceId;
      const ids = await workspace(admin);
      const asOf = todayIn('Asia/Shanghai');
      await recomputeWorkspace(t.db, ws, { asOf });
      const ranges = await customerIdRanges(t.db, ws, 7);
      const last = ranges.length - 1;
      const target = ids.find((id) => inIdRange(ranges[last]!, id))!;
      // A writer holds the customer, as an order write does, and writes an order without placing it.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const writer = t.db.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT 1 FROM customers WHERE workspace_id = ${ws} AND id = ${target} FOR NO KEY UPDATE`,
        );
        await tx.execute(sql`INSERT INTO orders (workspace_id, customer_id, order_no, ordered_at, status, amount)
          VALUES (${ws}, ${target}, 'HELD-1', now() - interval '1 day', 'paid', 5000)`);
        locked();
        await held;
      });
      await isLocked;
      const pass = recomputeWorkspace(t.db, ws, {
        asOf,
        chunkSize: 7,
        // The last range waits for the writer: let it commit a moment after.
        onProgress: (done) => {
          if (done === last) setTimeout(release, 300);
        },
      });
      await writer;
      await pass;
      const { rows } = await t.db.execute<{ n: number; total: string }>(
        sql`SELECT order_count AS n, total_spend::text AS total FROM customer_metrics
          WHERE workspace_id = ${ws} AND customer_id = ${target}`,
      );
      const { rows: direct } = await t.db.execute<{ n: number; total: string }>(
        sql`SELECT count(*)::int AS n, sum(amount)::text AS total FROM orders
          WHERE workspace_id = ${ws} AND customer_id = ${target} AND status = 'paid'`,
      );
      expect(rows[0]).toEqual(direct[0]);
    },
  );
});
