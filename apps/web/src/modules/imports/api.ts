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
import { api, API_BASE, buildQuery, writeHeaders } from '../../app/api/client.ts';
import { downloadFile, responseError } from '../../app/api/download.ts';
import { ApiError, NETWORK_ERROR } from '../../app/api/errors.ts';

export type { ImportKind, ImportPreview, ImportUpload, ImportJobResult, JobProgress };
export const IMPORT_KINDS: ImportKind[] = ['customers', 'contacts', 'orders', 'followups'];
export type ImportJob = Omit<Job, 'result'> & { result: ImportJobResult | null };

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
    if (!response.ok) throw await responseError(response);
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
    downloadFile(`/imports/templates/${kind}`, { lang, format }, `${kind}-template.${format}`),
  errorReport: (jobId: string, format: 'xlsx' | 'csv') =>
    downloadFile(`/imports/${jobId}/error-report`, { format }, `import-errors.${format}`),
};
