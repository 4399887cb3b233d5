import { describe, expect, it } from 'vitest';
import { diffSnapshots, showValue } from './diff.ts';
import { knownEntityType, knownVerb } from './labels.ts';

describe('diffSnapshots', () => {
  it('marks changed fields of an update', () => {
    const rows = diffSnapshots(
      { name: 'A', role: 'rep', version: 1 },
      { name: 'B', role: 'rep', version: 2 },
    );
    expect(rows.filter((r) => r.changed).map((r) => r.field)).toEqual(['name', 'version']);
  });

  it('lists every field of a created record as changed', () => {
    const rows = diffSnapshots(null, { name: 'A', teamId: null });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.changed && !r.hasBefore && r.hasAfter)).toBe(true);
  });

  it('handles nothing and non-object snapshots', () => {
    expect(diffSnapshots(null, null)).toEqual([]);
    expect(diffSnapshots('x', 'y')).toEqual([
      { field: '', before: 'x', after: 'y', changed: true, hasBefore: true, hasAfter: true },
    ]);
  });

  it('shows values compactly', () => {
    expect(showValue('a')).toBe('a');
    expect(showValue(null)).toBe('null');
    expect(showValue(undefined)).toBe('');
  });
});

describe('audit labels', () => {
  it('recognises action verbs in several spellings', () => {
    expect(knownVerb('user.create')).toBe('create');
    expect(knownVerb('team.deleted')).toBe('delete');
    expect(knownVerb('auth.loginFailed')).toBe('login_failed');
    expect(knownVerb('user.reset-password')).toBe('reset_password');
    expect(knownVerb('something.else')).toBeNull();
  });

  it('recognises entity types', () => {
    expect(knownEntityType('apiKey')).toBe('api_key');
    expect(knownEntityType('user')).toBe('user');
    expect(knownEntityType('customer')).toBeNull();
  });
});
