import { describe, expect, it } from 'vitest';
import { cutPoints, percentileCont, rfmClass, scoreRfm } from './rfm.ts';

describe('percentileCont', () => {
  it('interpolates linearly like PostgreSQL', () => {
    expect(percentileCont([1, 2, 3, 4, 5], 0.2)).toBeCloseTo(1.8);
    expect(percentileCont([10], 0.8)).toBe(10);
    expect(cutPoints([5, 1, 3])).toEqual([1.8, 2.6, 3.4, 4.2].map((x) => expect.closeTo(x, 10)));
  });
});

describe('scoreRfm', () => {
  it('gives tied values the same score (no ntile splitting by id)', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: `c${i}`,
      recencyDays: 5,
      frequency: i < 7 ? 1 : 3,
      monetary: 100,
    }));
    const { scores } = scoreRfm(rows);
    const ones = scores.filter((s) => s.frequency === 1).map((s) => s.fScore);
    expect(new Set(ones).size).toBe(1);
    expect(new Set(scores.map((s) => s.rScore)).size).toBe(1);
    expect(new Set(scores.map((s) => s.mScore)).size).toBe(1);
  });

  it('scores recency the other way round: more recent is better', () => {
    const rows = [0, 10, 20, 30, 40].map((d, i) => ({
      id: `c${i}`,
      recencyDays: d,
      frequency: 1,
      monetary: 1,
    }));
    const r = scoreRfm(rows).scores.map((s) => s.rScore);
    expect(r).toEqual([5, 4, 3, 2, 1]);
  });

  it('places a single customer, with every score equal to the mean, in general_winback', () => {
    const { scores, means } = scoreRfm([{ id: 'only', recencyDays: 3, frequency: 2, monetary: 50 }]);
    expect(scores[0]).toMatchObject({ rScore: 1, fScore: 1, mScore: 1, segment: 'general_winback' });
    expect(means).toEqual({ r: 1, f: 1, m: 1 });
  });

  it('maps R, F, M high/low to the eight classes', () => {
    expect(rfmClass(true, true, true)).toBe('important_value');
    expect(rfmClass(false, true, true)).toBe('important_retain');
    expect(rfmClass(true, false, true)).toBe('important_develop');
    expect(rfmClass(false, false, true)).toBe('important_winback');
    expect(rfmClass(true, true, false)).toBe('general_value');
    expect(rfmClass(false, true, false)).toBe('general_retain');
    expect(rfmClass(true, false, false)).toBe('general_develop');
    expect(rfmClass(false, false, false)).toBe('general_winback');
  });
});
