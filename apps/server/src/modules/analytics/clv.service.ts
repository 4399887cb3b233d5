import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  type BgNbdParams,
  type ClvFit,
} from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import {
  EXPECTED_PURCHASES_WEEKS,
  MIN_REPEAT_CUSTOMERS,
  STORED_CLV_OPTIONS,
  cachedFit,
  type ClvSkipReason,
} from '../clv/clv.refresh.ts';
import { clvSummaries } from '../clv/clv.repository.ts';
import { canSeeCustomer } from '../customers/customer-scope.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { clvAnalyticsRepository, type ClvTopRow } from './clv.repository.ts';

const DAY_MS = 86_400_000;
const toDays = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const fromDays = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export interface ClvParams {
  calibrationEnd: string;
  status: 'fitted' | ClvSkipReason;
  message: string | null;
  customers: number;
  repeatCustomers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number } | null;
  gammagamma: { p: number; q: number; v: number } | null;
}

export interface ClvBucket {
  from: number;
  /** Exclusive upper bound; null for the last, open bucket. */
  to: number | null;
  count: number;
}

export interface ClvTrackingWeek {
  /** Weeks from the calibration end: ≤ 0 in the calibration period, 1…N in the holdout. */
  week: number;
  /** The week's last day. */
  end: string;
  holdout: boolean;
  /** Cumulative repeat transactions: predicted by BG/NBD (fitted on the calibration period) and actual. */
  predicted: number;
  actual: number;
}

export interface ClvValidation {
  holdoutWeeks: number;
  calibrationEnd: string;
  end: string;
  status: 'fitted' | ClvSkipReason;
  message: string | null;
  bgnbd: ClvParams['bgnbd'];
  /** Customers of the calibration cohort (first purchase on or before the calibration end) in scope. */
  customers: number;
  /** Repeat transactions in the holdout: Σ E[Y(N) | x, t_x, T] over the cohort, and what happened. */
  holdoutPredicted: number;
  holdoutActual: number;
  weeks: ClvTrackingWeek[];
}

export interface ClvAnalytics {
  asOf: string;
  timeZone: string;
  clvHorizonWeeks: number;
  annualDiscountRate: number;
  expectedPurchasesWeeks: number;
  minRepeatCustomers: number;
  params: ClvParams;
  totals: {
    customers: number;
    withClv: number;
    totalClv: string;
    meanClv: string | null;
    meanPAlive: number | null;
    expectedPurchases: number;
    /** The day the stored figures are for (null before the first recompute). */
    storedAsOf: string | null;
  };
  distribution: ClvBucket[];
  top: ClvTopRow[];
  validation: ClvValidation;
}

const paramsOf = (fit: ClvFit | null) => ({
  bgnbd: fit
    ? {
        r: fit.bgnbd.r,
        alpha: fit.bgnbd.alpha,
        a: fit.bgnbd.a,
        b: fit.bgnbd.b,
        logLikelihood: fit.bgnbd.logLikelihood,
      }
    : null,
  gammagamma: fit?.gammagamma ? { p: fit.gammagamma.p, q: fit.gammagamma.q, v: fit.gammagamma.v } : null,
});

/** Buckets on a 1-2-5 scale (0, 10, 20, 50, 100, …), at most 12, the last one open. */
export function clvBuckets(values: readonly number[]): ClvBucket[] {
  if (values.length === 0) return [];
  const max = Math.max(...values);
  const edges = [0];
  for (let scale = 10; edges.length < 200; scale *= 10) {
    for (const m of [1, 2, 5]) edges.push(m * scale);
    if (edges[edges.length - 1]! > max) break;
  }
  // The smallest edge above the maximum closes the data; keep the top 11 edges above 0.
  while (edges.length > 2 && edges[edges.length - 2]! > max) edges.pop();
  const upper = edges.slice(1).slice(-11);
  const bounds = [0, ...upper.slice(0, -1)];
  const buckets: ClvBucket[] = bounds.map((from, i) => ({
    from,
    to: i < bounds.length - 1 ? bounds[i + 1]! : null,
    count: 0,
  }));
  for (const v of values) {
    let i = buckets.length - 1;
    while (i > 0 && v < buckets[i]!.from) i--;
    buckets[i]!.count++;
  }
  return buckets;
}

/**
 * The BG/NBD tracking plot: week-end days aligned on the calibration end; per week, the cumulative
 * repeat transactions of the cohort so far, and the model's Σ over first-purchase days d of
 * n_d · E[X(t)] with t the weeks from d to the week's end (FHL 2005, figure 3).
 */
export function trackingSeries(
  params: BgNbdParams,
  calibrationEnd: string,
  holdoutWeeks: number,
  cohorts: readonly { day: string; n: number }[],
  repeats: readonly { day: string; n: number }[],
): ClvTrackingWeek[] {
  if (cohorts.length === 0) return [];
  const cal = toDays(calibrationEnd);
  const first = toDays(cohorts[0]!.day);
  const back = Math.max(0, Math.ceil((cal - first) / 7));
  const cohortDays = cohorts.map((c) => ({ d: toDays(c.day), n: c.n }));
  const repeatDays = repeats.map((r) => ({ d: toDays(r.day), n: r.n }));
  const expected = new Map<number, number>();
  const ex = (days: number) => {
    let v = expected.get(days);
    if (v === undefined) {
      v = bgnbdExpectedPurchases(params, days / 7);
      expected.set(days, v);
    }
    return v;
  };
  const weeks: ClvTrackingWeek[] = [];
  for (let w = -back + 1; w <= holdoutWeeks; w++) {
    const end = cal + 7 * w;
    let predicted = 0;
    for (const c of cohortDays) if (c.d < end) predicted += c.n * ex(end - c.d);
    let actual = 0;
    for (const r of repeatDays) if (r.d <= end) actual += r.n;
    weeks.push({ week: w, end: fromDays(end), holdout: w > 0, predicted: round(predicted, 2), actual });
  }
  return weeks;
}

export const clvAnalyticsService = {
  /**
   * Lifetime value over the customers the caller may see: the parameters the daily recompute fitted
   * (refitted on demand for its day), the stored figures' totals, distribution and top customers, and
   * a holdout validation fitted on demand on the data up to (as-of − holdout weeks).
   */
  async overview(db: Db, actor: Actor, opts: { holdoutWeeks: number; top: number }): Promise<ClvAnalytics> {
    const ws = actor.workspaceId;
    const scope = canSeeCustomer(actor);
    const timeZone = await workspaceTimeZone(db, ws);
    const totals = await clvAnalyticsRepository.totals(db, ws, scope);
    const asOf = totals.asOf ?? todayIn(timeZone);

    const summaries = await clvSummaries(db, ws, asOf, timeZone);
    const fitted = cachedFit(ws, asOf, summaries);
    const params: ClvParams = {
      calibrationEnd: asOf,
      status: fitted.fit ? 'fitted' : fitted.skipped,
      message: fitted.message ?? null,
      customers: summaries.length,
      repeatCustomers: summaries.filter((s) => s.x > 0).length,
      ...paramsOf(fitted.fit),
    };

    // One after the other: the connection may be a single client (a transaction).
    const values = await clvAnalyticsRepository.values(db, ws, scope);
    const top = await clvAnalyticsRepository.top(db, ws, scope, opts.top);

    const validation = await this.validation(db, actor, timeZone, asOf, opts.holdoutWeeks);
    return {
      asOf,
      timeZone,
      clvHorizonWeeks: STORED_CLV_OPTIONS.horizonWeeks,
      annualDiscountRate: STORED_CLV_OPTIONS.annualDiscountRate,
      expectedPurchasesWeeks: EXPECTED_PURCHASES_WEEKS,
      minRepeatCustomers: MIN_REPEAT_CUSTOMERS,
      params,
      totals: {
        customers: totals.customers,
        withClv: totals.withClv,
        totalClv: totals.totalClv,
        meanClv: totals.withClv ? (Number(totals.totalClv) / totals.withClv).toFixed(2) : null,
        meanPAlive: totals.meanPAlive === null ? null : round(totals.meanPAlive, 4),
        expectedPurchases: round(totals.expectedPurchases, 2),
        storedAsOf: totals.asOf,
      },
      distribution: clvBuckets(values),
      top,
      validation,
    };
  },

  /** One customer's stored figures, or undefined when it does not exist or is out of the caller's scope. */
  async customer(db: Db, actor: Actor, customerId: string) {
    const found = await clvAnalyticsRepository.customer(
      db,
      actor.workspaceId,
      canSeeCustomer(actor),
      customerId,
    );
    return (
      found && {
        ...found,
        clvHorizonWeeks: STORED_CLV_OPTIONS.horizonWeeks,
        expectedPurchasesWeeks: EXPECTED_PURCHASES_WEEKS,
      }
    );
  },

  async validation(
    db: Db,
    actor: Actor,
    timeZone: string,
    asOf: string,
    holdoutWeeks: number,
  ): Promise<ClvValidation> {
    const ws = actor.workspaceId;
    const calibrationEnd = fromDays(toDays(asOf) - 7 * holdoutWeeks);
    const end = fromDays(toDays(calibrationEnd) + 7 * holdoutWeeks);
    const summaries = await clvSummaries(db, ws, calibrationEnd, timeZone);
    const fitted = cachedFit(ws, calibrationEnd, summaries);
    const base = { holdoutWeeks, calibrationEnd, end, bgnbd: paramsOf(fitted.fit).bgnbd };
    if (!fitted.fit)
      return {
        ...base,
        status: fitted.skipped,
        message: fitted.message,
        customers: 0,
        holdoutPredicted: 0,
        holdoutActual: 0,
        weeks: [],
      };
    const { bgnbd } = fitted.fit;
    const scope = canSeeCustomer(actor);
    const tracking = await clvAnalyticsRepository.tracking(db, ws, calibrationEnd, end, timeZone, scope);
    const visible = await clvAnalyticsRepository.visibleIds(db, ws, scope);
    const mine = summaries.filter((s) => visible.has(s.customerId));
    const holdoutActual = tracking.repeats.filter((r) => r.day > calibrationEnd).reduce((n, r) => n + r.n, 0);
    try {
      const holdoutPredicted = mine.reduce(
        (sum, s) => sum + bgnbdConditionalExpectedPurchases(bgnbd, s, holdoutWeeks),
        0,
      );
      const weeks = trackingSeries(bgnbd, calibrationEnd, holdoutWeeks, tracking.cohorts, tracking.repeats);
      if (!Number.isFinite(holdoutPredicted) || weeks.some((w) => !Number.isFinite(w.predicted)))
        throw new Error('The predictions are not finite.');
      return {
        ...base,
        status: 'fitted',
        message: null,
        customers: mine.length,
        holdoutPredicted: round(holdoutPredicted, 2),
        holdoutActual,
        weeks,
      };
    } catch (error) {
      // A numerically degenerate fit on the shorter calibration period: say so instead of failing the page.
      return {
        ...base,
        status: 'fit_failed',
        message: error instanceof Error ? error.message : String(error),
        customers: mine.length,
        holdoutPredicted: 0,
        holdoutActual,
        weeks: [],
      };
    }
  },
};
