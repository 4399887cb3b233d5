import { useQuery } from '@tanstack/react-query';
import { ME_KEY, SETUP_KEY } from '../../../app/api/query-client.ts';
import { authApi } from '../api.ts';

/** The signed-in identity: `data` is `Me`, or `null` when signed out. Fetched once per app load. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: authApi.me, staleTime: Infinity });
}

/** Whether the one-time "create first admin" setup is still needed. */
export function useSetupStatus(enabled = true) {
  return useQuery({ queryKey: SETUP_KEY, queryFn: authApi.setupStatus, staleTime: Infinity, enabled });
}
