import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import {
  compileRule,
  FieldRegistry,
  RfmConfigSchema,
  type RfmConfig,
  type Rule,
} from '@stratum/segmentation';
import { isEmbedded, isPool, type Db } from '../../db/client.ts';
import { isTransient } from '../../db/errors.ts';
import {
  customerIdRanges,
  customersSql,
  idRangeSql,
  inIdRange,
  isIdRange,
  type Customers,
  type IdRange,
} from '../../db/id-range.ts';
import { chunksToSql, runStatement, sqlUuids, statement, type Statement } from '../../db/raw.ts';
import { writeClvMetrics, type ClvMetricsRow } from '../clv/clv.repository.ts';
import { prepareClv, type ClvRefreshResult } from '../clv/clv.refresh.ts';
import { metricsRepository } from '../customers/metrics.repository.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';
import { timed } from '../../http/server-timing.ts';
import type { SchemeDef, SegmentDef, TagDef } from './classification.repository.ts';
import {
  calibrateRfm,
  countsAsMetrics,
  isCalibration,
  rfmTierSql,
  rfmValues,
  rfmValuesFromMetrics,
  type RfmCalibration,
} from './rfm.repository.ts';
import {
  compileFor,
  registryFor,
  workspaceRules,
  type RuleUse,
  type WorkspaceRules,
} from './workspace-rules.ts';

/**
 * The placement engine: after a customer's records change, its metrics, tiers (every scheme), rule
 * tags and dynamic segment memberships are brought up to date — in the same transaction as the write
 * (one customer) or set-wise for many (imports, the scheduled recompute). Both paths run the very same
 * statements with a different customer filter, so they cannot disagree.
 *
 * Order: metrics → lifetime value (batch recompute only; incremental writes keep the last values) →
 * schemes by position → auto-tags → segments (dependencies first). Each step writes
 * only what changed, and records what changed: tier_changes (from, to, when, why) and segment_events
 * (entered / exited).
 */
export type Target = readonly string[] | 'all';

export interface PlacementOptions {
  /** The day relative figures count from (default: today in the workspace's zone). */
  asOf?: string;
  /** Recompute RFM cut points from the whole workspace first (batch), instead of using the stored ones. */
  recalibrate?: boolean;
  /** Recompute metrics first (default). A rule edit changes no metric: it skips them. */
  metrics?: boolean;
  /** When the changes happen (default now): history and events carry it (the demo's past quarter). */
  at?: string;
  /** Lifetime-value figures to write for the target (a range or everyone) after its metrics. */
  clv?: { asOf: string; rows: readonly ClvMetricsRow[] };
}

export interface PlacementStats {
  customers: number | 'all';
  tierChanges: number;
  tagsAdded: number;
  tagsRemoved: number;
  entered: number;
  exited: number;
  /** The lifetime-value refresh (batch recompute only): how many customers got figures, or why none. */
  clv?: ClvRefreshResult;
  /**
   * A recompute's ranges (recomputeWorkspace): how many, and the longest one's transaction — the
   * longest a write for one of its customers could have waited.
   */
  ranges?: { count: number; longestMs: number };
}

const noChanges = (customers: number | 'all'): PlacementStats => ({
  customers,
  tierChanges: 0,
  tagsAdded: 0,
  tagsRemoved: 0,
  entered: 0,
  exited: 0,
});

/** Memory per sort or hash of a whole-workspace pass (STRATUM_BATCH_WORK_MEM, default 128MB). */
const BATCH_WORK_MEM = process.env.STRATUM_BATCH_WORK_MEM || '128MB';

/** Planner settings for a whole-workspace pass, for the current transaction only (see place). */
async function batchSettings(db: Db): Promise<void> {
  await db.execute(
    sql`SELECT set_config('work_mem', ${BATCH_WORK_MEM}, true), set_config('enable_nestloop', 'off', true),
      set_config('jit', 'off', true)`,
  );
}

/**
 * Whom a statement places: given customers, everyone, or ONE — the one-customer form, where the
 * customer (`ids`) and the time (`now`) are placeholders: rendered once per rule context and as-of
 * day, and prepared on the connection, so a write does not pay for building and planning each time.
 */
const ONE = 'one';
type Scope = Customers | typeof ONE;
type At = string | Placeholder;

const targetSql = (scope: Scope, column = sql.raw('c.id')): SQL =>
  scope === ONE ? sql`${column} = ANY(${sql.placeholder('ids')}::uuid[])` : customersSql(scope, column);

/**
 * For a range, the range again on another table's customer column. PostgreSQL carries an equality
 * from one side of a join to the other, not a range: without it, each range of a recompute would read
 * the whole of the joined table (customer_metrics, customer_tags) to hash it.
 */
const alsoIn = (scope: Scope, column: SQL): SQL =>
  isIdRange(scope) ? sql` AND ${idRangeSql(scope, column)}` : sql``;

const metricsJoin = (scope: Scope): SQL =>
  sql`LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id${alsoIn(scope, sql.raw('m.customer_id'))}`;

/** Everyone or a range of ids: whole-table work (hash joins, batch settings), not lookups per customer. */
const wide = (scope: Scope): scope is 'all' | IdRange => scope === 'all' || isIdRange(scope);

/** Runs a step's statement: built each time, or (ONE) rendered once per key and rule context. */
type Run = <T>(key: string | null, build: () => SQL) => Promise<{ rows: T[] }>;

const prepared = new WeakMap<WorkspaceRules, Map<string, Statement>>();

function runner(db: Db, w: WorkspaceRules, scope: Scope, values: Record<string, unknown>): Run {
  return async <T>(key: string | null, build: () => SQL) => {
    if (scope !== ONE) return db.execute<T & Record<string, unknown>>(build()) as Promise<{ rows: T[] }>;
    if (key === null || !Object.isFrozen(w)) return runStatement<T>(db, statement(db, build()), values);
    let byKey = prepared.get(w);
    if (!byKey) prepared.set(w, (byKey = new Map()));
    let st = byKey.get(key);
    if (!st) byKey.set(key, (st = statement(db, build())));
    return runStatement<T>(db, st, values);
  };
}

/**
 * Compiled rules of a cached (frozen) rule context, per rule, use and as-of day: a write placing one
 * customer reuses them instead of validating and compiling every rule again.
 */
const compiled = new WeakMap<object, Map<string, SQL>>();

/** A stored rule that no longer compiles (a field it tests was deleted) matches no one; never breaks a write. */
function compileStored(w: WorkspaceRules, use: RuleUse, rule: Rule, asOf: string, registry?: FieldRegistry) {
  const memo = Object.isFrozen(rule) && !registry;
  const key = `${use.kind === 'tier' ? `tier:${use.schemeKey}` : use.kind}|${asOf}`;
  const hit = memo ? compiled.get(rule)?.get(key) : undefined;
  if (hit) return hit;
  let out: SQL;
  try {
    out = registry
      ? chunksToSql(compileRule(rule, { registry, asOf, timeZone: w.timeZone }))
      : compileFor(w, use, rule, { asOf, path: 'rule', facets: false });
  } catch {
    out = sql`false`;
  }
  if (memo) {
    let byKey = compiled.get(rule);
    if (!byKey) compiled.set(rule, (byKey = new Map()));
    if (byKey.size > 8) byKey.clear(); // a few as-of days at most
    byKey.set(key, out);
  }
  return out;
}

/**
 * Each enabled scheme's tier expression, in position order, over aliases `c`, `m`, `per` (RFM values)
 * and `s<i>` (the tier of the i-th enabled scheme, just placed): a tier rule testing an earlier scheme
 * sees that scheme's new tier, as when the schemes were placed one after the other.
 */
interface SchemePlan {
  key: string;
  alias: string;
  rfm?: { config: RfmConfig; calibration: RfmCalibration | null; scheme: SchemeDef };
  tier?: SQL;
}

const plansCache = new WeakMap<WorkspaceRules, { asOf: string; plans: SchemePlan[] }>();

function schemePlans(w: WorkspaceRules, asOf: string): SchemePlan[] {
  const hit = plansCache.get(w);
  if (hit?.asOf === asOf) return hit.plans;
  const plans = buildSchemePlans(w, asOf);
  if (Object.isFrozen(w)) plansCache.set(w, { asOf, plans });
  return plans;
}

function buildSchemePlans(w: WorkspaceRules, asOf: string): SchemePlan[] {
  const plans: SchemePlan[] = [];
  const placed = new Map<string, string>(); // scheme key → alias of its new tier
  for (const scheme of w.classification.schemes) {
    if (!scheme.enabled) continue;
    const alias = `s${plans.length}`;
    if (scheme.kind === 'rfm') {
      const config = RfmConfigSchema.parse(scheme.config ?? {});
      const stored = scheme.state.calibration;
      plans.push({
        key: scheme.key,
        alias,
        rfm: { config, calibration: isCalibration(stored) ? stored : null, scheme },
      });
    } else {
      // The rules' registry with earlier schemes' tiers read from this run's placement.
      const base = registryFor(w, { kind: 'tier', schemeKey: scheme.key }, { facets: false });
      const registry = new FieldRegistry(
        base.list().map((f) => {
          const from = f.key.startsWith('tier.') ? placed.get(f.key.slice(5)) : undefined;
          return from ? { ...f, sql: `(${from}.tier)` } : f;
        }),
      );
      const whens: SQL[] = [];
      for (const tier of scheme.tiers) {
        const test = tier.rule
          ? compileStored(w, { kind: 'tier', schemeKey: scheme.key }, tier.rule, asOf, registry)
          : sql`true`;
        whens.push(sql`WHEN ${test} THEN ${tier.key}::text`);
        if (!tier.rule) break;
      }
      const tier = whens.length ? sql`CASE ${sql.join(whens, sql` `)} END` : sql`NULL::text`;
      plans.push({ key: scheme.key, alias, tier });
    }
    placed.set(scheme.key, alias);
  }
  return plans;
}

/** A fresh RFM calibration from the whole workspace, stored in the scheme's state. */
async function recalibrate(db: Db, w: WorkspaceRules, plan: NonNullable<SchemePlan['rfm']>, asOf: string) {
  const calibration = await calibrateRfm(db, w.workspaceId, asOf, w.timeZone, plan.config);
  await db.execute(sql`
    UPDATE classification_schemes SET state = state || jsonb_build_object('calibration', ${JSON.stringify(calibration)}::jsonb)
    WHERE workspace_id = ${w.workspaceId} AND id = ${plan.scheme.id}`);
  return calibration;
}

/**
 * Every enabled scheme in one statement: the tiers (and why) of each target customer computed side by
 * side, written to customer_metrics only where something changed, each change recorded in
 * tier_changes (from, to, when, why). Customers in the recycle bin keep their last tiers.
 */
async function applySchemes(
  run: Run,
  w: WorkspaceRules,
  plans: SchemePlan[],
  calibrations: Map<string, RfmCalibration>,
  target: Scope,
  asOf: string,
  now: At,
  key: string | null,
  metricsFresh: boolean,
): Promise<number> {
  if (plans.length === 0) return 0;
  const ws = w.workspaceId;
  const rfmPlan = plans.find((p) => p.rfm);
  const laterals: SQL[] = [];
  for (const p of plans) {
    let tier = p.tier ?? sql`NULL::text`;
    let why = sql`NULL::jsonb`;
    const calibration = calibrations.get(p.key);
    if (p.rfm && calibration) ({ tier, why } = rfmTierSql(p.rfm.config, calibration));
    laterals.push(sql`CROSS JOIN LATERAL (SELECT ${tier} AS tier, ${why} AS why) ${sql.raw(p.alias)}`);
  }
  // R, F and M: from the metrics just recomputed when the config counts what they count (the orders
  // are aggregated once per pass, not twice), else from the orders.
  const clock = rfmPlan?.rfm && { workspaceId: ws, asOf, timeZone: w.timeZone, config: rfmPlan.rfm.config };
  const per = clock
    ? metricsFresh && countsAsMetrics(clock.config)
      ? sql`(${rfmValuesFromMetrics(clock, sql`${targetSql(target, sql.raw('m.customer_id'))}${alsoIn(target, sql.raw('c.id'))}`)})`
      : sql`(${rfmValues(clock, sql`${targetSql(target, sql.raw('o.customer_id'))}${alsoIn(target, sql.raw('c.id'))}`)})`
    : sql`(SELECT NULL::uuid AS customer_id, NULL::int AS recency, NULL::int AS frequency, NULL::numeric AS monetary WHERE false)`;
  const keys = sql`${sql.param(plans.map((p) => p.key))}::text[]`;
  const pairs = (value: (p: SchemePlan) => SQL) =>
    sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(
      plans.map((p) => sql`${p.key}::text, ${value(p)}`),
      sql`, `,
    )}))`;
  const col = (p: SchemePlan, what: 'tier' | 'why') => sql.raw(`p.${p.alias}_${what}`);
  const { rows } = await run<{ n: number }>(
    key,
    () => sql`
    WITH per AS MATERIALIZED ${per},
    placed AS MATERIALIZED (
      SELECT c.id AS customer_id, m.tiers AS old_tiers, m.tier_why AS old_why, m.tier_since AS old_since,
        ${sql.join(
          plans.map(
            (p) =>
              sql`${sql.raw(p.alias)}.tier AS ${sql.raw(`${p.alias}_tier`)}, ${sql.raw(p.alias)}.why AS ${sql.raw(`${p.alias}_why`)}`,
          ),
          sql`, `,
        )}
      FROM customers c
      JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id${alsoIn(target, sql.raw('m.customer_id'))}
      LEFT JOIN per ON per.customer_id = c.id
      ${sql.join(laterals, sql` `)}
      WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL AND ${targetSql(target)}
    ),
    next AS (
      SELECT p.customer_id, p.old_tiers, p.old_why, p.old_since,
        (p.old_tiers - ${keys}) || ${pairs((q) => col(q, 'tier'))} AS tiers,
        (p.old_why - ${keys}) || ${pairs((q) => col(q, 'why'))} AS why,
        (p.old_since - ${keys}) || ${pairs(
          (q) => sql`CASE WHEN ${col(q, 'tier')} IS NULL THEN NULL
            WHEN ${col(q, 'tier')} IS DISTINCT FROM p.old_tiers->>${q.key}::text THEN to_jsonb(${now}::text)
            ELSE p.old_since->${q.key}::text END`,
        )} AS since
      FROM placed p
    ),
    upd AS (
      UPDATE customer_metrics m SET tiers = n.tiers, tier_why = n.why, tier_since = n.since
      FROM next n
      WHERE m.workspace_id = ${ws} AND m.customer_id = n.customer_id${alsoIn(target, sql.raw('m.customer_id'))}
        AND (n.tiers IS DISTINCT FROM n.old_tiers OR n.why IS DISTINCT FROM n.old_why
          OR n.since IS DISTINCT FROM n.old_since)
      RETURNING 1
    ),
    ins AS (
      INSERT INTO tier_changes (workspace_id, customer_id, scheme_key, from_tier, to_tier, why, at)
      SELECT ${ws}, p.customer_id, x.key, x.old, x.new, x.why, ${now}::timestamptz
      FROM placed p CROSS JOIN LATERAL (VALUES ${sql.join(
        plans.map(
          (q) => sql`(${q.key}::text, p.old_tiers->>${q.key}::text, ${col(q, 'tier')}, ${col(q, 'why')})`,
        ),
        sql`, `,
      )}) x(key, old, new, why)
      WHERE x.new IS DISTINCT FROM x.old
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins)::int AS n, (SELECT count(*) FROM upd)::int AS touched`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Rule tags, every group in one statement: each tag of a multi-choice group on its own; in a
 * single-choice group the first match wins, and a manual tag of the group keeps the rules out. Then
 * customer_metrics.tag_ids (the fast filter column) is brought in line with the result.
 */
async function applyAutoTags(run: Run, w: WorkspaceRules, target: Scope, asOf: string, now: At) {
  const ruled = w.classification.tags.filter((t) => t.rule);
  if (ruled.length === 0) {
    // No rule tags: only the mirror of the manual ones to bring in line.
    await run('tagIds', () => syncTagIdsSql(w.workspaceId, target));
    return { added: 0, removed: 0 };
  }
  const groups = new Map<string, TagDef[]>();
  for (const t of ruled) groups.set(t.groupId, [...(groups.get(t.groupId) ?? []), t]);
  const ws = w.workspaceId;
  const wanted: SQL[] = [];
  for (const [groupId, tags] of groups) {
    const cases = tags.map((t) => ({ id: t.id, test: compileStored(w, { kind: 'autoTag' }, t.rule!, asOf) }));
    if (tags[0]!.exclusive)
      wanted.push(sql`SELECT c.id AS customer_id, CASE ${sql.join(
        cases.map((k) => sql`WHEN ${k.test} THEN ${k.id}::uuid`),
        sql` `,
      )} END AS tag_id
        FROM customers c ${metricsJoin(target)}
        WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL AND ${targetSql(target)}
          AND NOT EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id
            WHERE ct.workspace_id = c.workspace_id AND ct.customer_id = c.id${alsoIn(target, sql.raw('ct.customer_id'))}
              AND ct.source = 'manual' AND t.group_id = ${groupId})`);
    else
      for (const k of cases)
        wanted.push(sql`SELECT c.id AS customer_id, ${k.id}::uuid AS tag_id FROM customers c ${metricsJoin(target)}
          WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL AND ${targetSql(target)} AND ${k.test}`);
  }
  const { rows } = await run<{ added: number; removed: number }>(
    `tags|${asOf}`,
    () => sql`
    WITH wanted AS MATERIALIZED (SELECT * FROM (${sql.join(wanted, sql` UNION ALL `)}) w WHERE tag_id IS NOT NULL),
    ins AS (
      INSERT INTO customer_tags (workspace_id, customer_id, tag_id, source, tagged_at)
      SELECT ${ws}, customer_id, tag_id, 'rule', ${now}::timestamptz FROM wanted
      ON CONFLICT DO NOTHING RETURNING customer_id, tag_id
    ),
    del AS (
      DELETE FROM customer_tags ct
      WHERE ct.workspace_id = ${ws} AND ${targetSql(target, sql.raw('ct.customer_id'))} AND ct.source = 'rule'
        AND ct.tag_id = ANY(${sqlUuids(ruled.map((t) => t.id))})
        AND NOT EXISTS (SELECT 1 FROM wanted WHERE wanted.customer_id = ct.customer_id AND wanted.tag_id = ct.tag_id)
      RETURNING ct.customer_id, ct.tag_id
    ),
    -- The tags each target customer ends with (this statement cannot see its own writes).
    final AS (
      SELECT ct.customer_id, ct.tag_id FROM customer_tags ct
      WHERE ct.workspace_id = ${ws} AND ${targetSql(target, sql.raw('ct.customer_id'))}
        AND NOT EXISTS (SELECT 1 FROM del WHERE del.customer_id = ct.customer_id AND del.tag_id = ct.tag_id)
      UNION SELECT customer_id, tag_id FROM ins
    ),
    ids AS (
      SELECT m.customer_id, COALESCE(array_agg(f.tag_id ORDER BY f.tag_id) FILTER (WHERE f.tag_id IS NOT NULL),
        '{}') AS ids
      FROM customer_metrics m LEFT JOIN final f ON f.customer_id = m.customer_id
      WHERE m.workspace_id = ${ws} AND ${targetSql(target, sql.raw('m.customer_id'))}
      GROUP BY m.customer_id
    ),
    sync AS (
      UPDATE customer_metrics m SET tag_ids = ids.ids FROM ids
      WHERE m.workspace_id = ${ws} AND m.customer_id = ids.customer_id${alsoIn(target, sql.raw('m.customer_id'))}
        AND m.tag_ids IS DISTINCT FROM ids.ids
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins)::int AS added, (SELECT count(*) FROM del)::int AS removed,
      (SELECT count(*) FROM sync)::int AS synced`,
  );
  return { added: rows[0]?.added ?? 0, removed: rows[0]?.removed ?? 0 };
}

/** customer_metrics.tag_ids mirrors customer_tags (the fast filter column). */
function syncTagIdsSql(workspaceId: string, target: Scope): SQL {
  return sql`
    UPDATE customer_metrics m SET tag_ids = x.ids
    FROM (
      SELECT c.id, ARRAY(SELECT ct.tag_id FROM customer_tags ct
        WHERE ct.workspace_id = c.workspace_id AND ct.customer_id = c.id ORDER BY ct.tag_id) AS ids
      FROM customers c WHERE c.workspace_id = ${workspaceId} AND ${targetSql(target)}
    ) x
    WHERE m.workspace_id = ${workspaceId} AND m.customer_id = x.id${alsoIn(target, sql.raw('m.customer_id'))}
      AND m.tag_ids IS DISTINCT FROM x.ids`;
}

/** The segment ids a rule tests (`segments` conditions), for ordering segments by dependency. */
export function referencedSegments(rule: unknown, out = new Set<string>()): Set<string> {
  if (!rule || typeof rule !== 'object') return out;
  const r = rule as Record<string, unknown>;
  if (Array.isArray(r.and)) for (const x of r.and) referencedSegments(x, out);
  if (Array.isArray(r.or)) for (const x of r.or) referencedSegments(x, out);
  if (r.not) referencedSegments(r.not, out);
  if (r.field === 'segments' && Array.isArray(r.value)) for (const v of r.value) out.add(String(v));
  return out;
}

/** Dynamic segments, dependencies first (a segment testing another comes after it). */
export function segmentOrder(segments: readonly SegmentDef[]): SegmentDef[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: SegmentDef[] = [];
  const visit = (s: SegmentDef) => {
    if (done.has(s.id) || visiting.has(s.id)) return;
    visiting.add(s.id);
    for (const dep of referencedSegments(s.rule)) {
      const d = byId.get(dep);
      if (d) visit(d);
    }
    visiting.delete(s.id);
    done.add(s.id);
    out.push(s);
  };
  for (const s of segments) visit(s);
  return out.filter((s) => s.kind === 'dynamic' && s.rule);
}

/**
 * Dynamic segments in layers: a segment testing other segments comes in a layer after theirs; each
 * layer is one statement (its segments' rules side by side).
 */
export function segmentLayers(segments: readonly SegmentDef[]): SegmentDef[][] {
  const dynamic = new Set(segmentOrder(segments).map((s) => s.id));
  const byId = new Map(segments.map((s) => [s.id, s]));
  const level = new Map<string, number>();
  const levelOf = (s: SegmentDef, seen: Set<string>): number => {
    const known = level.get(s.id);
    if (known !== undefined) return known;
    if (seen.has(s.id)) return 0;
    seen.add(s.id);
    let l = 0;
    for (const dep of referencedSegments(s.rule)) {
      const d = byId.get(dep);
      if (d && dynamic.has(d.id)) l = Math.max(l, levelOf(d, seen) + 1);
    }
    level.set(s.id, l);
    return l;
  };
  const layers: SegmentDef[][] = [];
  for (const s of segmentOrder(segments)) (layers[levelOf(s, new Set())] ??= []).push(s);
  return layers.filter(Boolean);
}

/**
 * One layer of dynamic segments: members who match and are not in the recycle bin enter, the others
 * leave; entered/exited events recorded; member counts moved by the difference (a whole-workspace
 * pass recounts them).
 */
async function applySegments(
  db: Db,
  run: Run,
  w: WorkspaceRules,
  layer: SegmentDef[],
  target: Scope,
  asOf: string,
  now: At,
  key: string,
) {
  const ws = w.workspaceId;
  const tests = layer.map((s) => ({ id: s.id, test: compileStored(w, { kind: 'segment' }, s.rule!, asOf) }));
  const { rows } = await run<{ entered: number; exited: number }>(
    key,
    () => sql`
    WITH hits AS MATERIALIZED (
      ${sql.join(
        tests.map(
          (
            t,
          ) => sql`SELECT ${t.id}::uuid AS segment_id, c.id AS customer_id FROM customers c ${metricsJoin(target)}
            WHERE c.workspace_id = ${ws} AND c.deleted_at IS NULL AND ${targetSql(target)} AND ${t.test}`,
        ),
        sql` UNION ALL `,
      )}
    ),
    ins AS (
      INSERT INTO segment_members (workspace_id, segment_id, customer_id, entered_at)
      SELECT ${ws}, segment_id, customer_id, ${now}::timestamptz FROM hits
      ON CONFLICT DO NOTHING RETURNING segment_id, customer_id
    ),
    del AS (
      DELETE FROM segment_members sm
      WHERE sm.workspace_id = ${ws} AND sm.segment_id = ANY(${sqlUuids(tests.map((t) => t.id))})
        AND ${targetSql(target, sql.raw('sm.customer_id'))}
        AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.segment_id = sm.segment_id AND h.customer_id = sm.customer_id)
      RETURNING sm.segment_id, sm.customer_id
    ),
    ev AS (
      INSERT INTO segment_events (workspace_id, segment_id, customer_id, kind, at)
      SELECT ${ws}::uuid, segment_id, customer_id, 'entered', ${now}::timestamptz FROM ins
      UNION ALL
      SELECT ${ws}::uuid, segment_id, customer_id, 'exited', ${now}::timestamptz FROM del
      RETURNING 1
    ),
    moved AS (
      SELECT segment_id, sum(d)::int AS delta
      FROM (SELECT segment_id, 1 AS d FROM ins UNION ALL SELECT segment_id, -1 FROM del) x
      GROUP BY segment_id
    ),
    counted AS (
      UPDATE segments s SET member_count = s.member_count + moved.delta FROM moved
      WHERE s.workspace_id = ${ws} AND s.id = moved.segment_id AND moved.delta <> 0 AND ${target !== 'all'}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins)::int AS entered, (SELECT count(*) FROM del)::int AS exited,
      (SELECT count(*) FROM ev)::int AS events, (SELECT count(*) FROM counted)::int AS counted`,
  );
  if (target === 'all') for (const t of tests) await recountSegment(db, ws, t.id);
  return { entered: rows[0]?.entered ?? 0, exited: rows[0]?.exited ?? 0 };
}

export async function recountSegment(db: Db, workspaceId: string, segmentId: string): Promise<void> {
  await db.execute(sql`
    UPDATE segments s SET member_count = (SELECT count(*) FROM segment_members sm
      WHERE sm.workspace_id = s.workspace_id AND sm.segment_id = s.id)
    WHERE s.workspace_id = ${workspaceId} AND s.id = ${segmentId}`);
}

/** Places the given customers (or all) in every scheme, rule tag and dynamic segment; metrics first. */
export async function placeCustomers(
  db: Db,
  workspaceId: string,
  target: Target,
  opts: PlacementOptions = {},
): Promise<PlacementStats> {
  const w = await workspaceRules(db, workspaceId);
  const stats = noChanges(target === 'all' ? 'all' : target.length);
  if (target !== 'all' && target.length === 0) return stats;
  return place(db, w, target, target, opts, stats);
}

async function place(
  db: Db,
  w: WorkspaceRules,
  scope: Scope,
  metricsTarget: Customers,
  opts: PlacementOptions,
  stats: PlacementStats,
  values: Record<string, unknown> = {},
): Promise<PlacementStats> {
  const asOf = opts.asOf ?? todayIn(w.timeZone);
  const now: At = scope === ONE ? sql.placeholder('now') : (opts.at ?? new Date().toISOString());
  const run = runner(db, w, scope, values);
  // A whole-workspace pass joins whole tables: with the default 4 MB the planner walks indexes in
  // customer order (random reads) to avoid a hash table that would spill, and from row estimates of
  // its own CTEs (often 1) it may pick a nested loop over two 100k-row sets (minutes). Hash joins and
  // memory to hold them, for this transaction only. And no JIT: compiling the long rule expressions
  // took longer (about a second per statement) than the little it saved on 100k rows.
  if (wide(scope)) await batchSettings(db);
  if (opts.metrics !== false)
    await timed('placement-metrics', () =>
      metricsRepository.recompute(db, w.workspaceId, metricsTarget, { asOf, timeZone: w.timeZone }),
    );
  if (opts.clv && wide(scope))
    await writeClvMetrics(
      db,
      w.workspaceId,
      opts.clv.asOf,
      opts.clv.rows,
      scope === 'all' ? undefined : scope,
    );
  const plans = schemePlans(w, asOf);
  const calibrations = new Map<string, RfmCalibration>();
  let stored = true;
  for (const p of plans) {
    if (!p.rfm) continue;
    const fresh = opts.recalibrate || !p.rfm.calibration;
    if (fresh) stored = false;
    calibrations.set(p.key, fresh ? await recalibrate(db, w, p.rfm, asOf) : p.rfm.calibration!);
  }
  const metricsFresh = opts.metrics !== false;
  const schemesKey = stored ? `schemes|${asOf}|${metricsFresh}` : null;
  stats.tierChanges = await timed('placement-schemes', () =>
    applySchemes(run, w, plans, calibrations, scope, asOf, now, schemesKey, metricsFresh),
  );
  const tagged = await timed('placement-tags', () => applyAutoTags(run, w, scope, asOf, now));
  stats.tagsAdded = tagged.added;
  stats.tagsRemoved = tagged.removed;
  for (const [i, layer] of segmentLayers(w.classification.segments).entries()) {
    const moved = await timed('placement-segments', () =>
      applySegments(db, run, w, layer, scope, asOf, now, `segments:${i}|${asOf}`),
    );
    stats.entered += moved.entered;
    stats.exited += moved.exited;
  }
  // A whole-workspace pass rewrites these tables: fresh statistics, so the planner does not pick an
  // index for rows it thinks are rare (e.g. customer_tags by a rule tag it has never counted, a full
  // index walk on every write after). PGlite has no autovacuum to do it; on PostgreSQL it comes sooner.
  if (scope === 'all') await db.execute(sql`ANALYZE customer_metrics, customer_tags, segment_members`);
  return stats;
}

/**
 * One customer changed (an order, follow-up, ticket, tag or field): call inside the write's
 * transaction. The customer row is locked first so concurrent writes to one customer place it one
 * after the other, each seeing the writes committed before it; the same statement reads the
 * workspace's rules version, so the cached rules are checked without another round trip. The
 * statements are the one-customer forms of the batch ones (see ONE).
 */
export const customerChanged = (db: Db, workspaceId: string, customerId: string): Promise<void> =>
  timed('placement', () => placeOne(db, workspaceId, customerId));

async function placeOne(db: Db, workspaceId: string, customerId: string): Promise<void> {
  const { rows } = await db.execute<{ version: string; time_zone: string }>(sql`
    SELECT w.rules_version::text AS version, w.time_zone FROM customers c
    JOIN workspaces w ON w.workspace_id = c.workspace_id
    WHERE c.workspace_id = ${workspaceId} AND c.id = ${customerId} FOR NO KEY UPDATE OF c`);
  if (!rows[0]) return;
  const w = await workspaceRules(db, workspaceId, { version: rows[0].version, timeZone: rows[0].time_zone });
  const stats = noChanges(1);
  await place(db, w, ONE, [customerId], {}, stats, { ids: [customerId], now: new Date().toISOString() });
}

/** Every dynamic segment over every customer (after a segment's rule changed). */
export async function refreshSegments(
  db: Db,
  workspaceId: string,
): Promise<{ entered: number; exited: number }> {
  const w = await workspaceRules(db, workspaceId);
  const asOf = todayIn(w.timeZone);
  const now = new Date().toISOString();
  let entered = 0;
  let exited = 0;
  const run = runner(db, w, 'all', {});
  await batchSettings(db);
  for (const [i, layer] of segmentLayers(w.classification.segments).entries()) {
    const moved = await applySegments(db, run, w, layer, 'all', asOf, now, `segments:${i}`);
    entered += moved.entered;
    exited += moved.exited;
  }
  return { entered, exited };
}

/** Customers per transaction of a whole-workspace recompute (STRATUM_RECOMPUTE_CHUNK, default 10,000). */
const RECOMPUTE_CHUNK = Math.max(1, Number(process.env.STRATUM_RECOMPUTE_CHUNK) || 10_000);
/** Ranges placed at once on PostgreSQL (STRATUM_RECOMPUTE_WORKERS, default 1): one connection each. */
const RECOMPUTE_WORKERS = Math.max(1, Math.floor(Number(process.env.STRATUM_RECOMPUTE_WORKERS)) || 1);

export interface RecomputeOptions {
  /** The as-of day (default: today in the workspace's zone). */
  asOf?: string;
  /** Customers per transaction (default RECOMPUTE_CHUNK). */
  chunkSize?: number;
  /**
   * Ranges placed side by side (default RECOMPUTE_WORKERS), each on its own connection of the pool;
   * one at a time on PGlite or inside a transaction (one connection).
   */
  workers?: number;
  /** After each range of customers is committed. */
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Stops the pass between two ranges (a job's worker stopping): the ranges done stay placed. */
  signal?: AbortSignal;
}

/** Locks a range's customers as a write locks its one customer (placeOne), in id order. */
async function lockRange(db: Db, workspaceId: string, range: IdRange): Promise<void> {
  await db.execute(sql`
    SELECT count(*) FROM (SELECT 1 FROM customers c
      WHERE c.workspace_id = ${workspaceId} AND ${idRangeSql(range, sql.raw('c.id'))}
      ORDER BY c.id FOR NO KEY UPDATE OF c) locked`);
}

/** A transaction, run again (up to three times) when the server rolled it back for a deadlock. */
async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= 3 || !isTransient(err)) throw err;
    }
  }
}

/**
 * The whole workspace, set-wise, with fresh RFM cut points and a fresh lifetime-value fit: the
 * scheduled job, `stratum segments recompute` and the API. In steps, each its own transaction (a
 * savepoint inside a caller's transaction):
 * 1. the RFM cut points from the whole workspace, stored with their scheme, and beside it (on a pool)
 *    the lifetime-value fit (reads only);
 * 2. the customers in ranges of `chunkSize` by id, `workers` ranges at a time on a pool: each range
 *    locked as a write locks its customer, then placed by the very statements that place everyone at
 *    once — metrics, lifetime value, schemes, rule tags, segments (member counts moved by the
 *    difference).
 * A write for any customer so waits for one range at most, never for the whole pass (at 1M customers
 * the pass takes minutes); a write that commits before its range is reached is seen by it. Readers see
 * the ranges done so far placed with the new cut points and the rest with the old ones until the pass
 * ends; a failure leaves the ranges committed before it placed, and the next pass does the rest.
 */
export async function recomputeWorkspace(
  db: Db,
  workspaceId: string,
  opts: RecomputeOptions = {},
): Promise<PlacementStats> {
  const first = await workspaceRules(db, workspaceId);
  const asOf = opts.asOf ?? todayIn(first.timeZone);
  const at = new Date().toISOString();
  // The cut points and the fit each read every order: side by side on a pool.
  const wholeWorkspace =
    <T>(fn: (tx: Db, w: WorkspaceRules) => Promise<T>) =>
    () =>
      db.transaction(async (tx) => {
        await batchSettings(tx);
        return fn(tx, await workspaceRules(tx, workspaceId));
      });
  const calibrate = wholeWorkspace(async (tx, w) => {
    for (const p of schemePlans(w, asOf)) if (p.rfm) await recalibrate(tx, w, p.rfm, asOf);
  });
  const fit = wholeWorkspace((tx, w) => prepareClv(tx, workspaceId, asOf, w.timeZone));
  const clv = isPool(db) ? (await Promise.all([calibrate(), fit()]))[1] : await calibrate().then(fit);
  const ranges = await customerIdRanges(db, workspaceId, opts.chunkSize ?? RECOMPUTE_CHUNK);
  // Each range's lifetime-value figures: the figures in id order, sliced as the ranges follow each other.
  const clvRows = [...clv.rows].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  let next = 0;
  const slices = ranges.map((range) => {
    const from = next;
    while (next < clvRows.length && inIdRange(range, clvRows[next]!.customerId)) next++;
    return clvRows.slice(from, next);
  });
  const stats: PlacementStats = {
    ...noChanges('all'),
    clv: clv.result,
    ranges: { count: ranges.length, longestMs: 0 },
  };
  const placeRange = async (i: number) => {
    const started = performance.now();
    const range = ranges[i]!;
    const part = await retried(() =>
      db.transaction(async (tx) => {
        // PGlite has one connection: nothing else runs while a transaction does.
        if (!isEmbedded(tx)) await lockRange(tx, workspaceId, range);
        const w = await workspaceRules(tx, workspaceId);
        return place(tx, w, range, range, { asOf, at, clv: { asOf, rows: slices[i]! } }, noChanges('all'));
      }),
    );
    stats.tierChanges += part.tierChanges;
    stats.tagsAdded += part.tagsAdded;
    stats.tagsRemoved += part.tagsRemoved;
    stats.entered += part.entered;
    stats.exited += part.exited;
    stats.ranges!.longestMs = Math.max(stats.ranges!.longestMs, Math.round(performance.now() - started));
  };
  // Ranges side by side on a pool's connections (disjoint customers; the segments' member counts, the
  // one row they share, are moved by each range in turn); one after another on one connection.
  const workers = isPool(db) ? Math.min(opts.workers ?? RECOMPUTE_WORKERS, ranges.length) : 1;
  let taken = 0;
  let done = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (taken < ranges.length && failed === null) {
      opts.signal?.throwIfAborted();
      await placeRange(taken++);
      await opts.onProgress?.(++done, ranges.length);
      // Let waiting requests in between two ranges. PGlite runs each statement on this thread and
      // settles it without a turn of the event loop: back-to-back ranges would starve every request
      // (a job's progress poll included) until the whole pass ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // A failing range stops the others after their current range; the pass fails with the first error.
  const results = await Promise.allSettled(
    Array.from({ length: Math.max(workers, 1) }, () =>
      worker().catch((err: unknown) => {
        failed ??= err;
        throw err;
      }),
    ),
  );
  if (results.some((r) => r.status === 'rejected')) throw failed;
  // Fresh statistics for the rewritten tables (see place).
  await db.execute(sql`ANALYZE customer_metrics, customer_tags, segment_members`);
  return stats;
}

/**
 * The scheduled job and `stratum segments recompute`: the pass, then, on PGlite — which has no
 * autovacuum — the rows it replaced are reclaimed (VACUUM cannot run inside a transaction; without it
 * the rewritten tables would grow every night). PostgreSQL's autovacuum does this on its own.
 */
export async function recomputeAndTidy(db: Db, workspaceId: string, opts: RecomputeOptions = {}) {
  const stats = await recomputeWorkspace(db, workspaceId, opts);
  if (isEmbedded(db)) await db.execute(sql`VACUUM customer_metrics, customer_tags, segment_members`);
  return stats;
}
