import type { ErrorBody } from '@stratum/contracts';

/** An error answered by the API (`{"error":{"code","message","details"}}`) or a failed request. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Codes the client produces itself when there is no usable error body. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

export function parseErrorBody(value: unknown): ErrorBody['error'] | null {
  if (typeof value !== 'object' || value === null || !('error' in value)) return null;
  const error = (value as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code, message, details };
}

export interface FieldIssue {
  /** Form field name path, e.g. `['email']` or `['address', 'city']`. */
  name: (string | number)[];
  message: string;
}

/**
 * `VALIDATION_FAILED` details are `[{path: 'a.b', message}]`: turns them into form field paths.
 * Issues without a path (whole-body problems) come back with an empty `name`.
 */
export function validationIssues(err: unknown): FieldIssue[] {
  if (!isApiError(err, 'VALIDATION_FAILED') || !Array.isArray(err.details)) return [];
  const issues: FieldIssue[] = [];
  for (const item of err.details as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message } = item as Record<string, unknown>;
    if (typeof message !== 'string') continue;
    const name =
      typeof path === 'string' && path !== ''
        ? path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))
        : [];
    issues.push({ name, message });
  }
  return issues;
}

/** The current record a 409 `VERSION_CONFLICT` carries in `details.current`, if any. */
export function conflictCurrent<T>(err: unknown): T | null {
  if (!isApiError(err, 'VERSION_CONFLICT')) return null;
  const details = err.details;
  if (typeof details !== 'object' || details === null || !('current' in details)) return null;
  return (details as { current: T }).current;
}
