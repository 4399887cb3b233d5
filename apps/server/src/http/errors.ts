/**
 * The one error type. A service throws `new AppError('EMAIL_TAKEN')`; the error handler maps the code to
 * its HTTP status and to a message in the request's language (messages.ts).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_REFERENCE: 400,
  INVALID_CURRENT_PASSWORD: 400,
  CANNOT_CHANGE_SELF: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  USER_DISABLED: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  EMAIL_TAKEN: 409,
  TEAM_NAME_TAKEN: 409,
  TEAM_NOT_EMPTY: 409,
  SETUP_ALREADY_DONE: 409,
  STAGE_IN_USE: 409,
  PIPELINE_IN_USE: 409,
  RULE_REFERENCED: 409,
  SCHEME_BUILT_IN: 400,
  SEGMENT_NOT_STATIC: 400,
  CLUSTERS_TOO_FEW_CUSTOMERS: 400,
  CLUSTERS_CHANGED: 409,
  NPS_ALREADY_ANSWERED: 409,
  NPS_SURVEY_EXPIRED: 410,
  NPS_SURVEY_REVOKED: 410,
  INVALID_FILE: 400,
  IMPORT_MAPPING_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  UPLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Values for the message template ({field}, {seconds}, …) and for the client. */
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', { entity });

/** One invalid field, in the same shape as schema validation errors. The handler words `message`. */
export interface FieldIssue {
  in: 'body' | 'querystring' | 'params';
  path: string;
  code: FieldIssueCode;
  params?: Record<string, string | number>;
}
export type FieldIssueCode =
  | 'not_found'
  | 'invalid_sort'
  | 'not_in_future'
  | 'unknown_field'
  | 'expected_number'
  | 'expected_date'
  | 'expected_text'
  | 'not_an_option'
  | 'required'
  | 'invalid_rule'
  | 'amount_mismatch'
  | 'not_allowed_owner'
  | 'other_customer'
  | 'invalid_stages'
  | 'other_pipeline'
  | 'not_open_stage'
  | 'duplicate'
  | 'segment_cycle'
  | 'invalid_config';

export const invalidField = (issue: FieldIssue) => new AppError('VALIDATION_FAILED', {}, [issue]);
export const invalidReference = (field: string) =>
  new AppError('INVALID_REFERENCE', { field }, [
    { in: 'body', path: field, code: 'not_found' } satisfies FieldIssue,
  ]);
