import type { ApiKey } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import { invalidField, invalidReference, notFound } from '../../http/errors.ts';
import type { RequestContext } from '../../http/actor.ts';
import { auditService } from '../audit/audit.service.ts';
import { sha256, newApiKey } from '../auth/tokens.ts';
import { usersRepository } from '../users/users.repository.ts';
import { apiKeysRepository } from './api-keys.repository.ts';

export const apiKeysService = {
  async list(
    db: Db,
    ctx: RequestContext,
    q: string | undefined,
    sort: string | undefined,
    page: number,
    pageSize: number,
  ) {
    const { items, total } = await apiKeysRepository.list(db, ctx.actor.workspaceId, q, sort, page, pageSize);
    return { items: items satisfies ApiKey[], total, page, pageSize };
  },

  /** Returns the key once; only its hash is stored. The key acts as `userId` (its role and data scope). */
  async create(
    db: Db,
    ctx: RequestContext,
    body: { name: string; userId?: string | undefined; expiresAt?: string | null | undefined },
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const { actor } = ctx;
    const userId = body.userId ?? actor.userId;
    const user = await usersRepository.byId(db, actor.workspaceId, userId);
    if (!user) throw invalidReference('userId');
    if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
      throw invalidField({ in: 'body', path: 'expiresAt', code: 'not_in_future' });
    }
    const { key, prefix } = newApiKey(actor.workspaceId);
    return db.transaction(async (tx) => {
      const row = await apiKeysRepository.insert(tx, {
        workspaceId: actor.workspaceId,
        name: body.name,
        prefix,
        keyHash: sha256(key),
        userId,
        createdBy: actor.userId,
        expiresAt: body.expiresAt ?? null,
      });
      const apiKey = (await apiKeysRepository.view(tx, actor.workspaceId, row.id))!;
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: row.id,
        after: apiKey,
      });
      return { apiKey, secret: key };
    });
  },

  async revoke(db: Db, ctx: RequestContext, id: string): Promise<void> {
    const { actor } = ctx;
    const before = await apiKeysRepository.view(db, actor.workspaceId, id);
    if (!before) throw notFound('api_key');
    await db.transaction(async (tx) => {
      await apiKeysRepository.revoke(tx, actor.workspaceId, id);
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: id,
        before,
        after: await apiKeysRepository.view(tx, actor.workspaceId, id),
      });
    });
  },
};
