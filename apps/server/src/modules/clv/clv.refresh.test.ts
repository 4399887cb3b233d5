import { clvSummaries, type ClvSummary } from '@stratum/segmentation';
import { readCdnowSample } from '../../../../../packages/segmentation/src/clv/cdnow.fixture.ts';
import { describe, expect, it } from 'vitest';
import { cachedFit, fitIfEnoughData, fitSample, MIN_REPEAT_CUSTOMERS, storedFigures } from './clv.refresh.ts';

/** The CDNOW sample (the papers' data) up to the published calibration end, or its first n customers. */
const cdnow = clvSummaries(readCdnowSample(), '1997-09-30');
const base = (n: number): ClvSummary[] => cdnow.slice(0, n);
const few = (): ClvSummary[] => {
  // Everyone without a repeat purchase, plus MIN_REPEAT_CUSTOMERS − 1 who have one.
  const repeaters = cdnow.filter((c) => c.x > 0).slice(0, MIN_REPEAT_CUSTOMERS - 1);
  return [...cdnow.filter((c) => c.x === 0), ...repeaters];
};

describe('fitIfEnoughData', () => {
  it(`needs ${MIN_REPEAT_CUSTOMERS} customers with a repeat purchase`, () => {
    expect(fitIfEnoughData(few(), '1997-09-30')).toMatchObject({
      fit: null,
      skipped: 'too_few_repeat_customers',
    });
    // The published fit: r = 0.243, α = 4.414, a = 0.793, b = 2.426; p = 6.25, q = 3.74, v = 15.44.
    const fitted = fitIfEnoughData(cdnow, '1997-09-30');
    expect(fitted.fit?.bgnbd.r).toBeCloseTo(0.243, 2);
    expect(fitted.fit?.gammagamma?.p).toBeCloseTo(6.25, 1);
  });

  it('stores figures at the columns’ scales, P(alive) within 0..1', () => {
    const { fit } = fitIfEnoughData(cdnow, '1997-09-30');
    for (const s of cdnow.slice(0, 300)) {
      const f = storedFigures(fit!, s);
      expect(f.clv).toMatch(/^\d+\.\d{2}$/);
      expect(f.pAlive).toMatch(/^[01]\.\d{6}$/);
      expect(Number(f.pAlive)).toBeLessThanOrEqual(1);
      expect(f.expectedPurchases).toMatch(/^\d+\.\d{4}$/);
    }
  });
});

describe('fitSample', () => {
  it('keeps everyone up to the bound, then the same customers whatever the order', () => {
    expect(fitSample(cdnow, cdnow.length)).toBe(cdnow);
    const sample = fitSample(cdnow, 1000);
    expect(sample).toHaveLength(1000);
    const reversed = fitSample([...cdnow].reverse(), 1000);
    expect(reversed.map((c) => c.customer).sort()).toEqual(sample.map((c) => c.customer).sort());
    // A spread sample, not the first customers: it reaches across the whole id range.
    const ids = sample.map((c) => Number(c.customer));
    expect(Math.max(...ids) - Math.min(...ids)).toBeGreaterThan(0.9 * cdnow.length);
  });
});

describe('cachedFit', () => {
  it('reuses a fit for the same workspace, day and summary, and refits when any of them changes', () => {
    const summaries = base(600);
    const first = cachedFit('w1', '2026-01-01', summaries);
    expect(cachedFit('w1', '2026-01-01', base(600))).toBe(first);
    expect(cachedFit('w2', '2026-01-01', summaries)).not.toBe(first);
    expect(cachedFit('w1', '2026-01-02', summaries)).not.toBe(first);
    const changed = base(600);
    changed[7] = { ...changed[7]!, x: changed[7]!.x + 1 };
    expect(cachedFit('w1', '2026-01-01', changed)).not.toBe(first);
  });
});
