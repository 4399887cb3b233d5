import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, Me } from '@stratum/contracts';
import { ME_KEY, SETUP_KEY, clearDataQueries } from '../../../app/api/query-client.ts';
import { setCsrfToken } from '../../../app/api/client.ts';
import { isApiError } from '../../../app/api/errors.ts';
import { changeLocale, currentLocale } from '../../../app/i18n/index.ts';
import { authApi } from '../api.ts';

/** After sign-in or setup: cache the identity and adopt the user's saved language, if any. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return async (me: Me) => {
    // Language first, so the signed-in screens appear directly in it.
    if (me.user.locale && me.user.locale !== currentLocale()) await changeLocale(me.user.locale);
    clearDataQueries();
    queryClient.setQueryData(ME_KEY, me);
    queryClient.setQueryData(SETUP_KEY, { needed: false });
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: authApi.login, onSuccess: signedIn });
}

export function useSetup() {
  const signedIn = useSignedIn();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.setup,
    onSuccess: signedIn,
    // Someone else may have finished setup meanwhile: re-check, the setup guard then moves on to sign-in.
    onError: (err) => {
      if (isApiError(err) && err.status !== 400) void queryClient.invalidateQueries({ queryKey: SETUP_KEY });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.logout,
    // Even if the server call fails (e.g. the session already ended), the UI is signed out.
    onSettled: () => {
      setCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
      clearDataQueries();
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: authApi.changePassword });
}

/**
 * Switches the UI language at once and, when signed in as a user, saves it on the account
 * (`PATCH /auth/me`) so it follows the user to other devices.
 */
export function useSwitchLocale() {
  const queryClient = useQueryClient();
  return async (locale: Locale) => {
    await changeLocale(locale);
    const me = queryClient.getQueryData<Me | null>(ME_KEY);
    if (me && me.kind === 'user' && me.user.locale !== locale) {
      try {
        queryClient.setQueryData(ME_KEY, await authApi.updateMe({ locale }));
      } catch {
        // The switch already happened locally (and in localStorage); saving it is best effort.
      }
    }
  };
}
