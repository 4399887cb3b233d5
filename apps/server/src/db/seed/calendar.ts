// Calendar arithmetic for the demo, in China time (UTC+8, no daylight saving): a day is an integer
// (days since 1970-01-01 in Beijing), a moment is day × 86 400 + seconds into that day. Timestamps are
// written as ISO strings with the +08:00 offset, as a user in China would have entered them.

export const SECONDS_PER_DAY = 86_400;
const CHINA_OFFSET_S = 8 * 3600;

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function ymd(day: number): Ymd {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const dateCache = new Map<number, string>();
/** YYYY-MM-DD. */
export function dateString(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A moment (day × 86 400 + seconds) as "2025-06-12T10:23:45+08:00". */
export function isoAt(moment: number): string {
  const day = Math.floor(moment / SECONDS_PER_DAY);
  const s = Math.floor(moment - day * SECONDS_PER_DAY);
  return `${dateString(day)}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}+08:00`;
}

/** The China-time moment of a JavaScript Date. */
export function momentOf(date: Date): number {
  return Math.floor(date.getTime() / 1000) + CHINA_OFFSET_S;
}

/** Adds months to a day, clamping to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: number, months: number): number {
  const { year, month, day: d } = ymd(day);
  const m0 = month - 1 + months;
  const y = year + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d, last)) / 86_400_000;
}

/** 春节 (first day of the lunar year), which moves between 21 January and 20 February. */
const SPRING_FESTIVAL: Record<number, [number, number]> = {
  2018: [2, 16],
  2019: [2, 5],
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
  2031: [1, 23],
  2032: [2, 11],
  2033: [1, 31],
  2034: [2, 19],
  2035: [2, 8],
};

export function springFestival(year: number): number {
  const [m, d] = SPRING_FESTIVAL[year] ?? [2, 5];
  return dayOf(year, m, d);
}

// Month baseline for a B2B supplier: Q4 and the pre-holiday month strong, summer and October soft.
const MONTH_FACTOR = [1.1, 0.9, 1.0, 1.0, 1.0, 1.05, 0.9, 0.88, 1.05, 0.95, 1.3, 1.12];

/**
 * Relative order intensity of a day: stocking up in the three weeks before 春节, almost nothing in the
 * holiday week and a slow restart after it, the 618 and 双11 promotions, the 五一 and 国庆 holidays,
 * and quiet weekends.
 */
export function orderSeasonality(day: number): number {
  const { year, month, day: dom } = ymd(day);
  let w = MONTH_FACTOR[month - 1]!;
  for (const sf of [springFestival(year), springFestival(year + 1)]) {
    const d = day - sf;
    if (d >= -21 && d < -2) w *= 1.7;
    else if (d >= -2 && d <= 6) w *= 0.12;
    else if (d > 6 && d <= 20) w *= 0.6;
  }
  if (month === 6 && dom <= 18) w *= 1.6;
  if (month === 11 && dom <= 11) w *= 2.0;
  if (month === 5 && dom <= 5) w *= 0.4;
  if (month === 10 && dom <= 7) w *= 0.25;
  const wd = weekday(day);
  if (wd === 6) w *= 0.35;
  else if (wd === 0) w *= 0.2;
  return w;
}

/** Working-day intensity for people's activity (follow-ups, tickets): weekdays, little at weekends. */
export function workdayWeight(day: number): number {
  const wd = weekday(day);
  const { month, day: dom, year } = ymd(day);
  const sf = day - springFestival(year);
  if (sf >= -2 && sf <= 6) return 0.05;
  if ((month === 10 && dom <= 7) || (month === 5 && dom <= 5)) return 0.1;
  return wd === 0 ? 0.08 : wd === 6 ? 0.2 : 1;
}

/**
 * Draws days from [from, to] with probability proportional to `weight`: cumulative weights over the
 * window, then a binary search per draw.
 */
export class DayDistribution {
  private readonly cumulative: Float64Array;
  constructor(
    readonly first: number,
    readonly last: number,
    weight: (day: number) => number,
  ) {
    this.cumulative = new Float64Array(last - first + 2);
    for (let d = first; d <= last; d++)
      this.cumulative[d - first + 1] = this.cumulative[d - first]! + weight(d);
  }
  /** Σ weights over [from, to] (clamped to the window). */
  mass(from: number, to: number): number {
    const a = Math.max(from, this.first) - this.first;
    const b = Math.min(to, this.last) - this.first + 1;
    return b > a ? this.cumulative[b]! - this.cumulative[a]! : 0;
  }
  /** A day in [from, to] (clamped to the window); u uniform in [0, 1). */
  draw(u: number, from: number, to: number): number {
    const a = Math.max(from, this.first) - this.first;
    const b = Math.min(to, this.last) - this.first + 1;
    if (b <= a) return Math.min(Math.max(from, this.first), this.last);
    const target = this.cumulative[a]! + u * (this.cumulative[b]! - this.cumulative[a]!);
    let lo = a;
    let hi = b - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid + 1]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.first + lo;
  }
}
