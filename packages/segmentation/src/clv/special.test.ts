import { describe, expect, it } from 'vitest';
import { hyp2f1, lbeta, lgamma, logAddExp } from './special.ts';

describe('lgamma', () => {
  it('matches factorials and Γ(½) = √π', () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(2)).toBeCloseTo(0, 14);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // ln Γ(171) = ln(170!), beyond what a double factorial holds.
    let lnFact = 0;
    for (let k = 2; k <= 170; k++) lnFact += Math.log(k);
    expect(lgamma(171) / lnFact).toBeCloseTo(1, 13);
  });

  it('is right for small arguments (reflection) via Γ(x+1) = xΓ(x)', () => {
    for (const x of [1e-6, 0.01, 0.243, 0.4999])
      expect(lgamma(x + 1) - lgamma(x)).toBeCloseTo(Math.log(x), 10);
  });

  it('gives ln B(a, b)', () => {
    expect(lbeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logAddExp(-Infinity, 3)).toBe(3);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
      expect(hyp2f1(0.7, 2.5, 2.5, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 10);
    }
    // z < 0 through Pfaff's transformation: ₂F₁(1, 1; 2; −1) = ln 2.
    expect(hyp2f1(1, 1, 2, -1)).toBeCloseTo(Math.LN2, 12);
    expect(hyp2f1(0.5, 1, 1.5, -3)).toBeCloseTo(Math.atan(Math.sqrt(3)) / Math.sqrt(3), 12);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});
