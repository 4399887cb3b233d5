import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS, exportColumnsParam, visibleColumns } from './columns.ts';

describe('customer list columns', () => {
  it('keeps display order, always shows the name and drops deleted custom fields', () => {
    expect(visibleColumns(['cf.gone', 'phone', 'cf.level', 'status'], ['level'])).toEqual([
      'name',
      'status',
      'phone',
      'cf.level',
    ]);
    expect(visibleColumns(DEFAULT_COLUMNS, [])[0]).toBe('name');
  });

  it('puts classification columns after the status, only while their scheme exists', () => {
    const chosen = ['status', 'tier.value', 'tier.gone', 'tags', 'phone'];
    expect(visibleColumns(chosen, [], ['tier.rfm', 'tier.value', 'tags'])).toEqual([
      'name',
      'status',
      'tier.value',
      'tags',
      'phone',
    ]);
    expect(DEFAULT_COLUMNS).toContain('tier.rfm');
    // Classification columns export too: the tier by name, the tags by name.
    expect(exportColumnsParam(['name', 'tier.rfm', 'tags'])).toBe('name,tier.rfm,tags');
  });

  it('maps visible columns to export keys', () => {
    expect(exportColumnsParam(['name', 'province', 'lifetimeSpend', 'cf.level'])).toBe(
      'name,province,city,lifetimeSpend,cf.level',
    );
  });
});
