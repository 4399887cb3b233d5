import type { LossReason, Pipeline, PipelineStage, StageKind } from '@stratum/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lossReasons, pipelineStages, pipelines } from '../../db/schema.ts';

type PipelineRow = typeof pipelines.$inferSelect;

const toStage = (s: typeof pipelineStages.$inferSelect): PipelineStage => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  probability: s.probability,
  position: s.position,
});

/** Pipelines, their stages and loss reasons: configuration, the same for everyone in the workspace. */
export const pipelinesRepository = {
  async list(db: Db, workspaceId: string): Promise<Pipeline[]> {
    const rows = await db
      .select()
      .from(pipelines)
      .where(eq(pipelines.workspaceId, workspaceId))
      .orderBy(sql`${pipelines.isDefault} DESC`, asc(pipelines.position), asc(pipelines.name));
    return Promise.all(rows.map((r) => this.assemble(db, r)));
  },

  async byId(db: Db, workspaceId: string, id: string): Promise<Pipeline | undefined> {
    const [row] = await db
      .select()
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
    return row ? this.assemble(db, row) : undefined;
  },

  async defaultId(db: Db, workspaceId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(eq(pipelines.workspaceId, workspaceId))
      .orderBy(sql`${pipelines.isDefault} DESC`, asc(pipelines.position), asc(pipelines.createdAt))
      .limit(1);
    return row?.id;
  },

  async assemble(db: Db, row: PipelineRow): Promise<Pipeline> {
    // One after the other: `db` may be a transaction (pipelinesService re-reads the pipeline in its write's
    // transaction), a single connection that node-postgres will not run two queries on at once.
    const stages = await db
      .select()
      .from(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, row.workspaceId), eq(pipelineStages.pipelineId, row.id)))
      .orderBy(asc(pipelineStages.position));
    const reasons = await db
      .select()
      .from(lossReasons)
      .where(and(eq(lossReasons.workspaceId, row.workspaceId), eq(lossReasons.pipelineId, row.id)))
      .orderBy(sql`${lossReasons.active} DESC`, asc(lossReasons.position));
    return {
      id: row.id,
      name: row.name,
      isDefault: row.isDefault,
      stages: stages.map(toStage),
      lossReasons: reasons.map((r): LossReason => ({ id: r.id, name: r.name, active: r.active })),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  },

  async insert(db: Db, workspaceId: string, values: { name: string; isDefault: boolean }) {
    const [{ n }] = (
      await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pipelines WHERE workspace_id = ${workspaceId}`,
      )
    ).rows as [{ n: number }];
    const [row] = await db
      .insert(pipelines)
      .values({ workspaceId, name: values.name, isDefault: values.isDefault, position: Number(n) })
      .returning();
    return row!;
  },

  /** Bumps the version (every change to a pipeline, its stages or reasons); undefined on a stale one. */
  async touch(
    db: Db,
    workspaceId: string,
    id: string,
    version: number,
    changes: { name?: string; isDefault?: boolean },
  ) {
    const [row] = await db
      .update(pipelines)
      .set({ ...changes, updatedAt: sql`now()`, version: sql`${pipelines.version} + 1` })
      .where(
        and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id), eq(pipelines.version, version)),
      )
      .returning();
    return row;
  },

  /** Only one default pipeline per workspace. */
  async clearDefault(db: Db, workspaceId: string, except: string): Promise<void> {
    await db.execute(
      sql`UPDATE pipelines SET is_default = false WHERE workspace_id = ${workspaceId} AND id <> ${except} AND is_default`,
    );
  },

  async insertStage(
    db: Db,
    workspaceId: string,
    pipelineId: string,
    s: { name: string; kind: StageKind; probability: number; position: number },
  ) {
    const [row] = await db
      .insert(pipelineStages)
      .values({ workspaceId, pipelineId, ...s })
      .returning();
    return row!;
  },

  async updateStage(
    db: Db,
    workspaceId: string,
    id: string,
    s: { name: string; probability: number; position: number },
  ): Promise<void> {
    await db
      .update(pipelineStages)
      .set(s)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, id)));
  },

  async deleteStage(db: Db, workspaceId: string, id: string): Promise<void> {
    await db
      .delete(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, id)));
  },

  /** Opportunities per stage of a pipeline (only stages that hold any). */
  async stageUse(db: Db, workspaceId: string, pipelineId: string): Promise<Map<string, number>> {
    const { rows } = await db.execute<{ stage_id: string; n: number }>(
      sql`SELECT stage_id, count(*)::int AS n FROM opportunities
          WHERE workspace_id = ${workspaceId} AND pipeline_id = ${pipelineId} GROUP BY stage_id`,
    );
    return new Map(rows.map((r) => [r.stage_id, Number(r.n)]));
  },

  /** Replaces the reasons: kept ones renamed and reordered, new ones added, dropped ones deleted — or archived while a lost deal still names them. */
  async replaceLossReasons(
    db: Db,
    workspaceId: string,
    pipelineId: string,
    wanted: { id?: string; name: string }[],
  ): Promise<void> {
    const existing = await db
      .select({ id: lossReasons.id })
      .from(lossReasons)
      .where(and(eq(lossReasons.workspaceId, workspaceId), eq(lossReasons.pipelineId, pipelineId)));
    const keep = new Set(wanted.map((w) => w.id).filter(Boolean));
    for (const { id } of existing) {
      if (keep.has(id)) continue;
      const { rows } = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM opportunities WHERE workspace_id = ${workspaceId} AND loss_reason_id = ${id}`,
      );
      if (Number(rows[0]?.n ?? 0) > 0) {
        await db
          .update(lossReasons)
          .set({ active: false })
          .where(and(eq(lossReasons.workspaceId, workspaceId), eq(lossReasons.id, id)));
      } else {
        await db
          .delete(lossReasons)
          .where(and(eq(lossReasons.workspaceId, workspaceId), eq(lossReasons.id, id)));
      }
    }
    for (const [position, w] of wanted.entries()) {
      if (w.id) {
        await db
          .update(lossReasons)
          .set({ name: w.name, position, active: true })
          .where(and(eq(lossReasons.workspaceId, workspaceId), eq(lossReasons.id, w.id)));
      } else {
        await db.insert(lossReasons).values({ workspaceId, pipelineId, name: w.name, position });
      }
    }
  },

  async countOpportunities(db: Db, workspaceId: string, pipelineId: string): Promise<number> {
    const { rows } = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM opportunities WHERE workspace_id = ${workspaceId} AND pipeline_id = ${pipelineId}`,
    );
    return Number(rows[0]?.n ?? 0);
  },

  async delete(db: Db, workspaceId: string, id: string): Promise<void> {
    await db.delete(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
  },
};
