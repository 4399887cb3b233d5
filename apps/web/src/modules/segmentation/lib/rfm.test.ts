import { describe, expect, it } from 'vitest';
import {
  RFM_CLASS_COLORS,
  classColor,
  formatCuts,
  formatNumber,
  formatShare,
  formatWholeMoney,
  heatmapCells,
  isAfterDay,
  orderClasses,
  parseAsOf,
} from './rfm.ts';
import type { RfmClass } from './rfm.ts';

const cls = (key: RfmClass['key']): RfmClass => ({
  key,
  label: key,
  strategy: '',
  count: 1,
  share: 0.1,
  revenue: '1.00',
  revenueShare: 0.1,
  meanRecencyDays: null,
  meanFrequency: null,
  meanMonetary: null,
});

describe('rfm helpers', () => {
  it('has a distinct colour for each of the eight classes', () => {
    const colors = Object.values(RFM_CLASS_COLORS);
    expect(colors).toHaveLength(8);
    expect(new Set(colors).size).toBe(8);
    expect(classColor('unknown')).toBe('#8c8c8c');
  });

  it('orders classes important first', () => {
    const ordered = orderClasses([cls('general_winback'), cls('important_value'), cls('general_value')]);
    expect(ordered.map((c) => c.key)).toEqual(['important_value', 'general_value', 'general_winback']);
  });

  it('formats shares and whole money', () => {
    expect(formatShare(0.1234, 'en')).toBe('12.3%');
    expect(formatShare(1, 'zh-CN')).toBe('100%');
    expect(formatShare(null, 'en')).toBe('');
    expect(formatWholeMoney(12345.6)).toBe('¥12,346');
    expect(formatWholeMoney(null)).toBe('');
    expect(formatNumber(3, 'en', 2, 2)).toBe('3.00');
    expect(formatNumber(2.876, 'en', 2, 2)).toBe('2.88');
    expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
  });

  it('rounds cut points sensibly', () => {
    const cuts = formatCuts(
      { r: [12.4, 35.8, 80.2, 160], f: [1, 1.6, 2, 4.25], m: [999.5, 2500.4, 8000, 123456.78] },
      'en',
    );
    expect(cuts.r).toEqual(['12', '36', '80', '160']);
    expect(cuts.f).toEqual(['1', '1.6', '2', '4.3']);
    expect(cuts.m).toEqual(['¥1,000', '¥2,500', '¥8,000', '¥123,457']);
    expect(formatCuts({ r: [2.25], f: [], m: [] }, 'en').r).toEqual(['2.3']);
  });

  it('fills the 5×5 heatmap, F on x and R on y', () => {
    const { data, max } = heatmapCells([
      { r: 5, f: 1, count: 7 },
      { r: 1, f: 5, count: 3 },
      { r: 9, f: 1, count: 100 },
    ]);
    expect(data).toHaveLength(25);
    expect(max).toBe(7);
    expect(data).toContainEqual([0, 4, 7]);
    expect(data).toContainEqual([4, 0, 3]);
    expect(data).toContainEqual([2, 2, 0]);
  });

  it('checks as-of dates', () => {
    expect(isAfterDay('2026-03-02', '2026-03-01')).toBe(true);
    expect(isAfterDay('2026-03-01', '2026-03-01')).toBe(false);
    expect(parseAsOf('2026-02-28')).toBe('2026-02-28');
    expect(parseAsOf('2026-02-30')).toBeNull();
    expect(parseAsOf('yesterday')).toBeNull();
    expect(parseAsOf(null)).toBeNull();
  });
});
