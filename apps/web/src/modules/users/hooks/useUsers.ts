import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateUserBody } from '@stratum/contracts';
import { usersApi } from '../api.ts';
import type { UserListParams } from '../api.ts';

export const USERS_KEY = ['users'] as const;

export function useUserList(params: UserListParams, enabled = true) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', params],
    queryFn: ({ signal }) => usersApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Users and teams both change (member counts) when a user is created or edited. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['teams'] });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: usersApi.create, onSuccess: invalidate });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) => usersApi.update(id, body),
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      usersApi.resetPassword(id, { password }),
  });
}
