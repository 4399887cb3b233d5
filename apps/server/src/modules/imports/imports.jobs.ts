// The `import` job: runs importsService on an uploaded file as the user who started it (their data scope
// applies and they own what it creates), reports progress, keeps the failed rows for the error report,
// and deletes the upload once a real (not dry) run has committed.
//
// A real run records the job's success (its result) inside the import's own transaction: the imported
// rows and "this job is done" commit together, so a process that dies after the commit — before the
// error report is written or the worker's bookkeeping — leaves a finished job that no later attempt runs
// again (a retried `create` import would otherwise insert its contacts and follow-ups twice). A run that
// dies before the commit left nothing behind, and its retry imports the file whole.
import type { ImportJobResult } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { defineJob, JOB_RETENTION_DAYS, PermanentJobError, registerSchedule } from '../jobs/index.ts';
import { writeErrorRows } from './error-report.ts';
import { importsService } from './imports.service.ts';
import { MappingError, type ImportKind } from './mapping.ts';
import { FileError } from './parsers.ts';
import type { DuplicatePolicy, ImportResult, Lang } from './report.ts';
import { cleanupUploads, deleteUpload, findUpload, reportPath, uploadStore } from './uploads.ts';
import { listSheets } from './xlsx-sheets.ts';
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';

export const IMPORT_JOB = 'import';
/** Errors kept in the job's result; the error report has every failed row. */
export const RESULT_ERRORS = 200;

export interface ImportJobPayload {
  uploadId: string;
  filename: string;
  kind: ImportKind;
  sheet?: string | undefined;
  map: string[];
  onDuplicate: DuplicatePolicy;
  dryRun: boolean;
  createCustomers: boolean;
  cancelPrefix?: string | undefined;
  timeZone?: string | undefined;
  lang: Lang;
}

// Partial: a reader may learn new refusals; their English message stands in until they are worded here.
const FILE_MESSAGES: Partial<Record<FileError['code'], Record<Lang, string>>> = {
  UNREADABLE_FILE: { zh: '文件无法读取或已损坏', en: 'The file cannot be read or is damaged' },
  SHEET_NOT_FOUND: { zh: '工作簿中没有所选的工作表', en: 'The workbook has no such sheet' },
  CELL_TOO_LARGE: {
    zh: '有单元格超过 32,767 个字符（Excel 的上限）',
    en: 'A cell holds more than 32,767 characters (Excel’s limit)',
  },
  TOO_MANY_ROWS: { zh: '行数超过 1,048,576（Excel 的上限）', en: 'More than 1,048,576 rows (Excel’s limit)' },
  TOO_MANY_COLUMNS: { zh: '列数超过 16,384（Excel 的上限）', en: 'More than 16,384 columns (Excel’s limit)' },
  EMPTY_FILE: { zh: '文件是空的（没有标题行）', en: 'The file is empty (no header row)' },
  ZIP_BOMB: {
    zh: '工作簿解压后异常巨大（疑似恶意文件），已拒绝',
    en: 'The workbook expands to an abnormal size (possibly malicious) and was refused',
  },
  SHARED_STRINGS_TOO_LARGE: {
    zh: '工作簿的共享文本过大，请另存为 .csv 后再导入',
    en: 'The workbook’s shared text is too large; save it as .csv and import that',
  },
  UNSUPPORTED_FORMAT: {
    zh: '不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv',
    en: 'Old .xls workbooks are not supported; save as .xlsx or .csv',
  },
};
export const fileErrorMessage = (err: FileError, lang: Lang) =>
  FILE_MESSAGES[err.code]?.[lang] ?? err.message;

/** The user a job acts as, with their current role and team; null when they were disabled since. */
async function actorOf(db: Db, workspaceId: string, userId: string): Promise<Actor | null> {
  const { rows } = await db.execute<{ name: string; role: Actor['role']; teamId: string | null }>(
    sql`SELECT name, role, team_id AS "teamId" FROM users
        WHERE workspace_id = ${workspaceId} AND id = ${userId} AND disabled_at IS NULL`,
  );
  const u = rows[0];
  if (!u) return null;
  return {
    kind: 'user',
    workspaceId,
    userId,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    apiKeyId: null,
    apiKeyName: null,
    sessionId: null,
    csrfToken: null,
  };
}

/** How many rows the file has, when cheap to tell: a CSV's line count, or a sheet's declared size. */
async function estimateRows(path: string, format: 'xlsx' | 'csv', sheet: string | undefined) {
  if (format === 'xlsx') {
    const sheets = await listSheets(path);
    const s =
      sheet === undefined ? sheets[0] : (sheets.find((x) => x.name === sheet) ?? sheets[Number(sheet) - 1]);
    return s?.rows ? s.rows - 1 : undefined;
  }
  const info = await stat(path);
  if (info.size > 512 * 1024 * 1024) return undefined;
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return Math.max(0, lines - 1);
}

/** What the job records as its result. */
function jobResult(p: ImportJobPayload, result: ImportResult): ImportJobResult {
  const s = result.stats;
  return {
    kind: p.kind,
    filename: p.filename,
    dryRun: p.dryRun,
    inserted: result.inserted,
    updated: result.updated,
    skipped: result.skipped,
    failed: result.failed,
    errors: result.errors.slice(0, RESULT_ERRORS),
    errorCount: result.errors.length,
    errorReport: result.errors.length > 0,
    stats: {
      rows: s.rows,
      ...(s.orders ? { orders: s.orders } : {}),
      customersCreated: s.customersCreated,
      unmappedColumns: s.unmappedColumns,
      durationMs: s.durationMs,
    },
  };
}

defineJob<ImportJobPayload>(
  IMPORT_JOB,
  async ({ db, job, progress, signal, complete }): Promise<ImportJobResult> => {
    const p = job.payload;
    const lang = p.lang;
    const store = uploadStore();
    const actor = job.createdBy ? await actorOf(db, job.workspaceId, job.createdBy) : null;
    if (!actor) {
      throw new PermanentJobError(
        'USER_DISABLED',
        lang === 'en' ? 'The user who started the import is disabled' : '发起导入的用户已停用',
      );
    }
    let upload;
    try {
      upload = await findUpload(store, job.workspaceId, actor.userId, p.uploadId);
    } catch {
      throw new PermanentJobError(
        'UPLOAD_EXPIRED',
        lang === 'en' ? 'The uploaded file has expired; upload it again' : '上传的文件已过期，请重新上传',
      );
    }
    const total = await estimateRows(upload.path, upload.meta.format, p.sheet).catch(() => undefined);
    await progress({ done: 0, ...(total ? { total } : {}), phase: 'read' });
    let result: ImportResult;
    let committed: ImportJobResult | undefined;
    let read = 0; // rows read: the progress count stays there through the write steps
    try {
      result = await importsService.run(
        db,
        { actor, ip: null },
        {
          kind: p.kind,
          file: upload.path,
          sheet: p.sheet,
          map: p.map,
          onDuplicate: p.onDuplicate,
          dryRun: p.dryRun,
          createCustomers: p.createCustomers,
          cancelPrefix: p.cancelPrefix,
          timeZone: p.timeZone,
          lang,
          onProgress: (x) => {
            // Reading is the long part and still rolls back cleanly: stop there when asked to.
            if (x.phase === 'read' && signal.aborted) throw signal.reason as Error;
            read = Math.max(read, x.rows);
            void progress({
              done: read,
              ...(total ? { total: Math.max(total, read) } : {}),
              phase: x.phase === 'read' ? 'read' : (x.step ?? 'write'),
            });
          },
          beforeCommit: async (tx, r) => {
            committed = jobResult(p, r);
            await complete(tx, committed);
          },
        },
      );
    } catch (err) {
      if (err instanceof FileError)
        throw new PermanentJobError(`FILE_${err.code}`, fileErrorMessage(err, lang));
      if (err instanceof MappingError) throw new PermanentJobError('IMPORT_MAPPING_INVALID', err.message);
      if (err instanceof RangeError) throw new PermanentJobError('INVALID_TIME_ZONE', err.message);
      throw err;
    }
    if (result.errors.length > 0) {
      await writeErrorRows(upload.path, p.sheet, result.errors, reportPath(store, job.workspaceId, job.id));
    }
    if (!p.dryRun) await deleteUpload(store, upload.meta);
    return committed ?? jobResult(p, result);
  },
  // A killed import rolled back, or committed together with the job's success: one more attempt is safe.
  // Bad files fail at once (PermanentJobError).
  { maxAttempts: 2 },
);

/** Hourly: expired uploads and old error reports go (every instance may run it; deleting is idempotent). */
registerSchedule({
  name: 'imports.cleanup-uploads',
  cron: '23 * * * *',
  run: async (_db, now) => {
    await cleanupUploads(uploadStore(), now, JOB_RETENTION_DAYS);
  },
});
