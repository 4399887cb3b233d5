import { describe, expect, it } from 'vitest';
import { kMeans, silhouette } from './kmeans.ts';
import { seededRandom } from './random.ts';

/** Gaussian blobs around the given centres (Box–Muller on the seeded PRNG). */
function blobs(centres: number[][], perBlob: number, spread: number, seed = 7) {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const points: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, j) => {
    for (let i = 0; i < perBlob; i++) {
      points.push(c.map((v) => v + spread * normal()));
      truth.push(j);
    }
  });
  return { points, truth };
}

/** Each true group lands in exactly one cluster and each cluster holds one true group. */
function recovers(truth: readonly number[], labels: readonly number[]) {
  const pairs = new Set(truth.map((t, i) => `${t}:${labels[i]}`));
  return pairs.size === new Set(truth).size && pairs.size === new Set(labels).size;
}

describe('kMeans', () => {
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
    [10, 10],
  ];
  const { points, truth } = blobs(centres, 50, 1);

  it('recovers well-separated blobs, reproducibly for a seed', () => {
    const a = kMeans(points, 4, { seed: 42 });
    expect(recovers(truth, a.labels)).toBe(true);
    expect(kMeans(points, 4, { seed: 42 })).toEqual(a);
    for (const c of a.centroids)
      expect(centres.some((t) => Math.hypot(t[0]! - c[0]!, t[1]! - c[1]!) < 0.5)).toBe(true);
  });

  it('has the highest silhouette at the true k', () => {
    const scores = [2, 3, 4, 5, 6].map((k) => silhouette(points, kMeans(points, k).labels, k));
    expect(scores.indexOf(Math.max(...scores)) + 2).toBe(4);
    expect(Math.max(...scores)).toBeGreaterThan(0.7);
  });

  it('computes the silhouette by hand on a tiny case, and samples large sets', () => {
    // Clusters {0, 1} and {5}: point 0 has a = 1, b = 5 → 0.8; point 1: a = 1, b = 4 → 0.75; a singleton scores 0.
    const tiny = [[0], [1], [5]];
    expect(silhouette(tiny, [0, 0, 1], 2)).toBeCloseTo((0.8 + 0.75 + 0) / 3, 12);
    const exact = silhouette(points, truth, 4);
    const sampled = silhouette(points, truth, 4, { sample: 100 });
    expect(sampled).toBeCloseTo(exact, 1);
  });

  it('refuses k outside 1..n', () => {
    expect(() => kMeans([[1]], 2)).toThrow(RangeError);
  });
});
