import { describe, expect, it } from 'vitest';
import { autoCluster, describeCluster, projectRow, type ClusterInput } from './auto-cluster.ts';
import { seededRandom } from './random.ts';

/** Three customer groups with multiplicative noise: loyal big spenders, one-off newcomers, lapsed buyers. */
function customers(seed = 3) {
  const random = seededRandom(seed);
  const jitter = (v: number) => v * Math.exp(0.25 * (random() + random() + random() - 1.5));
  const groups = [
    { name: 'loyal', recencyDays: 5, frequency: 25, monetary: 8000, n: 60 },
    { name: 'new', recencyDays: 8, frequency: 1, monetary: 120, n: 150 },
    { name: 'lapsed', recencyDays: 300, frequency: 4, monetary: 600, n: 90 },
  ];
  const rows: (ClusterInput & { group: string })[] = [];
  for (const g of groups)
    for (let i = 0; i < g.n; i++)
      rows.push({
        id: `${g.name}-${i}`,
        group: g.name,
        recencyDays: Math.round(jitter(g.recencyDays)),
        frequency: Math.max(1, Math.round(jitter(g.frequency))),
        monetary: Math.round(jitter(g.monetary) * 100) / 100,
      });
  return rows;
}

describe('autoCluster', () => {
  const rows = customers();

  it('chooses the true k by silhouette and recovers the groups', () => {
    const result = autoCluster(rows, { kRange: [2, 6], seed: 11 });
    expect(result.k).toBe(3);
    expect(result.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    const clusterOf = new Map(result.assignments.map((a) => [a.id, a.cluster]));
    const pairs = new Set(rows.map((r) => `${r.group}:${clusterOf.get(r.id)}`));
    expect(pairs.size).toBe(3);

    // Numbered by revenue: the loyal group first, with most of the money.
    const [loyal, ...rest] = result.clusters;
    expect(loyal!.size).toBe(60);
    expect(loyal!.revenueShare).toBeGreaterThan(0.8);
    expect(loyal!.description).toEqual({
      zh: '高频高额、近期活跃',
      en: 'Frequent, high spend, recently active',
    });
    const lapsed = rest.find((c) => c.size === 90)!;
    expect(lapsed.description.zh).toContain('久未购买');
    expect(lapsed.description.en).toMatch(/long inactive/i);
    const fresh = rest.find((c) => c.size === 150)!;
    expect(fresh.description.zh).toMatch(/^低频低额/);
    expect(result.clusters.reduce((s, c) => s + c.sizeShare, 0)).toBeCloseTo(1, 12);
    expect(result.clusters.reduce((s, c) => s + c.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(loyal!.means.frequency).toBeGreaterThan(15);
  });

  it('is reproducible for a seed, and the caller can fix k', () => {
    expect(autoCluster(rows, { kRange: [2, 4], seed: 5 })).toEqual(
      autoCluster(rows, { kRange: [2, 4], seed: 5 }),
    );
    const two = autoCluster(rows, { k: 2 });
    expect(two.k).toBe(2);
    expect(two.silhouettes).toHaveLength(1);
  });

  it('uses extra numeric columns with their labels', () => {
    const withTickets = rows.map((r) => ({ ...r, extra: { tickets: r.group === 'lapsed' ? 9 : 0 } }));
    const result = autoCluster(withTickets, {
      k: 3,
      extra: [{ key: 'tickets', label: { zh: '投诉', en: 'complaints' } }],
    });
    const lapsed = result.clusters.find((c) => c.size === 90)!;
    expect(lapsed.description.zh).toContain('投诉高');
    expect(lapsed.description.en).toContain('high complaints');
    expect(() => autoCluster([rows[0]!])).toThrow(RangeError);
  });

  it('returns its feature transform: projecting the rows gives back the centres', () => {
    const withExtra = rows.map((r, i) => ({ ...r, extra: { tickets: i % 3 } }));
    const extra = [{ key: 'tickets', label: { zh: '投诉', en: 'complaints' } }];
    const result = autoCluster(withExtra, { k: 3, seed: 2, extra });
    const { transform } = result;
    expect(transform.keys).toEqual(['recencyDays', 'frequency', 'monetary', 'tickets']);
    expect(transform.mean[1]).toBeCloseTo(
      withExtra.reduce((s, r) => s + Math.log1p(r.frequency), 0) / withExtra.length,
      12,
    );
    const clusterOf = new Map(result.assignments.map((a) => [a.id, a.cluster]));
    for (const c of result.clusters) {
      const members = withExtra
        .filter((r) => clusterOf.get(r.id) === c.index)
        .map((r) => projectRow(transform, r));
      transform.keys.forEach((key, d) => {
        const mean = members.reduce((s, p) => s + p[d]!, 0) / members.length;
        expect(mean).toBeCloseTo(c.z[key]!, 9);
      });
    }
    // A row outside the fit: log(1 + x) of R/F/M, negatives as 0.
    const outside = projectRow(transform, {
      id: 'x',
      recencyDays: -4,
      frequency: 0,
      monetary: 0,
      extra: { tickets: 1 },
    });
    expect(outside[0]).toBeCloseTo(-transform.mean[0]! / transform.sd[0]!, 12);
    expect(outside[3]).toBeCloseTo((1 - transform.mean[3]!) / transform.sd[3]!, 12);
  });
});

describe('describeCluster', () => {
  it('says nothing stands out when the centre is near the mean', () => {
    expect(describeCluster({ recencyDays: 0.1, frequency: -0.2, monetary: 0.3 })).toEqual({
      zh: '各项接近平均',
      en: 'Close to average on every measure',
    });
    expect(describeCluster({ recencyDays: 1, frequency: -1, monetary: 0 })).toEqual({
      zh: '低频、久未购买',
      en: 'Infrequent, long inactive',
    });
  });
});
