import { z } from 'zod';
import { dashboardFilters } from './analytics.ts';
import { Id, ListQuery } from './common.ts';

// Classification: schemes and tiers (分类体系), tags (标签), segments (客户分群), snapshots.
// Rules are the JSON rule language (docs/RULES.md); the server validates them against the field registry.

const Rule = z.unknown().describe('A rule in the JSON rule language (docs/RULES.md)');
const name = (max = 60) => z.string().trim().min(1).max(max);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const SchemeKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const TierKey = z.string().regex(/^[A-Za-z0-9_]{1,40}$/);
const Days = z.number().int().min(1).max(3650).nullable();

export const TierInput = z.strictObject({
  key: TierKey,
  nameZh: name(),
  nameEn: name(),
  color: Color.default('#8c8c8c'),
  strategyZh: z.string().trim().max(500).default(''),
  strategyEn: z.string().trim().max(500).default(''),
  followupCadenceDays: Days.default(null),
  poolReclaimDays: Days.default(null),
  /** Rules schemes: the rule placing a customer here; null on the last tier catches everyone left. */
  rule: Rule.nullable().default(null),
});
export type TierInput = z.input<typeof TierInput>;

export const Tier = z.object({
  id: Id,
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  color: z.string(),
  strategyZh: z.string(),
  strategyEn: z.string(),
  followupCadenceDays: z.number().int().nullable(),
  poolReclaimDays: z.number().int().nullable(),
  rule: Rule.nullable(),
  /** Customers in this tier that the caller may see. */
  count: z.number().int(),
});
export type Tier = z.infer<typeof Tier>;

export const RfmCalibration = z.object({
  asOf: z.string(),
  scored: z.number().int(),
  cuts: z.object({ r: z.array(z.number()), f: z.array(z.number()), m: z.array(z.number()) }),
  means: z.object({ r: z.number(), f: z.number(), m: z.number() }),
});

export const Scheme = z.object({
  id: Id,
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(['rfm', 'rules']),
  /** RFM: look-back, statuses, scoring, comparison (see RfmConfig). */
  config: z.record(z.string(), z.unknown()),
  calibration: RfmCalibration.nullable(),
  enabled: z.boolean(),
  position: z.number().int(),
  tiers: z.array(Tier),
  /** Customers the caller may see that sit in no tier (e.g. no counted order for RFM). */
  unplaced: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Scheme = z.infer<typeof Scheme>;

export const CreateSchemeBody = z.strictObject({
  key: SchemeKey,
  nameZh: name(),
  nameEn: name(),
  tiers: z.array(TierInput).min(1).max(20),
});
export const UpdateSchemeBody = z.strictObject({
  version: z.number().int(),
  nameZh: name().optional(),
  nameEn: name().optional(),
  enabled: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
  /** RFM schemes only. */
  config: z.record(z.string(), z.unknown()).optional(),
  /** The whole ordered list (tiers are matched by key); for RFM only names, colours, strategies, cadences. */
  tiers: z.array(TierInput).min(1).max(20).optional(),
});
export type UpdateSchemeBody = z.infer<typeof UpdateSchemeBody>;

// ── Why a customer is where it is ──
export const Placement = z.object({
  schemeKey: z.string(),
  schemeName: z.string(),
  kind: z.enum(['rfm', 'rules']),
  tier: z
    .object({
      key: z.string(),
      name: z.string(),
      color: z.string(),
      strategy: z.string(),
      followupCadenceDays: z.number().int().nullable(),
    })
    .nullable(),
  since: z.string().nullable(),
  /** RFM: values, scores and the bars they beat; rules: the tier's rule and the customer's values. */
  why: z.union([
    z.object({
      kind: z.literal('rfm'),
      recencyDays: z.number(),
      frequency: z.number(),
      monetary: z.string(),
      r: z.number(),
      f: z.number(),
      m: z.number(),
      bars: z.object({ r: z.number(), f: z.number(), m: z.number() }),
      cutsAsOf: z.string(),
    }),
    z.object({
      kind: z.literal('rule'),
      rule: Rule.nullable(),
      values: z.array(z.object({ field: z.string(), label: z.string(), value: z.unknown() })),
    }),
    z.null(),
  ]),
});
export type Placement = z.infer<typeof Placement>;

export const TierChange = z.object({
  id: z.number().int(),
  schemeKey: z.string(),
  fromTier: z.string().nullable(),
  toTier: z.string().nullable(),
  at: z.string(),
});
export type TierChange = z.infer<typeof TierChange>;

export const CustomerTag = z.object({
  tagId: Id,
  name: z.string(),
  color: z.string(),
  groupId: Id,
  groupName: z.string(),
  source: z.enum(['manual', 'rule']),
  taggedAt: z.string(),
});
export type CustomerTag = z.infer<typeof CustomerTag>;

export const CustomerClassification = z.object({
  placements: z.array(Placement),
  tags: z.array(CustomerTag),
  segments: z.array(
    z.object({ id: Id, name: z.string(), kind: z.enum(['dynamic', 'static']), enteredAt: z.string() }),
  ),
  history: z.array(TierChange),
});
export type CustomerClassification = z.infer<typeof CustomerClassification>;

// ── Tags ──
export const Tag = z.object({
  id: Id,
  groupId: Id,
  name: z.string(),
  color: z.string(),
  rule: Rule.nullable(),
  position: z.number().int(),
  /** Customers carrying it that the caller may see. */
  count: z.number().int(),
  version: z.number().int(),
});
export type Tag = z.infer<typeof Tag>;
export const TagGroup = z.object({
  id: Id,
  nameZh: z.string(),
  nameEn: z.string(),
  /** Single-choice: a customer carries at most one tag of the group. */
  exclusive: z.boolean(),
  position: z.number().int(),
  tags: z.array(Tag),
  version: z.number().int(),
});
export type TagGroup = z.infer<typeof TagGroup>;
export const CreateTagGroupBody = z.strictObject({
  nameZh: name(),
  nameEn: name(),
  exclusive: z.boolean().default(false),
  position: z.number().int().min(0).max(1000).optional(),
});
export const UpdateTagGroupBody = z.strictObject({
  version: z.number().int(),
  nameZh: name().optional(),
  nameEn: name().optional(),
  exclusive: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export const CreateTagBody = z.strictObject({
  groupId: Id,
  name: name(40),
  color: Color.default('#1677ff'),
  /** Auto-tag rule: while it matches, the customer carries the tag. */
  rule: Rule.nullable().default(null),
  position: z.number().int().min(0).max(1000).optional(),
});
export const UpdateTagBody = z.strictObject({
  version: z.number().int(),
  name: name(40).optional(),
  color: Color.optional(),
  rule: Rule.nullable().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export const TagCustomersBody = z.strictObject({
  customerIds: z.array(Id).min(1).max(1000),
  add: z.array(Id).max(50).default([]),
  remove: z.array(Id).max(50).default([]),
});
export const TagCustomersResult = z.object({
  affected: z.number().int(),
  skipped: z.array(z.object({ id: Id, code: z.string() })),
});

// ── Segments ──
export const Segment = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  kind: z.enum(['dynamic', 'static']),
  rule: Rule.nullable(),
  /** Members the caller may see. */
  count: z.number().int(),
  createdBy: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Segment = z.infer<typeof Segment>;
export const CreateSegmentBody = z.strictObject({
  name: name(80),
  description: z.string().trim().max(1000).default(''),
  kind: z.enum(['dynamic', 'static']),
  /** Dynamic: required. */
  rule: Rule.optional(),
  /** Static: the first members (e.g. the current list selection). */
  customerIds: z.array(Id).max(10000).optional(),
});
export const UpdateSegmentBody = z.strictObject({
  version: z.number().int(),
  name: name(80).optional(),
  description: z.string().trim().max(1000).optional(),
  rule: Rule.optional(),
});
export const SegmentMembersBody = z.strictObject({ customerIds: z.array(Id).min(1).max(10000) });
export const SegmentMember = z.object({
  customerId: Id,
  name: z.string(),
  ownerName: z.string().nullable(),
  enteredAt: z.string(),
});
export const SegmentEvent = z.object({
  id: z.number().int(),
  customerId: Id,
  customerName: z.string(),
  kind: z.enum(['entered', 'exited']),
  at: z.string(),
});
export const SegmentEventsQuery = ListQuery.pick({ page: true, pageSize: true });

// ── Preview (live count while editing a rule) ──
export const PreviewBody = z.strictObject({
  rule: Rule,
  /** What the rule is for: a tier of a scheme, an auto-tag, or a segment / filter (the default). */
  use: z.enum(['segment', 'tier', 'autoTag']).default('segment'),
  schemeKey: SchemeKey.optional(),
  /** The day relative dates count from (default today in the workspace's zone). */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export const PreviewResult = z.object({
  count: z.number().int(),
  total: z.number().int(),
  sample: z.array(z.object({ id: Id, name: z.string() })),
});

// ── Snapshots and migration ──
export const Snapshot = z.object({
  id: Id,
  label: z.string(),
  asOf: z.string(),
  trigger: z.enum(['manual', 'scheduled']),
  customerCount: z.number().int(),
  createdAt: z.string(),
});
export type Snapshot = z.infer<typeof Snapshot>;
export const CreateSnapshotBody = z.strictObject({ label: name(80).optional() });
export const MigrationQuery = z.strictObject({
  from: Id,
  /** A snapshot id, or `current` for the placement now. */
  to: z.union([Id, z.literal('current')]).default('current'),
  scheme: SchemeKey,
  /** Narrowed as the dashboards are: by the customer's owner (`me` or a user id) or the owner's team. */
  teamId: dashboardFilters.teamId,
  ownerId: dashboardFilters.ownerId,
});
export type MigrationQuery = z.infer<typeof MigrationQuery>;
/** `GET /api/v1/segmentation/migration/export`: the matrix (from tier × to tier) as xlsx (or csv). */
export const MigrationExportQuery = MigrationQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type MigrationExportQuery = z.infer<typeof MigrationExportQuery>;
export const Migration = z.object({
  scheme: z.string(),
  from: z.object({ id: Id, label: z.string(), asOf: z.string() }),
  to: z.object({ id: z.string(), label: z.string(), asOf: z.string() }),
  /** Tier keys in scheme order, plus `none` (not placed / not a customer yet). */
  tiers: z.array(z.object({ key: z.string(), name: z.string(), color: z.string() })),
  flows: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      count: z.number().int(),
      /** Spend between the two pictures (lifetime spend at `to` − at `from`). */
      revenue: z.string(),
    }),
  ),
});
export type Migration = z.infer<typeof Migration>;

export const RecomputeBody = z.strictObject({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
/** POST /segmentation/recompute: the background job that recomputes (GET /jobs/{jobId} follows it). */
export const RecomputeStarted = z.object({ jobId: Id });
export type RecomputeStarted = z.infer<typeof RecomputeStarted>;
/** The recompute job's result. */
export const RecomputeResult = z.object({
  asOf: z.string(),
  durationMs: z.number(),
  tierChanges: z.number().int(),
  tagsAdded: z.number().int(),
  tagsRemoved: z.number().int(),
  entered: z.number().int(),
  exited: z.number().int(),
  /** The lifetime-value refit: customers with figures, or why none were stored. */
  clv: z
    .object({
      customers: z.number().int(),
      repeatCustomers: z.number().int(),
      predicted: z.number().int(),
      skipped: z.string().optional(),
      message: z.string().optional(),
    })
    .optional(),
});
