import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../../app/api/types.ts';
import { apiKeysApi } from '../api.ts';

export const API_KEYS_KEY = ['api-keys'] as const;

export function useApiKeyList(params: ListParams) {
  return useQuery({
    queryKey: [...API_KEYS_KEY, 'list', params],
    queryFn: ({ signal }) => apiKeysApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: apiKeysApi.create,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: apiKeysApi.revoke,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}
