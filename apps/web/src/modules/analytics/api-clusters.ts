import type { Segment } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';

/** Numeric rule fields that may join R/F/M (the server's whitelist, apps/server/.../clusters.schemas.ts). */
export const CLUSTER_FIELDS = [
  'clv',
  'avg_order_value',
  'tenure_days',
  'p_alive',
  'expected_purchases',
  'spend_365d',
  'orders_180d',
  'order_trend',
  'avg_interval_days',
  'days_since_followup',
  'complaints',
  'open_tickets',
  'open_opportunities',
  'pipeline_value',
] as const;
export type ClusterField = (typeof CLUSTER_FIELDS)[number];
export const MAX_EXTRA_FIELDS = 5;

/** What to cluster (POST /analytics/clusters); the same parameters give the same clusters. */
export interface ClusterParams {
  k?: number;
  fields?: string[];
  asOf?: string;
  teamId?: string;
  ownerId?: string;
}

export interface ClusterWords {
  zh: string;
  en: string;
}

export interface ClusterSummary {
  index: number;
  size: number;
  sizeShare: number;
  revenue: string;
  revenueShare: number;
  /** recencyDays, frequency, monetary and each extra field, in their own units. */
  means: Record<string, number>;
  /** The centre in standard deviations from the mean (log scale for R/F/M). */
  centroid: Record<string, number>;
  description: ClusterWords;
}

export interface ClustersResult {
  asOf: string;
  timeZone: string;
  status: 'clustered' | 'too_few_customers';
  minCustomers: number;
  customers: number;
  skipped: number;
  fittedOn: number;
  sampled: boolean;
  k: number;
  kSource: 'silhouette' | 'override';
  silhouettes: { k: number; silhouette: number }[];
  features: { key: string; field: string; label: ClusterWords }[];
  clusters: ClusterSummary[];
  params: {
    k: number | null;
    fields: string[];
    asOf: string;
    teamId?: string;
    ownerId?: string;
  };
}

export interface SaveClusterBody extends ClusterParams {
  cluster: number;
  name: string;
  description?: string;
  expectedSize?: number;
}

export const clustersApi = {
  run: (params: ClusterParams) => api.post<ClustersResult>('/analytics/clusters', params),
  save: (body: SaveClusterBody) => api.post<Segment>('/analytics/clusters/save', body),
};
