import type { CreatePipelineBody, Pipeline, StageKind, UpdatePipelineBody } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { RequestContext } from '../../http/actor.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { pipelinesRepository } from './pipelines.repository.ts';

type StageInput = { id?: string; name: string; kind: StageKind; probability: number };

/**
 * The stages as stored: the open ones in the order given, then won (100 %), then lost (0 %). At least
 * one open stage, exactly one won and one lost; anything else is refused rather than guessed at.
 */
export function normaliseStages(stages: StageInput[]): StageInput[] {
  const open = stages.filter((s) => s.kind === 'open');
  const won = stages.filter((s) => s.kind === 'won');
  const lost = stages.filter((s) => s.kind === 'lost');
  if (open.length === 0 || won.length !== 1 || lost.length !== 1) {
    throw invalidField({ in: 'body', path: 'stages', code: 'invalid_stages' });
  }
  return [...open, { ...won[0]!, probability: 100 }, { ...lost[0]!, probability: 0 }];
}

function rethrowName(err: unknown): never {
  if (isUniqueViolation(err, 'pipelines_name_key'))
    throw invalidField({ in: 'body', path: 'name', code: 'duplicate' });
  throw err;
}

export const pipelinesService = {
  list: (db: Db, c: RequestContext) => pipelinesRepository.list(db, c.actor.workspaceId),

  async get(db: Db, c: RequestContext, id: string): Promise<Pipeline> {
    const p = await pipelinesRepository.byId(db, c.actor.workspaceId, id);
    if (!p) throw notFound('pipeline');
    return p;
  },

  async create(db: Db, c: RequestContext, body: CreatePipelineBody): Promise<Pipeline> {
    const ws = c.actor.workspaceId;
    const stages = normaliseStages(body.stages.map((s) => ({ ...s, id: undefined })));
    try {
      return await db.transaction(async (tx) => {
        const first = (await pipelinesRepository.defaultId(tx, ws)) === undefined;
        const isDefault = first || body.isDefault === true;
        const row = await pipelinesRepository.insert(tx, ws, { name: body.name, isDefault });
        if (isDefault) await pipelinesRepository.clearDefault(tx, ws, row.id);
        for (const [position, s] of stages.entries()) {
          await pipelinesRepository.insertStage(tx, ws, row.id, { ...s, position });
        }
        await pipelinesRepository.replaceLossReasons(tx, ws, row.id, body.lossReasons ?? []);
        const after = (await pipelinesRepository.byId(tx, ws, row.id))!;
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'pipeline.create',
          entityType: 'pipeline',
          entityId: row.id,
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowName(err);
    }
  },

  /**
   * Renames, makes default, and replaces stages and loss reasons in one versioned change. A stage keeps
   * its id (and its deals and history) when sent back with it; a dropped stage that still holds deals
   * is refused (409 STAGE_IN_USE); a stage's kind never changes.
   */
  async update(db: Db, c: RequestContext, id: string, body: UpdatePipelineBody): Promise<Pipeline> {
    const ws = c.actor.workspaceId;
    const before = await this.get(db, c, id);
    if (before.version !== body.version) throw new AppError('VERSION_CONFLICT', {}, { current: before });
    const stages = body.stages ? normaliseStages(body.stages) : undefined;
    if (stages) {
      const known = new Map(before.stages.map((s) => [s.id, s]));
      for (const [i, s] of stages.entries()) {
        if (!s.id) continue;
        const old = known.get(s.id);
        if (!old) throw invalidField({ in: 'body', path: `stages.${i}.id`, code: 'other_pipeline' });
        if (old.kind !== s.kind) throw invalidField({ in: 'body', path: 'stages', code: 'invalid_stages' });
      }
    }
    if (body.lossReasons) {
      const known = new Set(before.lossReasons.map((r) => r.id));
      for (const [i, r] of body.lossReasons.entries()) {
        if (r.id && !known.has(r.id))
          throw invalidField({ in: 'body', path: `lossReasons.${i}.id`, code: 'other_pipeline' });
      }
    }
    try {
      return await db.transaction(async (tx) => {
        const row = await pipelinesRepository.touch(tx, ws, id, body.version, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.isDefault ? { isDefault: true } : {}),
        });
        if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: before });
        if (body.isDefault) await pipelinesRepository.clearDefault(tx, ws, id);
        if (stages) {
          const kept = new Set(stages.map((s) => s.id).filter(Boolean));
          const use = await pipelinesRepository.stageUse(tx, ws, id);
          for (const old of before.stages) {
            if (kept.has(old.id)) continue;
            const n = use.get(old.id) ?? 0;
            if (n > 0) throw new AppError('STAGE_IN_USE', { stage: old.name, count: n });
            await pipelinesRepository.deleteStage(tx, ws, old.id);
          }
          for (const [position, s] of stages.entries()) {
            if (s.id) await pipelinesRepository.updateStage(tx, ws, s.id, { ...s, position });
            else await pipelinesRepository.insertStage(tx, ws, id, { ...s, position });
          }
        }
        if (body.lossReasons) await pipelinesRepository.replaceLossReasons(tx, ws, id, body.lossReasons);
        const after = (await pipelinesRepository.byId(tx, ws, id))!;
        await auditService.record(tx, ws, c.actor, c.ip, {
          action: 'pipeline.update',
          entityType: 'pipeline',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowName(err);
    }
  },

  /** Only an empty pipeline may go; the default passes to the next one. */
  async delete(db: Db, c: RequestContext, id: string): Promise<void> {
    const ws = c.actor.workspaceId;
    const before = await this.get(db, c, id);
    const n = await pipelinesRepository.countOpportunities(db, ws, id);
    if (n > 0) throw new AppError('PIPELINE_IN_USE', { count: n });
    await db.transaction(async (tx) => {
      await pipelinesRepository.delete(tx, ws, id);
      if (before.isDefault) {
        const next = await pipelinesRepository.defaultId(tx, ws);
        if (next) {
          const p = (await pipelinesRepository.byId(tx, ws, next))!;
          await pipelinesRepository.touch(tx, ws, next, p.version, { isDefault: true });
        }
      }
      await auditService.record(tx, ws, c.actor, c.ip, {
        action: 'pipeline.delete',
        entityType: 'pipeline',
        entityId: id,
        before,
      });
    });
  },
};
