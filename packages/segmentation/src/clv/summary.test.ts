import { describe, expect, it } from 'vitest';
import { dayNumber, clvSummaries } from './summary.ts';
import { readCdnowSample, readCdnowSummary } from './cdnow.fixture.ts';

describe('clvSummaries', () => {
  it('merges same-day purchases, drops later ones and averages the repeat days only', () => {
    const rows = clvSummaries(
      [
        { customer: 'b', day: '2024-01-01', amount: 10 },
        { customer: 'a', day: '2024-01-01', amount: 100 },
        { customer: 'a', day: '2024-01-08', amount: 20 },
        { customer: 'a', day: '2024-01-08', amount: 5 },
        { customer: 'a', day: '2024-01-15', amount: 35 },
        { customer: 'a', day: '2024-02-01', amount: 999 },
        { customer: 'c', day: '2024-02-01', amount: 1 },
      ],
      '2024-01-29',
    );
    expect(rows).toEqual([
      { customer: 'a', x: 2, tx: 2, T: 4, monetary: 30 },
      { customer: 'b', x: 0, tx: 0, T: 4, monetary: 0 },
    ]);
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('reproduces the published CDNOW calibration summary from the raw log', () => {
    const ours = clvSummaries(readCdnowSample(), '1997-09-30');
    const published = readCdnowSummary();
    expect(ours).toHaveLength(published.length);
    const byId = new Map(ours.map((s) => [Number(s.customer), s]));
    for (const p of published) {
      const s = byId.get(p.id)!;
      expect([s.x, Math.round(s.tx * 100) / 100, Math.round(s.T * 100) / 100]).toEqual([p.x, p.tx, p.T]);
    }
  });
});
