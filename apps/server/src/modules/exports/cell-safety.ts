/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or tab / carriage return), also after
 * leading spaces and in their full-width forms (＝ ＋ － ＠), would run as a formula when opened in Excel.
 * Such text is prefixed with an apostrophe, which Excel shows as plain text.
 */
const DANGEROUS = /^[\s\u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralise(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

/** A cell value for export: numbers stay numbers, everything else becomes safe text. */
export function safeCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return neutralise(value.join(', '));
  return neutralise(String(value));
}
