import { describe, expect, it } from 'vitest';
import type { RuleError } from './compile.ts';
import { compileRule, type SqlChunk } from './compile.ts';
import { CUSTOMER_FACETS, customerRegistry } from './customer-fields.ts';

const ctx = {
  registry: customerRegistry([
    { key: 'level', labelZh: '等级', labelEn: 'Level', type: 'single_select', options: ['A', 'B'] },
  ]),
  asOf: '2026-03-01',
  timeZone: 'Asia/Shanghai',
};
const text = (chunks: SqlChunk[]) => chunks.map((c) => (typeof c === 'string' ? c : '$')).join('');
const params = (chunks: SqlChunk[]) =>
  chunks.filter((c): c is { param: unknown } => typeof c !== 'string').map((c) => c.param);

function errorOf(rule: unknown): RuleError {
  try {
    compileRule(rule, ctx);
  } catch (err) {
    return err as RuleError;
  }
  throw new Error('compiled');
}

describe('compileRule', () => {
  it('binds every user value as a parameter, never as SQL text', () => {
    const evil = "x'); DROP TABLE customers; --";
    const chunks = compileRule(
      {
        and: [
          { field: 'name', op: 'contains', value: evil },
          { field: 'province', op: 'in', value: ['浙江', evil] },
        ],
      },
      ctx,
    );
    expect(text(chunks)).not.toContain('DROP');
    expect(params(chunks)).toEqual([`%${evil}%`, ['province:浙江', `province:${evil}`]]);
  });

  it('escapes LIKE wildcards in contains', () => {
    expect(params(compileRule({ field: 'name', op: 'contains', value: '50%_off' }, ctx))).toEqual([
      '%50\\%\\_off%',
    ]);
  });

  it('counts relative dates from the as-of day in the workspace time zone', () => {
    const chunks = compileRule({ field: 'last_order_at', op: 'in_last_days', value: 30 }, ctx);
    expect(text(chunks)).toContain('AT TIME ZONE $::text');
    expect(params(chunks)).toEqual(['Asia/Shanghai', '2026-03-01', 'Asia/Shanghai', '2026-03-01']);
  });

  it('compiles empty groups to constants and nests not', () => {
    expect(text(compileRule({ and: [] }, ctx))).toBe('TRUE');
    expect(text(compileRule({ or: [] }, ctx))).toBe('FALSE');
    expect(text(compileRule({ not: { field: 'in_pool', op: 'eq', value: true } }, ctx))).toMatch(
      /^\(NOT COALESCE/,
    );
  });

  it('leaves conditions outside NOT bare (index-friendly) and two-valued under NOT', () => {
    const tags = customerRegistry([], {
      schemes: [
        { key: 'rfm', nameZh: 'RFM', nameEn: 'RFM', tiers: [{ key: 'vip', nameZh: 'v', nameEn: 'v' }] },
      ],
      tags: [{ id: '0e9f3a52-1b7d-4c1e-9d35-6a8b2f0c1a01', name: 't', groupZh: 'g', groupEn: 'g' }],
    });
    const c = { ...ctx, registry: tags };
    const has = { field: 'tags', op: 'has_all', value: ['0e9f3a52-1b7d-4c1e-9d35-6a8b2f0c1a01'] };
    // Tags, tiers and the customer's categorical fields are facets: a lookup of the customer's facets row,
    // which one GIN index serves (true or false, never NULL: the same under NOT).
    const facets = `EXISTS (SELECT 1 FROM ${CUSTOMER_FACETS.from}`;
    const test = (op: string) => ` AND ${CUSTOMER_FACETS.column} OPERATOR(pg_catalog.${op}) $::text[]`;
    expect(text(compileRule(has, c))).toBe(`${facets}${test('@>')})`);
    expect(params(compileRule(has, c))).toEqual([['0e9f3a52-1b7d-4c1e-9d35-6a8b2f0c1a01']]);
    expect(text(compileRule({ not: has }, c))).toBe(`(NOT ${facets}${test('@>')}))`);
    // The conditions of one AND share the lookup (they intersect inside the index); OR keeps them apart.
    const four = compileRule(
      {
        and: [
          { field: 'province', op: 'eq', value: '浙江' },
          { field: 'name', op: 'eq', value: 'a' },
          has,
          { field: 'tier.rfm', op: 'in', value: ['vip'] },
        ],
      },
      c,
    );
    expect(text(four)).toBe(`(${facets}${test('@>')}${test('@>')}${test('&&')}) AND ((c.name) = $::text))`);
    expect(params(four)).toEqual([
      ['province:浙江'],
      ['0e9f3a52-1b7d-4c1e-9d35-6a8b2f0c1a01'],
      ['tier.rfm:vip'],
      'a',
    ]);
    const either = compileRule({ or: [has, { field: 'province', op: 'in', value: ['浙江'] }] }, c);
    expect(text(either)).toBe(`(${facets}${test('@>')}) OR ${facets}${test('&&')}))`);
    // What a facet cannot answer stays on the field itself.
    expect(text(compileRule({ field: 'province', op: 'neq', value: '浙江' }, c))).toBe(
      '((c.province) IS DISTINCT FROM $::text)',
    );
    expect(
      text(
        compileRule({ field: 'tags', op: 'has_none', value: ['0e9f3a52-1b7d-4c1e-9d35-6a8b2f0c1a01'] }, c),
      ),
    ).toBe('NOT COALESCE(((m.tag_ids) OPERATOR(pg_catalog.&&) $::uuid[]), false)');
    expect(text(compileRule({ field: 'name', op: 'eq', value: 'a' }, c))).toBe('((c.name) = $::text)');
  });

  it('locates what is wrong', () => {
    expect(
      errorOf({
        and: [
          { field: 'name', op: 'eq', value: 'a' },
          { field: 'nope', op: 'eq', value: 1 },
        ],
      }),
    ).toMatchObject({
      path: 'and[1].field',
      code: 'unknown_field',
    });
    expect(errorOf({ field: 'total_spend', op: 'contains', value: '1' })).toMatchObject({
      path: 'op',
      code: 'operator_not_allowed',
    });
    expect(errorOf({ or: [{ field: 'total_spend', op: 'gt', value: 'lots' }] })).toMatchObject({
      path: 'or[0].value',
      code: 'invalid_value',
    });
    expect(errorOf({ field: 'cf.level', op: 'eq', value: 'Z' })).toMatchObject({ code: 'invalid_value' });
    expect(errorOf({ field: 'created_at', op: 'in_last_days', value: -1 })).toMatchObject({
      code: 'invalid_value',
    });
    expect(errorOf({ field: 'name', op: 'between', value: ['a'] })).toMatchObject({
      code: 'operator_not_allowed',
    });
    expect(errorOf({ field: 'name', op: 'eq', value: 'a', extra: 1 })).toMatchObject({
      code: 'invalid_rule',
    });
    expect(errorOf('not a rule')).toMatchObject({ code: 'invalid_rule' });
  });

  it('refuses rules that are too deep or too large', () => {
    let deep: unknown = { field: 'name', op: 'eq', value: 'a' };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(errorOf(deep)).toMatchObject({ code: 'too_complex' });
    const wide = {
      or: Array.from({ length: 60 }, () => ({
        and: [
          { field: 'name', op: 'eq', value: 'a' },
          { field: 'city', op: 'eq', value: 'b' },
        ],
      })),
    };
    expect(errorOf(wide)).toMatchObject({ code: 'too_complex' });
  });
});
