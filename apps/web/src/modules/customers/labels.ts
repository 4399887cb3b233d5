import type { CreateCustomerBody, Customer } from '@stratum/contracts';
import type { FieldInfo } from './api.ts';

// The enum values of the API (the contracts' zod enums are not imported at run time: types only).
export type CustomerStatus = Customer['status'];
export type CustomerKind = Customer['kind'];
export type SizeBand = NonNullable<CreateCustomerBody['sizeBand']>;
export type SourceChannel = NonNullable<CreateCustomerBody['source']>;

export const CUSTOMER_KINDS: readonly CustomerKind[] = ['company', 'individual'];
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['potential', 'active', 'dormant', 'lost'];
export const SIZE_BANDS: readonly SizeBand[] = ['1-9', '10-49', '50-199', '200-999', '1000+'];
export const SOURCE_CHANNELS: readonly SourceChannel[] = [
  'referral',
  'website',
  'exhibition',
  'cold_call',
  'wechat',
  'partner',
  'advertising',
  'other',
];

/** antd Tag colours of the customer statuses. */
export const STATUS_COLORS: Record<CustomerStatus, string> = {
  potential: 'blue',
  active: 'green',
  dormant: 'orange',
  lost: 'default',
};

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);
export const isCustomerStatus = (v: string): v is CustomerStatus => isOneOf(CUSTOMER_STATUSES, v);
export const isCustomerKind = (v: string): v is CustomerKind => isOneOf(CUSTOMER_KINDS, v);
export const isSizeBand = (v: string): v is SizeBand => isOneOf(SIZE_BANDS, v);
export const isSourceChannel = (v: string): v is SourceChannel => isOneOf(SOURCE_CHANNELS, v);

// ── Rule fields: option labels and a rule in words ──

/**
 * The label of one option of a rule field. Options that are ids or keys (tiers, tags, segments) carry
 * their labels in the field (`optionLabels`, in the request's language); other options go through
 * `fallback` (built-in enums are translated there; custom options are their own text).
 */
export function fieldOptionLabel(
  field: Pick<FieldInfo, 'optionLabels'> | undefined,
  value: string,
  fallback: (value: string) => string = (v) => v,
): string {
  return field?.optionLabels?.[value] ?? fallback(value);
}

/** The options of a field as select options, labelled (see `fieldOptionLabel`). */
export function fieldOptions(
  field: Pick<FieldInfo, 'options' | 'optionLabels'>,
  fallback?: (value: string) => string,
): { value: string; label: string }[] {
  return (field.options ?? []).map((value) => ({ value, label: fieldOptionLabel(field, value, fallback) }));
}

/** How `describeRule` words things, in the UI language. */
export interface RuleWording {
  /** Joins conditions, e.g. ` 且 ` / ` and `. */
  and: string;
  or: string;
  /** Before a negated condition, e.g. `非` / `not`. */
  not: string;
  /** Between list items, e.g. `、` / `, `. */
  list: string;
  /** A rule selecting everyone (an empty AND) or no one (an empty OR). */
  everyone: string;
  nobody: string;
  /** A field no longer in the registry (e.g. a deleted custom field). */
  unknownField: (key: string) => string;
  op: (field: FieldInfo | undefined, op: string) => string;
  /** One scalar value (option values are already labelled when this is called for them). */
  value: (field: FieldInfo | undefined, op: string, value: unknown) => string;
  /**
   * When given, a relative-day condition with a day count reads `<field> <days>` (e.g. `最近下单 在最近 30
   * 天内`) instead of `<field> <op> <value>`.
   */
  days?: (op: 'in_last_days' | 'more_than_days_ago', n: number) => string;
}

const OPTION_TYPES = new Set(['enum', 'multi_enum']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A rule of the JSON rule language (docs/RULES.md) in words, e.g.
 * `省份 是其中之一 浙江、江苏 且 标签 包含任一 行业: 制造业`. Option ids become their labels; nested
 * groups of several parts are put in brackets. The one wording of rules in the app: segment and auto-tag
 * definitions, tier rules and a tier's "why" (segmentation/hooks/useRuleWords.ts).
 */
export function describeRule(
  rule: unknown,
  fields: ReadonlyMap<string, FieldInfo>,
  words: RuleWording,
  option: (field: FieldInfo, value: string) => string = (_f, v) => v,
): string {
  const scalar = (field: FieldInfo | undefined, op: string, v: unknown): string =>
    field && OPTION_TYPES.has(field.type) && typeof v === 'string'
      ? fieldOptionLabel(field, v, (x) => option(field, x))
      : words.value(field, op, v);
  const walk = (node: unknown, nested: boolean): string => {
    if (node === null || node === undefined) return '';
    if (!isRecord(node)) return String(node);
    if (Array.isArray(node.and) || Array.isArray(node.or)) {
      const isAnd = Array.isArray(node.and);
      const parts = (isAnd ? node.and : node.or) as unknown[];
      if (parts.length === 0) return isAnd ? words.everyone : words.nobody;
      if (parts.length === 1) return walk(parts[0], nested);
      // Parts that say nothing (an empty group worded '') are left out rather than joined.
      const texts = parts.map((p) => walk(p, true)).filter((text) => text !== '');
      const text = texts.join(isAnd ? words.and : words.or);
      return nested && texts.length > 1 ? `(${text})` : text;
    }
    if ('not' in node) {
      const inner = walk(node.not, true);
      return inner === '' ? '' : `${words.not} ${inner}`;
    }
    if (typeof node.field !== 'string' || typeof node.op !== 'string') return JSON.stringify(node);
    const field = fields.get(node.field);
    const name = field?.label ?? words.unknownField(node.field);
    if (
      words.days &&
      (node.op === 'in_last_days' || node.op === 'more_than_days_ago') &&
      typeof node.value === 'number'
    )
      return `${name} ${words.days(node.op, node.value)}`;
    const op = words.op(field, node.op);
    if (node.value === undefined || node.value === null) return `${name} ${op}`;
    const value = Array.isArray(node.value)
      ? node.op === 'between'
        ? node.value.map((v) => scalar(field, node.op as string, v)).join(' – ')
        : node.value.map((v) => scalar(field, node.op as string, v)).join(words.list)
      : scalar(field, node.op, node.value);
    return `${name} ${op} ${value}`;
  };
  return walk(rule, false);
}
