import { z } from 'zod';

/**
 * The default RFM method (客户价值 RFM 八类), pure and exact; the SQL path in the server computes the
 * same thing set-wise and the tests hold the two together.
 *
 *  - R = as-of day − last counted order day (days); F = counted orders; M = their total.
 *  - Cut points: the 20th/40th/60th/80th percentiles over scored customers, by linear interpolation
 *    (PostgreSQL's percentile_cont). F and M score 1 + number of cut points strictly below the value;
 *    R scores 1 + number strictly above it (more recent is better). Ties therefore share a score.
 *  - High when the score is strictly greater than the mean score of scored customers.
 */
export const RFM_CLASSES = [
  'important_value', // 111 重要价值客户
  'important_retain', // 011 重要保持客户
  'important_develop', // 101 重要发展客户
  'important_winback', // 001 重要挽留客户
  'general_value', // 110 一般价值客户
  'general_retain', // 010 一般保持客户
  'general_develop', // 100 一般发展客户
  'general_winback', // 000 一般挽留客户
] as const;
export type RfmClass = (typeof RFM_CLASSES)[number];

export const RFM_CLASS_LABELS: Record<RfmClass, { 'zh-CN': string; en: string }> = {
  important_value: { 'zh-CN': '重要价值客户', en: 'Important value' },
  important_retain: { 'zh-CN': '重要保持客户', en: 'Important to retain' },
  important_develop: { 'zh-CN': '重要发展客户', en: 'Important to develop' },
  important_winback: { 'zh-CN': '重要挽留客户', en: 'Important to win back' },
  general_value: { 'zh-CN': '一般价值客户', en: 'General value' },
  general_retain: { 'zh-CN': '一般保持客户', en: 'General to retain' },
  general_develop: { 'zh-CN': '一般发展客户', en: 'General to develop' },
  general_winback: { 'zh-CN': '一般挽留客户', en: 'General to win back' },
};

/** (R high, F high, M high) → class. */
export function rfmClass(rHigh: boolean, fHigh: boolean, mHigh: boolean): RfmClass {
  const key = `${rHigh ? 1 : 0}${fHigh ? 1 : 0}${mHigh ? 1 : 0}`;
  const byKey: Record<string, RfmClass> = {
    '111': 'important_value',
    '011': 'important_retain',
    '101': 'important_develop',
    '001': 'important_winback',
    '110': 'general_value',
    '010': 'general_retain',
    '100': 'general_develop',
    '000': 'general_winback',
  };
  return byKey[key]!;
}

export const QUINTILES = [0.2, 0.4, 0.6, 0.8] as const;

const Cuts = z.array(z.number().finite()).length(4);
/**
 * A workspace's RFM settings (the RFM scheme's `config`). The default is the method above; the options
 * change which orders count (statuses, a look-back window) and how scores and highs are set.
 */
export const RfmConfigSchema = z.strictObject({
  /** Only orders in the last N days before the as-of day count; null = all history. */
  lookbackDays: z.number().int().min(1).max(36_500).nullable().default(null),
  statuses: z
    .array(z.enum(['paid', 'completed', 'cancelled', 'refunded']))
    .min(1)
    .default(['paid', 'completed']),
  /** quintiles: cut points from the data; thresholds: fixed cut points (4 each, ascending). */
  scoring: z.enum(['quintiles', 'thresholds']).default('quintiles'),
  thresholds: z.strictObject({ r: Cuts, f: Cuts, m: Cuts }).optional(),
  /** High when the score is above the mean score, or above a set value. */
  compare: z.enum(['mean', 'fixed']).default('mean'),
  fixed: z
    .strictObject({
      r: z.number().min(1).max(5),
      f: z.number().min(1).max(5),
      m: z.number().min(1).max(5),
    })
    .optional(),
});
export type RfmConfig = z.infer<typeof RfmConfigSchema>;
export const DEFAULT_RFM_CONFIG: RfmConfig = RfmConfigSchema.parse({});

/** percentile_cont: linear interpolation between the two nearest ranks of the sorted values. */
export function percentileCont(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of nothing');
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return lo === hi ? a : a + (pos - lo) * (b - a);
}

export const cutPoints = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return QUINTILES.map((p) => percentileCont(sorted, p));
};

export const scoreAscending = (value: number, cuts: readonly number[]) =>
  1 + cuts.filter((c) => c < value).length;
export const scoreDescending = (value: number, cuts: readonly number[]) =>
  1 + cuts.filter((c) => c > value).length;

export interface RfmInput {
  id: string;
  recencyDays: number;
  frequency: number;
  /** Total of counted orders, as a number (the caller keeps the exact decimal for display). */
  monetary: number;
}

export interface RfmScore extends RfmInput {
  rScore: number;
  fScore: number;
  mScore: number;
  segment: RfmClass;
}

export interface RfmResult {
  cuts: { r: number[]; f: number[]; m: number[] };
  means: { r: number; f: number; m: number };
  scores: RfmScore[];
}

/**
 * Scores every customer that has at least one counted order (the caller passes only those, counted by
 * the config's statuses and window).
 */
export function scoreRfm(rows: readonly RfmInput[], config: RfmConfig = DEFAULT_RFM_CONFIG): RfmResult {
  if (rows.length === 0) return { cuts: { r: [], f: [], m: [] }, means: { r: 0, f: 0, m: 0 }, scores: [] };
  const cuts =
    config.scoring === 'thresholds' && config.thresholds
      ? config.thresholds
      : {
          r: cutPoints(rows.map((r) => r.recencyDays)),
          f: cutPoints(rows.map((r) => r.frequency)),
          m: cutPoints(rows.map((r) => r.monetary)),
        };
  const partial = rows.map((row) => ({
    ...row,
    rScore: scoreDescending(row.recencyDays, cuts.r),
    fScore: scoreAscending(row.frequency, cuts.f),
    mScore: scoreAscending(row.monetary, cuts.m),
  }));
  const mean = (k: 'rScore' | 'fScore' | 'mScore') => partial.reduce((s, r) => s + r[k], 0) / partial.length;
  const means = { r: mean('rScore'), f: mean('fScore'), m: mean('mScore') };
  const bar = config.compare === 'fixed' && config.fixed ? config.fixed : means;
  return {
    cuts,
    means,
    scores: partial.map((r) => ({
      ...r,
      segment: rfmClass(r.rScore > bar.r, r.fScore > bar.f, r.mScore > bar.m),
    })),
  };
}
