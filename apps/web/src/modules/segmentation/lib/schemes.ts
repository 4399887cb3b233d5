import type { Migration, Scheme, Tier } from '@stratum/contracts';

/** A name in the UI language: English for `en*`, Chinese otherwise (zh-CN is the reference language). */
export function localName(item: { nameZh: string; nameEn: string }, language: string): string {
  return language.startsWith('en') ? item.nameEn || item.nameZh : item.nameZh || item.nameEn;
}

export function localStrategy(tier: Pick<Tier, 'strategyZh' | 'strategyEn'>, language: string): string {
  return language.startsWith('en') ? tier.strategyEn || tier.strategyZh : tier.strategyZh || tier.strategyEn;
}

/** Customers the caller sees in a scheme: placed in a tier or not. */
export function schemeTotal(scheme: Pick<Scheme, 'tiers' | 'unplaced'>): number {
  return scheme.tiers.reduce((sum, t) => sum + t.count, 0) + scheme.unplaced;
}

/** Tier name by key for every scheme: `names.get('value')?.get('A')` → `A 类客户`. */
export function tierLookup(
  schemes: readonly Scheme[],
  language: string,
): Map<string, Map<string, { name: string; color: string }>> {
  return new Map(
    schemes.map((s) => [
      s.key,
      new Map(s.tiers.map((t) => [t.key, { name: localName(t, language), color: t.color }])),
    ]),
  );
}

/** Where a server validation path points in the scheme editor. */
export interface PathTarget {
  /** Index of the tier (`tiers[2]…`), if about one tier. */
  tier?: number;
  /** The tier's (or scheme's) field: `nameZh`, `rule`, `color`… */
  field?: string;
  /** Index of the condition inside a tier rule (`rule.and[0]…`), if any. */
  condition?: number;
}

/**
 * `tiers[2].rule.and[0].value` → `{tier: 2, field: 'rule', condition: 0}`; `tiers[1].nameZh` →
 * `{tier: 1, field: 'nameZh'}`; `config.thresholds.r` → `{field: 'config'}`; `key` → `{field: 'key'}`.
 */
export function parseSchemePath(path: string): PathTarget {
  const tier = /^tiers\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (tier) {
    const out: PathTarget = { tier: Number(tier[1]) };
    if (tier[2]) out.field = tier[2];
    const cond = /^tiers\[\d+\]\.rule\.(?:and|or)\[(\d+)\]/.exec(path);
    if (cond) out.condition = Number(cond[1]);
    return out;
  }
  const head = /^(\w+)/.exec(path);
  return head ? { field: head[1] } : {};
}

/** A new tier key that is not taken yet: `T1`, `T2`… */
export function freshTierKey(taken: readonly string[]): string {
  for (let i = 1; ; i++) {
    const key = `T${i}`;
    if (!taken.includes(key)) return key;
  }
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export const NONE_TIER = 'none';

export interface MigrationCell {
  count: number;
  revenue: number;
}

export interface MigrationMatrix {
  /** Tiers in scheme order (with `none` where it occurs). */
  tiers: Migration['tiers'];
  /** `cells[from][to]`. */
  cells: MigrationCell[][];
  rowTotals: MigrationCell[];
  colTotals: MigrationCell[];
  total: MigrationCell;
  /** Customers that stayed in the same tier. */
  stayed: number;
}

const zero = (): MigrationCell => ({ count: 0, revenue: 0 });
const add = (a: MigrationCell, b: MigrationCell) => {
  a.count += b.count;
  a.revenue += b.revenue;
};

/**
 * The migration as a square matrix over the scheme's tiers. Tiers no customer is in on either side are
 * kept (an empty row says as much); `none` is kept only when some customer is not placed on a side.
 */
export function migrationMatrix(m: Migration): MigrationMatrix {
  const used = new Set(m.flows.flatMap((f) => [f.from, f.to]));
  const tiers = m.tiers.filter((t) => t.key !== NONE_TIER || used.has(NONE_TIER));
  const index = new Map(tiers.map((t, i) => [t.key, i]));
  const cells = tiers.map(() => tiers.map(zero));
  for (const f of m.flows) {
    const i = index.get(f.from);
    const j = index.get(f.to);
    if (i === undefined || j === undefined) continue;
    add(cells[i]![j]!, { count: f.count, revenue: Number(f.revenue) || 0 });
  }
  const rowTotals = cells.map((row) => {
    const sum = zero();
    for (const c of row) add(sum, c);
    return sum;
  });
  const colTotals = tiers.map((_, j) => {
    const sum = zero();
    for (const row of cells) add(sum, row[j]!);
    return sum;
  });
  const total = zero();
  for (const r of rowTotals) add(total, r);
  const stayed = cells.reduce((s, row, i) => s + row[i]!.count, 0);
  return { tiers, cells, rowTotals, colTotals, total, stayed };
}

export interface SankeyData {
  nodes: { name: string; label: string; color: string; side: 'from' | 'to' }[];
  links: { source: string; target: string; value: number; revenue: number }[];
}

/**
 * Sankey nodes and links: each tier twice (left = before, right = after) with distinct node names (a
 * suffix), the label shown being the tier name alone. Empty flows are left out.
 */
export function sankeyData(m: Migration, fromSuffix: string, toSuffix: string): SankeyData {
  const byKey = new Map(m.tiers.map((t) => [t.key, t]));
  const used = { from: new Set<string>(), to: new Set<string>() };
  const links: SankeyData['links'] = [];
  for (const f of m.flows) {
    if (f.count <= 0) continue;
    used.from.add(f.from);
    used.to.add(f.to);
    links.push({
      source: `${byKey.get(f.from)?.name ?? f.from}${fromSuffix}`,
      target: `${byKey.get(f.to)?.name ?? f.to}${toSuffix}`,
      value: f.count,
      revenue: Number(f.revenue) || 0,
    });
  }
  const nodes: SankeyData['nodes'] = [];
  for (const side of ['from', 'to'] as const)
    for (const t of m.tiers)
      if (used[side].has(t.key))
        nodes.push({
          name: `${t.name}${side === 'from' ? fromSuffix : toSuffix}`,
          label: t.name,
          color: t.color,
          side,
        });
  return { nodes, links };
}
