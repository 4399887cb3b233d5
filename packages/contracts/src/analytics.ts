import { z } from 'zod';
import { Id } from './common.ts';
import { DateOnly } from './customers.ts';

/**
 * The analytics dashboards (issue #7): every figure is over the customers the caller may see, narrowed
 * by the customer's owner (`ownerId`, `me` or a user id) or the owner's team, and a period of local
 * calendar days in the workspace's zone (default: the last 12 calendar months up to today).
 */
export const dashboardFilters = {
  teamId: Id.optional(),
  ownerId: z.union([Id, z.literal('me')]).optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
};
export const DashboardQuery = z.strictObject(dashboardFilters);
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The period the figures were computed for (the defaults filled in). */
export const DashboardPeriod = z.object({ from: z.string(), to: z.string(), timeZone: z.string() });
export type DashboardPeriod = z.infer<typeof DashboardPeriod>;

export const DASHBOARD_CHARTS = [
  'tier-distribution',
  'pareto',
  'retention',
  'cohorts',
  'conversion',
  'segment-distribution',
] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

// ── Tier distribution over time ──
export const TierDistributionQuery = z.strictObject({
  ...dashboardFilters,
  scheme: z.string().min(1).max(64),
});
export type TierDistributionQuery = z.infer<typeof TierDistributionQuery>;

export const DashboardTier = z.object({ key: z.string(), name: z.string(), color: z.string() });
export type DashboardTier = z.infer<typeof DashboardTier>;

export const TierDistribution = z.object({
  period: DashboardPeriod,
  scheme: z.string(),
  /** The scheme's tiers in order, then `none` (not placed). */
  tiers: z.array(DashboardTier),
  /** Snapshots taken in the period (oldest first), then `current` (today) when the period reaches today. */
  points: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      asOf: z.string(),
      total: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type TierDistribution = z.infer<typeof TierDistribution>;

// ── Segment distribution over time ──
/** At most this many segments per chart (the default: the largest of the workspace). */
export const SEGMENT_DISTRIBUTION_MAX = 12;
/** `segments=<id>,<id>,…` (1–12 segment ids, comma-separated). */
export const SegmentIdList = z
  .string()
  .max(1000)
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(Id).min(1).max(SEGMENT_DISTRIBUTION_MAX));

export const SegmentDistributionQuery = z.strictObject({
  ...dashboardFilters,
  /** The segments to chart; default: the workspace's 12 largest (by members now). */
  segments: SegmentIdList.optional(),
});
export type SegmentDistributionQuery = z.infer<typeof SegmentDistributionQuery>;

export const SegmentDistribution = z.object({
  period: DashboardPeriod,
  /** The segments charted, in order (requested order, or largest first). */
  segments: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['dynamic', 'static']) })),
  /** True when the workspace has more segments than were charted (default selection only). */
  truncated: z.boolean(),
  /**
   * Members of each segment at the end of each month of the period that has ended (the last month ends
   * at `to` when the period stops earlier), then `current` (now) when the period reaches today.
   */
  points: z.array(
    z.object({
      /** YYYY-MM, or `current`. */
      id: z.string(),
      label: z.string(),
      asOf: z.string(),
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type SegmentDistribution = z.infer<typeof SegmentDistribution>;

// ── Revenue contribution (Pareto) ──
export const Pareto = z.object({
  period: DashboardPeriod,
  /** Customers with counted revenue in the period. */
  customers: z.number().int(),
  revenue: z.string(),
  /** Share of the revenue from the top 20% of those customers (the curve read at 20%); null without revenue. */
  top20Share: z.number().nullable(),
  /** The cumulative curve, customers sorted by revenue (largest first), about 100 points from (0, 0). */
  points: z.array(z.object({ customerShare: z.number(), revenueShare: z.number() })),
  /** Ten bands of customers by rank (top 10% first): their revenue and its share. */
  deciles: z.array(
    z.object({
      band: z.number().int(),
      customers: z.number().int(),
      revenue: z.string(),
      share: z.number(),
      cumulativeShare: z.number(),
    }),
  ),
});
export type Pareto = z.infer<typeof Pareto>;

// ── Retention and churn by month ──
export const Retention = z.object({
  period: DashboardPeriod,
  months: z.array(
    z.object({
      /** YYYY-MM */
      month: z.string(),
      /** Customers who bought in the month before. */
      base: z.number().int(),
      /** … of whom bought again in this month. */
      retained: z.number().int(),
      churned: z.number().int(),
      /** retained / base and churned / base; null when base is 0. */
      retentionRate: z.number().nullable(),
      churnRate: z.number().nullable(),
    }),
  ),
});
export type Retention = z.infer<typeof Retention>;

// ── Cohort retention ──
export const COHORT_OFFSETS = 12;
export const Cohorts = z.object({
  period: DashboardPeriod,
  cohorts: z.array(
    z.object({
      /** YYYY-MM of the customers' first counted order. */
      month: z.string(),
      size: z.number().int(),
      /** Offsets 0..11: customers of the cohort buying in that month and their share; null in the future. */
      cells: z.array(
        z.object({
          offset: z.number().int(),
          customers: z.number().int().nullable(),
          rate: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type Cohorts = z.infer<typeof Cohorts>;

// ── Conversion by segment ──
export const ConversionQuery = z.strictObject({
  ...dashboardFilters,
  /** By segment (default), or by the tiers of `scheme`. */
  by: z.enum(['segment', 'scheme']).default('segment'),
  scheme: z.string().min(1).max(64).optional(),
});
export type ConversionQuery = z.infer<typeof ConversionQuery>;

export const Conversion = z.object({
  period: DashboardPeriod,
  by: z.enum(['segment', 'scheme']),
  scheme: z.string().nullable(),
  groups: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      color: z.string().nullable(),
      /** Customers in the group now. */
      members: z.number().int(),
      /** … of whom have an opportunity won (closed) in the period. */
      converted: z.number().int(),
      /** converted / members; null for an empty group. */
      rate: z.number().nullable(),
    }),
  ),
});
export type Conversion = z.infer<typeof Conversion>;

/** `GET /api/v1/analytics/<chart>/export`: the chart's table as xlsx (or csv), with the chart's own query. */
export const DashboardExportQuery = z.strictObject({
  ...dashboardFilters,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  scheme: z.string().min(1).max(64).optional(),
  by: z.enum(['segment', 'scheme']).optional(),
  segments: SegmentIdList.optional(),
});
export type DashboardExportQuery = z.infer<typeof DashboardExportQuery>;
