/**
 * Won-customer portrait (赢单客户画像), pure: from one row per customer with deals (its attributes and
 * whether it won any), the distribution of each attribute among won customers against all, the lift,
 * and the 靶心客户 profile — the combination of attribute values whose customers win most.
 */
export const PROFILE_FIELDS = ['industry', 'province', 'size_band', 'source'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface PortraitCustomer {
  id: string;
  won: boolean;
  industry: string | null;
  province: string | null;
  size_band: string | null;
  source: string | null;
}

export interface ValueStat {
  value: string | null;
  customers: number;
  wonCustomers: number;
  lift: number | null;
  winRate: number;
}

export interface Bullseye {
  conditions: { field: ProfileField; value: string; lift: number }[];
  customers: number;
  wonCustomers: number;
  winRate: number;
  lift: number;
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * Lift of a group: (its won customers / all won) ÷ (its customers / all) — the same as its win rate over
 * the overall win rate. Null when nobody won (nothing to compare).
 */
export function lift(
  groupCustomers: number,
  groupWon: number,
  total: number,
  totalWon: number,
): number | null {
  if (totalWon === 0 || groupCustomers === 0 || total === 0) return null;
  return round(groupWon / totalWon / (groupCustomers / total));
}

export function valueStats(rows: readonly PortraitCustomer[], field: ProfileField): ValueStat[] {
  const totalWon = rows.filter((r) => r.won).length;
  const groups = new Map<string | null, { n: number; won: number }>();
  for (const r of rows) {
    const g = groups.get(r[field]) ?? { n: 0, won: 0 };
    g.n++;
    if (r.won) g.won++;
    groups.set(r[field], g);
  }
  return [...groups.entries()]
    .map(([value, g]) => ({
      value,
      customers: g.n,
      wonCustomers: g.won,
      lift: lift(g.n, g.won, rows.length, totalWon),
      winRate: round(g.won / g.n),
    }))
    .sort((a, b) => b.wonCustomers - a.wonCustomers || b.customers - a.customers);
}

/**
 * Greedy search: start from everyone; at each step add the one attribute value (of an attribute not yet
 * used) whose customers, within the current group, have the highest win rate — as long as at least
 * `minWon` of them won (a profile of two lucky customers says nothing) and the rate improves. At most
 * `maxConditions` conditions. Null when no value beats the overall rate.
 */
export function findBullseye(
  rows: readonly PortraitCustomer[],
  opts: { minWon?: number; maxConditions?: number } = {},
): Bullseye | null {
  const totalWon = rows.filter((r) => r.won).length;
  if (totalWon === 0) return null;
  const minWon = opts.minWon ?? Math.max(3, Math.ceil(totalWon * 0.05));
  const maxConditions = opts.maxConditions ?? 3;
  const overall = totalWon / rows.length;
  let group = rows;
  let rate = overall;
  const conditions: Bullseye['conditions'] = [];
  const used = new Set<ProfileField>();
  while (conditions.length < maxConditions) {
    let best: { field: ProfileField; value: string; rows: PortraitCustomer[]; rate: number } | null = null;
    for (const field of PROFILE_FIELDS) {
      if (used.has(field)) continue;
      for (const s of valueStats(group, field)) {
        if (s.value === null || s.wonCustomers < minWon) continue;
        const r = s.wonCustomers / s.customers;
        const better =
          !best ||
          r > best.rate + 1e-12 ||
          (Math.abs(r - best.rate) <= 1e-12 && s.wonCustomers > best.rows.filter((x) => x.won).length);
        if (better)
          best = { field, value: s.value, rows: group.filter((x) => x[field] === s.value), rate: r };
      }
    }
    if (!best || best.rate <= rate + 1e-12) break;
    const single = rows.filter((r) => r[best!.field] === best!.value);
    conditions.push({
      field: best.field,
      value: best.value,
      lift: lift(single.length, single.filter((r) => r.won).length, rows.length, totalWon) ?? 0,
    });
    used.add(best.field);
    group = best.rows;
    rate = best.rate;
  }
  if (conditions.length === 0) return null;
  const wonCustomers = group.filter((r) => r.won).length;
  return {
    conditions,
    customers: group.length,
    wonCustomers,
    winRate: round(rate),
    lift: round(rate / overall),
  };
}

/** The profile as a customer rule of the rule language (every condition must hold). */
export function bullseyeRule(b: Bullseye): { and: { field: string; op: 'eq'; value: string }[] } {
  return { and: b.conditions.map((c) => ({ field: c.field, op: 'eq' as const, value: c.value })) };
}
