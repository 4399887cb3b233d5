import type {
  BulkResult,
  CreateCustomerBody,
  CreateSavedViewBody,
  Customer,
  Page,
  SavedView,
  UpdateCustomerBody,
  UpdateSavedViewBody,
} from '@stratum/contracts';
import type { CustomerStatus } from './labels.ts';
import { api } from '../../app/api/client.ts';
import { downloadFile } from '../../app/api/download.ts';
import type { InputOf, ListParams, OutputOf } from '../../app/api/types.ts';

export interface CustomerListParams extends ListParams {
  /** A user id, `me` or `none` (the public pool). */
  ownerId?: string;
  status?: CustomerStatus;
  /** A JSON rule, as text. */
  filter?: string;
  deleted?: 'true';
}

/** Field types of the rule language (`GET /customers/fields`). */
export type FieldType = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'enum' | 'multi_enum' | 'boolean';
export type FieldGroup = 'attribute' | 'metric' | 'custom' | 'owner' | 'classification';

/** A field a filter rule may test, with its label in the request's language. */
export interface FieldInfo {
  key: string;
  type: FieldType;
  label: string;
  group: FieldGroup;
  options: string[] | null;
  /** Labels of options that are ids or keys (tiers, tags, segments), in the request's language. */
  optionLabels?: Record<string, string> | null;
  operators: string[];
}

export type ExportFormat = 'xlsx' | 'csv';

export type BulkBody =
  { ids: string[]; action: 'change_owner'; ownerId: string | null } | { ids: string[]; action: 'delete' };

export const customersApi = {
  list: (params: CustomerListParams, signal?: AbortSignal) =>
    api.get<Page<Customer>>('/customers', { ...params }, signal),
  get: (id: string) => api.get<Customer>(`/customers/${id}`),
  fields: (signal?: AbortSignal) => api.get<{ items: FieldInfo[] }>('/customers/fields', undefined, signal),
  create: (body: InputOf<typeof CreateCustomerBody>) => api.post<Customer>('/customers', body),
  update: (id: string, body: InputOf<typeof UpdateCustomerBody>) =>
    api.patch<Customer>(`/customers/${id}`, body),
  remove: (id: string) => api.delete(`/customers/${id}`),
  restore: (id: string) => api.post<Customer>(`/customers/${id}/restore`),
  bulk: (body: BulkBody) => api.post<OutputOf<typeof BulkResult>>('/customers/bulk', body),
  /**
   * Downloads the export as a file. Fetched (not a plain link) so that `Accept-Language` makes the
   * column headers come in the UI language and an error can be shown instead of a broken download.
   */
  export: (
    params: Omit<CustomerListParams, 'page' | 'pageSize'> & { format: ExportFormat; columns?: string },
  ): Promise<void> => downloadFile('/customers/export', { ...params }, `customers.${params.format}`),
};

export const savedViewsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: SavedView[] }>('/saved-views', undefined, signal),
  create: (body: InputOf<typeof CreateSavedViewBody>) => api.post<SavedView>('/saved-views', body),
  update: (id: string, body: InputOf<typeof UpdateSavedViewBody>) =>
    api.patch<SavedView>(`/saved-views/${id}`, body),
  remove: (id: string) => api.delete(`/saved-views/${id}`),
};
