import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dayStart } from '../../db/local-days.ts';

/** A survey row as the service sees it (timestamps as ISO strings). */
export interface SurveyRow {
  id: string;
  workspaceId: string;
  customerId: string;
  channel: string | null;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  expiresAt: string;
  revokedAt: string | null;
  respondedAt: string | null;
  score: number | null;
  comment: string | null;
}

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString();

function toSurvey(r: Record<string, unknown>): SurveyRow {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    customerId: String(r.customer_id),
    channel: (r.channel as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    createdBy: (r.created_by as string | null) ?? null,
    createdByName: (r.created_by_name as string | null) ?? null,
    expiresAt: iso(r.expires_at)!,
    revokedAt: iso(r.revoked_at),
    respondedAt: iso(r.responded_at),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    comment: (r.comment as string | null) ?? null,
  };
}

const SURVEY_COLUMNS = sql`s.id, s.workspace_id, s.customer_id, s.channel, s.created_at, s.created_by,
  u.name AS created_by_name, s.expires_at, s.revoked_at, s.responded_at, s.score, s.comment`;
const WITH_CREATOR = sql`LEFT JOIN users u ON u.workspace_id = s.workspace_id AND u.id = s.created_by`;

/** The period of local days the results cover. */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

/**
 * Per customer in `where` (SQL over the alias `c`) with NPS activity in the period: the score of their
 * latest answer given in the period (null if none), the links created in the period that count as sent
 * (not revoked before an answer) and how many of those were answered (at any time).
 */
function perCustomer(workspaceId: string, where: SQL, p: Period): SQL {
  const start = dayStart(sql`${p.from}::date`, p.timeZone);
  const end = dayStart(sql`${p.to}::date + 1`, p.timeZone);
  return sql`
    ans AS (
      SELECT DISTINCT ON (s.customer_id) s.customer_id, s.score
      FROM nps_surveys s
      WHERE s.workspace_id = ${workspaceId} AND s.responded_at >= ${start} AND s.responded_at < ${end}
      ORDER BY s.customer_id, s.responded_at DESC, s.id DESC),
    snt AS (
      SELECT s.customer_id, count(*)::int AS sent, count(s.responded_at)::int AS answered
      FROM nps_surveys s
      WHERE s.workspace_id = ${workspaceId} AND s.created_at >= ${start} AND s.created_at < ${end}
        AND (s.revoked_at IS NULL OR s.responded_at IS NOT NULL)
      GROUP BY s.customer_id),
    per AS (
      SELECT c.id AS customer_id, a.score, COALESCE(x.sent, 0) AS sent, COALESCE(x.answered, 0) AS answered
      FROM customers c
        LEFT JOIN ans a ON a.customer_id = c.id
        LEFT JOIN snt x ON x.customer_id = c.id
      WHERE ${where} AND (a.customer_id IS NOT NULL OR x.customer_id IS NOT NULL))`;
}

/** The NPS figures over the rows of `per` in a group (null rows of an outer join count nothing). */
const FIGURES = sql`count(per.score)::int AS responses,
  count(*) FILTER (WHERE per.score >= 9)::int AS promoters,
  count(*) FILTER (WHERE per.score BETWEEN 7 AND 8)::int AS passives,
  count(*) FILTER (WHERE per.score <= 6)::int AS detractors,
  COALESCE(sum(per.sent), 0)::int AS sent, COALESCE(sum(per.answered), 0)::int AS answered`;

export interface FigureRow {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  sent: number;
  answered: number;
}
const figures = (r: Record<string, unknown>): FigureRow => ({
  responses: Number(r.responses ?? 0),
  promoters: Number(r.promoters ?? 0),
  passives: Number(r.passives ?? 0),
  detractors: Number(r.detractors ?? 0),
  sent: Number(r.sent ?? 0),
  answered: Number(r.answered ?? 0),
});

export const npsRepository = {
  async insert(
    db: Db,
    v: {
      workspaceId: string;
      customerId: string;
      tokenHash: string;
      channel: string | null;
      createdBy: string;
      expiresAt: string;
    },
  ): Promise<SurveyRow> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH s AS (
        INSERT INTO nps_surveys (workspace_id, customer_id, token_hash, channel, created_by, expires_at)
        VALUES (${v.workspaceId}, ${v.customerId}, ${v.tokenHash}, ${v.channel}, ${v.createdBy},
          ${v.expiresAt}::timestamptz)
        RETURNING *)
      SELECT ${SURVEY_COLUMNS} FROM s ${WITH_CREATOR}`);
    return toSurvey(rows[0]!);
  },

  async byId(db: Db, workspaceId: string, customerId: string, id: string): Promise<SurveyRow | null> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT ${SURVEY_COLUMNS} FROM nps_surveys s ${WITH_CREATOR}
      WHERE s.workspace_id = ${workspaceId} AND s.customer_id = ${customerId} AND s.id = ${id}`);
    return rows[0] ? toSurvey(rows[0]) : null;
  },

  /** The customer's links, newest first (at most `limit`). */
  async listForCustomer(db: Db, workspaceId: string, customerId: string, limit: number) {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT ${SURVEY_COLUMNS} FROM nps_surveys s ${WITH_CREATOR}
      WHERE s.workspace_id = ${workspaceId} AND s.customer_id = ${customerId}
      ORDER BY s.created_at DESC, s.id DESC LIMIT ${limit}`);
    return rows.map(toSurvey);
  },

  async latestScore(db: Db, workspaceId: string, customerId: string) {
    const { rows } = await db.execute<{ nps_score: number | null; nps_at: unknown }>(sql`
      SELECT nps_score, nps_at FROM customer_metrics
      WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}`);
    const r = rows[0];
    return { score: r?.nps_score == null ? null : Number(r.nps_score), at: iso(r?.nps_at) };
  },

  /** Revokes an unanswered link; null when there was nothing to revoke (answered or already revoked). */
  async revoke(db: Db, workspaceId: string, id: string, by: string): Promise<boolean> {
    const { rows } = await db.execute(sql`
      UPDATE nps_surveys SET revoked_at = now(), revoked_by = ${by}
      WHERE workspace_id = ${workspaceId} AND id = ${id} AND responded_at IS NULL AND revoked_at IS NULL
      RETURNING id`);
    return rows.length > 0;
  },

  /**
   * The link behind a token (by its hash, across workspaces), with the two names the public page shows
   * and whether the customer is in the recycle bin.
   */
  async byTokenHash(db: Db, tokenHash: string) {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT s.id, s.workspace_id, s.customer_id, s.expires_at, s.revoked_at, s.responded_at,
        w.name AS workspace_name, c.name AS customer_name, c.deleted_at IS NOT NULL AS customer_deleted
      FROM nps_surveys s
        JOIN customers c ON c.workspace_id = s.workspace_id AND c.id = s.customer_id
        JOIN workspaces w ON w.workspace_id = s.workspace_id
      WHERE s.token_hash = ${tokenHash}
      LIMIT 1`);
    const r = rows[0];
    if (!r) return null;
    return {
      id: String(r.id),
      workspaceId: String(r.workspace_id),
      customerId: String(r.customer_id),
      expiresAt: iso(r.expires_at)!,
      revokedAt: iso(r.revoked_at),
      respondedAt: iso(r.responded_at),
      workspaceName: String(r.workspace_name),
      customerName: String(r.customer_name),
      customerDeleted: r.customer_deleted === true,
    };
  },

  async lockCustomer(db: Db, workspaceId: string, customerId: string) {
    await db.execute(
      sql`SELECT 1 FROM customers WHERE workspace_id = ${workspaceId} AND id = ${customerId} FOR NO KEY UPDATE`,
    );
  },

  /** Records the answer if the link is still open (single use under concurrency); false otherwise. */
  async answer(db: Db, workspaceId: string, id: string, score: number, comment: string | null) {
    const { rows } = await db.execute<{ responded_at: unknown }>(sql`
      UPDATE nps_surveys SET responded_at = now(), score = ${score}, comment = ${comment}
      WHERE workspace_id = ${workspaceId} AND id = ${id}
        AND responded_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING responded_at`);
    return rows[0] ? iso(rows[0].responded_at) : null;
  },

  /** The customer's latest score on its metrics row (what the `nps_score` rule field reads). */
  async setCustomerScore(db: Db, workspaceId: string, customerId: string, score: number, at: string) {
    await db.execute(sql`
      INSERT INTO customer_metrics AS cm (workspace_id, customer_id, nps_score, nps_at)
      VALUES (${workspaceId}, ${customerId}, ${score}, ${at}::timestamptz)
      ON CONFLICT (workspace_id, customer_id) DO UPDATE SET nps_score = EXCLUDED.nps_score,
        nps_at = EXCLUDED.nps_at, updated_at = now()
      WHERE cm.nps_at IS NULL OR cm.nps_at <= EXCLUDED.nps_at`);
  },

  async summary(db: Db, workspaceId: string, where: SQL, p: Period): Promise<FigureRow> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH ${perCustomer(workspaceId, where, p)}
      SELECT ${FIGURES} FROM per`);
    return figures(rows[0] ?? {});
  },

  async distribution(db: Db, workspaceId: string, where: SQL, p: Period) {
    const { rows } = await db.execute<{ score: number; n: number }>(sql`
      WITH ${perCustomer(workspaceId, where, p)}
      SELECT per.score, count(*)::int AS n FROM per WHERE per.score IS NOT NULL GROUP BY per.score`);
    return new Map(rows.map((r) => [Number(r.score), Number(r.n)]));
  },

  /** Per tier of `scheme` now (`none` = not placed). */
  async byTier(db: Db, workspaceId: string, where: SQL, p: Period, scheme: string) {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH ${perCustomer(workspaceId, where, p)}
      SELECT COALESCE(m.tiers->>${scheme}::text, 'none') AS tier, ${FIGURES}
      FROM per LEFT JOIN customer_metrics m ON m.workspace_id = ${workspaceId} AND m.customer_id = per.customer_id
      GROUP BY 1`);
    return rows.map((r) => ({ tier: String(r.tier), ...figures(r) }));
  },

  /** Per segment (current members), every segment of the workspace. */
  async bySegment(db: Db, workspaceId: string, where: SQL, p: Period) {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH ${perCustomer(workspaceId, where, p)}
      SELECT sg.id, sg.name, ${FIGURES}
      FROM segments sg
        LEFT JOIN segment_members sm ON sm.workspace_id = sg.workspace_id AND sm.segment_id = sg.id
        LEFT JOIN per ON per.customer_id = sm.customer_id
      WHERE sg.workspace_id = ${workspaceId}
      GROUP BY sg.id, sg.name ORDER BY responses DESC, sg.name, sg.id`);
    return rows.map((r) => ({ key: String(r.id), name: String(r.name), ...figures(r) }));
  },
};
