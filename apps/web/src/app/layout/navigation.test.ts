import { describe, expect, it } from 'vitest';
import type { Permission } from '@stratum/contracts';
import { activeItem, visibleGroups } from './navigation.tsx';

const keysOf = (can: (p: Permission) => boolean) =>
  visibleGroups(can).map((group) => [group.key, group.items.map((item) => item.key)]);

describe('visibleGroups', () => {
  it('shows every group and item, in order, to an identity holding every permission', () => {
    expect(keysOf(() => true)).toEqual([
      [
        'customers-group',
        ['customers', 'import', 'recycle-bin', 'products', 'pipeline-board', 'pipeline-funnel'],
      ],
      ['segmentation-group', ['rfm', 'schemes', 'migration', 'segments', 'tags']],
      ['analytics-group', ['dashboards', 'clv', 'clusters', 'nps']],
      ['settings', ['users', 'teams', 'custom-fields', 'pipelines', 'api-keys', 'audit-log']],
    ]);
  });

  it('hides a group without its permission and a group none of whose items are allowed', () => {
    expect(keysOf(() => false)).toEqual([]);
    expect(keysOf((p) => p === 'customers.read')).toEqual([
      ['customers-group', ['customers', 'products', 'pipeline-board', 'pipeline-funnel']],
      ['segmentation-group', ['rfm', 'schemes', 'migration', 'segments', 'tags']],
      ['analytics-group', ['dashboards', 'clv', 'clusters', 'nps']],
    ]);
    // customers.write alone opens no group: the 客户 group needs customers.read.
    expect(keysOf((p) => p === 'customers.write' || p === 'audit.read')).toEqual([
      ['settings', ['audit-log']],
    ]);
  });
});

describe('activeItem', () => {
  it('picks the most specific item for the path', () => {
    expect(activeItem('/')?.key).toBe('home');
    expect(activeItem('/customers')?.key).toBe('customers');
    expect(activeItem('/customers/0190-abc')?.key).toBe('customers');
    expect(activeItem('/customers/recycle-bin')?.key).toBe('recycle-bin');
    expect(activeItem('/pipeline/funnel')?.key).toBe('pipeline-funnel');
    expect(activeItem('/analytics')?.key).toBe('dashboards');
    expect(activeItem('/analytics/nps')?.key).toBe('nps');
    expect(activeItem('/settings/audit-log')?.key).toBe('audit-log');
    expect(activeItem('/customersx')).toBeUndefined();
    expect(activeItem('/nowhere')).toBeUndefined();
  });
});
