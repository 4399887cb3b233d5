import {
  OPERATORS_BY_TYPE,
  type FacetSource,
  type FieldDef,
  type FieldRegistry,
  type FieldType,
} from './fields.ts';
import {
  isAnd,
  isNot,
  isOr,
  MAX_RULE_CONDITIONS,
  MAX_RULE_DEPTH,
  RuleSchema,
  type Condition,
  type Rule,
} from './rule.ts';

/** SQL as text pieces and parameters; the caller binds the parameters (never concatenated). */
export type SqlChunk = string | { param: unknown };

export type RuleErrorCode =
  'invalid_rule' | 'unknown_field' | 'operator_not_allowed' | 'invalid_value' | 'too_complex';

/** A rule that cannot compile, with where (`and[1].value`) and why. */
export class RuleError extends Error {
  constructor(
    readonly path: string,
    readonly code: RuleErrorCode,
    /** What is wrong, without the location. */
    readonly reason: string,
  ) {
    super(`${path || 'rule'}: ${reason}`);
    this.name = 'RuleError';
  }
}

export interface CompileContext {
  registry: FieldRegistry;
  /** The day "now" is, YYYY-MM-DD in the workspace time zone: relative dates count from it. */
  asOf: string;
  timeZone: string;
}

const CAST: Record<FieldType, string> = {
  text: 'text',
  enum: 'text',
  number: 'numeric',
  money: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  boolean: 'boolean',
  multi_enum: 'text[]',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkScalar(field: FieldDef, value: unknown, path: string): unknown {
  const bad = (why: string) => new RuleError(path, 'invalid_value', `${field.key} ${why}`);
  switch (field.type) {
    case 'number':
    case 'money': {
      const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof s !== 'string' || !DECIMAL.test(s)) throw bad('needs a number');
      return s;
    }
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value)))
        throw bad('needs a date YYYY-MM-DD');
      return value;
    case 'datetime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        throw bad('needs a date or date-time');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('needs true or false');
      return value;
    case 'enum':
    case 'multi_enum':
      if (typeof value !== 'string') throw bad('needs text');
      if (field.elementType === 'uuid' && !UUID.test(value)) throw bad('needs an id');
      if (field.options && field.options.length > 0 && !field.options.includes(value)) {
        throw bad(`must be one of ${field.options.join(', ')}`);
      }
      return value;
    default:
      if (typeof value !== 'string' || value.length > 500) throw bad('needs text (at most 500 characters)');
      return value;
  }
}

function checkList(field: FieldDef, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 1000) {
    throw new RuleError(path, 'invalid_value', `${field.key} needs a list of 1 to 1000 values`);
  }
  return value.map((v, i) => checkScalar(field, v, `${path}[${i}]`));
}

function days(value: unknown, path: string): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 36_500) {
    throw new RuleError(path, 'invalid_value', 'needs a whole number of days (0–36500)');
  }
  return value as number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * A field's SQL with its `{as_of}` / `{tz}` placeholders bound as parameters (fields such as recency
 * count from the as-of day, in the workspace's time zone).
 */
export function fieldSql(field: FieldDef, ctx: Pick<CompileContext, 'asOf' | 'timeZone'>): SqlChunk[] {
  const out: SqlChunk[] = [];
  for (const part of field.sql.split(/(\{as_of\}|\{tz\})/)) {
    if (part === '{as_of}') out.push({ param: ctx.asOf }, '::date');
    else if (part === '{tz}') out.push({ param: ctx.timeZone }, '::text');
    else if (part) out.push(part);
  }
  return out;
}

/**
 * One condition. Under a NOT it is a boolean that is never NULL (COALESCE(…, false)), so NOT behaves as
 * two-valued logic. Outside any NOT (`positive`) it is the bare comparison, NULL where it does not
 * hold: AND / OR keep TRUE exactly where the two-valued form is TRUE, and the planner can serve a bare
 * comparison from an index (a COALESCE hides it).
 */
function compileCondition(
  field: FieldDef,
  c: Condition,
  ctx: CompileContext,
  path: string,
  positive: boolean,
): SqlChunk[] {
  const e: SqlChunk[] = ['(', ...fieldSql(field, ctx), ')'];
  const cast = field.type === 'multi_enum' && field.elementType ? `${field.elementType}[]` : CAST[field.type];
  const vpath = at(path, 'value');
  const p = (v: unknown, type = cast): SqlChunk[] => [{ param: v }, `::${type}`];
  const strict = (...inner: SqlChunk[]): SqlChunk[] => ['COALESCE((', ...inner, '), false)'];
  const wrap = (...inner: SqlChunk[]): SqlChunk[] => (positive ? ['(', ...inner, ')'] : strict(...inner));
  // Calendar day of a timestamp in the workspace time zone; a date field is its own day.
  const day: SqlChunk[] =
    field.type === 'datetime' ? ['(', ...e, ' AT TIME ZONE ', { param: ctx.timeZone }, '::text)::date'] : e;
  const asOf = p(ctx.asOf, 'date');

  switch (c.op) {
    case 'eq': {
      const v = checkScalar(field, c.value, vpath);
      return wrap(...e, ' = ', ...p(v));
    }
    case 'neq':
      return wrap(...e, ' IS DISTINCT FROM ', ...p(checkScalar(field, c.value, vpath)));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      return wrap(...e, ` ${sym} `, ...p(checkScalar(field, c.value, vpath)));
    }
    case 'between': {
      if (!Array.isArray(c.value) || c.value.length !== 2)
        throw new RuleError(vpath, 'invalid_value', 'between needs [from, to]');
      const [lo, hi] = [
        checkScalar(field, c.value[0], `${vpath}[0]`),
        checkScalar(field, c.value[1], `${vpath}[1]`),
      ];
      return wrap(...e, ' BETWEEN ', ...p(lo), ' AND ', ...p(hi));
    }
    case 'in': {
      const list = checkList(field, c.value, vpath);
      return wrap(...e, ' = ANY(', ...p(list, `${cast}[]`), ')');
    }
    case 'not_in':
      return ['NOT ', ...strict(...e, ' = ANY(', ...p(checkList(field, c.value, vpath), `${cast}[]`), ')')];
    case 'contains':
    case 'not_contains':
    case 'starts_with': {
      const v = checkScalar(field, c.value, vpath) as string;
      const pattern = c.op === 'starts_with' ? `${escapeLike(v)}%` : `%${escapeLike(v)}%`;
      const like = (c.op === 'not_contains' ? strict : wrap)(...e, ' ILIKE ', ...p(pattern, 'text'));
      return c.op === 'not_contains' ? ['NOT ', ...like] : like;
    }
    case 'is_empty':
    case 'is_not_empty': {
      const empty: SqlChunk[] =
        field.type === 'text' || field.type === 'enum'
          ? ['(', ...e, ' IS NULL OR ', ...e, " = '')"]
          : field.type === 'multi_enum'
            ? ['(', ...e, ' IS NULL OR cardinality(', ...e, ') = 0)']
            : ['(', ...e, ' IS NULL)'];
      return c.op === 'is_empty' ? empty : ['NOT ', ...empty];
    }
    case 'in_last_days': {
      const n = days(c.value, vpath);
      return wrap(...day, ' > ', ...asOf, ` - ${n} AND `, ...day, ' <= ', ...asOf);
    }
    case 'more_than_days_ago': {
      const n = days(c.value, vpath);
      return wrap(...day, ' < ', ...asOf, ` - ${n}`);
    }
    case 'has_any':
    case 'has_all':
    case 'has_none': {
      const list = checkList(field, c.value, vpath);
      const sym = c.op === 'has_all' ? '@>' : '&&';
      const test = (c.op === 'has_none' ? strict : wrap)(
        ...e,
        ` OPERATOR(pg_catalog.${sym}) `,
        ...p(list, cast),
      );
      return c.op === 'has_none' ? ['NOT ', ...test] : test;
    }
  }
}

/** The rule's field, able to take the condition's operator. */
function fieldOf(c: Condition, ctx: CompileContext, path: string): FieldDef {
  const field = ctx.registry.get(c.field);
  if (!field) throw new RuleError(at(path, 'field'), 'unknown_field', `unknown field "${c.field}"`);
  if (!OPERATORS_BY_TYPE[field.type].includes(c.op)) {
    throw new RuleError(
      at(path, 'op'),
      'operator_not_allowed',
      `operator "${c.op}" does not apply to ${field.key} (${field.type})`,
    );
  }
  return field;
}

/** A condition a facets table answers: its test on the customer's facets row. */
interface FacetTest {
  source: FacetSource;
  test: SqlChunk[];
}

const FACET_OPS: Partial<Record<Condition['op'], '@>' | '&&'>> = {
  eq: '@>',
  in: '&&',
  has_all: '@>',
  has_any: '&&',
};

/**
 * `eq` / `in` / `has_all` / `has_any` on a faceted field: all (`@>`) or any (`&&`) of its values as
 * facets (ids lower case, as uuid::text writes them).
 */
function facetTest(field: FieldDef, c: Condition, path: string): FacetTest | null {
  const sym = FACET_OPS[c.op];
  if (!field.facet || !sym) return null;
  const vpath = at(path, 'value');
  const values = c.op === 'eq' ? [checkScalar(field, c.value, vpath)] : checkList(field, c.value, vpath);
  const { source, prefix } = field.facet;
  const facets = values.map(
    (v) => prefix + (field.elementType === 'uuid' ? String(v).toLowerCase() : String(v)),
  );
  return { source, test: [`${source.column} OPERATOR(pg_catalog.${sym}) `, { param: facets }, '::text[]'] };
}

/**
 * One lookup of the customer's facets row with every test on it: true or false, never NULL (so the
 * same under NOT). Tests of one AND share it: they intersect inside the table's GIN index.
 */
const lookup = (tests: FacetTest[]): SqlChunk[] => [
  `EXISTS (SELECT 1 FROM ${tests[0]!.source.from}`,
  ...tests.flatMap((t) => [' AND ', ...t.test]),
  ')',
];

const isFacetGroup = (item: SqlChunk[] | FacetTest[]): item is FacetTest[] =>
  typeof item[0] === 'object' && item[0] !== null && 'source' in item[0];

/** A condition, counted: its facet test when a facets table answers it, else its SQL. */
function compileLeaf(
  c: Condition,
  ctx: CompileContext,
  path: string,
  depth: number,
  count: { n: number },
  positive: boolean,
): FacetTest | SqlChunk[] {
  if (depth > MAX_RULE_DEPTH)
    throw new RuleError(path, 'too_complex', `rules nest at most ${MAX_RULE_DEPTH} deep`);
  if (++count.n > MAX_RULE_CONDITIONS)
    throw new RuleError(path, 'too_complex', `at most ${MAX_RULE_CONDITIONS} conditions`);
  const field = fieldOf(c, ctx, path);
  return facetTest(field, c, path) ?? compileCondition(field, c, ctx, path, positive);
}

const isCondition = (r: Rule): r is Condition => !isAnd(r) && !isOr(r) && !isNot(r);

function compileNode(
  rule: Rule,
  ctx: CompileContext,
  path: string,
  depth: number,
  count: { n: number },
  positive: boolean,
): SqlChunk[] {
  if (depth > MAX_RULE_DEPTH)
    throw new RuleError(path, 'too_complex', `rules nest at most ${MAX_RULE_DEPTH} deep`);
  // The children in order. Under AND, the conditions a facets table answers share one lookup per table,
  // where the first of them stood: they intersect inside its index.
  const join = (parts: Rule[], op: 'AND' | 'OR', key: string): SqlChunk[] => {
    if (parts.length === 0) return [op === 'AND' ? 'TRUE' : 'FALSE'];
    const items: (SqlChunk[] | FacetTest[])[] = [];
    const shared = new Map<FacetSource, FacetTest[]>();
    parts.forEach((r, i) => {
      const p = `${at(path, key)}[${i}]`;
      const part = isCondition(r)
        ? compileLeaf(r, ctx, p, depth + 1, count, positive)
        : compileNode(r, ctx, p, depth + 1, count, positive);
      if (Array.isArray(part)) return void items.push(part);
      const group = op === 'AND' ? shared.get(part.source) : undefined;
      if (group) return void group.push(part);
      const fresh = [part];
      items.push(fresh);
      if (op === 'AND') shared.set(part.source, fresh);
    });
    const out: SqlChunk[] = ['('];
    items.forEach((item, i) => {
      if (i > 0) out.push(` ${op} `);
      out.push(...(isFacetGroup(item) ? lookup(item) : item));
    });
    out.push(')');
    return out;
  };
  if (isAnd(rule)) return join(rule.and, 'AND', 'and');
  if (isOr(rule)) return join(rule.or, 'OR', 'or');
  if (isNot(rule))
    return ['(NOT ', ...compileNode(rule.not, ctx, at(path, 'not'), depth + 1, count, false), ')'];
  const leaf = compileLeaf(rule, ctx, path, depth, count, positive);
  return Array.isArray(leaf) ? leaf : lookup([leaf]);
}

/**
 * Validates a rule (shape, fields, operators, values) and compiles it to a SQL condition: TRUE exactly
 * for the customers the rule matches, FALSE or NULL for the others. Use it in a WHERE or a CASE WHEN;
 * as a value, wrap it in COALESCE(…, false).
 */
export function compileRule(input: unknown, ctx: CompileContext): SqlChunk[] {
  const parsed = RuleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RuleError(issue.path.join('.'), 'invalid_rule', issue.message);
  }
  return compileNode(parsed.data, ctx, '', 0, { n: 0 }, true);
}
