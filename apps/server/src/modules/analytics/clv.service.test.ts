import { bgnbdExpectedPurchases } from '@stratum/segmentation';
import { describe, expect, it } from 'vitest';
import { clvBuckets, trackingSeries } from './clv.service.ts';

describe('clvBuckets', () => {
  it('buckets on a 1-2-5 scale up to the largest value, the last one open', () => {
    expect(clvBuckets([0, 5, 15, 120, 999])).toEqual([
      { from: 0, to: 10, count: 2 },
      { from: 10, to: 20, count: 1 },
      { from: 20, to: 50, count: 0 },
      { from: 50, to: 100, count: 0 },
      { from: 100, to: 200, count: 1 },
      { from: 200, to: 500, count: 0 },
      { from: 500, to: null, count: 1 },
    ]);
  });

  it('keeps at most 12 buckets and every value', () => {
    const values = [0.5, 3, 80, 4_000, 250_000, 9_000_000];
    const buckets = clvBuckets(values);
    expect(buckets.length).toBeLessThanOrEqual(12);
    expect(buckets[0]!.from).toBe(0);
    expect(buckets.at(-1)!.to).toBeNull();
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    expect(clvBuckets([])).toEqual([]);
    expect(clvBuckets([0, 0])).toEqual([{ from: 0, to: null, count: 2 }]);
  });
});

describe('trackingSeries (the BG/NBD tracking plot)', () => {
  const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('sums n · E[X(t)] over first-purchase days and counts repeats, weeks aligned on the calibration end', () => {
    const weeks = trackingSeries(
      params,
      '2026-01-31',
      2,
      [
        { day: '2026-01-17', n: 10 }, // 14 days before the calibration end
        { day: '2026-01-30', n: 4 },
      ],
      [
        { day: '2026-01-20', n: 1 },
        { day: '2026-02-03', n: 2 },
        { day: '2026-02-14', n: 5 }, // the last day of week 2: counted in it
      ],
    );
    expect(weeks.map((w) => [w.week, w.end, w.holdout, w.actual])).toEqual([
      [-1, '2026-01-24', false, 1],
      [0, '2026-01-31', false, 1],
      [1, '2026-02-07', true, 3],
      [2, '2026-02-14', true, 8],
    ]);
    const e = (days: number) => bgnbdExpectedPurchases(params, days / 7);
    const at = (w: number) => weeks.find((x) => x.week === w)!.predicted;
    expect(at(-1)).toBeCloseTo(10 * e(7), 2);
    expect(at(0)).toBeCloseTo(10 * e(14) + 4 * e(1), 2);
    expect(at(2)).toBeCloseTo(10 * e(28) + 4 * e(15), 2);
    expect(trackingSeries(params, '2026-01-31', 2, [], [])).toEqual([]);
  });
});
