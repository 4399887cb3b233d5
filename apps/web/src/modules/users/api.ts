import type { CreateUserBody, Page, ResetPasswordBody, Role, UpdateUserBody, User } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf, ListParams } from '../../app/api/types.ts';

export type UserStatus = 'active' | 'disabled';
export const ROLES: readonly Role[] = ['admin', 'manager', 'rep'];

export interface UserListParams extends ListParams {
  role?: Role;
  teamId?: string;
  status?: UserStatus;
}

export const usersApi = {
  list: (params: UserListParams, signal?: AbortSignal) =>
    api.get<Page<User>>('/users', { ...params }, signal),
  create: (body: CreateUserBody) => api.post<User>('/users', body),
  update: (id: string, body: UpdateUserBody) => api.patch<User>(`/users/${id}`, body),
  resetPassword: (id: string, body: InputOf<typeof ResetPasswordBody>) =>
    api.post<void>(`/users/${id}/reset-password`, body),
};
