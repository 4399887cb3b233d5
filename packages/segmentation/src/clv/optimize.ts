// Derivative-free minimisation for the maximum-likelihood fits: Nelder–Mead with restarts.

export interface MinimizeOptions {
  /** Initial simplex edge (in the units of x; the fits work on log-parameters). */
  step?: number;
  maxIterations?: number;
  /** Converged when the simplex's values and vertices are this close. */
  fTolerance?: number;
  xTolerance?: number;
  /** Fresh simplexes started from the best point; a collapsed simplex is the classic Nelder–Mead failure. */
  restarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
}

const finite = (f: (x: number[]) => number) => (x: number[]) => {
  const v = f(x);
  return Number.isFinite(v) ? v : Infinity;
};

/** One Nelder–Mead run (reflection 1, expansion 2, contraction ½, shrink ½). */
export function nelderMead(
  fn: (x: number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const f = finite(fn);
  const { step = 0.5, maxIterations = 5000, fTolerance = 1e-12, xTolerance = 1e-10 } = options;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return f(x);
  };
  const simplex: { x: number[]; v: number }[] = [{ x: [...x0], v: evaluate([...x0]) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i]! += step;
    simplex.push({ x, v: evaluate(x) });
  }
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    let xSpread = 0;
    for (const p of simplex)
      for (let i = 0; i < n; i++) xSpread = Math.max(xSpread, Math.abs(p.x[i]! - best.x[i]!));
    if (Math.abs(worst.v - best.v) <= fTolerance * (Math.abs(best.v) + 1e-300) && xSpread <= xTolerance)
      break;
    if (best.v === Infinity) break;
    const centroid = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) centroid[i]! += simplex[j]!.x[i]! / n;
    const along = (t: number) => centroid.map((c, i) => c + t * (worst.x[i]! - c));
    const xr = along(-1);
    const vr = evaluate(xr);
    if (vr < best.v) {
      const xe = along(-2);
      const ve = evaluate(xe);
      simplex[n] = ve < vr ? { x: xe, v: ve } : { x: xr, v: vr };
    } else if (vr < simplex[n - 1]!.v) {
      simplex[n] = { x: xr, v: vr };
    } else {
      const outside = vr < worst.v;
      const xc = along(outside ? -0.5 : 0.5);
      const vc = evaluate(xc);
      if (vc < (outside ? vr : worst.v)) {
        simplex[n] = { x: xc, v: vc };
      } else {
        for (let j = 1; j <= n; j++) {
          const x = simplex[j]!.x.map((xi, i) => best.x[i]! + 0.5 * (xi - best.x[i]!));
          simplex[j] = { x, v: evaluate(x) };
        }
      }
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, iterations, evaluations };
}

/**
 * Nelder–Mead, restarted from the best point with a fresh simplex until a restart no longer improves
 * the value (or `restarts` runs are spent).
 */
export function minimize(
  fn: (x: number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const { restarts = 6 } = options;
  let result = nelderMead(fn, x0, options);
  let { iterations, evaluations } = result;
  for (let i = 0; i < restarts; i++) {
    const next = nelderMead(fn, result.x, { ...options, step: (options.step ?? 0.5) / (i + 2) });
    iterations += next.iterations;
    evaluations += next.evaluations;
    const improved = result.value - next.value;
    if (next.value < result.value) result = next;
    if (!(improved > 1e-10 * (Math.abs(result.value) + 1))) break;
  }
  return { ...result, iterations, evaluations };
}
