import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clvSummaries as pureSummaries, type ClvPurchase } from '@stratum/segmentation';
import { openTestDatabase, resetData } from '../../../test/harness.ts';
import { readCdnowSample } from '../../../../../packages/segmentation/src/clv/cdnow.fixture.ts';
import type { Db } from '../../db/client.ts';
import { customers, orders } from '../../db/schema.ts';
import { workspacesRepository } from '../workspaces/workspaces.repository.ts';
import { clvSummaries } from './clv.repository.ts';
import { clvService } from './clv.service.ts';

const ZONE = 'Asia/Shanghai';
type O = { at: string; amount: string; status?: 'paid' | 'completed' | 'cancelled' | 'refunded' };

/** Customers (external id = name) and their orders, a few set-wise inserts. */
async function seed(db: Db, workspaceId: string, byCustomer: Record<string, O[]>) {
  const names = Object.keys(byCustomer);
  const rows = await db
    .insert(customers)
    .values(names.map((n) => ({ workspaceId, name: n, externalId: n })))
    .returning({ id: customers.id, externalId: customers.externalId });
  const idOf = new Map(rows.map((r) => [r.externalId!, r.id]));
  const all = names.flatMap((n) => byCustomer[n]!.map((o) => ({ n, o })));
  for (let i = 0; i < all.length; i += 2000) {
    await db.insert(orders).values(
      all.slice(i, i + 2000).map(({ n, o }, j) => ({
        workspaceId,
        customerId: idOf.get(n)!,
        orderNo: `SO-${i + j + 1}`,
        orderedAt: o.at,
        status: o.status ?? 'completed',
        amount: o.amount,
      })),
    );
  }
}

describe('CLV summary from the orders table', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    database ??= await openTestDatabase();
    await resetData(database.db);
  });
  afterAll(async () => database?.dispose());

  it('counts paid/completed orders (zero amounts too) by local calendar day, up to the calibration end', async () => {
    const { db } = database;
    const ws = (await workspacesRepository.create(db, 'w')).workspaceId;
    await seed(db, ws, {
      A: [
        // 00:30 on 1 Jan in Shanghai is 31 Dec in UTC: the first day is 1 Jan.
        { at: '2026-01-01T00:30:00+08:00', amount: '100.00' },
        // Two orders on 8 Jan local (one of them 7 Jan in UTC): one transaction of 30.
        { at: '2026-01-08T01:00:00+08:00', amount: '10.00' },
        { at: '2026-01-08T20:00:00+08:00', amount: '20.00', status: 'paid' },
        { at: '2026-01-15T10:00:00+08:00', amount: '50.00' },
        // Not counted: cancelled, refunded, after the calibration end (00:10 on 30 Jan local).
        { at: '2026-01-20T10:00:00+08:00', amount: '500.00', status: 'cancelled' },
        { at: '2026-01-21T10:00:00+08:00', amount: '500.00', status: 'refunded' },
        { at: '2026-01-30T00:10:00+08:00', amount: '999.00' },
      ],
      B: [{ at: '2026-01-29T23:50:00+08:00', amount: '5.00' }],
      // A free order is still a purchase (x counts it; the mean repeat value includes its 0).
      Z: [
        { at: '2026-01-01T10:00:00+08:00', amount: '0.00' },
        { at: '2026-01-15T10:00:00+08:00', amount: '0.00' },
        { at: '2026-01-22T10:00:00+08:00', amount: '10.00' },
      ],
      // First counted purchase after the calibration end, or none counted: not in the summary.
      C: [{ at: '2026-02-01T10:00:00+08:00', amount: '70.00' }],
      D: [{ at: '2026-01-05T10:00:00+08:00', amount: '80.00', status: 'cancelled' }],
    });
    const rows = await clvSummaries(db, ws, '2026-01-29', ZONE);
    expect(rows.map((r) => [r.externalId, r.x, r.tx, r.T, r.monetary])).toEqual([
      ['A', 2, 2, 4, 40],
      ['B', 0, 0, 0, 0],
      ['Z', 2, 3, 4, 5],
    ]);
    expect(rows[0]!.customer).toBe(rows[0]!.customerId);
  });

  it('agrees with the pure twin, and the service fits CDNOW to the published parameters', async () => {
    const { db } = database;
    const ws = (await workspacesRepository.create(db, 'cdnow')).workspaceId;
    const purchases = readCdnowSample();
    const byCustomer: Record<string, O[]> = {};
    for (const p of purchases)
      (byCustomer[p.customer] ??= []).push({ at: `${p.day}T12:00:00+08:00`, amount: p.amount.toFixed(2) });
    await seed(db, ws, byCustomer);
    const sqlRows = await clvSummaries(db, ws, '1997-09-30', ZONE);
    const pure = pureSummaries(purchases as ClvPurchase[], '1997-09-30');
    expect(sqlRows.map((r) => [r.externalId, r.x, r.tx, r.T, r.monetary.toFixed(6)])).toEqual(
      pure.map((s) => [s.customer, s.x, s.tx, s.T, s.monetary.toFixed(6)]),
    );
    const { fit, calibrationEnd } = await clvService.fit(db, ws, { calibrationEnd: '1997-09-30' });
    expect(calibrationEnd).toBe('1997-09-30');
    expect([fit.bgnbd.r, fit.bgnbd.alpha, fit.bgnbd.a, fit.bgnbd.b].map((v) => v.toFixed(2))).toEqual([
      '0.24',
      '4.41',
      '0.79',
      '2.43',
    ]);
    expect([fit.gammagamma!.p, fit.gammagamma!.q, fit.gammagamma!.v].map((v) => v.toFixed(2))).toEqual([
      '6.25',
      '3.74',
      '15.44',
    ]);
    const { predictions } = await clvService.predict(db, ws, {
      calibrationEnd: '1997-09-30',
      horizonWeeks: 39,
    });
    expect(predictions).toHaveLength(2357);
    expect(predictions[0]!.externalId).toBe('0001');
  });
});
