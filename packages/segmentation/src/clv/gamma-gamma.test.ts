import { describe, expect, it } from 'vitest';
import { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood } from './gamma-gamma.ts';
import { clvSummaries } from './summary.ts';
import { readCdnowSample } from './cdnow.fixture.ts';

describe('Gamma-Gamma log-likelihood', () => {
  it('matches hand-derived densities', () => {
    // p = q = 1, x = 1: f(m) = v / (v + m)².
    expect(gammaGammaLogLikelihood({ p: 1, q: 1, v: 3 }, { x: 1, monetary: 5 })).toBeCloseTo(
      Math.log(3 / 64),
      13,
    );
    // p = 1, q = 2, x = 2: f(m) = Γ(4)/(Γ(2)Γ(2)) · v² m · 2² / (v + 2m)⁴ = 24 v² m / (v + 2m)⁴.
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, v: 3 }, { x: 2, monetary: 5 })).toBeCloseTo(
      Math.log((24 * 9 * 5) / 13 ** 4),
      12,
    );
  });
});

describe('Gamma-Gamma on CDNOW (raw log, calibration end 1997-09-30)', () => {
  it('fits p = 6.25, q = 3.74, v = 15.44 on the 946 repeat customers', () => {
    const customers = clvSummaries(readCdnowSample(), '1997-09-30');
    const fit = fitGammaGamma(customers);
    expect(fit.customers).toBe(946);
    expect(fit.p).toBeCloseTo(6.25, 2);
    expect(fit.q).toBeCloseTo(3.74, 2);
    expect(fit.v).toBeCloseTo(15.44, 2);
  });
});

describe('expected average value', () => {
  it('shrinks a customer’s mean towards the population mean p v /(q − 1)', () => {
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    const population = (6.25 * 15.44) / 2.74;
    expect(expectedAverageValue(params, { x: 0, monetary: 0 })).toBeCloseTo(population, 10);
    const one = expectedAverageValue(params, { x: 1, monetary: 100 });
    expect(one).toBeGreaterThan(population);
    expect(one).toBeLessThan(100);
    // More transactions: more weight on the customer's own mean.
    expect(expectedAverageValue(params, { x: 20, monetary: 100 })).toBeGreaterThan(one);
    expect(expectedAverageValue({ p: 1, q: 0.5, v: 1 }, { x: 1, monetary: 1 })).toBeNaN();
  });
});
