import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_RFM_CONFIG, RfmConfigSchema, type RfmClass, type RfmConfig } from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { dayStartFrom, localDay } from '../../db/local-days.ts';
import { money } from '../../db/raw.ts';

export interface RfmRow {
  customerId: string;
  externalId: string | null;
  name: string;
  recencyDays: number;
  frequency: number;
  /** Exact decimal string with two places. */
  monetary: string;
  rScore: number;
  fScore: number;
  mScore: number;
  segment: RfmClass;
}

/** What a calibration found (stored in the RFM scheme's `state`): the cut points and mean scores. */
export interface RfmCalibration {
  asOf: string;
  scored: number;
  cuts: { r: number[]; f: number[]; m: number[] };
  means: { r: number; f: number; m: number };
}

export interface RfmClock {
  workspaceId: string;
  asOf: string;
  timeZone: string;
  config: RfmConfig;
}

/**
 * R, F and M per customer (customer_id, recency, frequency, monetary) from counted orders: the config's
 * statuses, amount > 0, on or before the as-of day (and within the look-back window), days being
 * calendar days in the workspace's time zone. Customers in the recycle bin are left out.
 */
export function rfmValues(k: RfmClock, customerFilter: SQL): SQL {
  // Day bounds on ordered_at, and the last local day from the last instant (db/local-days.ts).
  const lastDay = localDay(sql`max(o.ordered_at)`, k.timeZone);
  const window =
    k.config.lookbackDays === null
      ? sql``
      : sql`AND o.ordered_at >= ${dayStartFrom(k.asOf, 1 - k.config.lookbackDays, k.timeZone)}`;
  return sql`
    SELECT o.customer_id, (${k.asOf}::date - ${lastDay}) AS recency, ${lastDay} AS last_day,
      count(*)::int AS frequency,
      sum(o.amount) AS monetary
    FROM orders o
    JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id AND c.deleted_at IS NULL
    WHERE o.workspace_id = ${k.workspaceId} AND o.status = ANY(${sql.param(k.config.statuses)}::text[])
      AND o.amount > 0 AND o.ordered_at < ${dayStartFrom(k.asOf, 1, k.timeZone)} ${window} AND ${customerFilter}
    GROUP BY o.customer_id`;
}

/**
 * Whether the config counts the orders customer_metrics counts (paid and completed, all history): then
 * R, F and M are the metrics' last order day, order count and total spend.
 */
export const countsAsMetrics = (config: RfmConfig): boolean =>
  config.lookbackDays === null &&
  config.statuses.length === 2 &&
  config.statuses.includes('paid') &&
  config.statuses.includes('completed');

/**
 * rfmValues read from customer_metrics instead of the orders (for a config that countsAsMetrics, after
 * the metrics were recomputed as of the same day): the same rows without aggregating the orders again.
 */
export function rfmValuesFromMetrics(k: RfmClock, customerFilter: SQL): SQL {
  const lastDay = localDay(sql`m.last_order_at`, k.timeZone);
  return sql`
    SELECT m.customer_id, (${k.asOf}::date - ${lastDay}) AS recency, ${lastDay} AS last_day,
      m.order_count AS frequency, m.total_spend AS monetary
    FROM customer_metrics m
    JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id AND c.deleted_at IS NULL
    WHERE m.workspace_id = ${k.workspaceId} AND m.order_count > 0 AND ${customerFilter}`;
}

/** Scores (r_score, f_score, m_score) of `per` against cut points (a `cuts` relation with r, f, m arrays). */
const SCORES = sql.raw(`
  1 + (SELECT count(*) FROM unnest(cuts.r) x WHERE x > per.recency)::int AS r_score,
  1 + (SELECT count(*) FROM unnest(cuts.f) x WHERE x < per.frequency)::int AS f_score,
  1 + (SELECT count(*) FROM unnest(cuts.m) x WHERE x < per.monetary)::int AS m_score`);

/** The cut points: from the data (percentile_cont quintiles) or the configured thresholds. */
function cutsOver(config: RfmConfig): SQL {
  if (config.scoring === 'thresholds' && config.thresholds) {
    const t = config.thresholds;
    return sql`SELECT ${sql.param(t.r)}::float8[] AS r, ${sql.param(t.f)}::float8[] AS f, ${sql.param(t.m)}::float8[] AS m`;
  }
  return sql`
    SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY recency) AS r,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY frequency) AS f,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY monetary) AS m
    FROM per`;
}

/** The class key from scores and the bars they must beat (high = score > bar). */
const SCORE_COLUMNS = { r: sql.raw('r_score'), f: sql.raw('f_score'), m: sql.raw('m_score') };
const CLASS_OF = (r: SQL, f: SQL, m: SQL, score = SCORE_COLUMNS) => sql`
  CASE ((${score.r} > ${r})::int * 100 + (${score.f} > ${f})::int * 10 + (${score.m} > ${m})::int)
    WHEN 111 THEN 'important_value' WHEN 11 THEN 'important_retain' WHEN 101 THEN 'important_develop'
    WHEN 1 THEN 'important_winback' WHEN 110 THEN 'general_value' WHEN 10 THEN 'general_retain'
    WHEN 100 THEN 'general_develop' ELSE 'general_winback' END`;

/**
 * The RFM method set-wise in SQL over a whole workspace (see packages/segmentation/src/rfm.ts for the
 * definition and its pure twin): one row per scored customer.
 */
export async function computeRfm(
  db: Db,
  workspaceId: string,
  asOf: string,
  timeZone: string,
  config: RfmConfig = DEFAULT_RFM_CONFIG,
): Promise<RfmRow[]> {
  const k = { workspaceId, asOf, timeZone, config };
  const fixed = config.compare === 'fixed' && config.fixed ? config.fixed : null;
  const bar = (key: 'r' | 'f' | 'm') =>
    fixed ? sql`${fixed[key]}::float8` : sql.raw(`avg(${key}_score) OVER ()`);
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    WITH per AS (${rfmValues(k, sql`true`)}),
    cuts AS (${cutsOver(config)}),
    scored AS (SELECT per.*, ${SCORES} FROM per CROSS JOIN cuts),
    flagged AS (SELECT scored.*, ${bar('r')} AS r_bar, ${bar('f')} AS f_bar, ${bar('m')} AS m_bar FROM scored)
    SELECT f.customer_id, c.external_id, c.name, f.recency, f.frequency, f.monetary::text AS monetary,
      f.r_score, f.f_score, f.m_score, ${CLASS_OF(sql.raw('f.r_bar'), sql.raw('f.f_bar'), sql.raw('f.m_bar'))} AS segment
    FROM flagged f JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = f.customer_id
    ORDER BY c.external_id NULLS LAST, c.id`);
  return rows.map((r) => ({
    customerId: String(r.customer_id),
    externalId: (r.external_id as string | null) ?? null,
    name: String(r.name),
    recencyDays: Number(r.recency),
    frequency: Number(r.frequency),
    monetary: money(r.monetary),
    rScore: Number(r.r_score),
    fScore: Number(r.f_score),
    mScore: Number(r.m_score),
    segment: r.segment as RfmClass,
  }));
}

/** Cut points and mean scores over every scored customer of the workspace, as of a day. */
export async function calibrateRfm(
  db: Db,
  workspaceId: string,
  asOf: string,
  timeZone: string,
  config: RfmConfig,
): Promise<RfmCalibration> {
  const k = { workspaceId, asOf, timeZone, config };
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    WITH per AS (${rfmValues(k, sql`true`)}),
    cuts AS (${cutsOver(config)}),
    scored AS (SELECT ${SCORES} FROM per CROSS JOIN cuts)
    SELECT (SELECT count(*) FROM per)::int AS scored, (SELECT r FROM cuts) AS r, (SELECT f FROM cuts) AS f,
      (SELECT m FROM cuts) AS m, avg(r_score)::float8 AS rm, avg(f_score)::float8 AS fm, avg(m_score)::float8 AS mm
    FROM scored`);
  const row = rows[0] ?? {};
  const arr = (v: unknown) => (Array.isArray(v) ? v.map(Number) : []);
  return {
    asOf,
    scored: Number(row.scored ?? 0),
    cuts: { r: arr(row.r), f: arr(row.f), m: arr(row.m) },
    means: { r: Number(row.rm ?? 0), f: Number(row.fm ?? 0), m: Number(row.mm ?? 0) },
  };
}

/**
 * The RFM class (tier) and its why for a row of rfmValues under alias `per` (all NULL: no counted
 * order, no class), scored against a stored calibration: the cut points and bars are parameters, so
 * each score is a sum of comparisons (the same as SCORES over the calibration's arrays).
 */
export function rfmTierSql(config: RfmConfig, calibration: RfmCalibration): { tier: SQL; why: SQL } {
  const bars = rfmBars(config, calibration);
  const score = (cuts: number[], test: (cut: SQL) => SQL) =>
    sql`(1 + ${sql.join(
      cuts.map((x) => sql`(${test(sql`${x}::float8`)})::int`),
      sql` + `,
    )})`;
  const r = calibration.cuts.r.length ? score(calibration.cuts.r, (x) => sql`${x} > per.recency`) : sql`1`;
  const f = calibration.cuts.f.length ? score(calibration.cuts.f, (x) => sql`${x} < per.frequency`) : sql`1`;
  const m = calibration.cuts.m.length ? score(calibration.cuts.m, (x) => sql`${x} < per.monetary`) : sql`1`;
  const scored = sql`per.customer_id IS NOT NULL`;
  const cls = CLASS_OF(sql`${bars.r}::float8`, sql`${bars.f}::float8`, sql`${bars.m}::float8`, { r, f, m });
  return {
    tier: sql`CASE WHEN ${scored} THEN ${cls} END`,
    // Only what is the customer's own, and the last order's day rather than the days since it: the why
    // stays put from one day to the next, so a nightly pass rewrites only customers whose figures or
    // scores moved. Readers count the days and add the bars and cut-point day of the scheme's
    // calibration (the one every current RFM tier was scored against: rfmWhyForReaders).
    why: sql`CASE WHEN ${scored} THEN jsonb_build_object('kind', 'rfm', 'lastOrderDay', per.last_day::text,
      'frequency', per.frequency, 'monetary', per.monetary::text, 'r', ${r}, 'f', ${f}, 'm', ${m}) END`,
  };
}

/** A calibration as stored in the RFM scheme's state (anything else: none yet). */
export function isCalibration(v: unknown): v is RfmCalibration {
  const c = v as RfmCalibration | undefined;
  return !!c && typeof c.asOf === 'string' && Array.isArray(c.cuts?.r) && typeof c.means?.r === 'number';
}

/** The score each dimension must beat to count as high: the configured values, or the mean scores. */
export const rfmBars = (config: RfmConfig, calibration: RfmCalibration) =>
  config.compare === 'fixed' && config.fixed ? config.fixed : calibration.means;

/** The workspace's RFM settings (the RFM scheme's config), or the default method. */
export async function workspaceRfmConfig(db: Db, workspaceId: string): Promise<RfmConfig> {
  const { rows } = await db.execute<{ config: unknown }>(
    sql`SELECT config FROM classification_schemes WHERE workspace_id = ${workspaceId} AND kind = 'rfm' LIMIT 1`,
  );
  const parsed = RfmConfigSchema.safeParse(rows[0]?.config ?? {});
  return parsed.success ? parsed.data : DEFAULT_RFM_CONFIG;
}
