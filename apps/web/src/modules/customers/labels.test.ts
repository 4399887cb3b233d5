import { describe, expect, it } from 'vitest';
import type { FieldInfo } from './api.ts';
import { describeRule, fieldOptionLabel, fieldOptions } from './labels.ts';
import type { RuleWording } from './labels.ts';
import { builderToRule, ruleToBuilder, valueKind } from './rules.ts';
import type { BuilderState } from './rules.ts';

const TAG_A = '0190b3a2-0000-7000-8000-00000000000a';
const TAG_B = '0190b3a2-0000-7000-8000-00000000000b';
const SEG = '0190b3a2-0000-7000-8000-0000000000c1';

// As `GET /customers/fields` answers for classification fields: options are ids or keys, with labels.
const TAGS: FieldInfo = {
  key: 'tags',
  type: 'multi_enum',
  label: '标签',
  group: 'classification',
  options: [TAG_A, TAG_B],
  optionLabels: { [TAG_A]: '行业: 制造业', [TAG_B]: '价值: 重点' },
  operators: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
};
const SEGMENTS: FieldInfo = {
  key: 'segments',
  type: 'multi_enum',
  label: '客户分群',
  group: 'classification',
  options: [SEG],
  optionLabels: { [SEG]: '浙江大客户' },
  operators: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
};
const TIER: FieldInfo = {
  key: 'tier.value',
  type: 'enum',
  label: '价值等级',
  group: 'classification',
  options: ['A', 'B', 'C'],
  optionLabels: { A: 'A 类客户', B: 'B 类客户', C: 'C 类客户' },
  operators: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
};
const STATUS: FieldInfo = {
  key: 'status',
  type: 'enum',
  label: '客户状态',
  group: 'attribute',
  options: ['potential', 'active'],
  optionLabels: null,
  operators: ['eq', 'in'],
};
const PROVINCE: FieldInfo = {
  key: 'province',
  type: 'text',
  label: '省份',
  group: 'attribute',
  options: null,
  operators: ['eq', 'in'],
};
const SPEND: FieldInfo = {
  key: 'total_spend',
  type: 'money',
  label: '累计消费',
  group: 'metric',
  options: null,
  operators: ['gte'],
};
const FIELDS = new Map([TAGS, SEGMENTS, TIER, STATUS, PROVINCE, SPEND].map((f) => [f.key, f]));
const TZ = 'Asia/Shanghai';

const WORDS: RuleWording = {
  and: ' 且 ',
  or: ' 或 ',
  not: '非',
  list: '、',
  everyone: '所有客户',
  nobody: '没有客户',
  unknownField: (key) => `未知字段（${key}）`,
  op: (_field, op) =>
    ({
      eq: '等于',
      in: '是其中之一',
      gte: '大于等于',
      has_any: '包含任一',
      has_all: '包含全部',
      has_none: '不包含任何',
      is_empty: '为空',
    })[op] ?? op,
  value: (field, _op, v) => (field?.type === 'money' ? `¥${String(v)}` : String(v)),
};
const STATUS_ZH: Record<string, string> = { active: '成交客户', potential: '潜在客户' };

describe('option labels of rule fields', () => {
  it('labels ids and keys from the field, everything else through the fallback', () => {
    expect(fieldOptionLabel(TAGS, TAG_A)).toBe('行业: 制造业');
    expect(fieldOptionLabel(SEGMENTS, SEG)).toBe('浙江大客户');
    expect(fieldOptionLabel(TIER, 'B', () => 'fallback')).toBe('B 类客户');
    expect(fieldOptionLabel(STATUS, 'active', (v) => STATUS_ZH[v] ?? v)).toBe('成交客户');
    // A tag deleted since: its id stays visible rather than vanishing.
    expect(fieldOptionLabel(TAGS, 'gone')).toBe('gone');
    expect(fieldOptionLabel(undefined, 'x')).toBe('x');
  });

  it('gives select options with labels, ids as values', () => {
    expect(fieldOptions(TAGS)).toEqual([
      { value: TAG_A, label: '行业: 制造业' },
      { value: TAG_B, label: '价值: 重点' },
    ]);
    expect(fieldOptions(STATUS, (v) => STATUS_ZH[v] ?? v).map((o) => o.label)).toEqual([
      '潜在客户',
      '成交客户',
    ]);
    expect(fieldOptions(PROVINCE)).toEqual([]);
  });
});

describe('a rule in words', () => {
  it('names tags, segments and tiers by their labels, not their ids', () => {
    const rule = {
      and: [
        { field: 'tags', op: 'has_all', value: [TAG_A, TAG_B] },
        { field: 'segments', op: 'has_any', value: [SEG] },
        { field: 'tier.value', op: 'eq', value: 'A' },
        { field: 'total_spend', op: 'gte', value: '10000' },
      ],
    };
    expect(describeRule(rule, FIELDS, WORDS)).toBe(
      '标签 包含全部 行业: 制造业、价值: 重点 且 客户分群 包含任一 浙江大客户 且 价值等级 等于 A 类客户 且 累计消费 大于等于 ¥10000',
    );
  });

  it('words OR, NOT, nesting, valueless operators, built-in enums and unknown fields', () => {
    const rule = {
      or: [
        { not: { field: 'tags', op: 'has_any', value: [TAG_A] } },
        {
          and: [
            { field: 'status', op: 'in', value: ['active', 'potential'] },
            { field: 'province', op: 'is_empty' },
          ],
        },
        { field: 'cf.gone', op: 'eq', value: 'x' },
      ],
    };
    expect(describeRule(rule, FIELDS, WORDS, (_f, v) => STATUS_ZH[v] ?? v)).toBe(
      '非 标签 包含任一 行业: 制造业 或 (客户状态 是其中之一 成交客户、潜在客户 且 省份 为空) 或 未知字段（cf.gone） 等于 x',
    );
    expect(describeRule({ and: [] }, FIELDS, WORDS)).toBe('所有客户');
    expect(describeRule({ or: [] }, FIELDS, WORDS)).toBe('没有客户');
  });
});

// As useRuleWords words tier rules (formerly segmentation/lib/ruleText.ts): relative days without an
// operator word, empty groups silent, unknown fields by their key.
const TIER_FIELDS = new Map<string, FieldInfo>(
  [
    { key: 'spend_365d', type: 'money', label: '近12个月消费' },
    { key: 'province', type: 'text', label: '省份' },
    { key: 'last_order_at', type: 'datetime', label: '最近下单' },
  ].map((f) => [f.key, { group: 'metric', options: null, operators: [], ...f } as FieldInfo]),
);
const TIER_WORDS: RuleWording = {
  and: ' 且 ',
  or: ' 或 ',
  not: '非',
  list: '、',
  everyone: '',
  nobody: '',
  unknownField: (key) => key,
  op: (_field, op) => ({ gte: '大于等于', in: '是其中之一', eq: '等于', between: '介于' })[op] ?? op,
  value: (field, _op, v) => (field?.key === 'spend_365d' ? `¥${String(v)}` : String(v)),
  days: (op, n) => (op === 'in_last_days' ? `在最近 ${n} 天内` : `在 ${n} 天以前`),
};
const tierText = (rule: unknown) => describeRule(rule, TIER_FIELDS, TIER_WORDS);

describe('a tier rule in words', () => {
  it('says a condition, a list, a range and relative days', () => {
    expect(tierText({ field: 'spend_365d', op: 'gte', value: 10000 })).toBe('近12个月消费 大于等于 ¥10000');
    expect(tierText({ field: 'province', op: 'in', value: ['浙江', '江苏'] })).toBe(
      '省份 是其中之一 浙江、江苏',
    );
    expect(tierText({ field: 'spend_365d', op: 'between', value: [1, 2] })).toBe('近12个月消费 介于 ¥1 – ¥2');
    expect(tierText({ field: 'last_order_at', op: 'in_last_days', value: 30 })).toBe(
      '最近下单 在最近 30 天内',
    );
    expect(tierText({ field: 'last_order_at', op: 'more_than_days_ago', value: 90 })).toBe(
      '最近下单 在 90 天以前',
    );
    expect(tierText({ field: 'province', op: 'is_empty' })).toBe('省份 is_empty');
    expect(tierText({ field: 'gone', op: 'eq', value: 'x' })).toBe('gone 等于 x');
  });

  it('joins groups, parenthesises nested ones, negates, and says nothing for nothing', () => {
    const rule = {
      or: [
        { field: 'spend_365d', op: 'gte', value: 5 },
        {
          and: [
            { field: 'province', op: 'eq', value: '浙江' },
            { not: { field: 'province', op: 'eq', value: '江苏' } },
          ],
        },
      ],
    };
    expect(tierText(rule)).toBe('近12个月消费 大于等于 ¥5 或 (省份 等于 浙江 且 非 省份 等于 江苏)');
    expect(tierText({ and: [{ field: 'province', op: 'eq', value: 'x' }] })).toBe('省份 等于 x');
    expect(tierText({ or: [{ and: [] }, { field: 'province', op: 'eq', value: 'x' }] })).toBe('省份 等于 x');
    expect(tierText({ not: { and: [] } })).toBe('');
    expect(tierText(null)).toBe('');
  });

  it('says relative days with the operator when no `days` wording is given', () => {
    const words: RuleWording = { ...TIER_WORDS, days: undefined, value: (_f, _op, v) => `${String(v)} 天` };
    expect(describeRule({ field: 'last_order_at', op: 'in_last_days', value: 30 }, TIER_FIELDS, words)).toBe(
      '最近下单 in_last_days 30 天',
    );
  });
});

describe('the list filter with tags', () => {
  const state = (
    combinator: 'and' | 'or',
    rows: Omit<BuilderState['rows'][number], 'id'>[],
  ): BuilderState => ({
    combinator,
    rows: rows.map((r, i) => ({ id: `t${i}`, ...r })),
  });

  it('picks tags, segments and tiers from their options', () => {
    expect(valueKind(TAGS, 'has_all')).toBe('option_list');
    expect(valueKind(SEGMENTS, 'has_none')).toBe('option_list');
    expect(valueKind(TIER, 'eq')).toBe('option');
    expect(valueKind(TIER, 'in')).toBe('option_list');
  });

  it('combines tags with AND, OR and NOT and reads the rule back', () => {
    for (const combinator of ['and', 'or'] as const) {
      const original = state(combinator, [
        { field: 'tags', op: 'has_any', value: [TAG_A], not: false },
        { field: 'tags', op: 'has_any', value: [TAG_B], not: true },
        { field: 'segments', op: 'has_all', value: [SEG], not: false },
      ]);
      const { rule, incomplete } = builderToRule(original, FIELDS, TZ);
      expect(incomplete).toEqual([]);
      const parts = [
        { field: 'tags', op: 'has_any', value: [TAG_A] },
        { not: { field: 'tags', op: 'has_any', value: [TAG_B] } },
        { field: 'segments', op: 'has_all', value: [SEG] },
      ];
      expect(rule).toEqual(combinator === 'and' ? { and: parts } : { or: parts });
      const back = ruleToBuilder(rule, FIELDS, TZ);
      expect(back?.combinator).toBe(combinator);
      expect(back?.rows.map(({ id: _id, ...r }) => r)).toEqual(original.rows.map(({ id: _id, ...r }) => r));
    }
  });

  it('reads a segment link (`/customers?filter=`) into one row', () => {
    expect(ruleToBuilder({ field: 'segments', op: 'has_any', value: [SEG] }, FIELDS, TZ)?.rows).toMatchObject(
      [{ field: 'segments', op: 'has_any', value: [SEG], not: false }],
    );
  });
});
