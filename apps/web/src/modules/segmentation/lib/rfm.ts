import { RFM_CLASS_KEYS } from '@stratum/contracts';
import type { RfmSummary } from '@stratum/contracts';
import { formatMoney } from '../../../app/format.ts';

export type RfmClassKey = (typeof RFM_CLASS_KEYS)[number];
export type RfmClass = RfmSummary['classes'][number];

/**
 * A fixed colour per class, the same on every page and in both themes: the important_* classes in warm,
 * strong colours, the general_* ones muted. Used for accents (borders, dots, bars), never for text.
 */
export const RFM_CLASS_COLORS: Record<RfmClassKey, string> = {
  important_value: '#d4380d',
  important_retain: '#fa8c16',
  important_develop: '#d48806',
  important_winback: '#c41d7f',
  general_value: '#5b7fa6',
  general_retain: '#6f9a8d',
  general_develop: '#8c7fa8',
  general_winback: '#8c8c8c',
};

export function classColor(key: string): string {
  return (RFM_CLASS_COLORS as Record<string, string>)[key] ?? '#8c8c8c';
}

/** The classes in the canonical order (important first), whatever order the server sent them in. */
export function orderClasses(classes: RfmClass[]): RfmClass[] {
  const rank = (key: string) => {
    const i = (RFM_CLASS_KEYS as readonly string[]).indexOf(key);
    return i < 0 ? RFM_CLASS_KEYS.length : i;
  };
  return [...classes].sort((a, b) => rank(a.key) - rank(b.key));
}

/** `0.1234` → `12.3%` (in the UI locale's style). */
export function formatShare(share: number | null | undefined, locale: string): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A number rounded to at most `digits` places, grouped: `1234.56` → `1,234.6`. Empty for null. */
export function formatNumber(
  value: number | null | undefined,
  locale: string,
  digits = 1,
  minDigits = 0,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: Math.min(minDigits, digits),
    maximumFractionDigits: digits,
  }).format(value);
}

/** A money amount given as a number (a mean, a cut point), rounded to whole units: `12345.6` → `¥12,346`. */
export function formatWholeMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatMoney(String(Math.round(value))).replace(/\.00$/, '');
}

/** A money amount as a number, to the cent: `1234.5` → `¥1,234.50`. */
export function formatMoneyNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatMoney(value.toFixed(2));
}

/** The four quintile cut points of each measure, as shown in "how it works". */
export function formatCuts(
  cuts: RfmSummary['cuts'],
  locale: string,
): { r: string[]; f: string[]; m: string[] } {
  return {
    r: cuts.r.map((v) => formatNumber(v, locale, v >= 10 ? 0 : 1)),
    f: cuts.f.map((v) => formatNumber(v, locale, 1)),
    m: cuts.m.map((v) => formatWholeMoney(v)),
  };
}

/**
 * The R×F heatmap as `[fIndex, rIndex, count]` triples for ECharts, every one of the 25 cells present
 * (missing ones are 0), plus the largest count.
 */
export function heatmapCells(heatmap: RfmSummary['heatmap']): {
  data: [number, number, number][];
  max: number;
} {
  const counts = new Map<string, number>();
  for (const cell of heatmap) {
    if (cell.r < 1 || cell.r > 5 || cell.f < 1 || cell.f > 5) continue;
    const key = `${cell.r}:${cell.f}`;
    counts.set(key, (counts.get(key) ?? 0) + cell.count);
  }
  const data: [number, number, number][] = [];
  let max = 0;
  for (let r = 1; r <= 5; r += 1) {
    for (let f = 1; f <= 5; f += 1) {
      const count = counts.get(`${r}:${f}`) ?? 0;
      max = Math.max(max, count);
      data.push([f - 1, r - 1, count]);
    }
  }
  return { data, max };
}

/** Today as `YYYY-MM-DD` compared with a picked day: true for a day after `today` (not pickable). */
export function isAfterDay(day: string, today: string): boolean {
  return day > today;
}

/** A valid `YYYY-MM-DD` from the URL, or null. */
export function parseAsOf(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}
