import { describe, expect, it } from 'vitest';
import { minimize, nelderMead } from './optimize.ts';

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosen = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const res = minimize(rosen, [-1.2, 1]);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
  });

  it('treats NaN and infinite values as +∞ (an infeasible point is never kept)', () => {
    const f = ([x]: number[]) => (x! < 0 ? NaN : (x! - 2) ** 2);
    expect(nelderMead(f, [1]).x[0]).toBeCloseTo(2, 6);
  });
});
