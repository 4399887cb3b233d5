// Files from the API: exports, reports and templates are fetched (not followed as plain links) so that
// Accept-Language picks the language of their headers and an error response can be shown as one,
// then saved under the name the server gives.
import { API_BASE, buildQuery, currentLanguage, type QueryParams } from './client.ts';
import { ApiError, NETWORK_ERROR, parseErrorBody, UNEXPECTED_RESPONSE } from './errors.ts';

/** A failed response as the ApiError its body states (or UNEXPECTED_RESPONSE when it states none). */
export async function responseError(response: Response): Promise<ApiError> {
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

/** Saves a URL (object or data URL) under a file name through a temporary link. */
export function saveFile(url: string, name: string, revoke = false): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a file from the API and saves it, named as the server says (else `fallback`). */
export async function downloadFile(path: string, query: QueryParams, fallback: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(query)}`, {
      headers: { 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '');
  }
  if (!response.ok) throw await responseError(response);
  const blob = await response.blob();
  saveFile(
    URL.createObjectURL(blob),
    attachmentName(response.headers.get('content-disposition'), fallback),
    true,
  );
}
