import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RFM_CONFIG, scoreRfm, type RfmConfig } from '@stratum/segmentation';
import { useTestApp } from '../../../test/harness.ts';
import { createOrg } from '../../../test/fixtures.ts';
import { customers, orders } from '../../db/schema.ts';
import type { Db } from '../../db/client.ts';
import { computeRfm } from './rfm.repository.ts';

const ZONE = 'Asia/Shanghai';
type O = { at: string; amount: string; status?: 'paid' | 'completed' | 'cancelled' | 'refunded' };

async function seed(db: Db, workspaceId: string, byCustomer: Record<string, O[]>) {
  let n = 0;
  for (const [externalId, list] of Object.entries(byCustomer)) {
    const [c] = await db.insert(customers).values({ workspaceId, name: externalId, externalId }).returning();
    for (const o of list) {
      await db.insert(orders).values({
        workspaceId,
        customerId: c!.id,
        orderNo: `SO-${++n}`,
        orderedAt: o.at,
        status: o.status ?? 'completed',
        amount: o.amount,
      });
    }
  }
}

describe('RFM, default method', () => {
  const t = useTestApp();

  it('counts only paid/completed positive orders on or before the as-of day, in local calendar days', async () => {
    const org = await createOrg(t.db);
    await seed(t.db, org.workspaceId, {
      // 00:30 in Shanghai on 1 March is still 28 February in UTC: it belongs to 1 March.
      A: [{ at: '2026-03-01T00:30:00+08:00', amount: '100.00' }],
      // 00:10 on 2 March local (1 March in UTC) is after the as-of day: not counted.
      B: [
        { at: '2026-02-20T10:00:00+08:00', amount: '50.00' },
        { at: '2026-03-02T00:10:00+08:00', amount: '999.00' },
      ],
      // Cancelled, refunded and zero orders are not revenue.
      C: [
        { at: '2026-02-25T10:00:00+08:00', amount: '10.00', status: 'paid' },
        { at: '2026-02-26T10:00:00+08:00', amount: '500.00', status: 'cancelled' },
        { at: '2026-02-27T10:00:00+08:00', amount: '500.00', status: 'refunded' },
        { at: '2026-02-28T10:00:00+08:00', amount: '0.00' },
      ],
      // Only orders after the as-of day, or none counted: no score, no class.
      D: [{ at: '2026-03-05T10:00:00+08:00', amount: '70.00' }],
      E: [{ at: '2026-02-01T10:00:00+08:00', amount: '80.00', status: 'cancelled' }],
    });
    const rows = await computeRfm(t.db, org.workspaceId, '2026-03-01', ZONE);
    expect(rows.map((r) => [r.externalId, r.recencyDays, r.frequency, r.monetary])).toEqual([
      ['A', 0, 1, '100.00'],
      ['B', 9, 1, '50.00'],
      ['C', 4, 1, '10.00'],
    ]);
  });

  it('gives ties the same score and classifies against the mean score', async () => {
    const org = await createOrg(t.db);
    // Ten customers, seven with one order and three with three: F must not split the seven by id.
    const data: Record<string, O[]> = {};
    for (let i = 0; i < 10; i++) {
      const k = i < 7 ? 1 : 3;
      data[`T${i}`] = Array.from({ length: k }, (_, j) => ({
        at: `2026-02-${String(10 + j).padStart(2, '0')}T12:00:00+08:00`,
        amount: '100.00',
      }));
    }
    await seed(t.db, org.workspaceId, data);
    const rows = await computeRfm(t.db, org.workspaceId, '2026-03-01', ZONE);
    const fOfOnes = new Set(rows.filter((r) => r.frequency === 1).map((r) => r.fScore));
    expect(fOfOnes.size).toBe(1);
    const heavy = rows.filter((r) => r.frequency === 3);
    expect(new Set(heavy.map((r) => r.segment))).toEqual(new Set([heavy[0]!.segment]));
    expect(heavy[0]!.fScore).toBeGreaterThan([...fOfOnes][0]!);
  });

  it('a single customer is scored 1/1/1 and is general_winback (no score above the mean)', async () => {
    const org = await createOrg(t.db);
    await seed(t.db, org.workspaceId, { S: [{ at: '2026-02-01T10:00:00+08:00', amount: '42.50' }] });
    const rows = await computeRfm(t.db, org.workspaceId, '2026-03-01', ZONE);
    expect(rows).toEqual([
      expect.objectContaining({
        externalId: 'S',
        rScore: 1,
        fScore: 1,
        mScore: 1,
        segment: 'general_winback',
      }),
    ]);
  });

  it('SQL agrees with the pure implementation on random order histories', async () => {
    const org = await createOrg(t.db);
    const histories = fc.sample(
      fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 120 }),
          cents: fc.integer({ min: 0, max: 200_000 }),
          status: fc.constantFrom('paid', 'completed', 'completed', 'cancelled', 'refunded'),
        }),
        { minLength: 0, maxLength: 6 },
      ),
      { numRuns: 80, seed: 11 },
    );
    const data: Record<string, O[]> = {};
    histories.forEach((h, i) => {
      data[`P${String(i).padStart(3, '0')}`] = h.map((o) => ({
        at: new Date(Date.parse('2025-11-10T02:00:00Z') + o.day * 86_400_000).toISOString(),
        amount: (o.cents / 100).toFixed(2),
        status: o.status as O['status'],
      }));
    });
    await seed(t.db, org.workspaceId, data);
    const asOf = '2026-03-01';
    const configs: RfmConfig[] = [
      DEFAULT_RFM_CONFIG,
      {
        lookbackDays: 90,
        statuses: ['paid', 'refunded'],
        scoring: 'thresholds',
        thresholds: { r: [5, 15, 30, 45], f: [1, 2, 3, 4], m: [100, 500, 1000, 1500] },
        compare: 'fixed',
        fixed: { r: 2, f: 1, m: 3 },
      },
    ];
    for (const config of configs) {
      const fromSql = await computeRfm(t.db, org.workspaceId, asOf, ZONE, config);
      // The same definition in memory (UTC 02:00 is 10:00 in Shanghai: the same calendar day).
      const inputs = Object.entries(data).flatMap(([id, list]) => {
        const counted = list.filter((o) => {
          const day = o.at.slice(0, 10);
          const age = (Date.parse(asOf) - Date.parse(day)) / 86_400_000;
          return (
            (config.statuses as string[]).includes(o.status ?? 'completed') &&
            Number(o.amount) > 0 &&
            day <= asOf &&
            (config.lookbackDays === null || age < config.lookbackDays)
          );
        });
        if (counted.length === 0) return [];
        const last = counted
          .map((o) => o.at.slice(0, 10))
          .sort()
          .at(-1)!;
        return [
          {
            id,
            recencyDays: Math.round((Date.parse(asOf) - Date.parse(last)) / 86_400_000),
            frequency: counted.length,
            monetary: counted.reduce((s, o) => s + Math.round(Number(o.amount) * 100), 0) / 100,
          },
        ];
      });
      const expected = scoreRfm(inputs, config).scores.sort((a, b) => a.id.localeCompare(b.id));
      expect(fromSql.length).toBeGreaterThan(15);
      expect(
        fromSql.map((r) => [
          r.externalId,
          r.recencyDays,
          r.frequency,
          Number(r.monetary),
          r.rScore,
          r.fScore,
          r.mScore,
          r.segment,
        ]),
      ).toEqual(
        expected.map((e) => [
          e.id,
          e.recencyDays,
          e.frequency,
          e.monetary,
          e.rScore,
          e.fScore,
          e.mScore,
          e.segment,
        ]),
      );
    }
  });
});
