import type { CreateUserBody, UpdateUserBody, User } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, invalidReference, notFound } from '../../http/errors.ts';
import type { RequestContext } from '../../http/actor.ts';
import { auditService } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import { sessionCache } from '../auth/session-cache.ts';
import { sessionsRepository } from '../auth/sessions.repository.ts';
import { teamsRepository } from '../teams/teams.repository.ts';
import { userScope, usersRepository, type UserFilter, type UserWithTeam } from './users.repository.ts';

export function toUser(row: UserWithTeam): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    teamId: row.teamId,
    teamName: row.teamName,
    disabled: row.disabledAt !== null,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

async function assertTeam(db: Db, workspaceId: string, teamId: string | null | undefined) {
  if (teamId && !(await teamsRepository.byId(db, workspaceId, teamId))) {
    throw invalidReference('teamId');
  }
}

export const usersService = {
  async list(
    db: Db,
    ctx: RequestContext,
    filter: UserFilter,
    sort: string | undefined,
    page: number,
    pageSize: number,
  ) {
    const { actor } = ctx;
    const { items, total } = await usersRepository.list(
      db,
      actor.workspaceId,
      userScope(actor),
      filter,
      sort,
      page,
      pageSize,
    );
    return { items: items.map(toUser), total, page, pageSize };
  },

  async get(db: Db, ctx: RequestContext, id: string): Promise<User> {
    const row = await usersRepository.byId(db, ctx.actor.workspaceId, id, userScope(ctx.actor));
    if (!row) throw notFound('user');
    return toUser(row);
  },

  /** Used by the API (audited as the actor) and by the CLI and bootstrap (audited as the system). */
  async create(
    db: Db,
    workspaceId: string,
    ctx: RequestContext | 'system',
    body: CreateUserBody,
  ): Promise<User> {
    await assertTeam(db, workspaceId, body.teamId);
    const passwordHash = await hashPassword(body.password);
    try {
      return await db.transaction(async (tx) => {
        const row = await usersRepository.insert(tx, {
          workspaceId,
          name: body.name,
          email: body.email,
          passwordHash,
          role: body.role,
          teamId: body.teamId ?? null,
        });
        const user = toUser((await usersRepository.byId(tx, workspaceId, row.id))!);
        await auditService.record(
          tx,
          workspaceId,
          ctx === 'system' ? 'system' : ctx.actor,
          ctx === 'system' ? null : ctx.ip,
          {
            action: 'user.create',
            entityType: 'user',
            entityId: user.id,
            after: user,
          },
        );
        return user;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'users_email_key')) throw new AppError('EMAIL_TAKEN');
      throw err;
    }
  },

  async update(db: Db, ctx: RequestContext, id: string, body: UpdateUserBody): Promise<User> {
    const { actor } = ctx;
    const current = await usersRepository.byId(db, actor.workspaceId, id);
    if (!current) throw notFound('user');
    if (id === actor.userId && ((body.role && body.role !== current.role) || body.disabled === true)) {
      throw new AppError('CANNOT_CHANGE_SELF');
    }
    await assertTeam(db, actor.workspaceId, body.teamId);
    const after = await db.transaction(async (tx) => {
      const { version, disabled, ...fields } = body;
      const changes: Parameters<typeof usersRepository.update>[4] = { ...fields };
      if (disabled !== undefined && disabled !== (current.disabledAt !== null)) {
        changes.disabledAt = disabled ? new Date().toISOString() : null;
      }
      const row = await usersRepository.update(tx, actor.workspaceId, id, version, changes);
      if (!row) {
        throw new AppError('VERSION_CONFLICT', {}, { current: toUser(current) });
      }
      // A disabled user is signed out everywhere at once.
      if (changes.disabledAt) await sessionsRepository.deleteForUser(tx, actor.workspaceId, id);
      const after = toUser((await usersRepository.byId(tx, actor.workspaceId, id))!);
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before: toUser(current),
        after,
      });
      return after;
    });
    // Their sessions (disabled) or their role and team changed: no request trusts a remembered session.
    sessionCache.forgetUser(actor.workspaceId, id);
    return after;
  },

  /** An admin sets a new password: all of the user's sessions end. */
  async resetPassword(db: Db, ctx: RequestContext, id: string, password: string): Promise<void> {
    const { actor } = ctx;
    const current = await usersRepository.byId(db, actor.workspaceId, id);
    if (!current) throw notFound('user');
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      await usersRepository.setPassword(tx, actor.workspaceId, id, passwordHash);
      await sessionsRepository.deleteForUser(tx, actor.workspaceId, id);
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'user.reset_password',
        entityType: 'user',
        entityId: id,
      });
    });
    sessionCache.forgetUser(actor.workspaceId, id);
  },
};
