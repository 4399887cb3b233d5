import type { CreateTeamBody, Page, Team, UpdateTeamBody } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf, ListParams } from '../../app/api/types.ts';

export const teamsApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<Team>>('/teams', { ...params }, signal),
  create: (body: InputOf<typeof CreateTeamBody>) => api.post<Team>('/teams', body),
  update: (id: string, body: InputOf<typeof UpdateTeamBody>) => api.patch<Team>(`/teams/${id}`, body),
  remove: (id: string) => api.delete(`/teams/${id}`),
};
