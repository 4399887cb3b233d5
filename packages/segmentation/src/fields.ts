/**
 * The field registry: everything a rule may test. Each field knows its type, its zh/en label, the
 * operators it allows and its SQL expression. Nothing outside the registry reaches SQL: a rule names
 * fields by key, and the compiler looks the expression up here.
 */
export type FieldType = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'enum' | 'multi_enum' | 'boolean';

export interface FieldDef {
  key: string;
  type: FieldType;
  label: { 'zh-CN': string; en: string };
  /**
   * SQL over the query's aliases (`c` customers, `m` customer_metrics). Trusted: written here, not by
   * users. `{as_of}` and `{tz}` stand for the as-of day (date) and the workspace time zone (text).
   */
  sql: string;
  /** multi_enum fields: the SQL type of the array's elements when not text (e.g. uuid for tag ids). */
  elementType?: 'uuid';
  /** For enum fields: the allowed values. */
  options?: readonly string[];
  /**
   * Fields mirrored in a facets table (`<prefix><value>` per value the field holds): `eq` / `in` /
   * `has_all` / `has_any` compile to a lookup there, `column @> / && ARRAY[prefix || value…]`, which its
   * GIN index serves; the conditions of one AND share one lookup, so they intersect inside the index.
   * Same truth as the tests on `sql`.
   */
  facet?: { source: FacetSource; prefix: string };
  /** Labels of options that are ids or keys (tiers, tags, segments). */
  optionLabels?: Record<string, { 'zh-CN': string; en: string }>;
  group: 'attribute' | 'custom' | 'metric' | 'owner' | 'classification';
}

/** A table of facets: the customer's row (`from`, correlated with the query's `c`) and its facets. */
export interface FacetSource {
  /** FROM … WHERE selecting the customer's one row. Trusted SQL. */
  from: string;
  /** Its facets, a text[] expression the GIN index is on. Trusted SQL. */
  column: string;
}

export const OPERATORS_BY_TYPE: Record<FieldType, readonly string[]> = {
  text: ['eq', 'neq', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  date: [
    'eq',
    'neq',
    'gt',
    'gte',
    'lt',
    'lte',
    'between',
    'is_empty',
    'is_not_empty',
    'in_last_days',
    'more_than_days_ago',
  ],
  datetime: [
    'gt',
    'gte',
    'lt',
    'lte',
    'between',
    'is_empty',
    'is_not_empty',
    'in_last_days',
    'more_than_days_ago',
  ],
  enum: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  multi_enum: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'neq'],
};

export class FieldRegistry {
  private readonly fields = new Map<string, FieldDef>();
  constructor(defs: readonly FieldDef[]) {
    for (const d of defs) this.fields.set(d.key, d);
  }
  get(key: string): FieldDef | undefined {
    return this.fields.get(key);
  }
  list(): FieldDef[] {
    return [...this.fields.values()];
  }
}

/** The same fields, each tested on its own value (none looked up in a facets table). */
export const withoutFacets = (registry: FieldRegistry): FieldRegistry =>
  new FieldRegistry(registry.list().map((f) => (f.facet ? { ...f, facet: undefined } : f)));

export interface CustomFieldDef {
  key: string;
  labelZh: string;
  labelEn: string;
  type: 'text' | 'number' | 'date' | 'single_select' | 'multi_select';
  options: readonly string[];
}

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A workspace's custom fields as registry fields `cf.<key>`, read from `c.custom_fields`. */
export function customFieldDefs(defs: readonly CustomFieldDef[]): FieldDef[] {
  return defs
    .filter((d) => CUSTOM_FIELD_KEY.test(d.key))
    .map((d): FieldDef => {
      const raw = `(c.custom_fields->>'${d.key}')`;
      const label = { 'zh-CN': d.labelZh, en: d.labelEn };
      switch (d.type) {
        case 'number':
          // Non-numeric leftovers never break a query: they read as empty.
          return {
            key: `cf.${d.key}`,
            type: 'number',
            label,
            group: 'custom',
            sql: `(CASE WHEN jsonb_typeof(c.custom_fields->'${d.key}') = 'number' THEN ${raw}::numeric END)`,
          };
        case 'date':
          return {
            key: `cf.${d.key}`,
            type: 'date',
            label,
            group: 'custom',
            sql: `(CASE WHEN ${raw} ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN ${raw}::date END)`,
          };
        case 'single_select':
          return { key: `cf.${d.key}`, type: 'enum', label, group: 'custom', sql: raw, options: d.options };
        case 'multi_select':
          return {
            key: `cf.${d.key}`,
            type: 'multi_enum',
            label,
            group: 'custom',
            sql: `(CASE WHEN jsonb_typeof(c.custom_fields->'${d.key}') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(c.custom_fields->'${d.key}')) END)`,
            options: d.options,
          };
        default:
          return { key: `cf.${d.key}`, type: 'text', label, group: 'custom', sql: raw };
      }
    });
}
