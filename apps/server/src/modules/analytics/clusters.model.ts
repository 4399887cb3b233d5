// AI 自动分群 in the product: packages/segmentation's autoCluster over the customers of a request, with
// the work bounded — k and the centres are fitted on a seeded sample when there are many customers, then
// every customer joins its nearest centre.
import {
  autoCluster,
  projectRow,
  seededRandom,
  squaredDistance,
  type AutoClusterResult,
  type ClusterInput,
  type ExtraColumn,
} from '@stratum/segmentation';

/** One scored customer: R/F/M and the chosen extra fields (all present: rows missing one are left out). */
export type ClusterRow = ClusterInput & { extra: Record<string, number> };

export interface ClusterOptions {
  /** A fixed k; otherwise the k of kRange with the highest silhouette. */
  k?: number;
  kRange: [number, number];
  extra: readonly ExtraColumn[];
  seed: number;
  /** Most customers k-means and the silhouettes run on; above it, a seeded sample of this many. */
  fitSample: number;
}

export interface ModelCluster {
  index: number;
  size: number;
  sizeShare: number;
  revenue: number;
  revenueShare: number;
  means: Record<string, number>;
  z: Record<string, number>;
  description: { zh: string; en: string };
}

export interface ModelResult {
  k: number;
  silhouettes: { k: number; silhouette: number }[];
  fittedOn: number;
  sampled: boolean;
  clusters: ModelCluster[];
  /** Cluster index per customer id. */
  clusterOf: Map<string, number>;
}

/** Indices of a seeded random sample of `size` of `n` (partial Fisher–Yates), in ascending order. */
export function sampleIndices(n: number, size: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, size).sort((a, b) => a - b);
}

/** Every customer to the nearest centre of a fit made on a sample; sizes, revenue and means over all. */
function assignAll(
  rows: readonly ClusterRow[],
  fit: AutoClusterResult,
  extra: readonly ExtraColumn[],
): { clusters: ModelCluster[]; clusterOf: Map<string, number> } {
  // The sample's standardisation, as autoCluster made it: the centres' z are in its units.
  const keys = fit.transform.keys;
  const centres = fit.clusters.map((c) => keys.map((k) => c.z[k] ?? 0));
  const size = new Array<number>(centres.length).fill(0);
  const revenue = new Array<number>(centres.length).fill(0);
  const sums = centres.map(() => new Array<number>(keys.length).fill(0));
  const labels = rows.map((row) => {
    const z = projectRow(fit.transform, row);
    let best = 0;
    let bestD = Infinity;
    centres.forEach((c, j) => {
      const d = squaredDistance(z, c);
      if (d < bestD) [best, bestD] = [j, d];
    });
    size[best]!++;
    revenue[best]! += row.monetary;
    const raw = [row.recencyDays, row.frequency, row.monetary, ...extra.map((c) => row.extra[c.key]!)];
    raw.forEach((v, d) => (sums[best]![d]! += v));
    return best;
  });
  const totalRevenue = revenue.reduce((s, v) => s + v, 0);
  const ranked = fit.clusters
    .map((c, j) => ({
      from: j,
      size: size[j]!,
      sizeShare: size[j]! / rows.length,
      revenue: revenue[j]!,
      revenueShare: totalRevenue > 0 ? revenue[j]! / totalRevenue : 0,
      means: Object.fromEntries(keys.map((k, d) => [k, size[j]! > 0 ? sums[j]![d]! / size[j]! : 0])),
      z: c.z,
      description: c.description,
    }))
    .filter((c) => c.size > 0)
    .sort((a, b) => b.revenue - a.revenue || b.size - a.size);
  const renumber = new Map(ranked.map((c, index) => [c.from, index]));
  return {
    clusters: ranked.map(({ from: _from, ...c }, index) => ({ index, ...c })),
    clusterOf: new Map(rows.map((r, i) => [r.id, renumber.get(labels[i]!)!])),
  };
}

/**
 * Clusters the rows (needs at least 2). Up to `fitSample` rows: autoCluster on all of them. Above: autoCluster
 * on a seeded sample chooses k and the centres, then each row joins its nearest centre (in the sample's
 * standardisation), and sizes, revenue shares and means are counted over every row. Same rows and options,
 * same result.
 */
export function clusterCustomers(rows: readonly ClusterRow[], o: ClusterOptions): ModelResult {
  const sampled = rows.length > o.fitSample;
  const sample = sampled ? sampleIndices(rows.length, o.fitSample, o.seed).map((i) => rows[i]!) : rows;
  const fit = autoCluster(sample, {
    ...(o.k === undefined ? { kRange: o.kRange } : { k: o.k }),
    seed: o.seed,
    extra: o.extra,
  });
  const { clusters, clusterOf } = sampled
    ? assignAll(rows, fit, o.extra)
    : {
        clusters: fit.clusters,
        clusterOf: new Map(fit.assignments.map((a) => [a.id, a.cluster])),
      };
  return {
    k: clusters.length,
    silhouettes: fit.silhouettes,
    fittedOn: sample.length,
    sampled,
    clusters,
    clusterOf,
  };
}
