import type {
  ChangePasswordBody,
  LoginBody,
  Me,
  SetupBody,
  SetupStatus,
  UpdateMeBody,
} from '@stratum/contracts';
import { api, setCsrfToken } from '../../app/api/client.ts';
import { isApiError } from '../../app/api/errors.ts';
import type { InputOf, OutputOf } from '../../app/api/types.ts';

/** Keeps the CSRF token of the session in memory for later writes. */
function remember(me: Me): Me {
  setCsrfToken(me.csrfToken);
  return me;
}

export const authApi = {
  setupStatus: () => api.get<OutputOf<typeof SetupStatus>>('/setup'),
  setup: async (body: InputOf<typeof SetupBody>) => remember(await api.post<Me>('/setup', body)),
  login: async (body: InputOf<typeof LoginBody>) => remember(await api.post<Me>('/auth/login', body)),
  logout: () => api.post<void>('/auth/logout'),
  /** The signed-in identity, or `null` when there is no valid session. */
  me: async (): Promise<Me | null> => {
    try {
      return remember(await api.get<Me>('/auth/me'));
    } catch (err) {
      if (isApiError(err) && err.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw err;
    }
  },
  updateMe: async (body: InputOf<typeof UpdateMeBody>) => remember(await api.patch<Me>('/auth/me', body)),
  changePassword: (body: InputOf<typeof ChangePasswordBody>) => api.post<void>('/auth/password', body),
};
