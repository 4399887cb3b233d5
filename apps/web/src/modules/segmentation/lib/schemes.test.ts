import { describe, expect, it } from 'vitest';
import type { Migration } from '@stratum/contracts';
import {
  freshTierKey,
  localName,
  migrationMatrix,
  moveItem,
  parseSchemePath,
  sankeyData,
} from './schemes.ts';

const migration: Migration = {
  scheme: 'value',
  from: { id: 's1', label: 'Q3', asOf: '2026-09-30' },
  to: { id: 'current', label: '当前', asOf: '2026-11-23' },
  tiers: [
    { key: 'A', name: 'A 类', color: '#cf1322' },
    { key: 'B', name: 'B 类', color: '#d48806' },
    { key: 'none', name: '未分类', color: '#d9d9d9' },
  ],
  flows: [
    { from: 'A', to: 'A', count: 5, revenue: '100.50' },
    { from: 'A', to: 'B', count: 2, revenue: '0.00' },
    { from: 'B', to: 'A', count: 1, revenue: '900.00' },
    { from: 'B', to: 'B', count: 7, revenue: '10.00' },
  ],
};

describe('scheme helpers', () => {
  it('names in the UI language, falling back to the other one', () => {
    expect(localName({ nameZh: '价值等级', nameEn: 'Value tiers' }, 'zh-CN')).toBe('价值等级');
    expect(localName({ nameZh: '价值等级', nameEn: 'Value tiers' }, 'en')).toBe('Value tiers');
    expect(localName({ nameZh: '价值等级', nameEn: '' }, 'en')).toBe('价值等级');
  });

  it('locates server validation paths on tiers, fields and conditions', () => {
    expect(parseSchemePath('tiers[2].rule.and[0].value')).toEqual({ tier: 2, field: 'rule', condition: 0 });
    expect(parseSchemePath('tiers[1].rule')).toEqual({ tier: 1, field: 'rule' });
    expect(parseSchemePath('tiers[0].nameZh')).toEqual({ tier: 0, field: 'nameZh' });
    expect(parseSchemePath('tiers')).toEqual({ field: 'tiers' });
    expect(parseSchemePath('config.thresholds.r')).toEqual({ field: 'config' });
    expect(parseSchemePath('')).toEqual({});
  });

  it('finds a free tier key and moves tiers', () => {
    expect(freshTierKey(['T1', 'A', 'T2'])).toBe('T3');
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('builds the migration matrix with totals, dropping an unused `none`', () => {
    const m = migrationMatrix(migration);
    expect(m.tiers.map((t) => t.key)).toEqual(['A', 'B']);
    expect(m.cells.map((row) => row.map((c) => c.count))).toEqual([
      [5, 2],
      [1, 7],
    ]);
    expect(m.rowTotals.map((c) => c.count)).toEqual([7, 8]);
    expect(m.colTotals.map((c) => c.count)).toEqual([6, 9]);
    expect(m.colTotals[0]!.revenue).toBeCloseTo(1000.5);
    expect(m.total).toEqual({ count: 15, revenue: 1010.5 });
    expect(m.stayed).toBe(12);
  });

  it('keeps `none` when customers come from or go to no tier', () => {
    const m = migrationMatrix({ ...migration, flows: [{ from: 'none', to: 'A', count: 3, revenue: '5' }] });
    expect(m.tiers.map((t) => t.key)).toEqual(['A', 'B', 'none']);
    expect(m.cells[2]![0]!.count).toBe(3);
  });

  it('gives the Sankey distinct node names on each side, labelled with the tier name', () => {
    const { nodes, links } = sankeyData(migration, ' (from)', ' (to)');
    expect(nodes.map((n) => n.name)).toEqual(['A 类 (from)', 'B 类 (from)', 'A 类 (to)', 'B 类 (to)']);
    expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
    expect(nodes[0]).toMatchObject({ label: 'A 类', color: '#cf1322', side: 'from' });
    expect(links).toContainEqual({ source: 'A 类 (from)', target: 'B 类 (to)', value: 2, revenue: 0 });
    expect(links).toHaveLength(4);
  });
});
