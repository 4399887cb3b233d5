import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { auditRepository, type AuditFilter } from './audit.repository.ts';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who is recorded: the signed-in user, an API key (named), or the system (CLI, bootstrap). */
export type AuditActor = Pick<Actor, 'kind' | 'userId' | 'name' | 'apiKeyId' | 'apiKeyName'> | 'system';

/** Strips secrets before anything reaches the audit log. */
function redact(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value ?? null;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (/password|secret|hash|token/i.test(k)) continue;
    copy[k] = v;
  }
  return copy;
}

export const auditService = {
  /** Call inside the transaction of the change itself, so the log never disagrees with the data. */
  async record(db: Db, workspaceId: string, actor: AuditActor, ip: string | null, change: AuditChange) {
    const who =
      actor === 'system'
        ? { actorType: 'system' as const, actorId: null, actorName: null }
        : actor.kind === 'api_key'
          ? {
              actorType: 'api_key' as const,
              actorId: actor.apiKeyId,
              actorName: `${actor.apiKeyName} (${actor.name})`,
            }
          : { actorType: 'user' as const, actorId: actor.userId, actorName: actor.name };
    await auditRepository.insert(db, {
      workspaceId,
      ...who,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: redact(change.before),
      after: redact(change.after),
      ip,
    });
  },

  async list(db: Db, workspaceId: string, filter: AuditFilter, page: number, pageSize: number) {
    const { items, total } = await auditRepository.list(db, workspaceId, filter, page, pageSize);
    return {
      items: items.map((r) => ({
        id: String(r.id),
        at: r.at,
        actorType: r.actorType,
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
      })),
      total,
      page,
      pageSize,
    };
  },
};
