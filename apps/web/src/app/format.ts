import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The workspace time zone when none is known (matches the server's default). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A dayjs of an instant shown in `timeZone`; falls back to the browser's zone for an unknown zone name. */
function inZone(value: string, timeZone: string | undefined): dayjs.Dayjs {
  const d = dayjs(value);
  if (!timeZone) return d;
  try {
    return d.tz(timeZone);
  } catch {
    return d;
  }
}

/** `2025-03-01 14:05` of an instant in the workspace time zone; empty for null. */
export function formatDateTime(value: string | null | undefined, timeZone: string): string {
  if (!value) return '';
  if (DATE_ONLY.test(value)) return value;
  const d = inZone(value, timeZone);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '';
}

/**
 * `2025-03-01`. A calendar date (`YYYY-MM-DD`) is shown as is; an instant is shown as its date in `timeZone`
 * (the browser's zone when none is given).
 */
export function formatDate(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '';
  if (DATE_ONLY.test(value)) return value;
  const d = inZone(value, timeZone);
  return d.isValid() ? d.format('YYYY-MM-DD') : '';
}

/** Today's calendar date (`YYYY-MM-DD`) in `timeZone`. */
export function todayIn(timeZone: string): string {
  try {
    return dayjs().tz(timeZone).format('YYYY-MM-DD');
  } catch {
    return dayjs().format('YYYY-MM-DD');
  }
}

export function isPast(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isBefore(dayjs());
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  HKD: 'HK$',
  JPY: '¥',
  GBP: '£',
};

/** `1234567` → `1,234,567`. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A decimal string (as the API sends money, e.g. `"12345.6"`) as `¥12,345.60`. Works on the digits, never on
 * a float, so large amounts and cents stay exact; rounds half away from zero to 2 places. Empty for null;
 * a string that is not a decimal number is returned unchanged.
 */
export function formatMoney(value: string | null | undefined, currency = 'CNY'): string {
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!text || !match || (match[2] === '' && !match[3])) return text;
  const negative = match[1] === '-';
  let intPart = (match[2] || '0').replace(/^0+(?=\d)/, '');
  const frac = match[3] ?? '';
  let cents = (frac + '00').slice(0, 2);
  if ((frac[2] ?? '0') >= '5') {
    // Round up the last kept digit, carrying into the integer part as needed.
    const all = (intPart + cents).split('').map(Number);
    let i = all.length - 1;
    while (i >= 0) {
      if (all[i]! < 9) {
        all[i]! += 1;
        break;
      }
      all[i] = 0;
      i -= 1;
    }
    let joined = all.join('');
    if (i < 0) joined = '1' + joined;
    intPart = joined.slice(0, -2);
    cents = joined.slice(-2);
  }
  const isZero = /^0*$/.test(intPart + cents);
  const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
  return `${negative && !isZero ? '-' : ''}${symbol}${groupThousands(intPart)}.${cents}`;
}
