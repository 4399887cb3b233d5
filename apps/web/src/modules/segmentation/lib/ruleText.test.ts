import { describe, expect, it } from 'vitest';
import { ruleFields, ruleToText } from './ruleText.ts';
import type { RuleWords } from './ruleText.ts';

const words: RuleWords = {
  field: (key) => ({ spend_365d: '近12个月消费', province: '省份', last_order_at: '最近下单' })[key] ?? key,
  op: (_field, op) => ({ gte: '大于等于', in: '是其中之一', eq: '等于', between: '介于' })[op] ?? op,
  value: (field, v) => (field === 'spend_365d' ? `¥${String(v)}` : String(v)),
  days: (op, n) => (op === 'in_last_days' ? `在最近 ${n} 天内` : `在 ${n} 天以前`),
  and: '且',
  or: '或',
  not: '非',
  listSeparator: '、',
};

describe('rule to text', () => {
  it('says a condition, a list, a range and relative days', () => {
    expect(ruleToText({ field: 'spend_365d', op: 'gte', value: 10000 }, words)).toBe(
      '近12个月消费 大于等于 ¥10000',
    );
    expect(ruleToText({ field: 'province', op: 'in', value: ['浙江', '江苏'] }, words)).toBe(
      '省份 是其中之一 浙江、江苏',
    );
    expect(ruleToText({ field: 'spend_365d', op: 'between', value: [1, 2] }, words)).toBe(
      '近12个月消费 介于 ¥1 – ¥2',
    );
    expect(ruleToText({ field: 'last_order_at', op: 'in_last_days', value: 30 }, words)).toBe(
      '最近下单 在最近 30 天内',
    );
    expect(ruleToText({ field: 'province', op: 'is_empty' }, words)).toBe('省份 is_empty');
  });

  it('joins groups, parenthesises nested ones and negates', () => {
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
    expect(ruleToText(rule, words)).toBe('近12个月消费 大于等于 ¥5 或 (省份 等于 浙江 且 非 省份 等于 江苏)');
    expect(ruleToText({ and: [{ field: 'province', op: 'eq', value: 'x' }] }, words)).toBe('省份 等于 x');
    expect(ruleToText(null, words)).toBe('');
  });

  it('lists the fields a rule tests once each', () => {
    expect(
      ruleFields({
        and: [
          { field: 'a', op: 'eq', value: 1 },
          { or: [{ field: 'b', op: 'eq' }, { not: { field: 'a', op: 'eq' } }] },
        ],
      }),
    ).toEqual(['a', 'b']);
  });
});
