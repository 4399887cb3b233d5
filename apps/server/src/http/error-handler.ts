import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { en, zhCN } from 'zod/locales';
import type { $ZodRawIssue } from 'zod/v4/core';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldIssue } from './errors.ts';
import { fieldMessageFor, messageFor, type Lang } from './messages.ts';

const zodLocales = { 'zh-CN': zhCN().localeError, en: en().localeError };

/** Re-words a validation issue in the request's language (zod validated before the language was known). */
function localise(lang: Lang, issue: { keyword: string; message?: string; params: Record<string, unknown> }) {
  try {
    const raw = { code: issue.keyword, ...issue.params } as unknown as $ZodRawIssue;
    const text = zodLocales[lang](raw);
    return typeof text === 'string' ? text : (text?.message ?? issue.message ?? '');
  } catch {
    return issue.message ?? '';
  }
}

/** Service-raised field issues (FieldIssue) get their message in the request's language here. */
function localiseFieldIssues(details: unknown, lang: Lang): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: FieldIssue) =>
    d && typeof d === 'object' && 'code' in d && !('message' in d)
      ? { in: d.in, path: d.path, code: d.code, message: fieldMessageFor(d.code, lang, d.params) }
      : d,
  );
}

export function sendError(
  reply: FastifyReply,
  lang: Lang,
  code: ErrorCode,
  params?: Record<string, string | number>,
  details?: unknown,
) {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code, message: messageFor(code, lang, params) },
  };
  if (details !== undefined) body.error.details = details;
  return reply.status(ERROR_STATUS[code]).send(body);
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = request.lang;
    if (err instanceof AppError) {
      if (err.code === 'TOO_MANY_ATTEMPTS' && err.params.seconds)
        reply.header('retry-after', String(err.params.seconds));
      return sendError(reply, lang, err.code, err.params, localiseFieldIssues(err.details, lang));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.flatMap((v) => {
        const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const message = localise(lang, v as never);
        const detail = (path: string) => ({
          in: err.validationContext ?? 'body',
          path,
          code: v.keyword,
          message,
        });
        // An unknown field is reported at its own path, so a form can point at it.
        const keys = v.keyword === 'unrecognized_keys' ? (v.params.keys as string[] | undefined) : undefined;
        return keys?.length ? keys.map((k) => detail(base ? `${base}.${k}` : k)) : [detail(base)];
      });
      return sendError(reply, lang, 'VALIDATION_FAILED', {}, details);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, lang, 'PAYLOAD_TOO_LARGE');
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, lang, 'UNSUPPORTED_MEDIA_TYPE');
    if (err.statusCode === 400 || err.code?.startsWith('FST_ERR_CTP')) {
      return sendError(reply, lang, 'BAD_REQUEST', {}, [{ message: err.message }]);
    }
    if (err.statusCode === 429) return sendError(reply, lang, 'TOO_MANY_ATTEMPTS', { seconds: 60 });
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, lang, 'INTERNAL');
  });
}
