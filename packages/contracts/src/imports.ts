import { z } from 'zod';
import { Id } from './common.ts';

export const ImportKind = z.enum(['customers', 'contacts', 'orders', 'followups']);
export type ImportKind = z.infer<typeof ImportKind>;
export const DuplicatePolicy = z.enum(['skip', 'update', 'create']);
export type DuplicatePolicy = z.infer<typeof DuplicatePolicy>;

/** `POST /imports/uploads?filename=…` with the file as the raw `application/octet-stream` body. */
export const UploadQuery = z.strictObject({ filename: z.string().trim().min(1).max(255) });

export const ImportUpload = z.object({
  id: Id,
  filename: z.string(),
  size: z.number().int(),
  format: z.enum(['xlsx', 'csv']),
  createdAt: z.string(),
  /** Unused uploads are deleted after this. */
  expiresAt: z.string(),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const PreviewQuery = z.strictObject({
  kind: ImportKind,
  /** Sheet name or 1-based number (default: the first). */
  sheet: z.string().max(255).optional(),
});

/** A cell as the preview shows it: text, number, boolean, or an Excel date as `YYYY-MM-DD[ HH:mm:ss]`. */
export const PreviewCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type PreviewCell = z.infer<typeof PreviewCell>;

export const ImportField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  /** Fields of one group are alternatives: at least one of them needs a column (e.g. `customer`). */
  group: z.string().nullable(),
  /** Accepted values of an enumeration (in the request's language), for hints. */
  options: z.array(z.string()).nullable(),
});
export type ImportField = z.infer<typeof ImportField>;

export const ImportPreview = z.object({
  /** The workbook's sheets (empty for CSV). */
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int().nullable() })),
  sheet: z.string().nullable(),
  /** Each column of the header row with the field it is mapped to automatically (null: not used). */
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), field: z.string().nullable() })),
  /** The kind's fields, in order. */
  fields: z.array(ImportField),
  /** Required fields no column feeds. */
  missing: z.array(z.string()),
  /** The header's row number and the first data rows (at most 20), cells by column index. */
  headerRow: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(PreviewCell) })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const StartImportBody = z.strictObject({
  uploadId: Id,
  kind: ImportKind,
  sheet: z.string().max(255).optional(),
  /**
   * Column → field, by header text as in the file (what the preview returned); `field: null` ignores the
   * column. Columns not listed keep their automatic mapping.
   */
  mapping: z
    .array(z.strictObject({ header: z.string().max(1000), field: z.string().max(64).nullable() }))
    .max(16_384)
    .optional(),
  onDuplicate: DuplicatePolicy.default('skip'),
  /** Validate and report, write nothing. */
  dryRun: z.boolean().default(false),
  /** Orders, contacts, follow-ups: create customers for unknown customer external ids. */
  createCustomers: z.boolean().default(false),
  /** Orders: an order number starting with this is a cancellation (e.g. `C`). */
  cancelPrefix: z.string().trim().min(1).max(20).optional(),
  /** IANA zone of dates without one in the file (default: the workspace's). */
  timeZone: z.string().max(64).optional(),
});
export type StartImportBody = z.input<typeof StartImportBody>;

export const StartImportResponse = z.object({ jobId: Id });

export const ImportRowError = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** The result of an `import` job (`GET /jobs/{id}` → `result`). */
export const ImportJobResult = z.object({
  kind: ImportKind,
  filename: z.string(),
  dryRun: z.boolean(),
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** The first errors (by row); `errorCount` says how many there are; the error report has them all. */
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  /** `GET /imports/{jobId}/error-report` has the failed rows. */
  errorReport: z.boolean(),
  stats: z.object({
    rows: z.number().int(),
    orders: z
      .object({
        inserted: z.number().int(),
        updated: z.number().int(),
        skipped: z.number().int(),
        failed: z.number().int(),
        lines: z.number().int(),
      })
      .optional(),
    customersCreated: z.number().int(),
    unmappedColumns: z.array(z.string()),
    durationMs: z.number(),
  }),
});
export type ImportJobResult = z.infer<typeof ImportJobResult>;

export const TemplateQuery = z.strictObject({
  lang: z.enum(['zh-CN', 'en']).optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export const ErrorReportQuery = z.strictObject({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
