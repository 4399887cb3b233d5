import { z } from 'zod';
import { Id, ListQuery } from './common.ts';

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
/** Newest first, always: no `sort`. `q` searches action, actor name, entity type and id. */
export const AuditListQuery = ListQuery.omit({ sort: true }).extend({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: Id.optional(),
});
