import type {
  CreateTagBody,
  CreateTagGroupBody,
  PreviewBody,
  PreviewResult,
  TagCustomersBody,
  TagCustomersResult,
  TagGroup,
  UpdateTagBody,
  UpdateTagGroupBody,
} from '@stratum/contracts';
import { api, request } from '../../app/api/client.ts';
import type { InputOf, OutputOf } from '../../app/api/types.ts';

export type Preview = OutputOf<typeof PreviewResult>;
export type PreviewInput = InputOf<typeof PreviewBody>;

/** Tag groups and tags (标签), manual tagging, and the live count of a rule while it is edited. */
export const tagsApi = {
  groups: (signal?: AbortSignal) => api.get<{ items: TagGroup[] }>('/tag-groups', undefined, signal),
  createGroup: (body: InputOf<typeof CreateTagGroupBody>) => api.post<{ id: string }>('/tag-groups', body),
  updateGroup: (id: string, body: InputOf<typeof UpdateTagGroupBody>) =>
    api.patch<{ id: string; version: number }>(`/tag-groups/${id}`, body),
  removeGroup: (id: string) => api.delete(`/tag-groups/${id}`),
  createTag: (body: InputOf<typeof CreateTagBody>) => api.post<{ id: string }>('/tags', body),
  updateTag: (id: string, body: InputOf<typeof UpdateTagBody>) =>
    api.patch<{ id: string; version: number }>(`/tags/${id}`, body),
  removeTag: (id: string) => api.delete(`/tags/${id}`),
  /** Tags or untags customers by hand; those the caller may not edit come back as skipped. */
  tagCustomers: (body: InputOf<typeof TagCustomersBody>) =>
    api.post<OutputOf<typeof TagCustomersResult>>('/customers/tags', body),
  /** How many customers a rule selects now, with a sample of names. */
  preview: (body: PreviewInput, signal?: AbortSignal) =>
    request<Preview>('POST', '/segmentation/preview', { body, signal }),
};
