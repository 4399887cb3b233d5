import dayjs from 'dayjs';
import '../../app/format.ts'; // registers dayjs utc + timezone
import type { FieldInfo, FieldType } from './api.ts';

/**
 * The visual filter builder's model and its conversion to and from the JSON rule language
 * (docs/RULES.md). The builder shows one level: rows combined with AND or OR, each row optionally
 * negated. Rules it cannot show (nested groups) are kept as they are and reported as "advanced".
 */

export type Combinator = 'and' | 'or';

/**
 * A row's value as the inputs hold it: text, a decimal string (number / money), `YYYY-MM-DD` (dates,
 * also for date-time fields), a whole number of days, a boolean, a list (in / has_any…) or a
 * `[from, to]` pair (between).
 */
export type RowValue = string | number | boolean | string[] | [string | null, string | null] | null;

export interface BuilderRow {
  id: string;
  field?: string;
  op?: string;
  value?: RowValue;
  not: boolean;
}

export interface BuilderState {
  combinator: Combinator;
  rows: BuilderRow[];
}

export interface Condition {
  field: string;
  op: string;
  value?: unknown;
}
export type Rule = { and: Rule[] } | { or: Rule[] } | { not: Rule } | Condition;

/** Operators that take no value. */
export const VALUELESS_OPS = new Set(['is_empty', 'is_not_empty']);
/** Operators whose value is a whole number of days. */
export const DAY_OPS = new Set(['in_last_days', 'more_than_days_ago']);
/** Operators whose value is a list. */
export const LIST_OPS = new Set(['in', 'not_in', 'has_any', 'has_all', 'has_none']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

let nextId = 0;
export function newRowId(): string {
  nextId += 1;
  return `r${nextId}`;
}

export function emptyBuilder(): BuilderState {
  return { combinator: 'and', rows: [] };
}

export function newRow(): BuilderRow {
  return { id: newRowId(), not: false };
}

/** Which kind of input a field + operator needs. */
export type ValueKind =
  | 'none'
  | 'text'
  | 'text_list'
  | 'number'
  | 'money'
  | 'number_range'
  | 'money_range'
  | 'date'
  | 'date_range'
  | 'days'
  | 'option'
  | 'option_list'
  | 'user'
  | 'boolean';

export function valueKind(field: Pick<FieldInfo, 'key' | 'type'>, op: string): ValueKind {
  if (VALUELESS_OPS.has(op)) return 'none';
  if (DAY_OPS.has(op)) return 'days';
  const list = LIST_OPS.has(op);
  switch (field.type) {
    case 'number':
      return op === 'between' ? 'number_range' : 'number';
    case 'money':
      return op === 'between' ? 'money_range' : 'money';
    case 'date':
    case 'datetime':
      return op === 'between' ? 'date_range' : 'date';
    case 'boolean':
      return 'boolean';
    case 'enum':
      if (field.key === 'owner_id') return 'user';
      return list ? 'option_list' : 'option';
    case 'multi_enum':
      return 'option_list';
    default:
      return list ? 'text_list' : 'text';
  }
}

/**
 * The operators the builder offers for a field: the server's list, except that the owner (a user id)
 * is picked one user at a time.
 */
export function operatorsFor(field: FieldInfo): string[] {
  if (field.key === 'owner_id') return field.operators.filter((op) => !LIST_OPS.has(op));
  return field.operators;
}

/** The value a row gets when its field or operator changes (keeps what still fits). */
export function defaultValue(field: FieldInfo, op: string, previous?: RowValue): RowValue | undefined {
  const kind = valueKind(field, op);
  if (kind === 'none') return undefined;
  if (kind === 'boolean') return typeof previous === 'boolean' ? previous : true;
  if (kind === 'days') return typeof previous === 'number' ? previous : 30;
  const isList = kind === 'text_list' || kind === 'option_list';
  if (isList) return Array.isArray(previous) && previous.length !== 2 ? previous : [];
  return undefined;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Start (or end, `end = true`) of a calendar day in the workspace time zone, as an ISO instant. */
function dayBoundary(day: string, timeZone: string, end: boolean): string {
  const d = dayjs.tz(day, timeZone);
  return (end ? d.endOf('day') : d.startOf('day')).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** The calendar day (workspace time zone) of a date or date-time value from a rule. */
function dayOf(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null;
  if (DATE.test(value)) return value;
  const d = dayjs(value);
  return d.isValid() ? d.tz(timeZone).format('YYYY-MM-DD') : null;
}

function scalarOut(type: FieldType, value: unknown): unknown {
  if (type === 'number' && typeof value === 'string' && DECIMAL.test(value.trim())) {
    const n = Number(value.trim());
    // Keep the exact decimal text when a double cannot hold it.
    return String(n) === value.trim() ? n : value.trim();
  }
  if (type === 'money' && typeof value === 'string') return value.trim();
  if (typeof value === 'string') return value.trim();
  return value;
}

/**
 * One row as a rule condition, or `null` while it is incomplete (no field, no operator, or a value
 * the operator needs is missing). Date-time fields get day boundaries in the workspace time zone:
 * "after 3 March" means after the end of that day, "on or before 3 March" includes the whole day.
 */
export function rowToCondition(row: BuilderRow, field: FieldInfo | undefined, timeZone: string): Rule | null {
  if (!row.field || !row.op || !field) return null;
  const op = row.op;
  const kind = valueKind(field, op);
  const v = row.value;
  let value: unknown;
  switch (kind) {
    case 'none':
      value = undefined;
      break;
    case 'days':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return null;
      value = v;
      break;
    case 'boolean':
      if (typeof v !== 'boolean') return null;
      value = v;
      break;
    case 'text_list':
    case 'option_list': {
      const list = Array.isArray(v) ? (v as (string | null)[]).filter((x): x is string => !isBlank(x)) : [];
      if (list.length === 0) return null;
      value = list.map((x) => x.trim());
      break;
    }
    case 'number_range':
    case 'money_range':
    case 'date_range': {
      if (!Array.isArray(v) || v.length !== 2 || isBlank(v[0]) || isBlank(v[1])) return null;
      const [lo, hi] = v as [string, string];
      if (kind === 'date_range') {
        value =
          field.type === 'datetime'
            ? [dayBoundary(lo, timeZone, false), dayBoundary(hi, timeZone, true)]
            : [lo, hi];
      } else {
        value = [scalarOut(field.type, lo), scalarOut(field.type, hi)];
      }
      break;
    }
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v)) return null;
      value = field.type === 'datetime' ? dayBoundary(v, timeZone, op === 'gt' || op === 'lte') : v;
      break;
    default:
      if (isBlank(v) || (typeof v !== 'string' && typeof v !== 'number')) return null;
      value = scalarOut(field.type, typeof v === 'number' ? String(v) : v);
  }
  const condition: Condition =
    value === undefined ? { field: row.field, op } : { field: row.field, op, value };
  return row.not ? { not: condition } : condition;
}

export interface BuiltRule {
  /** The rule, or `undefined` when no row is complete (no filter). */
  rule: Rule | undefined;
  /** Row id of each condition in the rule, by position (to place server errors on rows). */
  rowIds: string[];
  /** Rows that are started but not complete. */
  incomplete: string[];
}

export function builderToRule(
  state: BuilderState,
  fields: ReadonlyMap<string, FieldInfo>,
  timeZone: string,
): BuiltRule {
  const parts: Rule[] = [];
  const rowIds: string[] = [];
  const incomplete: string[] = [];
  for (const row of state.rows) {
    const condition = rowToCondition(row, row.field ? fields.get(row.field) : undefined, timeZone);
    if (condition) {
      parts.push(condition);
      rowIds.push(row.id);
    } else {
      incomplete.push(row.id);
    }
  }
  if (parts.length === 0) return { rule: undefined, rowIds, incomplete };
  const rule: Rule = state.combinator === 'or' ? { or: parts } : { and: parts };
  return { rule, rowIds, incomplete };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCondition = (v: unknown): v is Condition =>
  isObject(v) && typeof v.field === 'string' && typeof v.op === 'string';

function valueIn(field: FieldInfo | undefined, op: string, value: unknown, timeZone: string): RowValue {
  if (value === undefined || value === null) return null;
  const type = field?.type;
  const asText = (x: unknown): string | null =>
    x === null || x === undefined ? null : typeof x === 'string' ? x : String(x);
  if (DAY_OPS.has(op)) return typeof value === 'number' ? value : Number(value);
  if (op === 'between' && Array.isArray(value) && value.length === 2) {
    if (type === 'date' || type === 'datetime') return [dayOf(value[0], timeZone), dayOf(value[1], timeZone)];
    return [asText(value[0]), asText(value[1])];
  }
  if (Array.isArray(value)) return value.map((x) => String(x));
  if (type === 'date' || type === 'datetime') return dayOf(value, timeZone);
  if (type === 'number' || type === 'money') return asText(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return null;
}

function conditionToRow(
  rule: Rule,
  fields: ReadonlyMap<string, FieldInfo>,
  timeZone: string,
): BuilderRow | null {
  let not = false;
  let node: unknown = rule;
  if (isObject(node) && 'not' in node && Object.keys(node).length === 1) {
    not = true;
    node = node.not;
  }
  if (!isCondition(node)) return null;
  const field = fields.get(node.field);
  const row: BuilderRow = { id: newRowId(), field: node.field, op: node.op, not };
  const value = valueIn(field, node.op, node.value, timeZone);
  if (!VALUELESS_OPS.has(node.op)) row.value = value;
  return row;
}

/**
 * A rule as builder rows, or `null` when it does not fit the builder (nested groups): the caller keeps
 * such a rule as it is.
 */
export function ruleToBuilder(
  rule: unknown,
  fields: ReadonlyMap<string, FieldInfo>,
  timeZone: string,
): BuilderState | null {
  if (rule === undefined || rule === null) return emptyBuilder();
  if (!isObject(rule)) return null;
  let combinator: Combinator = 'and';
  let parts: unknown[];
  if (Array.isArray(rule.and) && Object.keys(rule).length === 1) parts = rule.and;
  else if (Array.isArray(rule.or) && Object.keys(rule).length === 1) {
    combinator = 'or';
    parts = rule.or;
  } else parts = [rule];
  const rows: BuilderRow[] = [];
  for (const part of parts) {
    const row = conditionToRow(part as Rule, fields, timeZone);
    if (!row) return null;
    rows.push(row);
  }
  return { combinator, rows };
}

/** Parses the `filter` query text; `undefined` for none or unparsable text. */
export function parseFilter(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Which condition a server error about the filter points at: `filter.and[2].value` → 2. `null` for an
 * error about the whole rule.
 */
export function conditionIndexOfPath(path: string): number | null {
  const match = /^filter\.(?:and|or)[[.](\d+)/.exec(path);
  return match ? Number(match[1]) : null;
}
