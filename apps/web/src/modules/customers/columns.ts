/**
 * Columns of the customer list: which exist, which show by default, what the user chose (kept in
 * localStorage) and how they map to the export's column keys.
 */

/** Built-in columns in display order. `province` shows province / city. */
export const BUILT_IN_COLUMNS = [
  'name',
  'kind',
  'externalId',
  'ownerName',
  'status',
  'industry',
  'province',
  'sizeBand',
  'source',
  'phone',
  'email',
  'wechat',
  'address',
  'website',
  'lifetimeSpend',
  'lastOrderAt',
  'lastFollowupAt',
  'openTickets',
  'createdAt',
  'notes',
] as const;
export type BuiltInColumn = (typeof BUILT_IN_COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly string[] = [
  'name',
  'ownerName',
  'status',
  'industry',
  'province',
  'phone',
  'lifetimeSpend',
  'lastOrderAt',
  'lastFollowupAt',
  'openTickets',
  'createdAt',
  // Classification (when the scheme exists and is enabled): the RFM class and the value tier.
  'tier.rfm',
  'tier.value',
];

/** Always shown: the link to the customer. */
export const FIXED_COLUMNS: readonly string[] = ['name'];

export const customColumnKey = (fieldKey: string) => `cf.${fieldKey}`;
export const isBuiltInColumn = (key: string): key is BuiltInColumn =>
  (BUILT_IN_COLUMNS as readonly string[]).includes(key);

/**
 * All column keys that exist now, in display order: built-ins (with the classification columns —
 * enabled schemes' tiers and tags — right after the status), then custom fields.
 */
export function allColumns(
  customFieldKeys: readonly string[],
  classificationKeys: readonly string[] = [],
): string[] {
  const at = BUILT_IN_COLUMNS.indexOf('status') + 1;
  return [
    ...BUILT_IN_COLUMNS.slice(0, at),
    ...classificationKeys,
    ...BUILT_IN_COLUMNS.slice(at),
    ...customFieldKeys.map(customColumnKey),
  ];
}

/**
 * The visible columns in display order: the chosen ones that still exist (a deleted custom field
 * disappears), always including the fixed ones.
 */
export function visibleColumns(
  chosen: readonly string[],
  customFieldKeys: readonly string[],
  classificationKeys: readonly string[] = [],
): string[] {
  const wanted = new Set([...FIXED_COLUMNS, ...chosen]);
  return allColumns(customFieldKeys, classificationKeys).filter((key) => wanted.has(key));
}

/** The export's `columns` parameter for the visible columns (province / city are two columns there). */
export function exportColumnsParam(visible: readonly string[]): string {
  return visible.flatMap((key) => (key === 'province' ? ['province', 'city'] : [key])).join(',');
}

const STORAGE_KEY = 'stratum.customers.columns';

export function loadColumns(): string[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed) && parsed.every((k) => typeof k === 'string')) return parsed as string[];
  } catch {
    // Unreadable or unavailable storage: fall back to the defaults.
  }
  return [...DEFAULT_COLUMNS];
}

export function saveColumns(columns: readonly string[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
