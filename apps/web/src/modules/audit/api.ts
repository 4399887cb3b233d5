import type { AuditEntry, Page } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { ListParams } from '../../app/api/types.ts';

export interface AuditListParams extends ListParams {
  entityType?: string;
  entityId?: string;
  actorId?: string;
}

export const auditApi = {
  list: (params: AuditListParams, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/audit-log', { ...params }, signal),
};
