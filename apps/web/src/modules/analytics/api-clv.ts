import { api } from '../../app/api/client.ts';

/** Why there is no fit: fewer customers with a repeat purchase than the minimum, or the optimiser failed. */
export type ClvFitStatus = 'fitted' | 'too_few_repeat_customers' | 'fit_failed';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  logLikelihood: number;
}

export interface ClvTrackingWeek {
  /** Weeks from the calibration end: ≤ 0 calibration, 1…N holdout. */
  week: number;
  end: string;
  holdout: boolean;
  predicted: number;
  actual: number;
}

/** GET /api/v1/analytics/clv (apps/server/src/modules/analytics/clv.schemas.ts). */
export interface ClvAnalytics {
  asOf: string;
  timeZone: string;
  clvHorizonWeeks: number;
  annualDiscountRate: number;
  expectedPurchasesWeeks: number;
  minRepeatCustomers: number;
  params: {
    calibrationEnd: string;
    status: ClvFitStatus;
    message: string | null;
    customers: number;
    repeatCustomers: number;
    bgnbd: BgNbdParams | null;
    gammagamma: { p: number; q: number; v: number } | null;
  };
  totals: {
    customers: number;
    withClv: number;
    totalClv: string;
    meanClv: string | null;
    meanPAlive: number | null;
    expectedPurchases: number;
    storedAsOf: string | null;
  };
  distribution: { from: number; to: number | null; count: number }[];
  top: {
    id: string;
    name: string;
    ownerName: string | null;
    clv: string;
    pAlive: number | null;
    expectedPurchases: number | null;
    orderCount: number;
    totalSpend: string;
  }[];
  validation: {
    holdoutWeeks: number;
    calibrationEnd: string;
    end: string;
    status: ClvFitStatus;
    message: string | null;
    bgnbd: BgNbdParams | null;
    customers: number;
    holdoutPredicted: number;
    holdoutActual: number;
    weeks: ClvTrackingWeek[];
  };
}

/** GET /api/v1/analytics/clv/customers/:id */
export interface CustomerClv {
  customerId: string;
  clv: string | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  asOf: string | null;
  clvHorizonWeeks: number;
  expectedPurchasesWeeks: number;
}

export const clvApi = {
  overview: (holdoutWeeks: number, signal?: AbortSignal) =>
    api.get<ClvAnalytics>('/analytics/clv', { holdoutWeeks }, signal),
  customer: (id: string, signal?: AbortSignal) =>
    api.get<CustomerClv>(`/analytics/clv/customers/${encodeURIComponent(id)}`, undefined, signal),
};
