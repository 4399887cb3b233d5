import { OPERATORS_BY_TYPE, type FieldDef, type FieldRegistry } from './fields.ts';
import { isAnd, isNot, isOr, type Condition, type Rule } from './rule.ts';
import { RuleError } from './compile.ts';

/** A record as the evaluator sees it: field key → value (numbers as numbers, dates as YYYY-MM-DD, instants as ISO). */
export type FieldValues = Record<string, unknown>;

const DAY_MS = 86_400_000;
const dayNumber = (ymd: string) => Math.floor(Date.parse(`${ymd}T00:00:00Z`) / DAY_MS);

/** The calendar day of an instant in a time zone. */
export function localDay(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

function comparable(field: FieldDef, v: unknown): number | string {
  switch (field.type) {
    case 'number':
    case 'money':
      return Number(v);
    case 'datetime':
      return Date.parse(String(v));
    default:
      return String(v);
  }
}

function compare(field: FieldDef, a: unknown, b: unknown): number {
  const x = comparable(field, a);
  const y = comparable(field, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Evaluates a rule on one record in memory, with exactly the semantics of the SQL the compiler
 * writes (the property test holds the two together): a missing value never matches a comparison,
 * `neq`/`not_in`/`not_contains`/`has_none` and `not` are the exact complements.
 */
export function evaluateRule(
  rule: Rule,
  record: FieldValues,
  ctx: { registry: FieldRegistry; asOf: string; timeZone: string },
): boolean {
  if (isAnd(rule)) return rule.and.every((r) => evaluateRule(r, record, ctx));
  if (isOr(rule)) return rule.or.some((r) => evaluateRule(r, record, ctx));
  if (isNot(rule)) return !evaluateRule(rule.not, record, ctx);
  return evaluateCondition(rule, record, ctx);
}

function evaluateCondition(
  c: Condition,
  record: FieldValues,
  ctx: { registry: FieldRegistry; asOf: string; timeZone: string },
): boolean {
  const field = ctx.registry.get(c.field);
  if (!field) throw new RuleError('field', 'unknown_field', `unknown field "${c.field}"`);
  if (!OPERATORS_BY_TYPE[field.type].includes(c.op)) throw new RuleError('op', 'operator_not_allowed', c.op);
  const v = record[c.field] ?? null;
  const has = v !== null && v !== undefined;
  const value = c.value;
  const day = () => dayNumber(field.type === 'datetime' ? localDay(String(v), ctx.timeZone) : String(v));
  const asOf = dayNumber(ctx.asOf);
  const lower = (s: unknown) => String(s).toLowerCase();
  switch (c.op) {
    case 'eq':
      return has && compare(field, v, value) === 0;
    case 'neq':
      return !has || compare(field, v, value) !== 0;
    case 'gt':
      return has && compare(field, v, value) > 0;
    case 'gte':
      return has && compare(field, v, value) >= 0;
    case 'lt':
      return has && compare(field, v, value) < 0;
    case 'lte':
      return has && compare(field, v, value) <= 0;
    case 'between': {
      const [lo, hi] = value as [unknown, unknown];
      return has && compare(field, v, lo) >= 0 && compare(field, v, hi) <= 0;
    }
    case 'in':
      return has && (value as unknown[]).some((x) => compare(field, v, x) === 0);
    case 'not_in':
      return !(has && (value as unknown[]).some((x) => compare(field, v, x) === 0));
    case 'contains':
      return has && lower(v).includes(lower(value));
    case 'not_contains':
      return !(has && lower(v).includes(lower(value)));
    case 'starts_with':
      return has && lower(v).startsWith(lower(value));
    case 'is_empty':
    case 'is_not_empty': {
      const empty = !has || v === '' || (Array.isArray(v) && v.length === 0);
      return c.op === 'is_empty' ? empty : !empty;
    }
    case 'in_last_days':
      return has && day() > asOf - Number(value) && day() <= asOf;
    case 'more_than_days_ago':
      return has && day() < asOf - Number(value);
    case 'has_any':
      return has && (value as string[]).some((x) => (v as string[]).includes(x));
    case 'has_all':
      return has && (value as string[]).every((x) => (v as string[]).includes(x));
    case 'has_none':
      return !(has && (value as string[]).some((x) => (v as string[]).includes(x)));
  }
}
