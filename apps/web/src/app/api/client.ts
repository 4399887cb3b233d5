import type { CSRF_HEADER } from '@stratum/contracts';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE, parseErrorBody } from './errors.ts';

export const API_BASE = '/api/v1';
const CSRF_HEADER_NAME: typeof CSRF_HEADER = 'x-csrf-token';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The CSRF token lives only in memory; it comes from login/setup and `GET /auth/me` on every app load. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Returns the UI language sent as `Accept-Language` so server messages come back in it. */
let languageSource: () => string = () => 'en';
export function setLanguageSource(source: () => string): void {
  languageSource = source;
}
/** The UI language, as sent in `Accept-Language` (for requests made outside `request`, e.g. downloads). */
export function currentLanguage(): string {
  return languageSource();
}

/** Headers for a write sent outside `request` (a raw file upload): the language and the CSRF token. */
export function writeHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': languageSource() };
  if (csrfToken) headers[CSRF_HEADER_NAME] = csrfToken;
  return headers;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export function buildQuery(params?: QueryParams): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': languageSource(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITE_METHODS.has(method) && csrfToken) headers[CSRF_HEADER_NAME] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK_ERROR, '');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const body = parseErrorBody(data);
    if (body) throw new ApiError(response.status, body.code, body.message, body.details);
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, '');
  }
  if (data === undefined && text) throw new ApiError(response.status, UNEXPECTED_RESPONSE, '');
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
