import { z } from 'zod';
import { Id, ListQuery } from './common.ts';
import { DateOnly, Money } from './customers.ts';

// ── Pipelines and stages ──
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const OPPORTUNITY_STATUSES = STAGE_KINDS;

export const PipelineStage = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(STAGE_KINDS),
  /** Win probability in percent: the weight of the forecast. Won is 100, lost 0. */
  probability: z.number().int(),
  position: z.number().int(),
});
export type PipelineStage = z.infer<typeof PipelineStage>;

export const LossReason = z.object({ id: Id, name: z.string(), active: z.boolean() });
export type LossReason = z.infer<typeof LossReason>;

export const Pipeline = z.object({
  id: Id,
  name: z.string(),
  isDefault: z.boolean(),
  /** In order: the open stages, then won, then lost. */
  stages: z.array(PipelineStage),
  /** Active reasons first; archived ones (still on lost deals) after. */
  lossReasons: z.array(LossReason),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Pipeline = z.infer<typeof Pipeline>;

const stageInput = z.strictObject({
  /** An existing stage keeps its id (and its deals); a stage without one is new. */
  id: Id.optional(),
  name: z.string().trim().min(1).max(50),
  kind: z.enum(STAGE_KINDS),
  probability: z.number().int().min(0).max(100),
});
const lossReasonInput = z.strictObject({ id: Id.optional(), name: z.string().trim().min(1).max(100) });

/** Stages in order; at least one open stage, exactly one won and one lost (they go last). */
const stagesInput = z.array(stageInput).min(3).max(20);

export const CreatePipelineBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  isDefault: z.boolean().optional(),
  stages: stagesInput,
  lossReasons: z.array(lossReasonInput).max(50).optional(),
});
export type CreatePipelineBody = z.infer<typeof CreatePipelineBody>;

export const UpdatePipelineBody = z.strictObject({
  version: z.number().int(),
  name: z.string().trim().min(1).max(100).optional(),
  isDefault: z.literal(true).optional(),
  stages: stagesInput.optional(),
  lossReasons: z.array(lossReasonInput).max(50).optional(),
});
export type UpdatePipelineBody = z.infer<typeof UpdatePipelineBody>;

// ── Opportunities ──
export const StageStay = z.object({
  stageId: Id,
  stageName: z.string(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  movedBy: Id.nullable(),
  movedByName: z.string().nullable(),
});
export type StageStay = z.infer<typeof StageStay>;

export const Opportunity = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  pipelineId: Id,
  stageId: Id,
  stageName: z.string(),
  status: z.enum(STAGE_KINDS),
  probability: z.number().int(),
  title: z.string(),
  amount: z.string(),
  /** amount × probability, to the cent. */
  weightedAmount: z.string(),
  expectedCloseOn: z.string().nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  productIds: z.array(Id),
  productNames: z.array(z.string()),
  lossReasonId: Id.nullable(),
  lossReasonName: z.string().nullable(),
  lossNote: z.string().nullable(),
  notes: z.string().nullable(),
  stageEnteredAt: z.string(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const OpportunityDetail = Opportunity.extend({ history: z.array(StageStay) });
export type OpportunityDetail = z.infer<typeof OpportunityDetail>;

export const CreateOpportunityBody = z.strictObject({
  customerId: Id,
  title: z.string().trim().min(1).max(200),
  amount: Money,
  /** Default: the workspace's default pipeline. */
  pipelineId: Id.optional(),
  /** Default: the pipeline's first stage; must be an open stage. */
  stageId: Id.optional(),
  expectedCloseOn: DateOnly.nullable().optional(),
  /** Default: the caller. */
  ownerId: Id.optional(),
  productIds: z.array(Id).max(50).optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type CreateOpportunityBody = z.infer<typeof CreateOpportunityBody>;

export const UpdateOpportunityBody = z.strictObject({
  version: z.number().int(),
  title: z.string().trim().min(1).max(200).optional(),
  amount: Money.optional(),
  expectedCloseOn: DateOnly.nullable().optional(),
  ownerId: Id.optional(),
  productIds: z.array(Id).max(50).optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});
export type UpdateOpportunityBody = z.infer<typeof UpdateOpportunityBody>;

/** Moves an opportunity to an open stage (a won or lost deal moved back is reopened). */
export const MoveOpportunityBody = z.strictObject({ version: z.number().int(), stageId: Id });
export const WinOpportunityBody = z.strictObject({ version: z.number().int() });
export const LoseOpportunityBody = z.strictObject({
  version: z.number().int(),
  lossReasonId: Id,
  note: z.string().trim().max(1000).nullable().optional(),
});

export const OPPORTUNITY_SORTS = [
  'title',
  'amount',
  'expectedCloseOn',
  'createdAt',
  'updatedAt',
  'stageEnteredAt',
  'stage',
] as const;

/** Filters shared by the list, the board and the dashboards. */
const opportunityFilters = {
  pipelineId: Id.optional(),
  /** `me` or a user id. */
  ownerId: z.union([Id, z.literal('me')]).optional(),
  teamId: Id.optional(),
  customerId: Id.optional(),
  /** Created on or after / on or before these days (the workspace's time zone). */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
};

export const OpportunityListQuery = ListQuery.extend({
  ...opportunityFilters,
  stageId: Id.optional(),
  status: z.enum(STAGE_KINDS).optional(),
});
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;

export const BoardQuery = z.strictObject({
  ...opportunityFilters,
  q: z.string().trim().max(200).optional(),
  /** Cards per column (the totals always count them all). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const StageTotals = z.object({
  count: z.number().int(),
  amount: z.string(),
  weightedAmount: z.string(),
});
export type StageTotals = z.infer<typeof StageTotals>;

export const Board = z.object({
  pipeline: Pipeline,
  columns: z.array(z.object({ stage: PipelineStage, totals: StageTotals, items: z.array(Opportunity) })),
});
export type Board = z.infer<typeof Board>;

// ── Dashboards ──
export const AnalyticsQuery = z.strictObject(opportunityFilters);
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export const FunnelStage = z.object({
  stage: PipelineStage,
  /** Deals in the stage now. */
  current: StageTotals,
  /** Deals that reached the stage or a later one (won deals reached every open stage). */
  reached: z.number().int(),
  reachedAmount: z.string(),
  /** reached(next) / reached(this); null for the last step or when none reached this stage. */
  conversionToNext: z.number().nullable(),
  /** Mean length of finished stays in the stage, in days; null when none has finished. */
  avgDays: z.number().nullable(),
});

export const FunnelBreakdown = z.object({
  id: Id.nullable(),
  name: z.string().nullable(),
  open: z.number().int(),
  openAmount: z.string(),
  weightedAmount: z.string(),
  won: z.number().int(),
  wonAmount: z.string(),
  lost: z.number().int(),
  winRate: z.number().nullable(),
});
export type FunnelBreakdown = z.infer<typeof FunnelBreakdown>;

export const Funnel = z.object({
  pipeline: Pipeline,
  stages: z.array(FunnelStage),
  total: z.number().int(),
  won: z.number().int(),
  wonAmount: z.string(),
  lost: z.number().int(),
  /** won / (won + lost); null when nothing closed. */
  winRate: z.number().nullable(),
  openAmount: z.string(),
  weightedAmount: z.string(),
  /** Mean days from creation to won, over won deals. */
  avgDaysToWin: z.number().nullable(),
  byOwner: z.array(FunnelBreakdown),
  byTeam: z.array(FunnelBreakdown),
  lossReasons: z.array(z.object({ id: Id.nullable(), name: z.string().nullable(), count: z.number().int() })),
});
export type Funnel = z.infer<typeof Funnel>;

export const ForecastQuery = AnalyticsQuery.extend({
  months: z.coerce.number().int().min(1).max(24).default(6),
});
export const Forecast = z.object({
  months: z.array(
    z.object({
      /** YYYY-MM */
      month: z.string(),
      count: z.number().int(),
      amount: z.string(),
      /** Σ amount × stage probability of the open deals expected to close that month. */
      weightedAmount: z.string(),
      /** Won in that month (by close date). */
      wonAmount: z.string(),
    }),
  ),
  /** Open deals whose expected close date has passed, or have none. */
  overdue: StageTotals,
  undated: StageTotals,
});
export type Forecast = z.infer<typeof Forecast>;

export const PORTRAIT_DIMENSIONS = ['industry', 'province', 'size_band', 'source', 'product'] as const;
export type PortraitDimension = (typeof PORTRAIT_DIMENSIONS)[number];

export const PortraitValue = z.object({
  /** The attribute's value (a product id for `product`); null = not recorded. */
  value: z.string().nullable(),
  label: z.string().nullable(),
  /** Customers with any deal having this value, and those of them that won one. */
  customers: z.number().int(),
  wonCustomers: z.number().int(),
  /** Share among won customers / share among all customers with deals; null without won customers. */
  lift: z.number().nullable(),
  /** wonCustomers / customers. */
  winRate: z.number(),
});
export const Portrait = z.object({
  /** Customers with at least one deal, and those with at least one won. */
  customers: z.number().int(),
  wonCustomers: z.number().int(),
  dimensions: z.array(z.object({ key: z.enum(PORTRAIT_DIMENSIONS), values: z.array(PortraitValue) })),
  /** 靶心客户: the combination of attribute values that wins most, and the customer rule that finds them. */
  bullseye: z
    .object({
      conditions: z.array(
        z.object({ field: z.string(), value: z.string(), label: z.string(), lift: z.number() }),
      ),
      customers: z.number().int(),
      wonCustomers: z.number().int(),
      winRate: z.number(),
      lift: z.number(),
      rule: z.record(z.string(), z.unknown()),
    })
    .nullable(),
});
export type Portrait = z.infer<typeof Portrait>;
