/**
 * Helpers over a rule of the JSON rule language (docs/RULES.md). A rule in words is `describeRule`
 * (customers/labels.ts), worded for tiers by hooks/useRuleWords.ts.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Every field a rule tests, in order of appearance, without repeats. */
export function ruleFields(rule: unknown, out: string[] = []): string[] {
  if (!isObject(rule)) return out;
  if (Array.isArray(rule.and)) for (const r of rule.and) ruleFields(r, out);
  else if (Array.isArray(rule.or)) for (const r of rule.or) ruleFields(r, out);
  else if ('not' in rule) ruleFields(rule.not, out);
  else if (typeof rule.field === 'string' && !out.includes(rule.field)) out.push(rule.field);
  return out;
}
