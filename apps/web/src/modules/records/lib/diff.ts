/**
 * The fields of `next` that differ from `previous` (compared as JSON, so arrays and objects by value).
 * PATCH bodies send only these, so an edit never rewrites a field the user did not touch.
 */
export function changedFields<T extends Record<string, unknown>>(next: T, previous: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(previous[key] ?? null)) out[key] = next[key];
  }
  return out;
}

/** Trimmed text, or null when empty: how optional text fields are sent. */
export function textOrNull(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
