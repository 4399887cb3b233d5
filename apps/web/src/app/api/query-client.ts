import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './errors.ts';
import { setCsrfToken } from './client.ts';

/** Query key of the signed-in identity (`GET /auth/me`); `null` data means signed out. */
export const ME_KEY = ['auth', 'me'] as const;
export const SETUP_KEY = ['setup'] as const;

let sessionExpired = false;
/** True once after a request failed with 401 while signed in; the login page explains why you are there. */
export function consumeSessionExpired(): boolean {
  const value = sessionExpired;
  sessionExpired = false;
  return value;
}

function onError(err: unknown): void {
  if (!isApiError(err, 'UNAUTHENTICATED')) return;
  if (queryClient.getQueryData(ME_KEY)) {
    sessionExpired = true;
    setCsrfToken(null);
    queryClient.setQueryData(ME_KEY, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, err) =>
        failureCount < 2 && (!isApiError(err) || err.status === 0 || err.status >= 500),
    },
    mutations: { retry: false },
  },
});

/** Forgets everything cached except the identity and setup status (used on sign-in/out). */
export function clearDataQueries(): void {
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] !== ME_KEY[0] && q.queryKey[0] !== SETUP_KEY[0],
  });
}
