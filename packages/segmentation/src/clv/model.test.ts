import { describe, expect, it } from 'vitest';
import { ClvDataError, fitClv, predictClv } from './model.ts';
import { clvSummaries } from './summary.ts';
import { readCdnowSample } from './cdnow.fixture.ts';

describe('fitClv / predictClv', () => {
  it('refuses an empty base and fits BG/NBD alone when nobody came back', () => {
    expect(() => fitClv([])).toThrow(ClvDataError);
    const once = [0, 1, 2, 3].map((i) => ({ customer: `c${i}`, x: 0, tx: 0, T: 10 + i, monetary: 0 }));
    const fit = fitClv(once);
    expect(fit.gammagamma).toBeNull();
    const [p] = predictClv(fit, once, { horizonWeeks: 10 });
    expect(p!.pAlive).toBe(1);
    expect(p!.expectedAverageValue).toBeNaN();
  });

  it('on CDNOW, predicts the holdout repeat days within 15 % of the actual count (a sanity check, not a published figure)', () => {
    const purchases = readCdnowSample();
    const calibration = clvSummaries(purchases, '1997-09-30');
    const fit = fitClv(calibration);
    const predictions = predictClv(fit, calibration, { horizonWeeks: 39 });
    const predicted = predictions.reduce((s, p) => s + p.expectedPurchases, 0);
    // Actual repeat transaction days in the 39-week holdout 1997-10-01 .. 1998-06-30.
    const days = new Set(purchases.filter((p) => p.day > '1997-09-30').map((p) => `${p.customer}|${p.day}`));
    expect(predicted / days.size).toBeGreaterThan(0.85);
    expect(predicted / days.size).toBeLessThan(1.15);
    for (const p of predictions) {
      expect(p.pAlive).toBeGreaterThan(0);
      expect(p.pAlive).toBeLessThanOrEqual(1);
      expect(p.clv).toBeGreaterThanOrEqual(0);
    }
  });
});
