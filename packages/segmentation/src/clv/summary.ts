// From a purchase log to the per-customer summary the BG/NBD and Gamma-Gamma models take.

/** One customer's calibration-period summary. Times are in weeks. */
export interface ClvSummary {
  customer: string;
  /** Repeat transaction days in the calibration period (the first purchase day is not counted). */
  x: number;
  /** Weeks from the first purchase day to the last purchase day in the calibration period. */
  tx: number;
  /** Weeks from the first purchase day to the calibration end. */
  T: number;
  /** Mean of the repeat days' totals (first day excluded); 0 when x = 0. */
  monetary: number;
}

export interface ClvPurchase {
  customer: string;
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  amount: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD calendar day (no time zone involved). */
export function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/**
 * The summary (x, t_x, T, mean repeat value) per customer, as of a calibration end day (inclusive).
 * Purchases on the same day are one transaction whose amount is their sum; purchases after the
 * calibration end are ignored; customers whose first purchase is after it are left out. The caller
 * decides which purchases count (the server counts paid/completed orders with amount > 0). This is the
 * pure twin of apps/server/src/modules/clv/clv.repository.ts. Rows are sorted by customer.
 */
export function clvSummaries(purchases: Iterable<ClvPurchase>, calibrationEnd: string): ClvSummary[] {
  const end = dayNumber(calibrationEnd);
  const byCustomer = new Map<string, Map<number, number>>();
  for (const p of purchases) {
    const day = dayNumber(p.day);
    if (day > end) continue;
    let days = byCustomer.get(p.customer);
    if (!days) byCustomer.set(p.customer, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + p.amount);
  }
  const out: ClvSummary[] = [];
  for (const [customer, days] of byCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    let repeatTotal = 0;
    for (const d of sorted.slice(1)) repeatTotal += days.get(d)!;
    const x = sorted.length - 1;
    out.push({
      customer,
      x,
      tx: (last - first) / 7,
      T: (end - first) / 7,
      monetary: x > 0 ? repeatTotal / x : 0,
    });
  }
  return out.sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}
