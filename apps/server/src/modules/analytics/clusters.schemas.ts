import { Id } from '@stratum/contracts';
import { z } from 'zod';

/**
 * Numeric rule fields (packages/segmentation/src/customer-fields.ts) that may join R/F/M as clustering
 * features, each with the short words a cluster description uses ("客单价高" / "high order value").
 * R, F and M themselves (recency_days, order_count, total_spend) are always in.
 */
export const CLUSTER_FIELDS = {
  clv: { zh: '终身价值', en: 'lifetime value' },
  avg_order_value: { zh: '客单价', en: 'order value' },
  tenure_days: { zh: '客龄', en: 'tenure' },
  p_alive: { zh: '存活概率', en: 'P(alive)' },
  expected_purchases: { zh: '预计购买', en: 'expected purchases' },
  spend_365d: { zh: '近12月消费', en: '12-month spend' },
  orders_180d: { zh: '近6月订单', en: '6-month orders' },
  order_trend: { zh: '订单趋势', en: 'order trend' },
  avg_interval_days: { zh: '购买间隔', en: 'purchase interval' },
  days_since_followup: { zh: '未跟进天数', en: 'days without follow-up' },
  complaints: { zh: '投诉', en: 'complaints' },
  open_tickets: { zh: '未结工单', en: 'open tickets' },
  open_opportunities: { zh: '进行中商机', en: 'open deals' },
  pipeline_value: { zh: '商机金额', en: 'pipeline value' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type ClusterField = keyof typeof CLUSTER_FIELDS;
const FIELD_KEYS = Object.keys(CLUSTER_FIELDS) as [ClusterField, ...ClusterField[]];

/** Largest k a caller may ask for, and the range tried when k is chosen by silhouette. */
export const MAX_K = 10;
export const AUTO_K_RANGE: [number, number] = [2, 8];

/** What to cluster: the same parameters recompute the same clusters (the run is seeded). */
const clusterParams = {
  /** A fixed number of clusters; without it k is the one of 2–8 with the highest silhouette. */
  k: z.number().int().min(2).max(MAX_K).optional(),
  /** Extra numeric fields beside R/F/M (at most 5, no repeats). */
  fields: z
    .array(z.enum(FIELD_KEYS))
    .max(5)
    .refine((a) => new Set(a).size === a.length, { message: 'each field at most once' })
    .default([]),
  /** The day recency and other day counts are measured from (default: today in the workspace's zone). */
  asOf: z.iso.date().optional(),
  teamId: Id.optional(),
  ownerId: z.union([Id, z.literal('me')]).optional(),
};

export const ClustersBody = z.strictObject(clusterParams);
export type ClustersBody = z.infer<typeof ClustersBody>;

export const SaveClusterBody = z.strictObject({
  ...clusterParams,
  /** The cluster's `index` in the run being saved. */
  cluster: z
    .number()
    .int()
    .min(0)
    .max(MAX_K - 1),
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(1000).optional(),
  /**
   * The cluster's size the caller saw: when the data changed since and the recomputed cluster has another
   * size, nothing is saved (409 CLUSTERS_CHANGED) — run again and look before saving.
   */
  expectedSize: z.number().int().min(1).optional(),
});
export type SaveClusterBody = z.infer<typeof SaveClusterBody>;

const Words = z.object({ zh: z.string(), en: z.string() });

export const ClusterSummary = z.object({
  index: z.number().int(),
  size: z.number().int(),
  sizeShare: z.number(),
  /** Lifetime spend of the cluster's customers (decimal string, 2 places). */
  revenue: z.string(),
  revenueShare: z.number(),
  /** Mean per feature in its own units: recencyDays, frequency, monetary and each extra field. */
  means: z.record(z.string(), z.number()),
  /** The centre in standard deviations from the overall mean (log scale for R/F/M). */
  centroid: z.record(z.string(), z.number()),
  description: Words,
});

export const ClustersResult = z.object({
  asOf: z.iso.date(),
  timeZone: z.string(),
  status: z.enum(['clustered', 'too_few_customers']),
  /** Customers with a counted order needed before anything is clustered. */
  minCustomers: z.number().int(),
  /** Customers clustered: in scope, with a counted order, and a value in every chosen extra field. */
  customers: z.number().int(),
  /** Scored customers left out because a chosen extra field is empty for them (e.g. no CLV yet). */
  skipped: z.number().int(),
  /** Customers k and the centres were fitted on (a seeded sample when above the bound; see docs/API.md). */
  fittedOn: z.number().int(),
  sampled: z.boolean(),
  k: z.number().int(),
  kSource: z.enum(['silhouette', 'override']),
  silhouettes: z.array(z.object({ k: z.number().int(), silhouette: z.number() })),
  features: z.array(z.object({ key: z.string(), field: z.string(), label: Words })),
  clusters: z.array(ClusterSummary),
  /** The body to send to `POST /analytics/clusters/save` (plus `cluster` and `name`) to save one. */
  params: z.object({
    /** The k found (null when nothing was clustered): the same k recomputes the same clusters. */
    k: z.number().int().nullable(),
    fields: z.array(z.string()),
    asOf: z.iso.date(),
    teamId: Id.optional(),
    ownerId: z.union([Id, z.literal('me')]).optional(),
  }),
});
export type ClustersResult = z.infer<typeof ClustersResult>;
