import type {
  CreateSchemeBody,
  CustomerClassification,
  Migration,
  PreviewResult,
  Job,
  RecomputeResult,
  RecomputeStarted,
  Scheme,
  Snapshot,
  TagCustomersResult,
  TagGroup,
  UpdateSchemeBody,
} from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import { downloadXlsx } from '../analytics/api-dashboards.ts';
import type { InputOf, OutputOf } from '../../app/api/types.ts';

/** The migration's query: the two pictures, the scheme, and the dashboards' owner/team filters. */
export interface MigrationParams {
  from: string;
  to: string;
  scheme: string;
  ownerId?: string;
  teamId?: string;
}

export type SchemeInput = InputOf<typeof CreateSchemeBody>;
/** The recompute job; its result once it has succeeded. */
export type RecomputeJob = Omit<Job, 'result'> & { result: OutputOf<typeof RecomputeResult> | null };
export type SchemeUpdate = UpdateSchemeBody;

/** Schemes and tiers, a customer's placement, snapshots and migration (see segmentation.routes.ts). */
export const schemesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Scheme[] }>('/schemes', undefined, signal),
  create: (body: SchemeInput) => api.post<Scheme>('/schemes', body),
  update: (id: string, body: SchemeUpdate) => api.patch<Scheme>(`/schemes/${id}`, body),
  remove: (id: string) => api.delete(`/schemes/${id}`),
  /** Starts the recompute job (or finds the one running); `recomputeJob` follows it. */
  recompute: () => api.post<RecomputeStarted>('/segmentation/recompute', {}),
  recomputeJob: (id: string, signal?: AbortSignal) => api.get<RecomputeJob>(`/jobs/${id}`, undefined, signal),
  /** How many customers a tier rule selects on its own (before earlier tiers take theirs). */
  previewTier: (rule: unknown, schemeKey: string) =>
    api.post<OutputOf<typeof PreviewResult>>('/segmentation/preview', { rule, use: 'tier', schemeKey }),

  classification: (customerId: string, signal?: AbortSignal) =>
    api.get<CustomerClassification>(`/customers/${customerId}/classification`, undefined, signal),
  tagCustomers: (body: { customerIds: string[]; add?: string[]; remove?: string[] }) =>
    api.post<OutputOf<typeof TagCustomersResult>>('/customers/tags', body),
  tagGroups: (signal?: AbortSignal) => api.get<{ items: TagGroup[] }>('/tag-groups', undefined, signal),

  snapshots: (signal?: AbortSignal) => api.get<{ items: Snapshot[] }>('/snapshots', undefined, signal),
  createSnapshot: (label?: string) => api.post<Snapshot>('/snapshots', label ? { label } : {}),
  removeSnapshot: (id: string) => api.delete(`/snapshots/${id}`),
  migration: (params: MigrationParams, signal?: AbortSignal) =>
    api.get<Migration>('/segmentation/migration', { ...params }, signal),
  /** The migration matrix (from tier × to tier) as xlsx, with the chart's own query. */
  exportMigration: (params: MigrationParams) =>
    downloadXlsx('/segmentation/migration/export', { ...params }, `migration-${params.scheme}.xlsx`),
};
