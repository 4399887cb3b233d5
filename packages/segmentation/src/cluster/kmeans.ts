// k-means (Lloyd's algorithm) with k-means++ seeding, and the silhouette used to choose k.
import { seededRandom } from './random.ts';

export type Point = readonly number[];

export interface KMeansOptions {
  /** Seed of the PRNG behind k-means++ (default 1): same data + same seed = same clusters. */
  seed?: number;
  /** Independent k-means++ starts; the lowest within-cluster sum of squares wins (default 8). */
  starts?: number;
  maxIterations?: number;
}

export interface KMeansResult {
  k: number;
  centroids: number[][];
  /** Cluster index of each point, 0..k−1. */
  labels: number[];
  /** Within-cluster sum of squared distances. */
  inertia: number;
}

export function squaredDistance(a: Point, b: Point): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest. */
function seedCentroids(points: readonly Point[], k: number, random: () => number): number[][] {
  const centroids = [[...points[Math.floor(random() * points.length)]!]];
  const nearest = points.map((p) => squaredDistance(p, centroids[0]!));
  while (centroids.length < k) {
    const total = nearest.reduce((s, d) => s + d, 0);
    let chosen = 0;
    if (total > 0) {
      let u = random() * total;
      for (chosen = 0; chosen < points.length - 1; chosen++) {
        u -= nearest[chosen]!;
        if (u <= 0) break;
      }
    } else chosen = Math.floor(random() * points.length);
    const c = [...points[chosen]!];
    centroids.push(c);
    for (let i = 0; i < points.length; i++)
      nearest[i] = Math.min(nearest[i]!, squaredDistance(points[i]!, c));
  }
  return centroids;
}

function lloyd(points: readonly Point[], start: number[][], maxIterations: number): KMeansResult {
  const k = start.length;
  const dim = points[0]!.length;
  let centroids = start;
  const labels = new Array<number>(points.length).fill(-1);
  let inertia = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < points.length; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const d = squaredDistance(points[i]!, centroids[j]!);
        if (d < bestD) [best, bestD] = [j, d];
      }
      inertia += bestD;
      if (labels[i] !== best) [labels[i], changed] = [best, true];
    }
    if (!changed) break;
    const sums = Array.from({ length: k }, () => new Array<number>(dim).fill(0));
    const counts = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      counts[labels[i]!]!++;
      for (let d = 0; d < dim; d++) sums[labels[i]!]![d]! += p[d]!;
    });
    centroids = sums.map((s, j) => {
      if (counts[j]! > 0) return s.map((v) => v / counts[j]!);
      // An empty cluster takes the point farthest from its centre.
      let far = 0;
      let farD = -1;
      points.forEach((p, i) => {
        const d = squaredDistance(p, centroids[labels[i]!]!);
        if (d > farD) [far, farD] = [i, d];
      });
      return [...points[far]!];
    });
  }
  return { k, centroids, labels: [...labels], inertia };
}

/** k-means on points (all of one dimension); needs 1 ≤ k ≤ number of points. */
export function kMeans(points: readonly Point[], k: number, options: KMeansOptions = {}): KMeansResult {
  if (!(k >= 1 && k <= points.length)) throw new RangeError(`kMeans: k must be in 1..${points.length}`);
  const { seed = 1, starts = 8, maxIterations = 300 } = options;
  const random = seededRandom(seed);
  let best: KMeansResult | undefined;
  for (let s = 0; s < starts; s++) {
    const result = lloyd(points, seedCentroids(points, k, random), maxIterations);
    if (!best || result.inertia < best.inertia - 1e-9) best = result;
  }
  return best!;
}

/**
 * Mean silhouette (Rousseeuw 1987): for each point, s = (b − a) / max(a, b) with a its mean distance
 * to its own cluster and b the smallest mean distance to another cluster; 0 for a point alone in its
 * cluster. Exact for up to `sample` points; above that, over a seeded random sample of that many
 * points (each still measured against all points), which keeps it O(sample · n).
 */
export function silhouette(
  points: readonly Point[],
  labels: readonly number[],
  k: number,
  { sample = 2000, seed = 1 }: { sample?: number; seed?: number } = {},
): number {
  if (k < 2 || points.length < 2) return 0;
  let subject = points.map((_, i) => i);
  if (points.length > sample) {
    const random = seededRandom(seed);
    for (let i = subject.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [subject[i], subject[j]] = [subject[j]!, subject[i]!];
    }
    subject = subject.slice(0, sample);
  }
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) sizes[l]!++;
  let total = 0;
  for (const i of subject) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++)
      if (j !== i) sums[labels[j]!]! += Math.sqrt(squaredDistance(points[i]!, points[j]!));
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (b === Infinity) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / subject.length;
}
