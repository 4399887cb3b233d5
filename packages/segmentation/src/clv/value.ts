// Discounted customer lifetime value from the BG/NBD purchase forecast and the Gamma-Gamma spend.
import { bgnbdConditionalExpectedPurchases, type BgNbdParams, type Rft } from './bgnbd.ts';

export type DiscountPeriod = 'week' | 'month';

export interface ClvOptions {
  /** Forecast horizon in weeks. */
  horizonWeeks: number;
  /** Annual discount rate, e.g. 0.1 for 10 % a year (0 = undiscounted). */
  annualDiscountRate?: number;
  /** Length of one discounting step: a week, or a month of 52/12 weeks. */
  period?: DiscountPeriod;
}

export const WEEKS_PER_PERIOD: Record<DiscountPeriod, number> = { week: 1, month: 52 / 12 };

/**
 * CLV = E(M) · Σ_{i=1..n} (E[Y(t_i)] − E[Y(t_{i−1})]) / (1 + d)^i, with t_i = min(i·L, H), n = ⌈H/L⌉,
 * L the period length in weeks, H the horizon and d = (1 + annual rate)^(L/52) − 1 the per-period
 * rate: the purchases expected in each period are valued at the expected average order value and
 * discounted as if paid at the end of that period. With a zero rate it is E(M) · E[Y(H)].
 */
export function discountedClv(
  params: BgNbdParams,
  rft: Rft,
  expectedValue: number,
  { horizonWeeks, annualDiscountRate = 0.1, period = 'month' }: ClvOptions,
): number {
  if (!(horizonWeeks > 0)) return 0;
  const L = WEEKS_PER_PERIOD[period];
  const d = Math.pow(1 + annualDiscountRate, L / 52) - 1;
  const n = Math.ceil(horizonWeeks / L - 1e-9);
  let total = 0;
  let previous = 0;
  for (let i = 1; i <= n; i++) {
    const cumulative = bgnbdConditionalExpectedPurchases(params, rft, Math.min(i * L, horizonWeeks));
    total += (cumulative - previous) / Math.pow(1 + d, i);
    previous = cumulative;
  }
  return expectedValue * total;
}
