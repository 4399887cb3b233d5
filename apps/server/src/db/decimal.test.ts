import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineAmount, normaliseAmount, sumAmounts } from './decimal.ts';

describe('decimal money', () => {
  it('multiplies and rounds half away from zero to the cent', () => {
    expect(lineAmount('3', '19.99')).toBe('59.97');
    expect(lineAmount('0.333', '10.00')).toBe('3.33');
    expect(lineAmount('1.005', '1.00')).toBe('1.01');
    expect(lineAmount('-2', '4.25')).toBe('-8.50');
    expect(lineAmount('-0.005', '1.00')).toBe('-0.01');
  });

  it('sums exactly where floats would not', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(['999999999999.99', '0.01'])).toBe('1000000000000.00');
    expect(sumAmounts([])).toBe('0.00');
    expect(normaliseAmount('5')).toBe('5.00');
    expect(normaliseAmount('-0.5')).toBe('-0.50');
  });

  it('agrees with integer arithmetic on cents', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 50 }), (cs) => {
        const text = cs.map((c) => (c < 0 ? '-' : '') + (Math.abs(c) / 100).toFixed(2));
        const total = cs.reduce((a, b) => a + b, 0);
        expect(sumAmounts(text)).toBe((total < 0 ? '-' : '') + (Math.abs(total) / 100).toFixed(2));
      }),
    );
  });
});
