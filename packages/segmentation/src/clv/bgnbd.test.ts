import { describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdPAlive,
  bgnbdTotalLogLikelihood,
  fitBgNbd,
} from './bgnbd.ts';
import { hyp2f1 } from './special.ts';
import { clvSummaries } from './summary.ts';
import { readCdnowSample } from './cdnow.fixture.ts';

// FHL 2005, Table 1 / the authors' Excel note: the MLE on the CDNOW sample's 39-week calibration.
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD log-likelihood', () => {
  it('matches hand-derived single-customer terms', () => {
    const { r, alpha, a, b } = published;
    // x = 0: L = (α/(α+T))^r.
    expect(bgnbdLogLikelihood(published, { x: 0, tx: 0, T: 38.86 })).toBeCloseTo(
      r * Math.log(alpha / (alpha + 38.86)),
      12,
    );
    // x = 1: B(a,b+1)/B(a,b) = b/(a+b), Γ(r+1)/Γ(r) = r, so
    // L = b/(a+b) · r α^r · [(α+T)^−(r+1) + (a/b) (α+t_x)^−(r+1)].
    const [tx, T] = [1.71, 38.86];
    const L1 =
      (b / (a + b)) *
      r *
      Math.pow(alpha, r) *
      (Math.pow(alpha + T, -(r + 1)) + (a / b) * Math.pow(alpha + tx, -(r + 1)));
    expect(bgnbdLogLikelihood(published, { x: 1, tx, T })).toBeCloseTo(Math.log(L1), 12);
    // x = 2: B(a,b+2)/B(a,b) = b(b+1)/((a+b)(a+b+1)), B(a+1,b+1)/B(a,b) = ab/((a+b)(a+b+1)),
    // Γ(r+2)/Γ(r) = r(r+1).
    const [tx2, T2] = [30.43, 38.86];
    const k = (r * (r + 1) * Math.pow(alpha, r)) / ((a + b) * (a + b + 1));
    const L2 = k * (b * (b + 1) * Math.pow(alpha + T2, -(r + 2)) + a * b * Math.pow(alpha + tx2, -(r + 2)));
    expect(bgnbdLogLikelihood(published, { x: 2, tx: tx2, T: T2 })).toBeCloseTo(Math.log(L2), 12);
  });

  it('stays finite for heavy buyers (log space)', () => {
    const ll = bgnbdLogLikelihood(published, { x: 400, tx: 38, T: 39 });
    expect(Number.isFinite(ll)).toBe(true);
  });
});

describe('BG/NBD on CDNOW (raw log, calibration end 1997-09-30)', () => {
  const customers = clvSummaries(readCdnowSample(), '1997-09-30');

  it('has the published log-likelihood −9582.4 at the published parameters', () => {
    expect(customers).toHaveLength(2357);
    expect(bgnbdTotalLogLikelihood(published, customers)).toBeCloseTo(-9582.4, 1);
  });

  it('fits r = 0.243, α = 4.414, a = 0.793, b = 2.426 by maximum likelihood', () => {
    const fit = fitBgNbd(customers);
    expect(fit.r).toBeCloseTo(0.243, 2);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.a).toBeCloseTo(0.793, 2);
    expect(fit.b).toBeCloseTo(2.426, 2);
    // The published values are the fit rounded to three decimals.
    expect([fit.r, fit.alpha, fit.a, fit.b].map((v) => Math.round(v * 1000) / 1000)).toEqual([
      0.243, 4.414, 0.793, 2.426,
    ]);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdTotalLogLikelihood(published, customers));
    // Another start ends at the same optimum.
    const other = fitBgNbd(customers, { r: 3, alpha: 20, a: 0.2, b: 10 });
    expect(other.logLikelihood).toBeCloseTo(fit.logLikelihood, 4);
  });
});

describe('BG/NBD predictions', () => {
  it('gives customer ID 1 of the sample (x = 2, t_x = 30.43, T = 38.86) 1.226 purchases in the next 39 weeks', () => {
    // The figure of the authors' note "Implementing the BG/NBD Model for Customer Base Analysis in Excel".
    const c1 = { x: 2, tx: 30.43, T: 38.86 };
    expect(bgnbdConditionalExpectedPurchases(published, c1, 39)).toBeCloseTo(1.226, 3);
  });

  it('agrees with the untransformed formula (eq. 10) computed directly', () => {
    const { r, alpha, a, b } = published;
    for (const [x, tx, T, t] of [
      [0, 0, 30, 10],
      [1, 5, 30, 52],
      [7, 29, 30, 20],
    ] as const) {
      const z = t / (alpha + T + t);
      const direct =
        (((a + b + x - 1) / (a - 1)) *
          (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))) /
        (1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0));
      expect(bgnbdConditionalExpectedPurchases(published, { x, tx, T }, t)).toBeCloseTo(direct, 10);
    }
  });

  it('reduces to the unconditional E[X(t)] for a new customer and grows with the horizon', () => {
    const { r, alpha, a, b } = published;
    const t = 39;
    const eq7 =
      ((a + b - 1) / (a - 1)) *
      (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
    expect(bgnbdExpectedPurchases(published, t)).toBeCloseTo(eq7, 10);
    expect(bgnbdExpectedPurchases(published, 78)).toBeGreaterThan(bgnbdExpectedPurchases(published, 39));
    // Long horizons stay finite (z close to 1).
    expect(
      Number.isFinite(bgnbdConditionalExpectedPurchases(published, { x: 30, tx: 38, T: 39 }, 5000)),
    ).toBe(true);
  });

  it('P(alive): 1 without repeat purchases, and lower the longer a frequent buyer has been silent', () => {
    const { r, alpha, a, b } = published;
    expect(bgnbdPAlive(published, { x: 0, tx: 0, T: 39 })).toBe(1);
    const c = { x: 2, tx: 30.43, T: 38.86 };
    const hand = 1 / (1 + (a / (b + 1)) * Math.pow((alpha + c.T) / (alpha + c.tx), r + 2));
    expect(bgnbdPAlive(published, c)).toBeCloseTo(hand, 14);
    expect(bgnbdPAlive(published, { x: 10, tx: 39, T: 39 })).toBeGreaterThan(0.9);
    expect(bgnbdPAlive(published, { x: 10, tx: 10, T: 39 })).toBeLessThan(
      bgnbdPAlive(published, { x: 2, tx: 10, T: 39 }),
    );
    expect(bgnbdPAlive(published, { x: 500, tx: 1, T: 39 })).toBe(0);
  });
});
