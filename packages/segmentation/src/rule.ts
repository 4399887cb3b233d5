import { z } from 'zod';
import { OPERATORS, type Operator } from './operators.ts';

/**
 * The one rule language: segment definitions, tier rules, auto-tag rules, automation conditions,
 * campaign audiences and list filters are all a Rule. JSON, e.g.
 *   {"and":[{"field":"province","op":"eq","value":"浙江"},
 *           {"not":{"field":"last_order_at","op":"in_last_days","value":90}}]}
 */
export { OPERATORS, type Operator };

export interface Condition {
  field: string;
  op: Operator;
  value?: unknown;
}
export type Rule = { and: Rule[] } | { or: Rule[] } | { not: Rule } | Condition;

export const MAX_RULE_DEPTH = 8;
export const MAX_RULE_CONDITIONS = 100;

export const ConditionSchema = z.strictObject({
  field: z.string().min(1).max(80),
  op: z.enum(OPERATORS),
  value: z.unknown().optional(),
});

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.strictObject({ and: z.array(RuleSchema).max(MAX_RULE_CONDITIONS) }),
    z.strictObject({ or: z.array(RuleSchema).max(MAX_RULE_CONDITIONS) }),
    z.strictObject({ not: RuleSchema }),
    ConditionSchema,
  ]),
);

export const isAnd = (r: Rule): r is { and: Rule[] } => 'and' in r;
export const isOr = (r: Rule): r is { or: Rule[] } => 'or' in r;
export const isNot = (r: Rule): r is { not: Rule } => 'not' in r;
