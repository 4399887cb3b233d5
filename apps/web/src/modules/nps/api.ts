import type {
  CreatedNpsSurvey,
  CreateNpsSurveyBody,
  NpsAnswerBody,
  NpsResults,
  NpsSurvey,
  NpsSurveyList,
  PublicNpsSurvey,
} from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import { downloadXlsx, type DashboardFilters } from '../analytics/api-dashboards.ts';

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
  exportXlsx: (params: NpsParams): Promise<void> =>
    downloadXlsx('/analytics/nps/export', { ...params }, 'nps.xlsx'),
};
