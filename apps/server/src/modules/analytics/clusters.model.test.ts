import { seededRandom } from '@stratum/segmentation';
import { describe, expect, it } from 'vitest';
import { clusterCustomers, sampleIndices, type ClusterRow } from './clusters.model.ts';

/** Three groups with multiplicative noise: loyal big spenders, one-off newcomers, lapsed buyers. */
function customers(scale: number, seed = 5) {
  const random = seededRandom(seed);
  const jitter = (v: number) => v * Math.exp(0.2 * (random() + random() + random() - 1.5));
  const groups = [
    { name: 'loyal', recencyDays: 5, frequency: 25, monetary: 8000, tickets: 0, n: 6 * scale },
    { name: 'new', recencyDays: 8, frequency: 1, monetary: 120, tickets: 0, n: 15 * scale },
    { name: 'lapsed', recencyDays: 300, frequency: 4, monetary: 600, tickets: 5, n: 9 * scale },
  ];
  const rows: (ClusterRow & { group: string })[] = [];
  for (const g of groups)
    for (let i = 0; i < g.n; i++)
      rows.push({
        id: `${g.name}-${String(i).padStart(5, '0')}`,
        group: g.name,
        recencyDays: Math.round(jitter(g.recencyDays)),
        frequency: Math.max(1, Math.round(jitter(g.frequency))),
        monetary: Math.round(jitter(g.monetary) * 100) / 100,
        extra: { complaints: g.tickets },
      });
  return rows;
}

const options = { kRange: [2, 6] as [number, number], extra: [], seed: 7, fitSample: 5000 };

describe('clusterCustomers', () => {
  it('clusters everyone directly below the sample bound', () => {
    const rows = customers(10);
    const result = clusterCustomers(rows, options);
    expect(result).toMatchObject({ k: 3, sampled: false, fittedOn: 300 });
    expect(result.clusters.map((c) => c.size)).toEqual([60, 90, 150]);
    expect(result.clusterOf.size).toBe(300);
  });

  it('above the bound, fits on a seeded sample and places every customer at its nearest centre', () => {
    const rows = customers(20);
    const result = clusterCustomers(rows, { ...options, fitSample: 150 });
    expect(result).toMatchObject({ k: 3, sampled: true, fittedOn: 150 });
    // Sizes, revenue and means are over all 600, not the sample.
    expect(result.clusters.map((c) => c.size)).toEqual([120, 180, 300]);
    const pairs = new Set(rows.map((r) => `${r.group}:${result.clusterOf.get(r.id)}`));
    expect([...pairs].sort()).toEqual(['lapsed:1', 'loyal:0', 'new:2']);
    const loyal = rows.filter((r) => r.group === 'loyal');
    const total = rows.reduce((s, r) => s + r.monetary, 0);
    const loyalRevenue = loyal.reduce((s, r) => s + r.monetary, 0);
    expect(result.clusters[0]!.revenue).toBeCloseTo(loyalRevenue, 6);
    expect(result.clusters[0]!.revenueShare).toBeCloseTo(loyalRevenue / total, 12);
    expect(result.clusters[0]!.means.frequency).toBeCloseTo(
      loyal.reduce((s, r) => s + r.frequency, 0) / loyal.length,
      12,
    );
    expect(result.clusters[0]!.description.zh).toBe('高频高额、近期活跃');
    expect(result.clusters.reduce((s, c) => s + c.sizeShare, 0)).toBeCloseTo(1, 12);
    // Reproducible, and a fixed k equal to the chosen one gives the same clusters (what saving relies on).
    expect(clusterCustomers(rows, { ...options, fitSample: 150 })).toEqual(result);
    const fixed = clusterCustomers(rows, { ...options, fitSample: 150, k: 3 });
    expect(fixed.clusters).toEqual(result.clusters);
    expect(fixed.clusterOf).toEqual(result.clusterOf);
  });

  it('uses the extra fields in the sampled path too', () => {
    const rows = customers(20);
    const extra = [{ key: 'complaints', label: { zh: '投诉', en: 'complaints' } }];
    const result = clusterCustomers(rows, { ...options, k: 3, extra, fitSample: 200 });
    const lapsed = result.clusters.find((c) => c.size === 180)!;
    expect(lapsed.means.complaints).toBe(5);
    expect(lapsed.description.zh).toContain('投诉高');
  });
});

describe('sampleIndices', () => {
  it('draws distinct indices in order, the same for a seed', () => {
    const s = sampleIndices(1000, 100, 3);
    expect(s).toHaveLength(100);
    expect(new Set(s).size).toBe(100);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(s.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleIndices(1000, 100, 3)).toEqual(s);
    expect(sampleIndices(1000, 100, 4)).not.toEqual(s);
  });
});
