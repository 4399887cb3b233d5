export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
  /** Present on one side only (a created or deleted record). */
  hasBefore: boolean;
  hasAfter: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field comparison of an audit entry's `before` and `after` snapshots. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  if (before == null && after == null) return [];
  if ((before != null && !isRecord(before)) || (after != null && !isRecord(after))) {
    return [
      {
        field: '',
        before,
        after,
        changed: !same(before, after),
        hasBefore: before != null,
        hasAfter: after != null,
      },
    ];
  }
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: !same(b[field], a[field]),
    hasBefore: before != null && field in b,
    hasAfter: after != null && field in a,
  }));
}

/** Compact display of a snapshot value: strings as-is, everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
