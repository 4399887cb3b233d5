import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { money } from '../../db/raw.ts';
import type { PortraitCustomer } from './portrait.ts';
import { FROM } from './opportunities.repository.ts';

/**
 * Set-wise figures over the deals matching `where` (scope and filters over o, c, s) for the dashboards.
 * Every statement starts from the same CTE, so the funnel, breakdowns and portrait count the same deals.
 */
const scoped = (where: SQL) => sql`f AS (
  SELECT o.id, o.customer_id, o.amount, o.status, o.stage_id, o.owner_id, o.loss_reason_id, o.created_at,
    o.closed_at, o.expected_close_on, s.probability, s.position AS cur_pos
  FROM ${FROM} WHERE ${where})`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface Breakdown {
  id: string | null;
  name: string | null;
  open: number;
  openAmount: string;
  weightedAmount: string;
  won: number;
  wonAmount: string;
  lost: number;
}

const BREAKDOWN_COLUMNS = sql.raw(`
  count(*) FILTER (WHERE f.status = 'open')::int AS open,
  COALESCE(sum(f.amount) FILTER (WHERE f.status = 'open'), 0) AS open_amount,
  COALESCE(sum(round(f.amount * f.probability / 100.0, 2)) FILTER (WHERE f.status = 'open'), 0) AS weighted,
  count(*) FILTER (WHERE f.status = 'won')::int AS won,
  COALESCE(sum(f.amount) FILTER (WHERE f.status = 'won'), 0) AS won_amount,
  count(*) FILTER (WHERE f.status = 'lost')::int AS lost`);

const toBreakdown = (r: Record<string, unknown>): Breakdown => ({
  id: (r.id as string | null) ?? null,
  name: (r.name as string | null) ?? null,
  open: Number(r.open),
  openAmount: money(r.open_amount),
  weightedAmount: money(r.weighted),
  won: Number(r.won),
  wonAmount: money(r.won_amount),
  lost: Number(r.lost),
});

export const analyticsRepository = {
  /**
   * Deals that reached each open stage: a deal reached every open stage up to the furthest one it ever
   * stood in (by position), and a won deal reached them all.
   */
  async reached(db: Db, workspaceId: string, pipelineId: string, where: SQL) {
    const { rows } = await db.execute<{ stage_id: string; n: number; amount: string }>(sql`
      WITH ${scoped(where)},
      mx AS (
        SELECT h.opportunity_id AS id, max(hs.position) AS maxpos
        FROM opportunity_stage_history h
        JOIN pipeline_stages hs ON hs.workspace_id = h.workspace_id AND hs.id = h.stage_id AND hs.kind = 'open'
        WHERE h.workspace_id = ${workspaceId} AND h.opportunity_id IN (SELECT id FROM f)
        GROUP BY h.opportunity_id),
      g AS (
        SELECT f.id, f.amount, f.status,
          GREATEST(mx.maxpos, CASE WHEN f.status = 'open' THEN f.cur_pos END) AS maxpos
        FROM f LEFT JOIN mx ON mx.id = f.id)
      SELECT st.id AS stage_id, count(g.id)::int AS n, COALESCE(sum(g.amount), 0) AS amount
      FROM pipeline_stages st
      JOIN g ON g.status = 'won' OR g.maxpos >= st.position
      WHERE st.workspace_id = ${workspaceId} AND st.pipeline_id = ${pipelineId} AND st.kind = 'open'
      GROUP BY st.id`);
    return new Map(rows.map((r) => [r.stage_id, { count: Number(r.n), amount: money(r.amount) }]));
  },

  /** Mean length in days of the finished stays in each stage (a stay in progress has no length yet). */
  async avgDays(db: Db, workspaceId: string, where: SQL): Promise<Map<string, number>> {
    const { rows } = await db.execute<{ stage_id: string; days: string }>(sql`
      WITH ${scoped(where)}
      SELECT h.stage_id, avg(extract(epoch FROM (h.left_at - h.entered_at)) / 86400.0) AS days
      FROM opportunity_stage_history h
      WHERE h.workspace_id = ${workspaceId} AND h.left_at IS NOT NULL AND h.opportunity_id IN (SELECT id FROM f)
      GROUP BY h.stage_id`);
    return new Map(rows.map((r) => [r.stage_id, Number(r.days)]));
  },

  async totals(db: Db, where: SQL) {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH ${scoped(where)}
      SELECT count(*)::int AS total, ${BREAKDOWN_COLUMNS},
        avg(extract(epoch FROM (f.closed_at - f.created_at)) / 86400.0) FILTER (WHERE f.status = 'won') AS days_to_win
      FROM f`);
    const r = rows[0]!;
    return { total: Number(r.total), ...toBreakdown(r), avgDaysToWin: num(r.days_to_win) };
  },

  async byOwner(db: Db, workspaceId: string, where: SQL): Promise<Breakdown[]> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH ${scoped(where)}
      SELECT f.owner_id AS id, u.name, ${BREAKDOWN_COLUMNS}
      FROM f LEFT JOIN users u ON u.workspace_id = ${workspaceId} AND u.id = f.owner_id
      GROUP BY f.owner_id, u.name ORDER BY won_amount DESC, open_amount DESC, u.name`);
    return rows.map(toBreakdown);
  },

  async byTeam(db: Db, workspaceId: string, where: SQL): Promise<Breakdown[]> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      WITH ${scoped(where)}
      SELECT u.team_id AS id, t.name, ${BREAKDOWN_COLUMNS}
      FROM f LEFT JOIN users u ON u.workspace_id = ${workspaceId} AND u.id = f.owner_id
        LEFT JOIN teams t ON t.workspace_id = ${workspaceId} AND t.id = u.team_id
      GROUP BY u.team_id, t.name ORDER BY won_amount DESC, open_amount DESC, t.name`);
    return rows.map(toBreakdown);
  },

  async lossReasons(db: Db, workspaceId: string, where: SQL) {
    const { rows } = await db.execute<{ id: string | null; name: string | null; n: number }>(sql`
      WITH ${scoped(where)}
      SELECT f.loss_reason_id AS id, lr.name, count(*)::int AS n
      FROM f LEFT JOIN loss_reasons lr ON lr.workspace_id = ${workspaceId} AND lr.id = f.loss_reason_id
      WHERE f.status = 'lost' GROUP BY f.loss_reason_id, lr.name ORDER BY n DESC, lr.name`);
    return rows.map((r) => ({ id: r.id ?? null, name: r.name ?? null, count: Number(r.n) }));
  },

  /** Open deals by month of expected close (YYYY-MM), from `firstDay` on; won deals by month closed. */
  async forecast(db: Db, where: SQL, firstDay: string, today: string, timeZone: string) {
    const [open, won, late] = await Promise.all([
      db.execute<{ m: string; n: number; amount: string; weighted: string }>(sql`
        WITH ${scoped(where)}
        SELECT to_char(f.expected_close_on, 'YYYY-MM') AS m, count(*)::int AS n, sum(f.amount) AS amount,
          sum(round(f.amount * f.probability / 100.0, 2)) AS weighted
        FROM f WHERE f.status = 'open' AND f.expected_close_on >= ${today}::date
        GROUP BY 1`),
      db.execute<{ m: string; amount: string }>(sql`
        WITH ${scoped(where)}
        SELECT to_char((f.closed_at AT TIME ZONE ${timeZone}::text)::date, 'YYYY-MM') AS m, sum(f.amount) AS amount
        FROM f WHERE f.status = 'won' AND (f.closed_at AT TIME ZONE ${timeZone}::text)::date >= ${firstDay}::date
        GROUP BY 1`),
      db.execute<{ kind: string; n: number; amount: string; weighted: string }>(sql`
        WITH ${scoped(where)}
        SELECT CASE WHEN f.expected_close_on IS NULL THEN 'undated' ELSE 'overdue' END AS kind,
          count(*)::int AS n, sum(f.amount) AS amount, sum(round(f.amount * f.probability / 100.0, 2)) AS weighted
        FROM f WHERE f.status = 'open' AND (f.expected_close_on IS NULL OR f.expected_close_on < ${today}::date)
        GROUP BY 1`),
    ]);
    return {
      open: new Map(
        open.rows.map((r) => [
          r.m,
          { count: Number(r.n), amount: money(r.amount), weightedAmount: money(r.weighted) },
        ]),
      ),
      won: new Map(won.rows.map((r) => [r.m, money(r.amount)])),
      late: new Map(
        late.rows.map((r) => [
          r.kind,
          { count: Number(r.n), amount: money(r.amount), weightedAmount: money(r.weighted) },
        ]),
      ),
    };
  },

  /** One row per customer with deals: its attributes and whether any of its deals was won. */
  async portraitCustomers(db: Db, where: SQL): Promise<PortraitCustomer[]> {
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      SELECT c.id, c.industry, c.province, c.size_band, c.source, bool_or(o.status = 'won') AS won
      FROM ${FROM} WHERE ${where}
      GROUP BY c.id, c.industry, c.province, c.size_band, c.source`);
    return rows.map((r) => ({
      id: String(r.id),
      won: r.won === true || r.won === 't',
      industry: (r.industry as string | null) ?? null,
      province: (r.province as string | null) ?? null,
      size_band: (r.size_band as string | null) ?? null,
      source: (r.source as string | null) ?? null,
    }));
  },

  /** Per product: customers with a deal including it, and those who won such a deal. */
  async portraitProducts(db: Db, where: SQL) {
    const { rows } = await db.execute<{ id: string; name: string; n: number; won: number }>(sql`
      SELECT p.id, p.name, count(DISTINCT o.customer_id)::int AS n,
        count(DISTINCT o.customer_id) FILTER (WHERE o.status = 'won')::int AS won
      FROM ${FROM}
        JOIN opportunity_products op ON op.workspace_id = o.workspace_id AND op.opportunity_id = o.id
        JOIN products p ON p.workspace_id = op.workspace_id AND p.id = op.product_id
      WHERE ${where}
      GROUP BY p.id, p.name ORDER BY won DESC, n DESC, p.name`);
    return rows.map((r) => ({ id: r.id, name: r.name, customers: Number(r.n), wonCustomers: Number(r.won) }));
  },
};
