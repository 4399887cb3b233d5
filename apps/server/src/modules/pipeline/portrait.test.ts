import { describe, expect, it } from 'vitest';
import { bullseyeRule, findBullseye, lift, valueStats, type PortraitCustomer } from './portrait.ts';

let n = 0;
const c = (won: boolean, industry: string, province: string, size_band = '50-199', source = 'referral') =>
  ({ id: String(++n), won, industry, province, size_band, source }) satisfies PortraitCustomer;

describe('won-customer portrait', () => {
  it('lift is the share among won customers over the share among all', () => {
    // 10 customers, 4 won; 制造业: 5 customers, 3 won → (3/4) / (5/10) = 1.5
    expect(lift(5, 3, 10, 4)).toBe(1.5);
    expect(lift(5, 0, 10, 4)).toBe(0);
    expect(lift(5, 0, 10, 0)).toBeNull();
  });

  it('groups a field by value, most won first, with win rate and lift', () => {
    const rows = [
      c(true, '制造业', '浙江'),
      c(true, '制造业', '江苏'),
      c(false, '制造业', '浙江'),
      c(false, '零售', '浙江'),
    ];
    expect(valueStats(rows, 'industry')).toEqual([
      { value: '制造业', customers: 3, wonCustomers: 2, lift: 1.3333, winRate: 0.6667 },
      { value: '零售', customers: 1, wonCustomers: 0, lift: 0, winRate: 0 },
    ]);
  });

  it('finds the best-winning combination greedily, with enough won customers to mean something', () => {
    // 制造业 wins 6 of 8; within it 浙江 wins 5 of 5; 零售 wins 1 of 8.
    const rows = [
      ...Array.from({ length: 5 }, () => c(true, '制造业', '浙江', '200-999')),
      c(true, '制造业', '江苏', '1-9'),
      c(false, '制造业', '江苏', '1-9'),
      c(false, '制造业', '广东', '200-999'),
      c(true, '零售', '浙江', '1-9'),
      ...Array.from({ length: 7 }, () => c(false, '零售', '广东', '1-9')),
    ];
    const b = findBullseye(rows, { minWon: 3 })!;
    // Step 1: 200-999 wins 5/6 (0.833) vs 制造业 6/8 (0.75) vs 浙江 6/6 (1.0) → 浙江 first.
    expect(b.conditions.map((x) => [x.field, x.value])).toEqual([['province', '浙江']]);
    expect(b).toMatchObject({ customers: 6, wonCustomers: 6, winRate: 1 });
    // overall 7/16; 浙江 6/6 → lift 16/7
    expect(b.lift).toBe(Math.round((16 / 7) * 10_000) / 10_000);
    expect(bullseyeRule(b)).toEqual({ and: [{ field: 'province', op: 'eq', value: '浙江' }] });
  });

  it('adds a second condition when it raises the win rate', () => {
    const rows = [
      ...Array.from({ length: 4 }, () => c(true, '制造业', '浙江')),
      ...Array.from({ length: 2 }, () => c(false, '制造业', '江苏')),
      ...Array.from({ length: 3 }, () => c(true, '制造业', '江苏')),
      ...Array.from({ length: 4 }, () => c(false, '零售', '浙江')),
      c(true, '零售', '浙江'),
    ];
    // 制造业 7/9 = 0.778 beats 浙江 5/9; then within 制造业, 浙江 4/4.
    const b = findBullseye(rows, { minWon: 3 })!;
    expect(b.conditions.map((x) => [x.field, x.value])).toEqual([
      ['industry', '制造业'],
      ['province', '浙江'],
    ]);
    expect(b).toMatchObject({ customers: 4, wonCustomers: 4, winRate: 1 });
  });

  it('has no profile without enough won customers or when nothing beats the average', () => {
    expect(findBullseye([c(true, 'a', 'x'), c(false, 'b', 'y')])).toBeNull();
    expect(findBullseye([c(false, 'a', 'x')])).toBeNull();
    const flat = Array.from({ length: 6 }, (_, i) => c(i % 2 === 0, 'a', 'x'));
    expect(findBullseye(flat, { minWon: 1 })).toBeNull();
  });
});
