import type {
  CreateNpsSurveyBody,
  CreatedNpsSurvey,
  DashboardTier,
  NpsAnswerBody,
  NpsFigures,
  NpsGroup,
  NpsResults,
  NpsResultsQuery,
  NpsSurvey,
  NpsSurveyList,
  NpsSurveyStatus,
  PublicNpsSurvey,
} from '@stratum/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { customersService } from '../customers/customers.service.ts';
import { dashboardCustomers } from '../analytics/dashboards.repository.ts';
import { monthStart } from '../pipeline/analytics.service.ts';
import { loadClassification } from '../segmentation/classification.repository.ts';
import { customerChanged } from '../segmentation/placement.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { npsRepository as repo, type FigureRow, type Period, type SurveyRow } from './nps.repository.ts';

type Lang = 'zh-CN' | 'en';

/** The public link's path (the SPA's survey page). */
export const surveyPath = (token: string) => `/s/${token}`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Answers and links shown per customer. */
const LIST_LIMIT = 100;
const NONE_COLOR = '#d9d9d9';

function statusOf(s: Pick<SurveyRow, 'respondedAt' | 'revokedAt' | 'expiresAt'>, now = Date.now()) {
  const status: NpsSurveyStatus = s.respondedAt
    ? 'answered'
    : s.revokedAt
      ? 'revoked'
      : Date.parse(s.expiresAt) <= now
        ? 'expired'
        : 'open';
  return status;
}

function view(s: SurveyRow): NpsSurvey {
  return {
    id: s.id,
    customerId: s.customerId,
    status: statusOf(s),
    channel: (s.channel as NpsSurvey['channel']) ?? null,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    createdByName: s.createdByName,
    expiresAt: s.expiresAt,
    revokedAt: s.revokedAt,
    respondedAt: s.respondedAt,
    score: s.score,
    comment: s.comment,
  };
}

/** The link behind a token, or why it cannot be answered (unknown → 404, used → 409, closed → 410). */
async function openSurvey(db: Db, token: string) {
  const survey = TOKEN.test(token) ? await repo.byTokenHash(db, hashToken(token)) : null;
  if (!survey || survey.customerDeleted) throw notFound('survey');
  const status = statusOf(survey);
  if (status === 'answered') throw new AppError('NPS_ALREADY_ANSWERED');
  if (status === 'revoked') throw new AppError('NPS_SURVEY_REVOKED');
  if (status === 'expired') throw new AppError('NPS_SURVEY_EXPIRED');
  return survey;
}

const share = (a: number, b: number): number | null =>
  b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;

/** NPS = % promoters − % detractors, one decimal; null without responses. */
export function npsOf(promoters: number, detractors: number, responses: number): number | null {
  if (responses === 0) return null;
  return Math.round(((promoters - detractors) / responses) * 1000) / 10;
}

function figuresOf(r: FigureRow): NpsFigures {
  return {
    ...r,
    nps: npsOf(r.promoters, r.detractors, r.responses),
    responseRate: share(r.answered, r.sent),
  };
}
const EMPTY: FigureRow = { responses: 0, promoters: 0, passives: 0, detractors: 0, sent: 0, answered: 0 };

async function periodOf(db: Db, actor: Actor, q: NpsResultsQuery): Promise<Period> {
  const timeZone = await workspaceTimeZone(db, actor.workspaceId);
  const to = q.to ?? todayIn(timeZone);
  const from = q.from ?? monthStart(to, -11);
  if (from > to)
    throw invalidField({
      in: 'querystring',
      path: 'from',
      code: 'invalid_config',
      params: { reason: 'from > to' },
    });
  return { from, to, timeZone };
}

export const npsService = {
  /** A new single-use link for a customer the actor may edit (404 outside their sight, 403 read-only). */
  async create(
    db: Db,
    ctx: RequestContext,
    customerId: string,
    body: CreateNpsSurveyBody,
  ): Promise<CreatedNpsSurvey> {
    const { actor } = ctx;
    await customersService.getEditable(db, actor, customerId);
    const token = randomBytes(32).toString('base64url');
    const days = body.expiresInDays ?? 14;
    const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
    return db.transaction(async (tx) => {
      const row = await repo.insert(tx, {
        workspaceId: actor.workspaceId,
        customerId,
        tokenHash: hashToken(token),
        channel: body.channel ?? null,
        createdBy: actor.userId,
        expiresAt,
      });
      const survey = view(row);
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'nps_survey.create',
        entityType: 'customer',
        entityId: customerId,
        after: { surveyId: survey.id, channel: survey.channel, expiresAt: survey.expiresAt },
      });
      return { ...survey, token, path: surveyPath(token) };
    });
  },

  async list(db: Db, ctx: RequestContext, customerId: string): Promise<NpsSurveyList> {
    const { actor } = ctx;
    await customersService.get(db, ctx, customerId);
    const [rows, latest] = await Promise.all([
      repo.listForCustomer(db, actor.workspaceId, customerId, LIST_LIMIT),
      repo.latestScore(db, actor.workspaceId, customerId),
    ]);
    return { items: rows.map(view), latestScore: latest.score, latestAt: latest.at };
  },

  /** Closes an unanswered link; an answered one stays (409), revoking twice is harmless. */
  async revoke(db: Db, ctx: RequestContext, customerId: string, surveyId: string): Promise<NpsSurvey> {
    const { actor } = ctx;
    await customersService.getEditable(db, actor, customerId);
    return db.transaction(async (tx) => {
      const before = await repo.byId(tx, actor.workspaceId, customerId, surveyId);
      if (!before) throw notFound('survey');
      if (before.respondedAt) throw new AppError('NPS_ALREADY_ANSWERED');
      if (await repo.revoke(tx, actor.workspaceId, surveyId, actor.userId)) {
        await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
          action: 'nps_survey.revoke',
          entityType: 'customer',
          entityId: customerId,
          after: { surveyId },
        });
      }
      return view((await repo.byId(tx, actor.workspaceId, customerId, surveyId))!);
    });
  },

  /** What the public page shows: the workspace's and the customer's names, nothing else. */
  async publicView(db: Db, token: string): Promise<PublicNpsSurvey> {
    const s = await openSurvey(db, token);
    return { workspaceName: s.workspaceName, customerName: s.customerName };
  },

  /**
   * The customer's answer: recorded once; the customer's latest score goes to customer_metrics and the
   * customer is placed again in the same transaction, so tiers and segments testing `nps_score` move now.
   */
  async answer(db: Db, token: string, body: NpsAnswerBody): Promise<void> {
    const s = await openSurvey(db, token);
    const comment = body.comment?.trim() ? body.comment.trim() : null;
    await db.transaction(async (tx) => {
      // Lock order as every customer write: the customer first, then its rows.
      await repo.lockCustomer(tx, s.workspaceId, s.customerId);
      const at = await repo.answer(tx, s.workspaceId, s.id, body.score, comment);
      if (!at) await openSurvey(tx, token); // closed in between: say why (answered, revoked, expired)
      if (!at) throw new AppError('NPS_ALREADY_ANSWERED');
      await repo.setCustomerScore(tx, s.workspaceId, s.customerId, body.score, at);
      await customerChanged(tx, s.workspaceId, s.customerId);
    });
  },

  /** NPS over the customers the actor may see, narrowed by owner/team, in a period of local days. */
  async results(db: Db, actor: Actor, q: NpsResultsQuery, lang: Lang): Promise<NpsResults> {
    const p = await periodOf(db, actor, q);
    const where = dashboardCustomers(actor, q);
    const ws = actor.workspaceId;
    const classification = await loadClassification(db, ws);
    const scheme = q.scheme
      ? classification.schemes.find((s) => s.key === q.scheme)
      : (classification.schemes.find((s) => s.enabled) ?? classification.schemes[0]);
    if (q.scheme && !scheme) throw invalidField({ in: 'querystring', path: 'scheme', code: 'not_found' });

    // One after the other: PGlite serialises anyway, and a pool is not held for one request.
    const summary = await repo.summary(db, ws, where, p);
    const dist = await repo.distribution(db, ws, where, p);
    const segments = await repo.bySegment(db, ws, where, p);
    const tierRows = scheme ? await repo.byTier(db, ws, where, p, scheme.key) : [];

    let byTier: NpsGroup[] = [];
    if (scheme) {
      const tiers: DashboardTier[] = scheme.tiers.map((t) => ({
        key: t.key,
        name: lang === 'en' ? t.nameEn : t.nameZh,
        color: t.color,
      }));
      const known = new Set(tiers.map((t) => t.key));
      const extra = tierRows
        .map((r) => r.tier)
        .filter((k) => k !== 'none' && !known.has(k))
        .sort()
        .map((key) => ({ key, name: key, color: '#8c8c8c' }));
      const none = { key: 'none', name: lang === 'en' ? 'Not placed' : '未分类', color: NONE_COLOR };
      const byKey = new Map(tierRows.map((r) => [r.tier, r]));
      byTier = [...tiers, ...extra, none]
        .map((t) => ({ ...t, ...figuresOf(byKey.get(t.key) ?? EMPTY) }))
        .filter((g) => g.key !== 'none' || g.sent > 0 || g.responses > 0);
    }
    return {
      period: { from: p.from, to: p.to, timeZone: p.timeZone },
      summary: figuresOf(summary),
      distribution: Array.from({ length: 11 }, (_, score) => ({ score, count: dist.get(score) ?? 0 })),
      bySegment: segments.map((s) => ({ key: s.key, name: s.name, color: null, ...figuresOf(s) })),
      scheme: scheme?.key ?? null,
      byTier,
    };
  },
};
