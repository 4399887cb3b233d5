// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves", after Colombo
// & Jiang 1999): a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers
// (γ is written v here), independent of the purchase process. Fitted on customers with x > 0 from x and
// the mean m̄ of their repeat transactions' values.
import { lgamma } from './special.ts';
import { minimize } from './optimize.ts';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface Spend {
  /** Number of repeat transactions (> 0 to enter the fit). */
  x: number;
  /** Mean value of those transactions (> 0). */
  monetary: number;
}

/**
 * One customer's log-density of m̄ given x:
 * f(m̄ | p, q, v, x) = Γ(px+q)/(Γ(px)Γ(q)) · v^q m̄^(px−1) x^(px) / (v + x m̄)^(px+q).
 */
export function gammaGammaLogLikelihood({ p, q, v }: GammaGammaParams, { x, monetary: m }: Spend): number {
  const px = p * x;
  return (
    lgamma(px + q) -
    lgamma(px) -
    lgamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(v + x * m)
  );
}

/** Customers that enter the fit: x > 0 and a positive mean value. */
export const spendersOf = <T extends Spend>(customers: readonly T[]) =>
  customers.filter((c) => c.x > 0 && c.monetary > 0);

export function gammaGammaTotalLogLikelihood(params: GammaGammaParams, customers: readonly Spend[]): number {
  let sum = 0;
  for (const c of spendersOf(customers)) sum += gammaGammaLogLikelihood(params, c);
  return sum;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  customers: number;
}

/** Maximum-likelihood fit on the customers with x > 0 (the others are ignored), on log-parameters. */
export function fitGammaGamma(
  customers: readonly Spend[],
  start: GammaGammaParams = { p: 1, q: 1, v: 1 },
): GammaGammaFit {
  const spenders = spendersOf(customers);
  if (spenders.length === 0) throw new RangeError('fitGammaGamma: no customer with a repeat purchase');
  const toParams = (w: number[]) => ({ p: Math.exp(w[0]!), q: Math.exp(w[1]!), v: Math.exp(w[2]!) });
  // gammaGammaTotalLogLikelihood, arranged for the fit's inner loop: ln m̄ once per customer, and the
  // terms that depend on x alone (Γ(px+q)/Γ(px) · x^(px)) once per distinct x.
  const distinct = [...new Set(spenders.map((c) => c.x))];
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const idx = Int32Array.from(spenders, (c) => slot.get(c.x)!);
  const xs = Float64Array.from(spenders, (c) => c.x);
  const ms = Float64Array.from(spenders, (c) => c.monetary);
  const lnMs = Float64Array.from(spenders, (c) => Math.log(c.monetary));
  const byX = new Float64Array(distinct.length);
  const negLl = (w: number[]) => {
    const { p, q, v } = toParams(w);
    distinct.forEach((x, i) => {
      byX[i] = lgamma(p * x + q) - lgamma(p * x) + p * x * Math.log(x);
    });
    const constant = q * Math.log(v) - lgamma(q);
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const px = p * xs[i]!;
      sum += byX[idx[i]!]! + constant + (px - 1) * lnMs[i]! - (px + q) * Math.log(v + xs[i]! * ms[i]!);
    }
    return -sum;
  };
  const result = minimize(negLl, [start.p, start.q, start.v].map(Math.log));
  return { ...toParams(result.x), logLikelihood: -result.value, customers: spenders.length };
}

/**
 * Expected average transaction value given x and m̄ (FHL 2005b eq. 5):
 * E(M | p, q, v, m̄, x) = p (v + x m̄) / (p x + q − 1),
 * a weighted mean of the population mean p v/(q − 1) and the customer's own m̄; for x = 0 it is the
 * population mean. Needs q > 1 (otherwise the mean spend is infinite and NaN is returned).
 */
export function expectedAverageValue({ p, q, v }: GammaGammaParams, { x, monetary }: Spend): number {
  if (!(q > 1)) return NaN;
  const m = x > 0 ? monetary : 0;
  return (p * (v + x * m)) / (p * x + q - 1);
}
