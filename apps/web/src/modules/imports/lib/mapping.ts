import type { ImportPreview } from '@stratum/contracts';

/** The field each file column feeds (by column index); null: the column is not imported. */
export type ColumnMapping = (string | null)[];

export const initialMapping = (preview: Pick<ImportPreview, 'columns'>): ColumnMapping =>
  preview.columns.map((c) => c.field);

/** Maps column `index` to `field`; a field feeds one column, so another column holding it lets go. */
export function assign(mapping: ColumnMapping, index: number, field: string | null): ColumnMapping {
  return mapping.map((f, i) => (i === index ? field : field !== null && f === field ? null : f));
}

/**
 * Required fields without a column, and for a group of alternatives (the customer by id, phone or
 * email) with no column at all, its first field — as the server decides.
 */
export function missingFields(fields: ImportPreview['fields'], mapping: ColumnMapping): string[] {
  const mappedGroups = new Set(fields.filter((f) => f.group && mapping.includes(f.key)).map((f) => f.group));
  const reported = new Set<string>();
  const missing: string[] = [];
  for (const f of fields) {
    if (f.required && !mapping.includes(f.key)) missing.push(f.key);
    if (f.group && !mappedGroups.has(f.group) && !reported.has(f.group)) {
      reported.add(f.group);
      missing.push(f.key);
    }
  }
  return missing;
}

/** The other fields of a field's group ("or …"), for messages. */
export const alternativesOf = (fields: ImportPreview['fields'], key: string) => {
  const group = fields.find((f) => f.key === key)?.group;
  return group ? fields.filter((f) => f.group === group && f.key !== key) : [];
};

/** What `POST /imports` takes: every column by its header, with its field or null (ignored). */
export const mappingBody = (columns: ImportPreview['columns'], mapping: ColumnMapping) =>
  columns.filter((c) => c.header !== '').map((c) => ({ header: c.header, field: mapping[c.index] ?? null }));

export const hasAllowedExtension = (name: string) => /\.(xlsx|csv)$/i.test(name);

/** A progress bar's percentage: known totals only, and never 100 before the job says it is done. */
export function percentOf(progress: { done: number; total?: number } | null | undefined): number | null {
  if (!progress?.total) return null;
  return Math.min(99, Math.floor((progress.done / progress.total) * 100));
}
