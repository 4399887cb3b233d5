import { describe, expect, it } from 'vitest';
import { bgnbdConditionalExpectedPurchases } from './bgnbd.ts';
import { discountedClv } from './value.ts';

const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const c = { x: 2, tx: 30.43, T: 38.86 };

describe('discountedClv', () => {
  it('is E(M) · E[Y(H)] without discounting, whatever the period', () => {
    const undiscounted = 40 * bgnbdConditionalExpectedPurchases(params, c, 52);
    for (const period of ['week', 'month'] as const)
      expect(discountedClv(params, c, 40, { horizonWeeks: 52, annualDiscountRate: 0, period })).toBeCloseTo(
        undiscounted,
        10,
      );
  });

  it('discounts each period’s expected purchases at (1 + d)^i, d = (1 + annual)^(L/52) − 1', () => {
    const clv = discountedClv(params, c, 40, { horizonWeeks: 2, annualDiscountRate: 0.1, period: 'week' });
    const d = Math.pow(1.1, 1 / 52) - 1;
    const e1 = bgnbdConditionalExpectedPurchases(params, c, 1);
    const e2 = bgnbdConditionalExpectedPurchases(params, c, 2);
    expect(clv).toBeCloseTo(40 * (e1 / (1 + d) + (e2 - e1) / (1 + d) ** 2), 12);
    const monthly = discountedClv(params, c, 40, { horizonWeeks: 52, annualDiscountRate: 0.1 });
    expect(monthly).toBeLessThan(40 * bgnbdConditionalExpectedPurchases(params, c, 52));
    expect(monthly).toBeGreaterThan((40 * bgnbdConditionalExpectedPurchases(params, c, 52)) / 1.1);
    expect(discountedClv(params, c, 40, { horizonWeeks: 0 })).toBe(0);
  });
});
