import { describe, expect, it } from 'vitest';
import type { FieldInfo } from './api.ts';
import {
  builderToRule,
  conditionIndexOfPath,
  defaultValue,
  operatorsFor,
  parseFilter,
  ruleToBuilder,
  valueKind,
} from './rules.ts';
import type { BuilderState } from './rules.ts';

const field = (key: string, type: FieldInfo['type'], operators: string[], options: string[] | null = null) =>
  ({ key, type, label: key, group: 'attribute', options, operators }) satisfies FieldInfo;

const FIELDS = new Map(
  [
    field('province', 'text', ['eq', 'neq', 'in', 'not_in', 'contains', 'is_empty']),
    field('status', 'enum', ['eq', 'neq', 'in', 'not_in', 'is_empty'], ['potential', 'active']),
    field('owner_id', 'enum', ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty']),
    field('in_pool', 'boolean', ['eq', 'neq']),
    field('order_count', 'number', ['eq', 'gt', 'between']),
    field('total_spend', 'money', ['gte', 'between']),
    field('next_followup_on', 'date', ['lte', 'between', 'in_last_days']),
    field('last_order_at', 'datetime', ['gt', 'gte', 'lt', 'lte', 'between', 'in_last_days']),
    field('cf.tags', 'multi_enum', ['has_any', 'has_none'], ['a', 'b']),
  ].map((f) => [f.key, f]),
);
const TZ = 'Asia/Shanghai';

const state = (combinator: 'and' | 'or', rows: Omit<BuilderState['rows'][number], 'id'>[]): BuilderState => ({
  combinator,
  rows: rows.map((r, i) => ({ id: `x${i}`, ...r })),
});

describe('builder → rule', () => {
  it('builds an AND of conditions with typed values', () => {
    const built = builderToRule(
      state('and', [
        { field: 'province', op: 'in', value: ['浙江', ' 江苏 ', ''], not: false },
        { field: 'total_spend', op: 'gte', value: '10000.50', not: false },
        { field: 'order_count', op: 'between', value: ['1', '5'], not: false },
        { field: 'last_order_at', op: 'in_last_days', value: 90, not: true },
        { field: 'in_pool', op: 'eq', value: false, not: false },
        { field: 'status', op: 'is_empty', value: 'active', not: false },
        { field: 'cf.tags', op: 'has_any', value: ['a'], not: false },
      ]),
      FIELDS,
      TZ,
    );
    expect(built.incomplete).toEqual([]);
    expect(built.rowIds).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    expect(built.rule).toEqual({
      and: [
        { field: 'province', op: 'in', value: ['浙江', '江苏'] },
        { field: 'total_spend', op: 'gte', value: '10000.50' },
        { field: 'order_count', op: 'between', value: [1, 5] },
        { not: { field: 'last_order_at', op: 'in_last_days', value: 90 } },
        { field: 'in_pool', op: 'eq', value: false },
        { field: 'status', op: 'is_empty' },
        { field: 'cf.tags', op: 'has_any', value: ['a'] },
      ],
    });
  });

  it('uses OR when chosen and leaves out incomplete rows, reporting them', () => {
    const built = builderToRule(
      state('or', [
        { field: 'province', op: 'eq', value: '浙江', not: false },
        { field: 'province', op: 'eq', value: '  ', not: false },
        { field: 'total_spend', not: false },
        { not: false },
        { field: 'order_count', op: 'between', value: ['1', null], not: false },
      ]),
      FIELDS,
      TZ,
    );
    expect(built.rule).toEqual({ or: [{ field: 'province', op: 'eq', value: '浙江' }] });
    expect(built.incomplete).toEqual(['x1', 'x2', 'x3', 'x4']);
  });

  it('gives no rule without complete rows', () => {
    expect(builderToRule(state('and', []), FIELDS, TZ).rule).toBeUndefined();
  });

  it('turns days of date-time fields into day boundaries in the workspace time zone', () => {
    const built = builderToRule(
      state('and', [
        { field: 'last_order_at', op: 'gte', value: '2025-03-01', not: false },
        { field: 'last_order_at', op: 'lte', value: '2025-03-31', not: false },
        { field: 'last_order_at', op: 'gt', value: '2025-03-31', not: false },
        { field: 'last_order_at', op: 'between', value: ['2025-01-01', '2025-01-31'], not: false },
        { field: 'next_followup_on', op: 'lte', value: '2025-03-01', not: false },
      ]),
      FIELDS,
      TZ,
    );
    expect(built.rule).toEqual({
      and: [
        { field: 'last_order_at', op: 'gte', value: '2025-03-01T00:00:00.000+08:00' },
        { field: 'last_order_at', op: 'lte', value: '2025-03-31T23:59:59.999+08:00' },
        { field: 'last_order_at', op: 'gt', value: '2025-03-31T23:59:59.999+08:00' },
        {
          field: 'last_order_at',
          op: 'between',
          value: ['2025-01-01T00:00:00.000+08:00', '2025-01-31T23:59:59.999+08:00'],
        },
        { field: 'next_followup_on', op: 'lte', value: '2025-03-01' },
      ],
    });
  });
});

describe('rule → builder', () => {
  it('round-trips what the builder makes', () => {
    const original = state('or', [
      { field: 'province', op: 'in', value: ['浙江'], not: false },
      { field: 'total_spend', op: 'between', value: ['100', '200.5'], not: true },
      { field: 'last_order_at', op: 'lte', value: '2025-03-31', not: false },
      { field: 'last_order_at', op: 'between', value: ['2025-01-01', '2025-01-31'], not: false },
      { field: 'next_followup_on', op: 'in_last_days', value: 7, not: false },
      { field: 'status', op: 'is_not_empty', not: false },
      { field: 'in_pool', op: 'eq', value: true, not: false },
      { field: 'order_count', op: 'gt', value: '3', not: false },
    ]);
    const { rule } = builderToRule(original, FIELDS, TZ);
    const back = ruleToBuilder(rule, FIELDS, TZ);
    expect(back?.combinator).toBe('or');
    expect(back?.rows.map(({ id: _id, ...r }) => r)).toEqual(original.rows.map(({ id: _id, ...r }) => r));
  });

  it('accepts a single condition, a negated one and no rule', () => {
    expect(ruleToBuilder({ field: 'province', op: 'eq', value: '浙江' }, FIELDS, TZ)?.rows).toMatchObject([
      { field: 'province', op: 'eq', value: '浙江', not: false },
    ]);
    expect(
      ruleToBuilder({ not: { field: 'province', op: 'eq', value: '浙江' } }, FIELDS, TZ)?.rows,
    ).toMatchObject([{ field: 'province', not: true }]);
    expect(ruleToBuilder(undefined, FIELDS, TZ)).toEqual({ combinator: 'and', rows: [] });
    expect(ruleToBuilder({ and: [] }, FIELDS, TZ)).toEqual({ combinator: 'and', rows: [] });
  });

  it('reads date-time values written by hand (any offset) as days in the workspace zone', () => {
    const back = ruleToBuilder(
      { and: [{ field: 'last_order_at', op: 'gte', value: '2025-02-28T17:00:00Z' }] },
      FIELDS,
      TZ,
    );
    expect(back?.rows[0]?.value).toBe('2025-03-01');
  });

  it('refuses nested groups', () => {
    expect(
      ruleToBuilder({ and: [{ or: [{ field: 'province', op: 'eq', value: 'x' }] }] }, FIELDS, TZ),
    ).toBeNull();
    expect(ruleToBuilder({ not: { and: [] } }, FIELDS, TZ)).toBeNull();
    expect(ruleToBuilder('text', FIELDS, TZ)).toBeNull();
  });
});

describe('helpers', () => {
  it('picks the input for a field and operator', () => {
    expect(valueKind(FIELDS.get('province')!, 'in')).toBe('text_list');
    expect(valueKind(FIELDS.get('province')!, 'is_empty')).toBe('none');
    expect(valueKind(FIELDS.get('status')!, 'eq')).toBe('option');
    expect(valueKind(FIELDS.get('owner_id')!, 'eq')).toBe('user');
    expect(valueKind(FIELDS.get('total_spend')!, 'between')).toBe('money_range');
    expect(valueKind(FIELDS.get('last_order_at')!, 'in_last_days')).toBe('days');
    expect(valueKind(FIELDS.get('last_order_at')!, 'between')).toBe('date_range');
    expect(valueKind(FIELDS.get('cf.tags')!, 'has_none')).toBe('option_list');
  });

  it('offers the owner one user at a time and gives sensible default values', () => {
    expect(operatorsFor(FIELDS.get('owner_id')!)).toEqual(['eq', 'neq', 'is_empty', 'is_not_empty']);
    expect(defaultValue(FIELDS.get('in_pool')!, 'eq')).toBe(true);
    expect(defaultValue(FIELDS.get('last_order_at')!, 'in_last_days')).toBe(30);
    expect(defaultValue(FIELDS.get('province')!, 'in', ['a'])).toEqual(['a']);
    expect(defaultValue(FIELDS.get('province')!, 'eq', 'x')).toBeUndefined();
  });

  it('locates server errors on conditions', () => {
    expect(conditionIndexOfPath('filter.and[2].value')).toBe(2);
    expect(conditionIndexOfPath('filter.or[0].not.field')).toBe(0);
    expect(conditionIndexOfPath('filter.and.1.op')).toBe(1);
    expect(conditionIndexOfPath('filter')).toBeNull();
  });

  it('parses filter text', () => {
    expect(parseFilter('{"and":[]}')).toEqual({ and: [] });
    expect(parseFilter('nope')).toBeUndefined();
    expect(parseFilter(undefined)).toBeUndefined();
  });
});
