import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi } from '../api.ts';
import type { AuditListParams } from '../api.ts';

export function useAuditLog(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit-log', 'list', params],
    queryFn: ({ signal }) => auditApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
}
