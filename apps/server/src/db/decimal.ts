/**
 * Exact decimal arithmetic for money, on BigInt fixed-point values (never binary floats).
 * Amounts have 2 decimals, quantities 3; a line amount is rounded half away from zero to the cent.
 */
const toFixedInt = (value: string, scale: number): bigint => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = (m[3] ?? '').padEnd(scale, '0');
  if (frac.length > scale) throw new Error(`more than ${scale} decimals: ${value}`);
  const n = BigInt(m[2]! + frac);
  return m[1] ? -n : n;
};

const fromCents = (cents: bigint): string => {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const s = abs.toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

export const cents = (amount: string) => toFixedInt(amount, 2);
export const formatCents = fromCents;

/** quantity (≤ 3 decimals) × unit price (≤ 2 decimals), rounded to the cent. */
export function lineAmount(quantity: string, unitPrice: string): string {
  const product = toFixedInt(quantity, 3) * toFixedInt(unitPrice, 2); // scale 5
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const rounded = (abs + 500n) / 1000n; // to scale 2, half away from zero
  return fromCents(neg ? -rounded : rounded);
}

export function sumAmounts(amounts: readonly string[]): string {
  return fromCents(amounts.reduce((acc, a) => acc + toFixedInt(a, 2), 0n));
}

export const normaliseAmount = (amount: string) => fromCents(toFixedInt(amount, 2));
