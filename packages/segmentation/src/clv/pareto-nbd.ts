// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), the likelihood as in Fader & Hardie's 2005 note
// "A Note on Deriving the Pareto/NBD Model and Related Expressions": Poisson purchases at rate
// λ ~ Gamma(r, α) while alive, an exponential lifetime with rate μ ~ Gamma(s, β).
import type { Rft } from './bgnbd.ts';
import { minimize } from './optimize.ts';
import { hyp2f1, lgamma, logAddExp } from './special.ts';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * ln A₀ with A₀ = F(t_x)/(m+t_x)^(r+s+x) − F(T)/(m+T)^(r+s+x), where m = max(α, β),
 * F(t) = ₂F₁(r+s+x, (α ≥ β ? s+1 : r+x); r+s+x+1; |α−β|/(m+t)) — the argument stays in [0, 1).
 */
function lnA0({ r, alpha, s, beta }: ParetoNbdParams, { x, tx, T }: Rft): number {
  const m = Math.max(alpha, beta);
  const b = alpha >= beta ? s + 1 : r + x;
  const c = r + s + x;
  const term = (t: number) =>
    Math.log(hyp2f1(c, b, c + 1, Math.abs(alpha - beta) / (m + t))) - c * Math.log(m + t);
  const l1 = term(tx);
  const l2 = term(T);
  // A₀ ≥ 0 (it is an integral over the death time in (t_x, T]); the difference in log space.
  return l1 + Math.log(-Math.expm1(Math.min(0, l2 - l1)));
}

/**
 * One customer's log-likelihood:
 * L = Γ(r+x) α^r β^s / Γ(r) · [1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀].
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, rft: Rft): number {
  const { r, alpha, s, beta } = params;
  const { x, T } = rft;
  const head = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s / (r + s + x)) + lnA0(params, rft);
  return head + logAddExp(alive, died);
}

export function paretoNbdTotalLogLikelihood(params: ParetoNbdParams, customers: readonly Rft[]): number {
  let sum = 0;
  for (const c of customers) sum += paretoNbdLogLikelihood(params, c);
  return sum;
}

/** Maximum-likelihood fit on log-parameters (Nelder–Mead with restarts). */
export function fitParetoNbd(
  customers: readonly Rft[],
  start: ParetoNbdParams = { r: 1, alpha: 1, s: 1, beta: 1 },
): ParetoNbdParams & { logLikelihood: number; customers: number } {
  if (customers.length === 0) throw new RangeError('fitParetoNbd: no customers');
  const groups = new Map<string, { rft: Rft; n: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { rft: c, n: 1 });
  }
  const toParams = (v: number[]) => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    s: Math.exp(v[2]!),
    beta: Math.exp(v[3]!),
  });
  const negLl = (v: number[]) => {
    const p = toParams(v);
    try {
      let sum = 0;
      for (const g of groups.values()) sum += g.n * paretoNbdLogLikelihood(p, g.rft);
      return -sum;
    } catch {
      return Infinity; // a series that does not converge at an extreme point: not a candidate
    }
  };
  const result = minimize(negLl, [start.r, start.alpha, start.s, start.beta].map(Math.log));
  return { ...toParams(result.x), logLikelihood: -result.value, customers: customers.length };
}

/** P(alive) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀). */
export function paretoNbdPAlive(params: ParetoNbdParams, rft: Rft): number {
  const { r, alpha, s, beta } = params;
  const { x, T } = rft;
  const lnOdds =
    Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + lnA0(params, rft);
  return 1 / (1 + Math.exp(lnOdds));
}

/**
 * Expected purchases in (T, T+t]:
 * (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive); s = 1 is nudged off.
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParams, rft: Rft, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, beta } = params;
  const s = Math.abs(params.s - 1) < 1e-7 ? 1 + 1e-7 : params.s;
  const { x, T } = rft;
  const ifAlive =
    (((r + x) * (beta + T)) / ((alpha + T) * (s - 1))) *
    -Math.expm1((s - 1) * (Math.log(beta + T) - Math.log(beta + T + t)));
  return ifAlive * paretoNbdPAlive(params, rft);
}
