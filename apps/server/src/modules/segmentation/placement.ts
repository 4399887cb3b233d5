import { sql, type SQL } from 'drizzle-orm';
import { RfmConfigSchema, type Rule } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { sqlUuids } from '../../db/raw.ts';
import { refreshClv, type ClvRefreshResult } from '../clv/clv.refresh.ts';
import { metricsRepository } from '../customers/metrics.repository.ts';
import { todayIn } from '../workspaces/workspaces.repository.ts';
import type { SchemeDef, SegmentDef, TagDef } from './classification.repository.ts';
import { calibrateRfm, rfmPlacedSql, type RfmCalibration } from './rfm.repository.ts';
import { compileFor, loadWorkspaceRules, type RuleUse, type WorkspaceRules } from './workspace-rules.ts';

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
  /** Refit lifetime value and rewrite it for every customer (the daily recompute; needs target 'all'). */
  refreshClv?: boolean;
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
}

const METRICS_JOIN = sql.raw(
  'LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id',
);

const targetSql = (target: Target): SQL =>
  target === 'all' ? sql`true` : sql`c.id = ANY(${sqlUuids(target)})`;

/** A stored rule that no longer compiles (a field it tests was deleted) matches no one; never breaks a write. */
function compileStored(w: WorkspaceRules, use: RuleUse, rule: Rule, asOf: string): SQL {
  try {
    return compileFor(w, use, rule, { asOf, path: 'rule' });
  } catch {
    return sql`false`;
  }
}

/** Writes (customer_id, tier, why) rows into customer_metrics for one scheme; records the changes. */
async function applyTiers(db: Db, workspaceId: string, schemeKey: string, placed: SQL, now: string) {
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH placed AS MATERIALIZED (${placed}),
    cur AS MATERIALIZED (
      SELECT p.customer_id, p.tier, p.why, m.tiers->>${schemeKey}::text AS old_tier,
        m.tier_why->${schemeKey}::text AS old_why
      FROM placed p JOIN customer_metrics m ON m.workspace_id = ${workspaceId} AND m.customer_id = p.customer_id
    ),
    upd AS (
      UPDATE customer_metrics m SET
        tiers = CASE WHEN cur.tier IS NULL THEN m.tiers - ${schemeKey}::text
          ELSE m.tiers || jsonb_build_object(${schemeKey}::text, cur.tier) END,
        tier_why = CASE WHEN cur.why IS NULL THEN m.tier_why - ${schemeKey}::text
          ELSE m.tier_why || jsonb_build_object(${schemeKey}::text, cur.why) END,
        tier_since = CASE WHEN cur.tier IS NULL THEN m.tier_since - ${schemeKey}::text
          WHEN cur.tier IS DISTINCT FROM cur.old_tier THEN m.tier_since || jsonb_build_object(${schemeKey}::text, ${now}::text)
          ELSE m.tier_since END
      FROM cur
      WHERE m.workspace_id = ${workspaceId} AND m.customer_id = cur.customer_id
        AND (cur.tier IS DISTINCT FROM cur.old_tier OR cur.why IS DISTINCT FROM cur.old_why)
      RETURNING m.customer_id
    ),
    ins AS (
      INSERT INTO tier_changes (workspace_id, customer_id, scheme_key, from_tier, to_tier, why, at)
      SELECT ${workspaceId}, customer_id, ${schemeKey}, old_tier, tier, why, ${now}::timestamptz
      FROM cur WHERE tier IS DISTINCT FROM old_tier
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins)::int AS n, (SELECT count(*) FROM upd)::int AS touched`);
  return rows[0]?.n ?? 0;
}

/** Rules scheme: the first tier whose rule matches (a tier without a rule takes everyone left). */
function rulesPlacedSql(w: WorkspaceRules, scheme: SchemeDef, target: Target, asOf: string): SQL {
  const whens: SQL[] = [];
  for (const tier of scheme.tiers) {
    const test = tier.rule
      ? compileStored(w, { kind: 'tier', schemeKey: scheme.key }, tier.rule, asOf)
      : sql`true`;
    whens.push(sql`WHEN ${test} THEN ${tier.key}::text`);
    if (!tier.rule) break;
  }
  const tierExpr = whens.length ? sql`CASE ${sql.join(whens, sql` `)} END` : sql`NULL::text`;
  return sql`
    SELECT c.id AS customer_id, ${tierExpr} AS tier, NULL::jsonb AS why
    FROM customers c ${METRICS_JOIN}
    WHERE c.workspace_id = ${w.workspaceId} AND c.deleted_at IS NULL AND ${targetSql(target)}`;
}

function isCalibration(v: unknown): v is RfmCalibration {
  const c = v as RfmCalibration | undefined;
  return !!c && typeof c.asOf === 'string' && Array.isArray(c.cuts?.r) && typeof c.means?.r === 'number';
}

/** The RFM scheme's calibration: the stored one, or a fresh one (stored) when asked or when missing. */
async function rfmCalibration(db: Db, w: WorkspaceRules, scheme: SchemeDef, asOf: string, fresh: boolean) {
  const config = RfmConfigSchema.parse(scheme.config ?? {});
  const stored = scheme.state.calibration;
  if (!fresh && isCalibration(stored)) return { config, calibration: stored };
  const calibration = await calibrateRfm(db, w.workspaceId, asOf, w.timeZone, config);
  await db.execute(sql`
    UPDATE classification_schemes SET state = state || jsonb_build_object('calibration', ${JSON.stringify(calibration)}::jsonb)
    WHERE workspace_id = ${w.workspaceId} AND id = ${scheme.id}`);
  scheme.state = { ...scheme.state, calibration };
  return { config, calibration };
}

/** Rule tags: each tag of a multi-choice group on its own; in a single-choice group the first match wins. */
async function applyAutoTags(db: Db, w: WorkspaceRules, target: Target, asOf: string, now: string) {
  const ruled = w.classification.tags.filter((t) => t.rule);
  const groups = new Map<string, TagDef[]>();
  for (const t of ruled) groups.set(t.groupId, [...(groups.get(t.groupId) ?? []), t]);
  let added = 0;
  let removed = 0;
  for (const [groupId, tags] of groups) {
    const exclusive = tags[0]!.exclusive;
    const cases = tags.map((t) => ({ id: t.id, test: compileStored(w, { kind: 'autoTag' }, t.rule!, asOf) }));
    // The tag each customer should carry by rule: one per tag (multi) or the first match (single).
    const wanted = exclusive
      ? sql`SELECT c.id AS customer_id, CASE ${sql.join(
          cases.map((k) => sql`WHEN ${k.test} THEN ${k.id}::uuid`),
          sql` `,
        )} END AS tag_id
        FROM customers c ${METRICS_JOIN}
        WHERE c.workspace_id = ${w.workspaceId} AND c.deleted_at IS NULL AND ${targetSql(target)}
          AND NOT EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.workspace_id = ct.workspace_id AND t.id = ct.tag_id
            WHERE ct.workspace_id = c.workspace_id AND ct.customer_id = c.id AND ct.source = 'manual' AND t.group_id = ${groupId})`
      : sql.join(
          cases.map(
            (k) => sql`SELECT c.id AS customer_id, ${k.id}::uuid AS tag_id FROM customers c ${METRICS_JOIN}
              WHERE c.workspace_id = ${w.workspaceId} AND c.deleted_at IS NULL AND ${targetSql(target)} AND ${k.test}`,
          ),
          sql` UNION ALL `,
        );
    const { rows } = await db.execute<{ added: number; removed: number }>(sql`
      WITH wanted AS MATERIALIZED (SELECT * FROM (${wanted}) w WHERE tag_id IS NOT NULL),
      scope AS (SELECT c.id FROM customers c WHERE c.workspace_id = ${w.workspaceId} AND ${targetSql(target)}),
      ins AS (
        INSERT INTO customer_tags (workspace_id, customer_id, tag_id, source, tagged_at)
        SELECT ${w.workspaceId}, customer_id, tag_id, 'rule', ${now}::timestamptz FROM wanted
        ON CONFLICT DO NOTHING RETURNING 1
      ),
      del AS (
        DELETE FROM customer_tags ct USING scope
        WHERE ct.workspace_id = ${w.workspaceId} AND ct.customer_id = scope.id AND ct.source = 'rule'
          AND ct.tag_id = ANY(${sqlUuids(tags.map((t) => t.id))})
          AND NOT EXISTS (SELECT 1 FROM wanted WHERE wanted.customer_id = ct.customer_id AND wanted.tag_id = ct.tag_id)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM ins)::int AS added, (SELECT count(*) FROM del)::int AS removed`);
    added += rows[0]?.added ?? 0;
    removed += rows[0]?.removed ?? 0;
  }
  return { added, removed };
}

/** customer_metrics.tag_ids mirrors customer_tags (the fast filter column). */
export async function syncTagIds(db: Db, workspaceId: string, target: Target): Promise<void> {
  await db.execute(sql`
    UPDATE customer_metrics m SET tag_ids = x.ids
    FROM (
      SELECT c.id, ARRAY(SELECT ct.tag_id FROM customer_tags ct
        WHERE ct.workspace_id = c.workspace_id AND ct.customer_id = c.id ORDER BY ct.tag_id) AS ids
      FROM customers c WHERE c.workspace_id = ${workspaceId} AND ${targetSql(target)}
    ) x
    WHERE m.workspace_id = ${workspaceId} AND m.customer_id = x.id AND m.tag_ids IS DISTINCT FROM x.ids`);
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

/** Keeps one dynamic segment's membership; customers in the recycle bin leave it. */
async function applySegment(
  db: Db,
  w: WorkspaceRules,
  segment: SegmentDef,
  target: Target,
  asOf: string,
  now: string,
) {
  const test = compileStored(w, { kind: 'segment' }, segment.rule!, asOf);
  const { rows } = await db.execute<{ entered: number; exited: number }>(sql`
    WITH placed AS MATERIALIZED (
      SELECT c.id AS customer_id, (c.deleted_at IS NULL AND ${test}) AS hit
      FROM customers c ${METRICS_JOIN}
      WHERE c.workspace_id = ${w.workspaceId} AND ${targetSql(target)}
    ),
    ins AS (
      INSERT INTO segment_members (workspace_id, segment_id, customer_id, entered_at)
      SELECT ${w.workspaceId}, ${segment.id}, customer_id, ${now}::timestamptz FROM placed WHERE hit
      ON CONFLICT DO NOTHING RETURNING customer_id
    ),
    del AS (
      DELETE FROM segment_members sm USING placed p
      WHERE sm.workspace_id = ${w.workspaceId} AND sm.segment_id = ${segment.id} AND sm.customer_id = p.customer_id
        AND NOT p.hit
      RETURNING sm.customer_id
    ),
    ev AS (
      INSERT INTO segment_events (workspace_id, segment_id, customer_id, kind, at)
      SELECT ${w.workspaceId}::uuid, ${segment.id}::uuid, customer_id, 'entered', ${now}::timestamptz FROM ins
      UNION ALL
      SELECT ${w.workspaceId}::uuid, ${segment.id}::uuid, customer_id, 'exited', ${now}::timestamptz FROM del
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins)::int AS entered, (SELECT count(*) FROM del)::int AS exited,
      (SELECT count(*) FROM ev)::int AS events`);
  const entered = rows[0]?.entered ?? 0;
  const exited = rows[0]?.exited ?? 0;
  if (target === 'all' || entered || exited) await recountSegment(db, w.workspaceId, segment.id);
  return { entered, exited };
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
  const w = await loadWorkspaceRules(db, workspaceId);
  const asOf = opts.asOf ?? todayIn(w.timeZone);
  const now = opts.at ?? new Date().toISOString();
  const stats: PlacementStats = {
    customers: target === 'all' ? 'all' : target.length,
    tierChanges: 0,
    tagsAdded: 0,
    tagsRemoved: 0,
    entered: 0,
    exited: 0,
  };
  if (target !== 'all' && target.length === 0) return stats;
  if (opts.metrics !== false)
    await metricsRepository.recompute(db, workspaceId, target, { asOf, timeZone: w.timeZone });
  if (target === 'all' && opts.refreshClv) stats.clv = await refreshClv(db, workspaceId, asOf, w.timeZone);
  for (const scheme of w.classification.schemes) {
    if (!scheme.enabled) continue;
    let placed: SQL;
    if (scheme.kind === 'rfm') {
      const { config, calibration } = await rfmCalibration(db, w, scheme, asOf, !!opts.recalibrate);
      placed = rfmPlacedSql(workspaceId, asOf, w.timeZone, config, calibration, targetSql(target));
    } else {
      placed = rulesPlacedSql(w, scheme, target, asOf);
    }
    stats.tierChanges += await applyTiers(db, workspaceId, scheme.key, placed, now);
  }
  const tagged = await applyAutoTags(db, w, target, asOf, now);
  stats.tagsAdded = tagged.added;
  stats.tagsRemoved = tagged.removed;
  await syncTagIds(db, workspaceId, target);
  for (const segment of segmentOrder(w.classification.segments)) {
    const moved = await applySegment(db, w, segment, target, asOf, now);
    stats.entered += moved.entered;
    stats.exited += moved.exited;
  }
  return stats;
}

/**
 * One customer changed (an order, follow-up, ticket, tag or field): call inside the write's
 * transaction. The customer row is locked first so concurrent writes to one customer place it one
 * after the other, each seeing the writes committed before it.
 */
export async function customerChanged(db: Db, workspaceId: string, customerId: string): Promise<void> {
  await db.execute(
    sql`SELECT 1 FROM customers WHERE workspace_id = ${workspaceId} AND id = ${customerId} FOR NO KEY UPDATE`,
  );
  await placeCustomers(db, workspaceId, [customerId]);
}

/** Every dynamic segment over every customer (after a segment's rule changed). */
export async function refreshSegments(
  db: Db,
  workspaceId: string,
): Promise<{ entered: number; exited: number }> {
  const w = await loadWorkspaceRules(db, workspaceId);
  const asOf = todayIn(w.timeZone);
  const now = new Date().toISOString();
  let entered = 0;
  let exited = 0;
  for (const segment of segmentOrder(w.classification.segments)) {
    const moved = await applySegment(db, w, segment, 'all', asOf, now);
    entered += moved.entered;
    exited += moved.exited;
  }
  return { entered, exited };
}

/**
 * The whole workspace, set-wise, with fresh RFM cut points and a fresh lifetime-value fit: the
 * scheduled job and `segments recompute`.
 */
export async function recomputeWorkspace(db: Db, workspaceId: string, opts: { asOf?: string } = {}) {
  return placeCustomers(db, workspaceId, 'all', { asOf: opts.asOf, recalibrate: true, refreshClv: true });
}
