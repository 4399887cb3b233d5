/**
 * Exact decimal arithmetic for order lines, on BigInt fixed-point values (never binary floats), matching
 * the server: quantities have up to 3 decimals, prices and amounts 2; a line amount is quantity × unit
 * price rounded half away from zero to the cent, and an order's amount is the sum of its line amounts.
 */

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

/** `"19.9"` at scale 2 → `1990n`; null for anything that is not a decimal with at most `scale` places. */
export function toFixedInt(value: string | number | null | undefined, scale: number): bigint | null {
  if (value === null || value === undefined) return null;
  const m = DECIMAL.exec(String(value));
  if (!m || (m[2] === '' && !m[3])) return null;
  const frac = m[3] ?? '';
  if (frac.length > scale) return null;
  const n = BigInt((m[2] || '0') + frac.padEnd(scale, '0'));
  return m[1] === '-' ? -n : n;
}

/** `1990n` → `"19.90"`. */
export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const digits = (neg ? -cents : cents).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** quantity × unit price rounded to the cent, or null while either is missing or not a valid number. */
export function lineAmount(
  quantity: string | number | null | undefined,
  unitPrice: string | number | null | undefined,
): string | null {
  const q = toFixedInt(quantity, 3);
  const p = toFixedInt(unitPrice, 2);
  if (q === null || p === null) return null;
  const product = q * p; // scale 5
  const neg = product < 0n;
  const rounded = ((neg ? -product : product) + 500n) / 1000n;
  return fromCents(neg ? -rounded : rounded);
}

export interface LineLike {
  quantity?: string | number | null;
  unitPrice?: string | number | null;
}

/** Σ line amounts, skipping lines that are still incomplete; `"0.00"` for none. */
export function orderTotal(lines: readonly (LineLike | null | undefined)[] | null | undefined): string {
  let total = 0n;
  for (const line of lines ?? []) {
    const amount = line ? lineAmount(line.quantity, line.unitPrice) : null;
    if (amount !== null) total += toFixedInt(amount, 2)!;
  }
  return fromCents(total);
}

/**
 * How much of `amount` has been received, in percent (0–100, one decimal), for a progress bar only.
 * The ratio is taken on exact cents; only the final division is a float.
 */
export function receivedPercent(received: string, amount: string): number {
  const r = toFixedInt(received, 2);
  const a = toFixedInt(amount, 2);
  if (r === null || a === null || a <= 0n) return 0;
  const permille = Number((r * 1000n) / a);
  return Math.max(0, Math.min(100, permille / 10));
}

/** A quantity as the API sends it (`"3.000"`) shown without trailing zeros (`"3"`, `"0.5"`). */
export function formatQuantity(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const m = DECIMAL.exec(value);
  if (!m) return value;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
  return `${m[1] === '-' ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
