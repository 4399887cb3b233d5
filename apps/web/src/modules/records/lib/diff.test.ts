import { describe, expect, it } from 'vitest';
import { changedFields, textOrNull } from './diff.ts';

describe('changedFields', () => {
  it('keeps only what differs, comparing arrays by value', () => {
    type Row = { name: string; notes: string | null; lines: { q: string }[]; status: string };
    const before: Row = { name: 'A', notes: null, lines: [{ q: '1' }], status: 'paid' };
    expect(changedFields<Row>({ ...before }, before)).toEqual({});
    expect(changedFields<Row>({ ...before, name: 'B' }, before)).toEqual({ name: 'B' });
    expect(changedFields<Row>({ ...before, lines: [{ q: '2' }] }, before)).toEqual({ lines: [{ q: '2' }] });
    expect(changedFields<Row>({ ...before, lines: [] }, before)).toEqual({ lines: [] });
  });

  it('treats null and undefined alike', () => {
    type Row = { a?: string | null; b?: string | null };
    const changed = (next: Row, previous: Row) => changedFields<Row>(next, previous);
    expect(changed({ a: undefined, b: null }, { a: null })).toEqual({});
    expect(changed({ a: 'x' }, {})).toEqual({ a: 'x' });
    expect(changed({ a: null }, { a: 'x' })).toEqual({ a: null });
  });
});

describe('textOrNull', () => {
  it('trims and maps empty to null', () => {
    expect(textOrNull('  a ')).toBe('a');
    expect(textOrNull('   ')).toBeNull();
    expect(textOrNull(undefined)).toBeNull();
  });
});
