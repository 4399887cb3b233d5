import type { Team } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { RequestContext } from '../../http/actor.ts';
import { auditService, type AuditActor } from '../audit/audit.service.ts';
import { teamsRepository } from './teams.repository.ts';

type TeamView = NonNullable<Awaited<ReturnType<typeof teamsRepository.byId>>>;
const toTeam = (row: TeamView): Team => ({ ...row, memberCount: Number(row.memberCount) });

function rethrowNameTaken(err: unknown): never {
  if (isUniqueViolation(err, 'teams_name_key')) throw new AppError('TEAM_NAME_TAKEN');
  throw err;
}

export const teamsService = {
  async list(
    db: Db,
    ctx: RequestContext,
    q: string | undefined,
    sort: string | undefined,
    page: number,
    pageSize: number,
  ) {
    const { items, total } = await teamsRepository.list(db, ctx.actor.workspaceId, q, sort, page, pageSize);
    return { items: items.map(toTeam), total, page, pageSize };
  },

  async get(db: Db, ctx: RequestContext, id: string): Promise<Team> {
    const row = await teamsRepository.byId(db, ctx.actor.workspaceId, id);
    if (!row) throw notFound('team');
    return toTeam(row);
  },

  async create(
    db: Db,
    workspaceId: string,
    actor: AuditActor,
    ip: string | null,
    name: string,
  ): Promise<Team> {
    try {
      return await db.transaction(async (tx) => {
        const row = await teamsRepository.insert(tx, workspaceId, name);
        const team = toTeam((await teamsRepository.byId(tx, workspaceId, row.id))!);
        await auditService.record(tx, workspaceId, actor, ip, {
          action: 'team.create',
          entityType: 'team',
          entityId: team.id,
          after: team,
        });
        return team;
      });
    } catch (err) {
      rethrowNameTaken(err);
    }
  },

  async rename(db: Db, ctx: RequestContext, id: string, version: number, name: string): Promise<Team> {
    const { actor } = ctx;
    const current = await teamsRepository.byId(db, actor.workspaceId, id);
    if (!current) throw notFound('team');
    try {
      return await db.transaction(async (tx) => {
        if (!(await teamsRepository.rename(tx, actor.workspaceId, id, version, name))) {
          throw new AppError('VERSION_CONFLICT', {}, { current: toTeam(current) });
        }
        const after = toTeam((await teamsRepository.byId(tx, actor.workspaceId, id))!);
        await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
          action: 'team.update',
          entityType: 'team',
          entityId: id,
          before: toTeam(current),
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowNameTaken(err);
    }
  },

  async delete(db: Db, ctx: RequestContext, id: string): Promise<void> {
    const { actor } = ctx;
    const current = await teamsRepository.byId(db, actor.workspaceId, id);
    if (!current) throw notFound('team');
    if (Number(current.memberCount) > 0)
      throw new AppError('TEAM_NOT_EMPTY', { count: Number(current.memberCount) });
    await db.transaction(async (tx) => {
      // A member added since the check above makes the foreign key refuse the delete.
      await teamsRepository.delete(tx, actor.workspaceId, id).catch((err: unknown) => {
        if (isForeignKeyViolation(err)) throw new AppError('TEAM_NOT_EMPTY', { count: 1 });
        throw err;
      });
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'team.delete',
        entityType: 'team',
        entityId: id,
        before: toTeam(current),
      });
    });
  },
};
