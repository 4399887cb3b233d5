import type { FieldIssue } from '../../http/errors.ts';
import { AppError } from '../../http/errors.ts';
import type { CustomFieldRow } from './custom-fields.repository.ts';

type Value = string | number | string[] | null;

/**
 * Checks custom field values against the workspace's definitions: unknown keys, wrong types, options
 * not on the list and (on create) missing required fields are field errors; nothing unchecked is stored.
 */
export function validateCustomFieldValues(
  defs: readonly CustomFieldRow[],
  values: Record<string, Value>,
  opts: { creating: boolean; existing?: Record<string, unknown> },
): Record<string, Value> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: FieldIssue[] = [];
  const issue = (key: string, code: FieldIssue['code'], params?: Record<string, string | number>) =>
    issues.push({ in: 'body', path: `customFields.${key}`, code, ...(params ? { params } : {}) });

  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      issue(key, 'unknown_field');
      continue;
    }
    if (value === null || value === '') continue;
    const options = def.options as string[];
    switch (def.type) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) issue(key, 'expected_number');
        break;
      case 'date':
        if (
          typeof value !== 'string' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
          Number.isNaN(Date.parse(value))
        ) {
          issue(key, 'expected_date');
        }
        break;
      case 'single_select':
        if (typeof value !== 'string' || !options.includes(value))
          issue(key, 'not_an_option', { options: options.join(', ') });
        break;
      case 'multi_select':
        if (!Array.isArray(value) || value.some((v) => !options.includes(v))) {
          issue(key, 'not_an_option', { options: options.join(', ') });
        }
        break;
      default:
        if (typeof value !== 'string' || value.length > 2000) issue(key, 'expected_text');
    }
  }
  const merged = { ...(opts.existing ?? {}), ...values };
  for (const def of defs) {
    const v = merged[def.key];
    if (def.required && (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))) {
      if (opts.creating || def.key in values) issue(def.key, 'required');
    }
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', {}, issues);
  // Empty values are removed rather than stored as null.
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null && v !== '')) as Record<
    string,
    Value
  >;
}
