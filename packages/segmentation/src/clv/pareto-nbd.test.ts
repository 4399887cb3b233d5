import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
  paretoNbdTotalLogLikelihood,
} from './pareto-nbd.ts';
import { clvSummaries } from './summary.ts';
import { readCdnowSample } from './cdnow.fixture.ts';

describe('Pareto/NBD', () => {
  it('matches the closed form when α = β (the ₂F₁ terms are 1)', () => {
    const [r, a, s] = [0.5, 8, 0.7];
    const p = { r, alpha: a, s, beta: a };
    const [x, tx, T] = [3, 20, 30];
    // Γ(r+x)/Γ(r) = r(r+1)(r+2); A₀ = (a+t_x)^−(r+s+x) − (a+T)^−(r+s+x).
    const A0 = Math.pow(a + tx, -(r + s + x)) - Math.pow(a + T, -(r + s + x));
    const L =
      r * (r + 1) * (r + 2) * Math.pow(a, r + s) * (Math.pow(a + T, -(r + x + s)) + (s / (r + s + x)) * A0);
    expect(paretoNbdLogLikelihood(p, { x, tx, T })).toBeCloseTo(Math.log(L), 12);
    const pAlive = 1 / (1 + (s / (r + s + x)) * Math.pow(a + T, r + x + s) * A0);
    expect(paretoNbdPAlive(p, { x, tx, T })).toBeCloseTo(pAlive, 12);
    // Both branches (α ≥ β and α < β) meet at α = β.
    const near = (d: number) => paretoNbdLogLikelihood({ ...p, alpha: a + d }, { x, tx, T });
    expect(near(1e-7)).toBeCloseTo(near(-1e-7), 6);
  });

  it('reproduces the published fit on CDNOW: r = 0.553, α = 10.578, s = 0.606, β = 11.669', () => {
    const customers = clvSummaries(readCdnowSample(), '1997-09-30');
    const fit = fitParetoNbd(customers);
    expect(fit.r).toBeCloseTo(0.553, 2);
    expect(fit.alpha).toBeCloseTo(10.578, 2);
    expect(fit.s).toBeCloseTo(0.606, 2);
    expect(fit.beta).toBeCloseTo(11.669, 2);
    const published = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(paretoNbdTotalLogLikelihood(published, customers));
    expect(fit.logLikelihood).toBeCloseTo(paretoNbdTotalLogLikelihood(published, customers), 1);
  });

  it('predicts sensibly: P(alive) 1 for a customer buying up to now, expected purchases grow with t', () => {
    const p = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    expect(paretoNbdPAlive(p, { x: 5, tx: 39, T: 39 })).toBe(1);
    const c = { x: 2, tx: 30.43, T: 38.86 };
    expect(paretoNbdPAlive(p, c)).toBeGreaterThan(0);
    expect(paretoNbdPAlive(p, c)).toBeLessThan(1);
    expect(paretoNbdConditionalExpectedPurchases(p, c, 52)).toBeGreaterThan(
      paretoNbdConditionalExpectedPurchases(p, c, 39),
    );
  });
});
