import type {
  Page,
  ImportKind,
  ImportPreview,
  ImportUpload,
  Job,
  JobProgress,
  ImportJobResult,
  StartImportBody,
} from '@stratum/contracts';
import { api, API_BASE, buildQuery, currentLanguage, writeHeaders } from '../../app/api/client.ts';
import type { QueryParams } from '../../app/api/client.ts';
import { ApiError, NETWORK_ERROR, parseErrorBody, UNEXPECTED_RESPONSE } from '../../app/api/errors.ts';

export type { ImportKind, ImportPreview, ImportUpload, ImportJobResult, JobProgress };
export const IMPORT_KINDS: ImportKind[] = ['customers', 'contacts', 'orders', 'followups'];
export type ImportJob = Omit<Job, 'result'> & { result: ImportJobResult | null };

async function failure(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = parseErrorBody(body);
  return error
    ? new ApiError(response.status, error.code, error.message, error.details)
    : new ApiError(response.status, UNEXPECTED_RESPONSE, '');
}

/** The file name a download announces (RFC 6266 `filename*` first, it carries Chinese names). */
export function attachmentName(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* a malformed name: use the plain one */
    }
  }
  return /filename="?([^";]+)"?/.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Fetches a file (so Accept-Language applies and errors can be shown) and saves it. */
async function download(path: string, query: QueryParams, fallback: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(query)}`, {
      headers: { 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '');
  }
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(response.headers.get('content-disposition'), fallback);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const importsApi = {
  /** Sends the file as the raw body (streamed to disk by the server, checked against its size limit). */
  upload: async (file: File): Promise<ImportUpload> => {
    let response: Response;
    try {
      response = await fetch(`${API_BASE}/imports/uploads${buildQuery({ filename: file.name })}`, {
        method: 'POST',
        headers: {
          ...writeHeaders(),
          Accept: 'application/json',
          'Content-Type': 'application/octet-stream',
        },
        body: file,
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR, '');
    }
    if (!response.ok) throw await failure(response);
    return (await response.json()) as ImportUpload;
  },
  preview: (uploadId: string, kind: ImportKind, sheet: string | undefined, signal?: AbortSignal) =>
    api.get<ImportPreview>(`/imports/uploads/${uploadId}/preview`, { kind, sheet }, signal),
  start: (body: StartImportBody) => api.post<{ jobId: string }>('/imports', body),
  job: (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/jobs/${id}`, undefined, signal),
  /** The caller's latest import jobs, newest first. */
  recent: (signal?: AbortSignal) =>
    api.get<Page<ImportJob>>('/jobs', { kind: 'import', pageSize: 8 }, signal),
  template: (kind: ImportKind, lang: string, format: 'xlsx' | 'csv') =>
    download(`/imports/templates/${kind}`, { lang, format }, `${kind}-template.${format}`),
  errorReport: (jobId: string, format: 'xlsx' | 'csv') =>
    download(`/imports/${jobId}/error-report`, { format }, `import-errors.${format}`),
};
