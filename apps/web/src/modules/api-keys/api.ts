import type { ApiKey, CreateApiKeyBody, CreatedApiKey, Page } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf, ListParams, OutputOf } from '../../app/api/types.ts';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export function apiKeyStatus(key: ApiKey, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

export const apiKeysApi = {
  list: (params: ListParams, signal?: AbortSignal) =>
    api.get<Page<ApiKey>>('/api-keys', { ...params }, signal),
  create: (body: InputOf<typeof CreateApiKeyBody>) =>
    api.post<OutputOf<typeof CreatedApiKey>>('/api-keys', body),
  revoke: (id: string) => api.delete(`/api-keys/${id}`),
};
