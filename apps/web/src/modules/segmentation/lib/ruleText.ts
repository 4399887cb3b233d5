/**
 * A rule of the JSON rule language (docs/RULES.md) in words, for the "why" of a tier and the tier list:
 * `近12个月消费 大于等于 ¥10,000.00`, groups in parentheses, `非 …` for not. The caller supplies the
 * words (field labels, operators, values) in the UI language.
 */

export interface RuleWords {
  field: (key: string) => string;
  op: (fieldKey: string, op: string) => string;
  /** One value of a field, e.g. an option label or a formatted amount. */
  value: (fieldKey: string, value: unknown) => string;
  /** `in_last_days` / `more_than_days_ago` with their day count. */
  days: (op: 'in_last_days' | 'more_than_days_ago', n: number) => string;
  and: string;
  or: string;
  not: string;
  /** Separator between listed values. */
  listSeparator: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function valueText(words: RuleWords, field: string, op: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if ((op === 'in_last_days' || op === 'more_than_days_ago') && typeof value === 'number')
    return words.days(op, value);
  if (op === 'between' && Array.isArray(value) && value.length === 2)
    return `${words.value(field, value[0])} – ${words.value(field, value[1])}`;
  if (Array.isArray(value)) return value.map((v) => words.value(field, v)).join(words.listSeparator);
  return words.value(field, value);
}

function conditionText(words: RuleWords, c: Record<string, unknown>): string {
  const field = String(c.field);
  const op = String(c.op);
  if (op === 'in_last_days' || op === 'more_than_days_ago')
    return `${words.field(field)} ${valueText(words, field, op, c.value)}`;
  const value = valueText(words, field, op, c.value);
  return [words.field(field), words.op(field, op), value].filter(Boolean).join(' ');
}

/** The rule in words; `depth` > 0 wraps groups of several parts in parentheses. */
export function ruleToText(rule: unknown, words: RuleWords, depth = 0): string {
  if (!isObject(rule)) return '';
  const group = (parts: unknown[], joiner: string) => {
    const texts = parts.map((p) => ruleToText(p, words, depth + 1)).filter(Boolean);
    const text = texts.join(` ${joiner} `);
    return depth > 0 && texts.length > 1 ? `(${text})` : text;
  };
  if (Array.isArray(rule.and)) return group(rule.and, words.and);
  if (Array.isArray(rule.or)) return group(rule.or, words.or);
  if ('not' in rule) {
    const inner = ruleToText(rule.not, words, 1);
    return inner ? `${words.not} ${inner}` : '';
  }
  if (typeof rule.field === 'string' && typeof rule.op === 'string') return conditionText(words, rule);
  return '';
}

/** Every field a rule tests, in order of appearance, without repeats. */
export function ruleFields(rule: unknown, out: string[] = []): string[] {
  if (!isObject(rule)) return out;
  if (Array.isArray(rule.and)) for (const r of rule.and) ruleFields(r, out);
  else if (Array.isArray(rule.or)) for (const r of rule.or) ruleFields(r, out);
  else if ('not' in rule) ruleFields(rule.not, out);
  else if (typeof rule.field === 'string' && !out.includes(rule.field)) out.push(rule.field);
  return out;
}
