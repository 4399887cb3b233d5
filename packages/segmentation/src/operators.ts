/**
 * The rule language's operators. No dependencies, so the web app can share the list
 * (`@stratum/segmentation/operators`) without bundling the compiler or zod.
 */
export const OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'is_empty',
  'is_not_empty',
  'in_last_days',
  'more_than_days_ago',
  'has_any',
  'has_all',
  'has_none',
] as const;
export type Operator = (typeof OPERATORS)[number];
