// AI 自动分群: k-means on standardised log R/F/M (plus optional numeric columns), k chosen by silhouette,
// each cluster described in plain words from its centre relative to the overall mean.
import { kMeans, silhouette, type KMeansResult } from './kmeans.ts';

export interface ClusterInput {
  id: string;
  /** Days since the last purchase. */
  recencyDays: number;
  /** Number of purchases. */
  frequency: number;
  /** Total spend. */
  monetary: number;
  /** Further numeric columns (same keys on every row), standardised as they are (no log). */
  extra?: Record<string, number>;
}

export interface ExtraColumn {
  key: string;
  label: { zh: string; en: string };
}

export interface AutoClusterOptions {
  /** A fixed k (the caller's override); otherwise the k of kRange with the highest silhouette. */
  k?: number;
  /** Inclusive range of k to try (default [2, 8], capped at the number of distinct customers). */
  kRange?: [number, number];
  seed?: number;
  /** Labels of the extra columns used (columns not listed are ignored). */
  extra?: readonly ExtraColumn[];
  /** |z| at which a cluster's centre counts as high or low (default 0.5 standard deviations). */
  threshold?: number;
}

export interface ClusterSummary {
  index: number;
  size: number;
  sizeShare: number;
  revenue: number;
  revenueShare: number;
  /** Mean of each feature in the cluster, in original units (recencyDays, frequency, monetary, extras). */
  means: Record<string, number>;
  /** Centre in standard deviations from the overall mean, per feature (log scale for R/F/M). */
  z: Record<string, number>;
  description: { zh: string; en: string };
}

/**
 * How autoCluster turned rows into points: log(1 + x) of R/F/M (negatives as 0), extras as they are, then
 * each feature standardised with the mean and standard deviation of the rows clustered. `projectRow` applies
 * it to any row, so customers outside a fitted sample can be measured against the centres (`z`).
 */
export interface FeatureTransform {
  /** Feature names in order: recencyDays, frequency, monetary, then the extra columns' keys. */
  keys: string[];
  /** Mean of each feature after the log, over the rows clustered. */
  mean: number[];
  /** Population standard deviation of each feature after the log (0: a constant feature, projected to 0). */
  sd: number[];
}

export interface AutoClusterResult {
  k: number;
  /** Silhouette of each k tried (only the chosen k when it was given). */
  silhouettes: { k: number; silhouette: number }[];
  clusters: ClusterSummary[];
  /** Cluster index per input row, in input order. */
  assignments: { id: string; cluster: number }[];
  /** The feature transform the points were made with (the centres' `z` are in its units). */
  transform: FeatureTransform;
}

/** Mean and population standard deviation of each column. */
function columnStats(rows: readonly number[][]): { mean: number[]; sd: number[] } {
  const dim = rows[0]?.length ?? 0;
  const mean = new Array<number>(dim).fill(0);
  const sd = new Array<number>(dim).fill(0);
  for (const r of rows) for (let d = 0; d < dim; d++) mean[d]! += r[d]! / rows.length;
  for (const r of rows) for (let d = 0; d < dim; d++) sd[d]! += (r[d]! - mean[d]!) ** 2 / rows.length;
  for (let d = 0; d < dim; d++) sd[d] = Math.sqrt(sd[d]!);
  return { mean, sd };
}

const scale = (row: readonly number[], mean: readonly number[], sd: readonly number[]): number[] =>
  row.map((v, d) => (sd[d]! > 0 ? (v - mean[d]!) / sd[d]! : 0));

/** Columns standardised to mean 0 and standard deviation 1 (a constant column becomes 0). */
export function standardize(rows: readonly number[][]): number[][] {
  const { mean, sd } = columnStats(rows);
  return rows.map((r) => scale(r, mean, sd));
}

/** A row's features before standardising: log(1 + x) of R/F/M (negatives as 0), then the extras' values. */
function logFeatures(row: ClusterInput, extraKeys: readonly string[]): number[] {
  return [
    Math.log1p(Math.max(0, row.recencyDays)),
    Math.log1p(Math.max(0, row.frequency)),
    Math.log1p(Math.max(0, row.monetary)),
    ...extraKeys.map((key) => row.extra?.[key] ?? NaN),
  ];
}

/** A row in the standard deviations of a fit (see FeatureTransform), in the order of `transform.keys`. */
export function projectRow(transform: FeatureTransform, row: ClusterInput): number[] {
  return scale(logFeatures(row, transform.keys.slice(3)), transform.mean, transform.sd);
}

/** Plain-words description of a centre (z-scores): e.g. 高频高额、近期活跃 / Frequent, high spend, recently active. */
export function describeCluster(
  z: Record<string, number>,
  extra: readonly ExtraColumn[] = [],
  threshold = 0.5,
): { zh: string; en: string } {
  const level = (v: number | undefined) =>
    v === undefined ? 0 : v >= threshold ? 1 : v <= -threshold ? -1 : 0;
  const zh: string[] = [];
  const en: string[] = [];
  const f = level(z.frequency);
  const m = level(z.monetary);
  const value = (f > 0 ? '高频' : f < 0 ? '低频' : '') + (m > 0 ? '高额' : m < 0 ? '低额' : '');
  if (value) zh.push(value);
  if (f) en.push(f > 0 ? 'frequent' : 'infrequent');
  if (m) en.push(m > 0 ? 'high spend' : 'low spend');
  const r = level(z.recencyDays);
  if (r < 0) {
    zh.push('近期活跃');
    en.push('recently active');
  } else if (r > 0) {
    zh.push('久未购买');
    en.push('long inactive');
  }
  for (const col of extra) {
    const l = level(z[col.key]);
    if (l) {
      zh.push(`${col.label.zh}${l > 0 ? '高' : '低'}`);
      en.push(`${l > 0 ? 'high' : 'low'} ${col.label.en}`);
    }
  }
  if (zh.length === 0) return { zh: '各项接近平均', en: 'Close to average on every measure' };
  const sentence = en.join(', ');
  return { zh: zh.join('、'), en: sentence[0]!.toUpperCase() + sentence.slice(1) };
}

/**
 * Clusters customers: features log(1 + recency days), log(1 + frequency), log(1 + monetary) and the
 * chosen extra columns, each standardised; k-means++ with a seeded PRNG; k by the highest mean
 * silhouette over kRange unless k is given. Clusters are numbered by revenue, largest first.
 */
export function autoCluster(
  rows: readonly ClusterInput[],
  options: AutoClusterOptions = {},
): AutoClusterResult {
  const { seed = 1, extra = [], threshold = 0.5 } = options;
  if (rows.length < 2) throw new RangeError('autoCluster: needs at least 2 customers');
  const extraKeys = extra.map((c) => c.key);
  const keys = ['recencyDays', 'frequency', 'monetary', ...extraKeys];
  const raw = rows.map((r) => [
    r.recencyDays,
    r.frequency,
    r.monetary,
    ...extraKeys.map((key) => r.extra?.[key] ?? NaN),
  ]);
  if (raw.some((r) => r.some((v) => !Number.isFinite(v))))
    throw new RangeError('autoCluster: every feature must be a finite number');
  const logged = rows.map((r) => logFeatures(r, extraKeys));
  const { mean, sd } = columnStats(logged);
  const points = logged.map((r) => scale(r, mean, sd));
  const distinct = new Set(points.map((p) => p.join(','))).size;

  let best: KMeansResult;
  const silhouettes: { k: number; silhouette: number }[] = [];
  if (options.k !== undefined) {
    const k = Math.min(options.k, distinct);
    best = kMeans(points, k, { seed });
    silhouettes.push({ k, silhouette: silhouette(points, best.labels, k, { seed }) });
  } else {
    const [lo, hi] = options.kRange ?? [2, 8];
    let bestScore = -Infinity;
    best = kMeans(points, 1, { seed });
    for (let k = Math.max(2, lo); k <= Math.min(hi, distinct); k++) {
      const result = kMeans(points, k, { seed });
      const score = silhouette(points, result.labels, k, { seed });
      silhouettes.push({ k, silhouette: score });
      if (score > bestScore + 1e-12) [best, bestScore] = [result, score];
    }
  }

  const totalRevenue = rows.reduce((s, r) => s + r.monetary, 0);
  const summaries = Array.from({ length: best.k }, (_, j) => {
    const members = rows.map((_, i) => i).filter((i) => best.labels[i] === j);
    const means: Record<string, number> = {};
    const z: Record<string, number> = {};
    keys.forEach((key, d) => {
      means[key] = members.reduce((s, i) => s + raw[i]![d]!, 0) / members.length;
      z[key] = members.reduce((s, i) => s + points[i]![d]!, 0) / members.length;
    });
    const revenue = members.reduce((s, i) => s + rows[i]!.monetary, 0);
    return {
      from: j,
      size: members.length,
      sizeShare: members.length / rows.length,
      revenue,
      revenueShare: totalRevenue > 0 ? revenue / totalRevenue : 0,
      means,
      z,
      description: describeCluster(z, extra, threshold),
    };
  })
    .filter((c) => c.size > 0)
    .sort((a, b) => b.revenue - a.revenue || b.size - a.size);
  const renumber = new Map(summaries.map((c, index) => [c.from, index]));
  return {
    k: summaries.length,
    silhouettes,
    clusters: summaries.map(({ from: _from, ...c }, index) => ({ index, ...c })),
    assignments: rows.map((r, i) => ({ id: r.id, cluster: renumber.get(best.labels[i]!)! })),
    transform: { keys, mean, sd },
  };
}
