import type {
  Board,
  BoardQuery,
  CreateOpportunityBody,
  Opportunity,
  OpportunityDetail,
  OpportunityListQuery,
  Pipeline,
  UpdateOpportunityBody,
} from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, invalidField, invalidReference, notFound } from '../../http/errors.ts';
import { auditService } from '../audit/audit.service.ts';
import { customersService } from '../customers/customers.service.ts';
import { customerChanged } from '../segmentation/placement.ts';
import { usersRepository } from '../users/users.repository.ts';
import { workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { pipelinesRepository } from './pipelines.repository.ts';
import { opportunitiesRepository, opportunityOrder, opportunityWhere } from './opportunities.repository.ts';

/** Open opportunities are a customer metric (and so can move tiers, tags and segments): place it again. */
const refreshMetrics = (db: Db, workspaceId: string, customerId: string) =>
  customerChanged(db, workspaceId, customerId);

const ZERO = { count: 0, amount: '0.00', weightedAmount: '0.00' };

/**
 * Who may own a deal: admins any active user; managers themselves or their team; reps themselves
 * (the same rule as for customers).
 */
async function assertOwner(db: Db, actor: Actor, ownerId: string): Promise<void> {
  const refuse = () => invalidField({ in: 'body', path: 'ownerId', code: 'not_allowed_owner' });
  const user = await usersRepository.byId(db, actor.workspaceId, ownerId);
  if (!user || user.disabledAt) throw refuse();
  if (actor.role === 'admin' || ownerId === actor.userId) return;
  if (actor.role === 'manager' && actor.teamId && user.teamId === actor.teamId) return;
  throw refuse();
}

async function assertProducts(db: Db, workspaceId: string, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await opportunitiesRepository.existingProducts(db, workspaceId, ids);
  if (ids.some((id) => !found.has(id))) throw invalidReference('productIds');
}

async function pipelineOf(db: Db, workspaceId: string, id: string | undefined): Promise<Pipeline> {
  const pipelineId = id ?? (await pipelinesRepository.defaultId(db, workspaceId));
  const pipeline = pipelineId ? await pipelinesRepository.byId(db, workspaceId, pipelineId) : undefined;
  if (!pipeline) throw invalidReference('pipelineId');
  return pipeline;
}

export const opportunitiesService = {
  async list(db: Db, c: RequestContext, q: OpportunityListQuery) {
    const tz = await workspaceTimeZone(db, c.actor.workspaceId);
    const where = opportunityWhere(c.actor, q, tz);
    const [items, total] = await Promise.all([
      opportunitiesRepository.list(
        db,
        where,
        opportunityOrder(q.sort),
        q.pageSize,
        (q.page - 1) * q.pageSize,
      ),
      opportunitiesRepository.count(db, where),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  /** The kanban: one column per stage with its totals (all matching deals) and its first cards. */
  async board(db: Db, c: RequestContext, q: BoardQuery): Promise<Board> {
    const ws = c.actor.workspaceId;
    const pipeline = await pipelineOf(db, ws, q.pipelineId);
    const tz = await workspaceTimeZone(db, ws);
    const where = opportunityWhere(c.actor, { ...q, pipelineId: pipeline.id }, tz);
    const [cards, totals] = await Promise.all([
      opportunitiesRepository.boardCards(db, where, q.limit),
      opportunitiesRepository.stageTotals(db, where),
    ]);
    return {
      pipeline,
      columns: pipeline.stages.map((stage) => ({
        stage,
        totals: totals.get(stage.id) ?? ZERO,
        items: cards
          .filter((o) => o.stageId === stage.id)
          .sort((a, b) => b.stageEnteredAt.localeCompare(a.stageEnteredAt) || a.id.localeCompare(b.id)),
      })),
    };
  },

  async get(db: Db, c: RequestContext, id: string): Promise<OpportunityDetail> {
    const o = await opportunitiesRepository.view(db, c.actor, id);
    if (!o) throw notFound('opportunity');
    return { ...o, history: await opportunitiesRepository.history(db, c.actor.workspaceId, id) };
  },

  /** The deal as the caller may change it: 404 outside their sight, 403 when its customer is read-only to them. */
  async editable(db: Db, actor: Actor, id: string): Promise<Opportunity> {
    const o = await opportunitiesRepository.view(db, actor, id);
    if (!o) throw notFound('opportunity');
    await customersService.getEditable(db, actor, o.customerId);
    return o;
  },

  async create(db: Db, c: RequestContext, body: CreateOpportunityBody): Promise<OpportunityDetail> {
    const { actor } = c;
    const ws = actor.workspaceId;
    await customersService.getEditable(db, actor, body.customerId);
    const pipeline = await pipelineOf(db, ws, body.pipelineId);
    const stage = body.stageId
      ? pipeline.stages.find((s) => s.id === body.stageId)
      : pipeline.stages.find((s) => s.kind === 'open');
    if (!stage) throw invalidField({ in: 'body', path: 'stageId', code: 'other_pipeline' });
    if (stage.kind !== 'open') throw invalidField({ in: 'body', path: 'stageId', code: 'not_open_stage' });
    const ownerId = body.ownerId ?? actor.userId;
    await assertOwner(db, actor, ownerId);
    await assertProducts(db, ws, body.productIds);
    const id = await db.transaction(async (tx) => {
      const newId = await opportunitiesRepository.insert(tx, {
        ...body,
        workspaceId: ws,
        pipelineId: pipeline.id,
        stageId: stage.id,
        ownerId,
        createdBy: actor.userId,
      });
      await opportunitiesRepository.setProducts(tx, ws, newId, body.productIds ?? []);
      await opportunitiesRepository.enterStage(tx, ws, newId, stage.id, actor.userId);
      await refreshMetrics(tx, ws, body.customerId);
      const after = (await opportunitiesRepository.view(tx, actor, newId))!;
      await auditService.record(tx, ws, actor, c.ip, {
        action: 'opportunity.create',
        entityType: 'opportunity',
        entityId: newId,
        after,
      });
      return newId;
    });
    return this.get(db, c, id);
  },

  async update(
    db: Db,
    c: RequestContext,
    id: string,
    body: UpdateOpportunityBody,
  ): Promise<OpportunityDetail> {
    const { actor } = c;
    const ws = actor.workspaceId;
    const before = await this.editable(db, actor, id);
    if (before.version !== body.version) throw new AppError('VERSION_CONFLICT', {}, { current: before });
    const { version, productIds, ...changes } = body;
    if (changes.ownerId !== undefined && changes.ownerId !== before.ownerId)
      await assertOwner(db, actor, changes.ownerId);
    await assertProducts(db, ws, productIds);
    await db.transaction(async (tx) => {
      const ok = await opportunitiesRepository.update(tx, ws, id, version, changes);
      if (!ok) throw new AppError('VERSION_CONFLICT', {}, { current: before });
      if (productIds) await opportunitiesRepository.setProducts(tx, ws, id, productIds);
      const after = (await opportunitiesRepository.view(tx, actor, id))!;
      await auditService.record(tx, ws, actor, c.ip, {
        action: 'opportunity.update',
        entityType: 'opportunity',
        entityId: id,
        before,
        after,
      });
    });
    return this.get(db, c, id);
  },

  /**
   * Moves a deal to another stage of its pipeline: an open stage (`move`, which also reopens a closed
   * deal), the won stage (`win`) or the lost stage with a reason (`lose`). The version must be the one
   * the client read — two people dragging the same card cannot both win: the second gets 409.
   */
  async transition(
    db: Db,
    c: RequestContext,
    id: string,
    version: number,
    target:
      | { kind: 'open'; stageId: string }
      | { kind: 'won' }
      | { kind: 'lost'; lossReasonId: string; note?: string | null },
  ): Promise<OpportunityDetail> {
    const { actor } = c;
    const ws = actor.workspaceId;
    const before = await this.editable(db, actor, id);
    if (before.version !== version) throw new AppError('VERSION_CONFLICT', {}, { current: before });
    const pipeline = (await pipelinesRepository.byId(db, ws, before.pipelineId))!;
    const stage =
      target.kind === 'open'
        ? pipeline.stages.find((s) => s.id === target.stageId)
        : pipeline.stages.find((s) => s.kind === target.kind);
    if (!stage) throw invalidField({ in: 'body', path: 'stageId', code: 'other_pipeline' });
    if (target.kind === 'open' && stage.kind !== 'open')
      throw invalidField({ in: 'body', path: 'stageId', code: 'not_open_stage' });
    let lossReasonId: string | null = null;
    if (target.kind === 'lost') {
      const reason = pipeline.lossReasons.find((r) => r.id === target.lossReasonId && r.active);
      if (!reason) throw invalidField({ in: 'body', path: 'lossReasonId', code: 'other_pipeline' });
      lossReasonId = reason.id;
    }
    if (stage.id === before.stageId && target.kind !== 'lost') return this.get(db, c, id);
    await db.transaction(async (tx) => {
      const ok = await opportunitiesRepository.moveTo(
        tx,
        ws,
        id,
        version,
        {
          stageId: stage.id,
          status: stage.kind,
          lossReasonId,
          lossNote: target.kind === 'lost' ? (target.note ?? null) : null,
        },
        actor.userId,
      );
      if (!ok) throw new AppError('VERSION_CONFLICT', {}, { current: before });
      await refreshMetrics(tx, ws, before.customerId);
      const after = (await opportunitiesRepository.view(tx, actor, id))!;
      await auditService.record(tx, ws, actor, c.ip, {
        action:
          target.kind === 'open'
            ? 'opportunity.move'
            : `opportunity.${target.kind === 'won' ? 'win' : 'lose'}`,
        entityType: 'opportunity',
        entityId: id,
        before,
        after,
      });
    });
    return this.get(db, c, id);
  },

  async delete(db: Db, c: RequestContext, id: string): Promise<void> {
    const { actor } = c;
    const ws = actor.workspaceId;
    const before = await this.editable(db, actor, id);
    await db.transaction(async (tx) => {
      await opportunitiesRepository.delete(tx, ws, id);
      await refreshMetrics(tx, ws, before.customerId);
      await auditService.record(tx, ws, actor, c.ip, {
        action: 'opportunity.delete',
        entityType: 'opportunity',
        entityId: id,
        before,
      });
    });
  },
};
