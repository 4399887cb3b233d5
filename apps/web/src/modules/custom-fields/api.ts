import type { CreateCustomFieldBody, CustomField, UpdateCustomFieldBody } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf } from '../../app/api/types.ts';

export type CustomFieldType = CustomField['type'];
export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = [
  'text',
  'number',
  'date',
  'single_select',
  'multi_select',
];

export const customFieldsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: CustomField[] }>('/custom-fields', undefined, signal),
  create: (body: InputOf<typeof CreateCustomFieldBody>) => api.post<CustomField>('/custom-fields', body),
  update: (id: string, body: InputOf<typeof UpdateCustomFieldBody>) =>
    api.patch<CustomField>(`/custom-fields/${id}`, body),
  remove: (id: string) => api.delete(`/custom-fields/${id}`),
};
