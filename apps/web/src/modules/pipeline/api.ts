import type {
  Board,
  CreateOpportunityBody,
  CreatePipelineBody,
  Forecast,
  Funnel,
  LoseOpportunityBody,
  Opportunity,
  OpportunityDetail,
  Page,
  Pipeline,
  Portrait,
  UpdateOpportunityBody,
  UpdatePipelineBody,
} from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf, ListParams } from '../../app/api/types.ts';

/** Filters shared by the board, the list and the dashboards. */
export interface PipelineFilters {
  pipelineId?: string;
  /** `me` or a user id. */
  ownerId?: string;
  teamId?: string;
  /** Created from / to (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

export interface OpportunityListParams extends ListParams, PipelineFilters {
  stageId?: string;
  status?: 'open' | 'won' | 'lost';
  customerId?: string;
}

export const pipelineApi = {
  pipelines: (signal?: AbortSignal) => api.get<Pipeline[]>('/pipelines', undefined, signal),
  createPipeline: (body: InputOf<typeof CreatePipelineBody>) => api.post<Pipeline>('/pipelines', body),
  updatePipeline: (id: string, body: InputOf<typeof UpdatePipelineBody>) =>
    api.patch<Pipeline>(`/pipelines/${id}`, body),
  deletePipeline: (id: string) => api.delete(`/pipelines/${id}`),

  board: (params: PipelineFilters & { q?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<Board>('/opportunities/board', { ...params }, signal),
  list: (params: OpportunityListParams, signal?: AbortSignal) =>
    api.get<Page<Opportunity>>('/opportunities', { ...params }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<OpportunityDetail>(`/opportunities/${id}`, undefined, signal),
  create: (body: InputOf<typeof CreateOpportunityBody>) =>
    api.post<OpportunityDetail>('/opportunities', body),
  update: (id: string, body: InputOf<typeof UpdateOpportunityBody>) =>
    api.patch<OpportunityDetail>(`/opportunities/${id}`, body),
  move: (id: string, version: number, stageId: string) =>
    api.post<OpportunityDetail>(`/opportunities/${id}/move`, { version, stageId }),
  win: (id: string, version: number) => api.post<OpportunityDetail>(`/opportunities/${id}/win`, { version }),
  lose: (id: string, body: InputOf<typeof LoseOpportunityBody>) =>
    api.post<OpportunityDetail>(`/opportunities/${id}/lose`, body),
  remove: (id: string) => api.delete(`/opportunities/${id}`),

  funnel: (params: PipelineFilters, signal?: AbortSignal) =>
    api.get<Funnel>('/pipeline/funnel', { ...params }, signal),
  forecast: (params: PipelineFilters & { months?: number }, signal?: AbortSignal) =>
    api.get<Forecast>('/pipeline/forecast', { ...params }, signal),
  portrait: (params: PipelineFilters, signal?: AbortSignal) =>
    api.get<Portrait>('/pipeline/portrait', { ...params }, signal),
};
