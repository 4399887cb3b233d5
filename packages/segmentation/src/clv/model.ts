// Fit both models on a calibration summary and predict per customer: the one entry point the server uses.
import { bgnbdConditionalExpectedPurchases, bgnbdPAlive, fitBgNbd, type BgNbdFit } from './bgnbd.ts';
import { expectedAverageValue, fitGammaGamma, spendersOf, type GammaGammaFit } from './gamma-gamma.ts';
import type { ClvSummary } from './summary.ts';
import { discountedClv, type ClvOptions } from './value.ts';

export interface ClvFit {
  bgnbd: BgNbdFit;
  /** Null when no customer has a repeat purchase (the spend model needs some). */
  gammagamma: GammaGammaFit | null;
}

export class ClvDataError extends Error {
  constructor(
    readonly reason: 'no_customers' | 'no_repeat_customers',
    message: string,
  ) {
    super(message);
    this.name = 'ClvDataError';
  }
}

/** Fits BG/NBD on every customer and Gamma-Gamma on those with x > 0 and a positive mean value. */
export function fitClv(customers: readonly ClvSummary[]): ClvFit {
  if (customers.length === 0)
    throw new ClvDataError('no_customers', 'No customer has a counted purchase up to the calibration end.');
  return {
    bgnbd: fitBgNbd(customers),
    gammagamma: spendersOf(customers).length > 0 ? fitGammaGamma(customers) : null,
  };
}

export interface ClvPrediction {
  customer: string;
  x: number;
  tx: number;
  T: number;
  pAlive: number;
  expectedPurchases: number;
  /** NaN when there is no spend model (no repeat customers) or its mean is infinite (q ≤ 1). */
  expectedAverageValue: number;
  clv: number;
}

/** P(alive), expected purchases over the horizon, expected average order value and discounted CLV. */
export function predictClv(
  fit: ClvFit,
  customers: readonly ClvSummary[],
  options: ClvOptions,
): ClvPrediction[] {
  return customers.map((c) => {
    const value = fit.gammagamma ? expectedAverageValue(fit.gammagamma, c) : NaN;
    return {
      customer: c.customer,
      x: c.x,
      tx: c.tx,
      T: c.T,
      pAlive: bgnbdPAlive(fit.bgnbd, c),
      expectedPurchases: bgnbdConditionalExpectedPurchases(fit.bgnbd, c, options.horizonWeeks),
      expectedAverageValue: value,
      clv: Number.isFinite(value) ? discountedClv(fit.bgnbd, c, value, options) : NaN,
    };
  });
}
