import {
  bgnbdConditionalExpectedPurchases,
  fitClv,
  predictClv,
  spendersOf,
  type ClvFit,
  type ClvOptions,
  type ClvSummary,
} from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { clvSummaries, type ClvMetricsRow } from './clv.repository.ts';

/** The stored CLV: discounted over 52 weeks, monthly periods, 10 % a year (docs/CLV.md). */
export const STORED_CLV_OPTIONS = {
  horizonWeeks: 52,
  annualDiscountRate: 0.1,
  period: 'month',
} as const satisfies ClvOptions;
/** The stored expected purchases: the next 13 weeks (91 days, about three months). */
export const EXPECTED_PURCHASES_WEEKS = 13;
/** Below this many customers with a repeat purchase the fit is not trusted and nothing is stored. */
export const MIN_REPEAT_CUSTOMERS = 20;

export type ClvSkipReason = 'too_few_repeat_customers' | 'fit_failed';

export interface ClvRefreshResult {
  asOf: string;
  /** Customers with a counted purchase up to asOf (the summary). */
  customers: number;
  /** Of them, with at least one repeat purchase day. */
  repeatCustomers: number;
  /** Customers that received figures (0 when skipped). */
  predicted: number;
  /** Why nothing was stored (every CLV column null); absent when fitted. */
  skipped?: ClvSkipReason;
  message?: string;
}

/**
 * The fit reads at most this many customers: above it, a fixed pseudo-random sample (by a hash of the
 * customer id, so the same customers every day). Four or three parameters are pinned down long before
 * that (their standard errors shrink with √n), and the fit's time stays bounded however big the
 * workspace; every customer is still predicted from the fitted parameters.
 */
export const MAX_FIT_CUSTOMERS = 20_000;

/** FNV-1a of a string: a stable, well-spread order for the fit sample. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The customers the fit reads: everyone, or the MAX_FIT_CUSTOMERS with the smallest id hash. */
export function fitSample<T extends { customer: string }>(summaries: readonly T[], max = MAX_FIT_CUSTOMERS) {
  if (summaries.length <= max) return summaries;
  return summaries
    .map((s) => ({ s, h: fnv1a(s.customer) }))
    .sort((a, b) => a.h - b.h || (a.s.customer < b.s.customer ? -1 : 1))
    .slice(0, max)
    .map((x) => x.s);
}

/** Parameters beyond this are a fit run off to the boundary (the data does not identify the model). */
const MAX_PARAMETER = 1e6;
const finitePositive = (v: number) => Number.isFinite(v) && v > 0 && v < MAX_PARAMETER;

/** True when the fitted parameters are usable (finite and positive; the spend model's mean finite). */
function usable(fit: ClvFit): boolean {
  const { r, alpha, a, b, logLikelihood } = fit.bgnbd;
  if (![r, alpha, a, b].every(finitePositive) || !Number.isFinite(logLikelihood)) return false;
  if (fit.gammagamma) {
    const { p, q, v } = fit.gammagamma;
    if (![p, q, v].every(finitePositive)) return false;
  }
  return true;
}

const fixed = (v: number, digits: number, max: number): string | null =>
  Number.isFinite(v) && Math.abs(v) < max ? v.toFixed(digits) : null;

/** A fit the product may use, or why there is none (too little data, or the optimiser failed). */
export type UsableFit =
  | { fit: ClvFit; skipped?: undefined; message?: undefined }
  | {
      fit: null;
      skipped: ClvSkipReason;
      message: string;
    };

/**
 * Fits BG/NBD + Gamma-Gamma on a calibration summary (a sample of it above MAX_FIT_CUSTOMERS) when
 * there is enough data: at least
 * MIN_REPEAT_CUSTOMERS customers with a repeat purchase (some with a positive repeat value), and
 * parameters that came out finite and positive. Never throws.
 */
export function fitIfEnoughData(summaries: readonly ClvSummary[], calibrationEnd: string): UsableFit {
  const repeatCustomers = summaries.filter((s) => s.x > 0).length;
  if (repeatCustomers < MIN_REPEAT_CUSTOMERS || spendersOf(summaries).length === 0)
    return {
      fit: null,
      skipped: 'too_few_repeat_customers',
      message: `${repeatCustomers} customers with a repeat purchase up to ${calibrationEnd}; at least ${MIN_REPEAT_CUSTOMERS} are needed to fit.`,
    };
  try {
    const fit = fitClv(fitSample(summaries));
    if (usable(fit)) return { fit };
    return {
      fit: null,
      skipped: 'fit_failed',
      message: 'The fitted parameters are not finite and positive, or ran off to the boundary.',
    };
  } catch (error) {
    return {
      fit: null,
      skipped: 'fit_failed',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * Fits are deterministic in their input, and the one at a workspace's as-of day can take seconds: the
 * last few are kept per process, keyed by workspace, calibration end and a fingerprint of the summary
 * (any new, changed or removed purchase changes it), so the analytics page reuses the daily fit.
 */
const FIT_CACHE_SIZE = 32;
const fitCache = new Map<string, UsableFit>();

function fingerprint(summaries: readonly ClvSummary[]): string {
  let x = 0;
  let tx = 0;
  let T = 0;
  let m = 0;
  let mix = 0;
  for (const [i, c] of summaries.entries()) {
    x += c.x;
    tx += c.tx;
    T += c.T;
    m += c.monetary;
    mix += (i + 1) * (c.x + 3 * c.tx + 7 * c.T + 11 * c.monetary);
  }
  return [summaries.length, x, tx, T, m, mix].map((v) => v.toPrecision(15)).join('|');
}

/** fitIfEnoughData, remembered for the same workspace, calibration end and summary. */
export function cachedFit(
  workspaceId: string,
  calibrationEnd: string,
  summaries: readonly ClvSummary[],
): UsableFit {
  const key = `${workspaceId}|${calibrationEnd}|${fingerprint(summaries)}`;
  const hit = fitCache.get(key);
  if (hit) {
    fitCache.delete(key);
    fitCache.set(key, hit);
    return hit;
  }
  const fitted = fitIfEnoughData(summaries, calibrationEnd);
  fitCache.set(key, fitted);
  if (fitCache.size > FIT_CACHE_SIZE) fitCache.delete(fitCache.keys().next().value!);
  return fitted;
}

/** Stored figures of one customer from a usable fit (rounded to the columns' scales; null if not finite). */
export function storedFigures(fit: ClvFit, summary: ClvSummary): Omit<ClvMetricsRow, 'customerId'> {
  const [p] = predictClv(fit, [summary], STORED_CLV_OPTIONS);
  return {
    clv: fixed(p!.clv, 2, 1e11),
    pAlive: fixed(p!.pAlive, 6, 2),
    expectedPurchases: fixed(
      bgnbdConditionalExpectedPurchases(fit.bgnbd, summary, EXPECTED_PURCHASES_WEEKS),
      4,
      1e7,
    ),
  };
}

/** The daily lifetime-value figures of a workspace, computed and not yet written, and what came of the fit. */
export interface ClvRefresh {
  result: ClvRefreshResult;
  /** Every customer of the summary with its figures (empty when skipped: everyone gets nulls). */
  rows: ClvMetricsRow[];
}

/**
 * The daily lifetime-value refresh of a workspace, first half (recomputeWorkspace writes the rows with
 * each range of customers, after their metrics and before their schemes, so tier rules see fresh
 * values): fit BG/NBD + Gamma-Gamma on the counted orders up to the as-of day (the calibration end) and
 * predict every customer of the summary. Customers without a counted purchase get nulls; with too
 * little data or a failed fit every customer gets nulls and the result says why. Reads only; never
 * throws for data reasons.
 */
export async function prepareClv(
  db: Db,
  workspaceId: string,
  asOf: string,
  timeZone: string,
): Promise<ClvRefresh> {
  const summaries = await clvSummaries(db, workspaceId, asOf, timeZone);
  const base = {
    asOf,
    customers: summaries.length,
    repeatCustomers: summaries.filter((s) => s.x > 0).length,
    predicted: 0,
  };
  const fitted = cachedFit(workspaceId, asOf, summaries);
  if (!fitted.fit) return { result: { ...base, skipped: fitted.skipped, message: fitted.message }, rows: [] };
  const fit = fitted.fit;
  try {
    const rows = summaries.map((s) => ({ customerId: s.customerId, ...storedFigures(fit, s) }));
    return { result: { ...base, predicted: rows.length }, rows };
  } catch (error) {
    // A numerically degenerate fit (e.g. a series that does not converge): no figures rather than a failed recompute.
    const message = error instanceof Error ? error.message : String(error);
    return { result: { ...base, skipped: 'fit_failed', message }, rows: [] };
  }
}
