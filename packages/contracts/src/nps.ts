import { z } from 'zod';
import { dashboardFilters, DashboardPeriod } from './analytics.ts';

/**
 * NPS (issue #7): a single-use survey link per customer, answered on a public page with a score 0–10
 * and a comment. NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100.
 */
export const NPS_CHANNELS = ['wechat', 'email', 'sms', 'other'] as const;
export const NpsChannel = z.enum(NPS_CHANNELS);
export type NpsChannel = z.infer<typeof NpsChannel>;

export const NPS_COMMENT_MAX = 1000;
/** The link's token: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored. */
export const NpsToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const NPS_SURVEY_STATUSES = ['open', 'answered', 'expired', 'revoked'] as const;
export const NpsSurveyStatus = z.enum(NPS_SURVEY_STATUSES);
export type NpsSurveyStatus = z.infer<typeof NpsSurveyStatus>;

export const NpsSurvey = z.object({
  id: z.string(),
  customerId: z.string(),
  status: NpsSurveyStatus,
  channel: NpsChannel.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
});
export type NpsSurvey = z.infer<typeof NpsSurvey>;

export const CreateNpsSurveyBody = z.strictObject({
  /** Days the link stays open (default 14). */
  expiresInDays: z.number().int().min(1).max(90).default(14),
  channel: NpsChannel.optional(),
});
export type CreateNpsSurveyBody = z.input<typeof CreateNpsSurveyBody>;

/** The new link: shown once (the server keeps only the token's hash). `path` is relative to the app's origin. */
export const CreatedNpsSurvey = NpsSurvey.extend({ token: z.string(), path: z.string() });
export type CreatedNpsSurvey = z.infer<typeof CreatedNpsSurvey>;

export const NpsSurveyList = z.object({
  items: z.array(NpsSurvey),
  /** The customer's latest answer (what rules read as `nps_score`). */
  latestScore: z.number().int().nullable(),
  latestAt: z.string().nullable(),
});
export type NpsSurveyList = z.infer<typeof NpsSurveyList>;

// ── The public page (no sign-in) ──
export const PublicNpsSurvey = z.object({ workspaceName: z.string(), customerName: z.string() });
export type PublicNpsSurvey = z.infer<typeof PublicNpsSurvey>;

export const NpsAnswerBody = z.strictObject({
  score: z.number().int().min(0).max(10),
  comment: z.string().trim().max(NPS_COMMENT_MAX).optional(),
});
export type NpsAnswerBody = z.infer<typeof NpsAnswerBody>;

// ── Results ──
export const NpsResultsQuery = z.strictObject({
  ...dashboardFilters,
  /** The scheme whose tiers group the results (default: the first scheme). */
  scheme: z.string().min(1).max(64).optional(),
});
export type NpsResultsQuery = z.infer<typeof NpsResultsQuery>;

export const NpsFigures = z.object({
  /** Customers who answered in the period (each counted once, by their latest answer in it). */
  responses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** % promoters − % detractors (−100..100, one decimal); null without responses. */
  nps: z.number().nullable(),
  /** Links created in the period (not revoked before an answer), and those of them answered. */
  sent: z.number().int(),
  answered: z.number().int(),
  /** answered / sent; null when nothing was sent. */
  responseRate: z.number().nullable(),
});
export type NpsFigures = z.infer<typeof NpsFigures>;

export const NpsGroup = NpsFigures.extend({
  key: z.string(),
  name: z.string(),
  color: z.string().nullable(),
});
export type NpsGroup = z.infer<typeof NpsGroup>;

export const NpsResults = z.object({
  period: DashboardPeriod,
  summary: NpsFigures,
  /** Responses per score 0..10 (eleven entries). */
  distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  bySegment: z.array(NpsGroup),
  /** null when the workspace has no scheme. */
  scheme: z.string().nullable(),
  byTier: z.array(NpsGroup),
});
export type NpsResults = z.infer<typeof NpsResults>;

export const NpsExportQuery = NpsResultsQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type NpsExportQuery = z.infer<typeof NpsExportQuery>;
