import type {
  CreatedNpsSurvey,
  CreateNpsSurveyBody,
  NpsAnswerBody,
  NpsResults,
  NpsSurvey,
  NpsSurveyList,
  PublicNpsSurvey,
} from '@stratum/contracts';
import { API_BASE, api, buildQuery, currentLanguage } from '../../app/api/client.ts';
import { ApiError, NETWORK_ERROR, parseErrorBody, UNEXPECTED_RESPONSE } from '../../app/api/errors.ts';
import type { DashboardFilters } from '../analytics/api-dashboards.ts';
import { saveFile } from '../analytics/api-dashboards.ts';

export type NpsParams = DashboardFilters & { scheme?: string };

export const npsApi = {
  list: (customerId: string, signal?: AbortSignal) =>
    api.get<NpsSurveyList>(`/customers/${customerId}/nps-surveys`, undefined, signal),
  create: (customerId: string, body: CreateNpsSurveyBody) =>
    api.post<CreatedNpsSurvey>(`/customers/${customerId}/nps-surveys`, body),
  revoke: (customerId: string, surveyId: string) =>
    api.post<NpsSurvey>(`/customers/${customerId}/nps-surveys/${surveyId}/revoke`),

  /** The public page (no session needed). */
  publicSurvey: (token: string, signal?: AbortSignal) =>
    api.get<PublicNpsSurvey>(`/public/nps/${encodeURIComponent(token)}`, undefined, signal),
  answer: (token: string, body: NpsAnswerBody) =>
    api.post<void>(`/public/nps/${encodeURIComponent(token)}`, body),

  results: (params: NpsParams, signal?: AbortSignal) =>
    api.get<NpsResults>('/analytics/nps', { ...params }, signal),

  /** Downloads the figures as xlsx (server-built with the page's query, headers in the UI language). */
  exportXlsx: async (params: NpsParams): Promise<void> => {
    let response: Response;
    try {
      response = await fetch(`${API_BASE}/analytics/nps/export${buildQuery({ ...params, format: 'xlsx' })}`, {
        headers: { 'Accept-Language': currentLanguage() },
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR, '');
    }
    if (!response.ok) {
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      const error = parseErrorBody(body);
      if (error) throw new ApiError(response.status, error.code, error.message, error.details);
      throw new ApiError(response.status, UNEXPECTED_RESPONSE, '');
    }
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'nps.xlsx';
    saveFile(URL.createObjectURL(blob), name, true);
  },
};
