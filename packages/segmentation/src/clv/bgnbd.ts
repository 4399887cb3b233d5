// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): purchases follow a Poisson
// process with rate λ ~ Gamma(r, α) while the customer is alive; after each purchase the customer drops
// out with probability p ~ Beta(a, b).
import { hyp2f1, lgamma, logAddExp } from './special.ts';
import { minimize } from './optimize.ts';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The part of a customer's history the model uses: x repeat purchases, last at t_x, observed for T. */
export interface Rft {
  x: number;
  tx: number;
  T: number;
}

/**
 * One customer's log-likelihood (FHL 2005 eq. 6), in log space:
 * L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *   + [x > 0] B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
 */
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: Rft): number {
  const lnA1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const lnA2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const lnA3 = -(r + x) * Math.log(alpha + T);
  const lnA4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return lnA1 + lnA2 + logAddExp(lnA3, lnA4);
}

/** Sum of the log-likelihoods over customers. */
export function bgnbdTotalLogLikelihood(params: BgNbdParams, customers: readonly Rft[]): number {
  let sum = 0;
  for (const c of customers) sum += bgnbdLogLikelihood(params, c);
  return sum;
}

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
  customers: number;
}

/** Groups identical (x, t_x, T) so each distinct history is evaluated once per likelihood call. */
function grouped(customers: readonly Rft[]): { rft: Rft; n: number }[] {
  const groups = new Map<string, { rft: Rft; n: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { rft: { x: c.x, tx: c.tx, T: c.T }, n: 1 });
  }
  return [...groups.values()];
}

/**
 * Maximum-likelihood fit: Nelder–Mead on the log-parameters (so they stay positive), with restarts.
 * Needs at least one customer; the estimate is only meaningful with many, some with repeat purchases.
 */
export function fitBgNbd(customers: readonly Rft[], start: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 }) {
  if (customers.length === 0) throw new RangeError('fitBgNbd: no customers');
  const groups = grouped(customers);
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const total = groups.every((g) => Number.isInteger(g.rft.x) && g.rft.x >= 0)
    ? tabledLogLikelihood(groups)
    : (p: BgNbdParams) => {
        let sum = 0;
        for (const g of groups) sum += g.n * bgnbdLogLikelihood(p, g.rft);
        return sum;
      };
  const result = minimize((v) => -total(toParams(v)), [start.r, start.alpha, start.a, start.b].map(Math.log));
  return {
    ...toParams(result.x),
    logLikelihood: -result.value,
    customers: customers.length,
  } satisfies BgNbdFit;
}

/**
 * The total log-likelihood (bgnbdLogLikelihood summed) for whole-number repeat counts, with the
 * x-dependent gamma-function ratios as running sums of logs shared by every customer —
 * Γ(r+x)/Γ(r) = Π_{i<x} (r+i) — instead of four lgamma calls per customer: the fit's inner loop.
 */
function tabledLogLikelihood(groups: readonly { rft: Rft; n: number }[]) {
  const maxX = groups.reduce((m, g) => Math.max(m, g.rft.x), 0);
  const lnR = new Float64Array(maxX + 1); // ln Γ(r+x) − ln Γ(r)
  const lnB = new Float64Array(maxX + 1); // ln Γ(b+x) − ln Γ(b)
  const lnAB = new Float64Array(maxX + 1); // ln Γ(a+b+x) − ln Γ(a+b)
  const lnBx = new Float64Array(maxX + 1); // ln(b+x−1)
  // Ages and last-purchase times take few distinct values (whole days in weeks): ln(α+t) once each.
  const times = [...new Set(groups.flatMap((g) => [g.rft.T, g.rft.tx]))];
  const slot = new Map(times.map((t, i) => [t, i]));
  const lnAt = new Float64Array(times.length);
  const xs = Int32Array.from(groups, (g) => g.rft.x);
  const ns = Float64Array.from(groups, (g) => g.n);
  const tIdx = Int32Array.from(groups, (g) => slot.get(g.rft.T)!);
  const txIdx = Int32Array.from(groups, (g) => slot.get(g.rft.tx)!);
  return ({ r, alpha, a, b }: BgNbdParams): number => {
    for (let x = 0; x < maxX; x++) {
      lnR[x + 1] = lnR[x]! + Math.log(r + x);
      lnB[x + 1] = lnB[x]! + Math.log(b + x);
      lnAB[x + 1] = lnAB[x]! + Math.log(a + b + x);
      lnBx[x + 1] = Math.log(b + x);
    }
    for (let i = 0; i < times.length; i++) lnAt[i] = Math.log(alpha + times[i]!);
    const lnAlpha = Math.log(alpha);
    const lnA = Math.log(a);
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const lnA1 = lnR[x]! + r * lnAlpha;
      const lnA2 = lnB[x]! - lnAB[x]!;
      const lnA3 = -(r + x) * lnAt[tIdx[i]!]!;
      const lnA4 = x > 0 ? lnA - lnBx[x]! - (r + x) * lnAt[txIdx[i]!]! : -Infinity;
      sum += ns[i]! * (lnA1 + lnA2 + logAddExp(lnA3, lnA4));
    }
    return sum;
  };
}

/** P(alive at T | x, t_x, T) = 1 / (1 + [x > 0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). */
export function bgnbdPAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: Rft): number {
  if (x === 0) return 1;
  const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/**
 * Expected repeat purchases of a new customer in (0, t] (FHL 2005 eq. 7):
 * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return bgnbdConditionalExpectedPurchases(params, { x: 0, tx: 0, T: 0 }, t);
}

/**
 * Expected purchases in (T, T+t] given the history (FHL 2005 eq. 10):
 * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)]
 *                       / (1 + [x > 0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)),   z = t/(α+T+t).
 * The bracket is evaluated after Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A,C−B;C;z),
 * i.e. as 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series terms stay bounded for large x
 * (the untransformed terms grow like n^(r+x−a) before they fall). a = 1 is a removable singularity:
 * a is nudged off it.
 */
export function bgnbdConditionalExpectedPurchases(params: BgNbdParams, rft: Rft, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = params;
  const a = Math.abs(params.a - 1) < 1e-7 ? 1 + 1e-7 : params.a;
  const { x, T } = rft;
  const z = t / (alpha + T + t);
  const ln1mz = Math.log(alpha + T) - Math.log(alpha + T + t);
  const bracket = 1 - Math.exp((a - 1) * ln1mz) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const expectedIfAlive = ((a + b + x - 1) / (a - 1)) * bracket;
  return expectedIfAlive * bgnbdPAlive({ ...params, a }, rft);
}
