import { z } from 'zod';
import { Id, ListQuery } from './common.ts';

/** Money travels as a decimal string ("1234.50"): exact, never a binary float. */
export const Money = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,12}(\.\d{1,2})?$/.test(v), {
    message: 'must be an amount with at most 2 decimals',
  });
export const Quantity = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,10}(\.\d{1,3})?$/.test(v), { message: 'must be a number with at most 3 decimals' });
/** A calendar date, YYYY-MM-DD. */
export const DateOnly = z.iso.date();
/** An instant with its offset, e.g. 2026-03-01T09:30:00+08:00. */
export const Instant = z.iso.datetime({ offset: true });

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const CUSTOMER_KINDS = ['company', 'individual'] as const;
export const CUSTOMER_STATUSES = ['potential', 'active', 'dormant', 'lost'] as const;
export const SIZE_BANDS = ['1-9', '10-49', '50-199', '200-999', '1000+'] as const;
export const SOURCE_CHANNELS = [
  'referral',
  'website',
  'exhibition',
  'cold_call',
  'wechat',
  'partner',
  'advertising',
  'other',
] as const;

export const CustomFieldValue = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);
export const CustomFieldValues = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), CustomFieldValue);

const customerFields = {
  name: text(200).min(1),
  kind: z.enum(CUSTOMER_KINDS),
  externalId: optionalText(100),
  industry: optionalText(100),
  province: optionalText(50),
  city: optionalText(50),
  sizeBand: z.enum(SIZE_BANDS).nullable().optional(),
  source: z.enum(SOURCE_CHANNELS).nullable().optional(),
  status: z.enum(CUSTOMER_STATUSES),
  /** null = the public pool (公海). */
  ownerId: Id.nullable().optional(),
  phone: optionalText(50),
  email: z.email().max(254).nullable().optional(),
  wechat: optionalText(100),
  address: optionalText(300),
  website: optionalText(300),
  notes: optionalText(5000),
  customFields: CustomFieldValues.optional(),
};

export const CreateCustomerBody = z.strictObject({
  ...customerFields,
  kind: customerFields.kind.default('company'),
  status: customerFields.status.default('potential'),
});
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = z.strictObject({
  version: z.number().int(),
  ...Object.fromEntries(Object.entries(customerFields).map(([k, v]) => [k, v.optional()])),
} as { version: z.ZodNumber } & {
  [K in keyof typeof customerFields]: z.ZodOptional<(typeof customerFields)[K]>;
});
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

export const Customer = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  externalId: z.string().nullable(),
  industry: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  sizeBand: z.string().nullable(),
  source: z.string().nullable(),
  status: z.enum(CUSTOMER_STATUSES),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  customFields: z.record(z.string(), CustomFieldValue),
  /** Key figures, kept with the customer. */
  lifetimeSpend: z.string(),
  lastOrderAt: z.string().nullable(),
  lastFollowupAt: z.string().nullable(),
  /** The reminder of the latest follow-up (YYYY-MM-DD). */
  nextFollowupOn: z.string().nullable(),
  openTickets: z.number().int(),
  /** Placement: scheme key → tier key, and the tags carried (ids). */
  tiers: z.record(z.string(), z.string()),
  tagIds: z.array(Id),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof Customer>;

export const CUSTOMER_SORTS = [
  'name',
  'createdAt',
  'updatedAt',
  'lifetimeSpend',
  'lastOrderAt',
  'lastFollowupAt',
  'status',
  'province',
] as const;

/**
 * List filters. `filter` is a JSON rule (the one rule language; see the segmentation docs) over any
 * registered field including custom fields, e.g. {"and":[{"field":"province","op":"eq","value":"浙江"}]}.
 */
export const CustomerListQuery = ListQuery.extend({
  ownerId: z.union([Id, z.literal('none'), z.literal('me')]).optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  filter: z.string().max(20_000).optional(),
  /** The day relative dates in `filter` count from (YYYY-MM-DD; default today in the workspace's zone). */
  asOf: DateOnly.optional(),
  deleted: z.enum(['true', 'false']).optional(),
});

export const BulkCustomerBody = z.strictObject({
  ids: z.array(Id).min(1).max(1000),
  action: z.enum(['change_owner', 'delete']),
  ownerId: Id.nullable().optional(),
});
export const BulkResult = z.object({
  affected: z.number().int(),
  skipped: z.array(z.object({ id: Id, code: z.string() })),
});

// ── RFM dashboard ──
export const RFM_CLASS_KEYS = [
  'important_value',
  'important_retain',
  'important_develop',
  'important_winback',
  'general_value',
  'general_retain',
  'general_develop',
  'general_winback',
] as const;
export const RfmQuery = z.strictObject({ asOf: DateOnly.optional() });
export const RfmClassSummary = z.object({
  key: z.enum(RFM_CLASS_KEYS),
  label: z.string(),
  strategy: z.string(),
  count: z.number().int(),
  share: z.number(),
  revenue: z.string(),
  revenueShare: z.number(),
  meanRecencyDays: z.number().nullable(),
  meanFrequency: z.number().nullable(),
  meanMonetary: z.number().nullable(),
});
export const RfmSummary = z.object({
  asOf: z.string(),
  timeZone: z.string(),
  /** Customers with a counted order (scored) and without, within the caller's scope. */
  scored: z.number().int(),
  unscored: z.number().int(),
  revenue: z.string(),
  /** Quintile cut points and mean scores, over the whole workspace. */
  cuts: z.object({ r: z.array(z.number()), f: z.array(z.number()), m: z.array(z.number()) }),
  means: z.object({ r: z.number(), f: z.number(), m: z.number() }),
  classes: z.array(RfmClassSummary),
  /** Customers per (R score, F score), 1–5 each. */
  heatmap: z.array(z.object({ r: z.number().int(), f: z.number().int(), count: z.number().int() })),
});
export type RfmSummary = z.infer<typeof RfmSummary>;
