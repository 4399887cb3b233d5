/** How a score 0–10 counts in NPS. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export function categoryOf(score: number): NpsCategory {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** The colour of a category (antd's green, gold and red). */
export const CATEGORY_COLOR: Record<NpsCategory, string> = {
  promoter: '#52c41a',
  passive: '#faad14',
  detractor: '#f5222d',
};

/** The colour of an NPS value (−100..100): red below 0, gold up to 30, green above. */
export function npsColor(nps: number | null): string {
  if (nps === null) return '#bfbfbf';
  if (nps < 0) return CATEGORY_COLOR.detractor;
  if (nps <= 30) return CATEGORY_COLOR.passive;
  return CATEGORY_COLOR.promoter;
}

/** NPS as shown: signed, at most one decimal ("+42", "−12.5", "0"); a dash without answers. */
export function formatNps(nps: number | null, locale: string): string {
  if (nps === null) return '—';
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(nps));
  return nps > 0 ? `+${text}` : nps < 0 ? `−${text}` : text;
}

/** The public survey page's address for a link path the server returned. */
export const surveyUrl = (path: string, origin = window.location.origin) => `${origin}${path}`;
