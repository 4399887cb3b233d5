import {
  ErrorReportQuery,
  ImportKind,
  ImportPreview,
  ImportUpload,
  PreviewQuery,
  StartImportBody,
  StartImportResponse,
  TemplateQuery,
  UploadQuery,
} from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import { ctx } from '../../http/auth-hook.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import type { Lang } from '../../http/messages.ts';
import { errorResponses, IdParams, typed, type RouteDeps } from '../../http/route-kit.ts';
import { enqueueJob, jobsService } from '../jobs/index.ts';
import { sendDownload } from '../exports/download.ts';
import { errorReportStream } from './error-report.ts';
import { fileErrorMessage, IMPORT_JOB, type ImportJobPayload } from './imports.jobs.ts';
import { FIELDS, mapHeaders, MappingError, type ImportKind as Kind } from './mapping.ts';
import { FileError } from './parsers.ts';
import { previewUpload } from './preview.ts';
import { fieldLabel, TEMPLATE_COLUMNS, templateCsv, templateFileName, templateXlsx } from './templates.ts';
import {
  configureUploads,
  reportPath,
  saveUpload,
  uploadForActor,
  uploadStore,
  type UploadMeta,
} from './uploads.ts';

const importLang = (lang: Lang) => (lang === 'en' ? 'en' : 'zh') as 'en' | 'zh';

const toUpload = (m: UploadMeta): ImportUpload => ({
  id: m.id,
  filename: m.filename,
  size: m.size,
  format: m.format,
  createdAt: m.createdAt,
  expiresAt: m.expiresAt,
});

/** A file problem as the API states it: which sheet is missing, or why the file cannot be read. */
function fileProblem(err: unknown, lang: Lang): never {
  if (err instanceof FileError) {
    if (err.code === 'SHEET_NOT_FOUND')
      throw invalidField({ in: 'querystring', path: 'sheet', code: 'not_found' });
    throw new AppError(
      'INVALID_FILE',
      {},
      { reason: err.code, message: fileErrorMessage(err, importLang(lang)) },
    );
  }
  throw err;
}

/** The fields of a kind, labelled in the request's language. */
const fieldsOf = (kind: Kind, lang: Lang) =>
  FIELDS[kind].map((f) => ({
    key: f.key,
    label: fieldLabel(kind, f.key, lang),
    required: !!f.required,
    group: f.oneOf ?? null,
    options: TEMPLATE_COLUMNS[kind][f.key]?.options?.[lang]?.slice() ?? null,
  }));

/** A missing field as people read it: "客户编号（或 客户电话、客户邮箱）" for one of a group. */
function describeMissing(kind: Kind, key: string, lang: Lang) {
  const group = FIELDS[kind].find((f) => f.key === key)?.oneOf;
  const others = group ? FIELDS[kind].filter((f) => f.oneOf === group && f.key !== key) : [];
  const label = fieldLabel(kind, key, lang);
  if (others.length === 0) return label;
  const rest = others.map((f) => fieldLabel(kind, f.key, lang));
  return lang === 'en' ? `${label} (or ${rest.join(', ')})` : `${label}（或 ${rest.join('、')}）`;
}

/** "HEADER=field" overrides (the CLI's --map) from the wizard's column list, checked against the kind. */
function overridesOf(kind: Kind, mapping: { header: string; field: string | null }[] = []) {
  const keys = new Set(FIELDS[kind].map((f) => f.key));
  return mapping.map((m, i) => {
    if (m.field !== null && !keys.has(m.field))
      throw invalidField({ in: 'body', path: `mapping.${i}.field`, code: 'unknown_field' });
    return `${m.header}=${m.field ?? '-'}`;
  });
}

async function startImport(
  db: RouteDeps['db'],
  actor: Actor,
  lang: Lang,
  body: z.output<typeof StartImportBody>,
) {
  const upload = await uploadForActor(uploadStore(), actor, body.uploadId);
  const map = overridesOf(body.kind, body.mapping);
  if (body.timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: body.timeZone });
    } catch {
      throw invalidField({
        in: 'body',
        path: 'timeZone',
        code: 'not_an_option',
        params: { options: 'IANA' },
      });
    }
  }
  // The header is read now, so a missing required column is a 400 here, not a failed job later.
  const preview = await previewUpload(upload.path, upload.meta.format, body.kind, body.sheet, 0).catch(
    (err: unknown) => fileProblem(err, lang),
  );
  let missing: string[];
  try {
    missing = mapHeaders(
      body.kind,
      preview.columns.map((c) => c.header),
      map,
    ).missing;
  } catch (err) {
    if (err instanceof MappingError)
      throw invalidField({ in: 'body', path: 'mapping', code: 'unknown_field' });
    throw err;
  }
  if (missing.length > 0) {
    throw new AppError(
      'IMPORT_MAPPING_INVALID',
      { fields: missing.map((f) => describeMissing(body.kind, f, lang)).join(lang === 'en' ? ', ' : '、') },
      { missing },
    );
  }
  const payload: ImportJobPayload = {
    uploadId: upload.meta.id,
    filename: upload.meta.filename,
    kind: body.kind,
    sheet: preview.sheet ?? undefined,
    map,
    onDuplicate: body.onDuplicate,
    dryRun: body.dryRun,
    createCustomers: body.createCustomers,
    cancelPrefix: body.cancelPrefix,
    timeZone: body.timeZone,
    lang: importLang(lang),
  };
  const jobId = await enqueueJob(db, {
    workspaceId: actor.workspaceId,
    kind: IMPORT_JOB,
    payload,
    createdBy: actor.userId,
  });
  return { jobId: jobId! };
}

export function importsRoutes(app: FastifyInstance, { db, config }: RouteDeps) {
  configureUploads({
    dataDir: config.dataDir,
    limitBytes: config.uploadLimitMb * 1024 * 1024,
    ttlMs: config.uploadTtlHours * 3_600_000,
  });
  // Uploads arrive as the raw body and are streamed to disk by the handler (no body limit of Fastify's:
  // the upload's own limit applies while streaming).
  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  }
  const r = typed(app);
  const tags = ['imports'];

  r.post('/api/v1/imports/uploads', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: `Upload an .xlsx or .csv to import (raw application/octet-stream body, at most STRATUM_UPLOAD_LIMIT_MB); kept until imported or expired`,
      querystring: UploadQuery,
      response: { 201: ImportUpload, ...errorResponses, 413: errorResponses[400] },
    },
    handler: async (request, reply) => {
      const { actor } = ctx(request);
      if (!request.body) throw new AppError('INVALID_FILE', {}, { reason: 'EMPTY_FILE' });
      const meta = await saveUpload(uploadStore(), actor, request.query.filename, request.body as Readable);
      return reply.status(201).send(toUpload(meta));
    },
  });

  r.get('/api/v1/imports/uploads/:id/preview', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Sheets, header, automatic column mapping and the first 20 rows of an upload',
      params: IdParams,
      querystring: PreviewQuery,
      response: { 200: ImportPreview, ...errorResponses },
    },
    handler: async (request) => {
      const { actor } = ctx(request);
      const { kind, sheet } = request.query;
      const upload = await uploadForActor(uploadStore(), actor, request.params.id);
      const preview = await previewUpload(upload.path, upload.meta.format, kind, sheet, 20).catch(
        (err: unknown) => fileProblem(err, request.lang),
      );
      return { ...preview, fields: fieldsOf(kind, request.lang) };
    },
  });

  r.post('/api/v1/imports', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary:
        'Start an import (or a dry run) of an upload as a background job; poll GET /jobs/{jobId} for progress and the result',
      body: StartImportBody,
      response: { 202: StartImportResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { actor } = ctx(request);
      return reply.status(202).send(await startImport(db, actor, request.lang, request.body));
    },
  });

  r.get('/api/v1/imports/:id/error-report', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'The failed rows of an import job as in the file, plus the error (xlsx or csv)',
      params: IdParams,
      querystring: ErrorReportQuery,
    },
    handler: async (request, reply) => {
      const { actor } = ctx(request);
      const job = await jobsService.get(db, actor, request.params.id, IMPORT_JOB);
      const path = reportPath(uploadStore(), actor.workspaceId, job.id);
      if (!(await stat(path).catch(() => null))) throw notFound('error report');
      const { format } = request.query;
      const stream = await errorReportStream(path, format, request.lang);
      const name = `${request.lang === 'en' ? 'import-errors' : '导入错误报告'}-${job.id.slice(0, 8)}.${format}`;
      return sendDownload(reply, format, stream, name, `import-errors-${job.id.slice(0, 8)}.${format}`);
    },
  });

  r.get('/api/v1/imports/templates/:kind', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary:
        'An import template: headers in the language, an example row, drop-down lists for enumerations (xlsx)',
      params: z.strictObject({ kind: ImportKind }),
      querystring: TemplateQuery,
    },
    handler: async (request, reply) => {
      const { kind } = request.params;
      const lang = request.query.lang ?? request.lang;
      const { format } = request.query;
      return sendDownload(
        reply,
        format,
        format === 'csv' ? templateCsv(kind, lang) : await templateXlsx(kind, lang),
        templateFileName(kind, lang, format),
        `stratum-${kind}-template.${format}`,
      );
    },
  });
}
