import type {
  CreateSegmentBody,
  Page,
  Segment,
  SegmentEvent,
  SegmentMember,
  UpdateSegmentBody,
} from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf, OutputOf } from '../../app/api/types.ts';

export type SegmentMemberRow = OutputOf<typeof SegmentMember>;
export type SegmentEventRow = OutputOf<typeof SegmentEvent>;

/** Segments (客户分群): dynamic (a rule) or static (a fixed list), their members and entered/exited events. */
export const segmentsApi = {
  list: (q: string | undefined, signal?: AbortSignal) =>
    api.get<{ items: Segment[] }>('/segments', { q }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Segment>(`/segments/${id}`, undefined, signal),
  create: (body: InputOf<typeof CreateSegmentBody>) => api.post<Segment>('/segments', body),
  update: (id: string, body: InputOf<typeof UpdateSegmentBody>) =>
    api.patch<Segment>(`/segments/${id}`, body),
  remove: (id: string) => api.delete(`/segments/${id}`),
  members: (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<Page<SegmentMemberRow>>(`/segments/${id}/members`, { page, pageSize }, signal),
  addMembers: (id: string, customerIds: string[]) =>
    api.post<{ affected: number }>(`/segments/${id}/members`, { customerIds }),
  removeMembers: (id: string, customerIds: string[]) =>
    api.post<{ affected: number }>(`/segments/${id}/members/remove`, { customerIds }),
  events: (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<Page<SegmentEventRow>>(`/segments/${id}/events`, { page, pageSize }, signal),
};

/** The customer-list rule selecting a segment's members (the list filter and the export use it). */
export const segmentFilter = (id: string) => ({ field: 'segments', op: 'has_any', value: [id] });

/** `/customers?filter=…`: the customer list filtered by a rule. */
export const customersListUrl = (rule: unknown) =>
  `/customers?filter=${encodeURIComponent(JSON.stringify(rule))}`;
