import { z } from 'zod';
import { Id, ListQuery } from './common.ts';
import { Email, Password, Role } from './auth.ts';

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserListQuery = ListQuery.extend({
  role: Role.optional(),
  teamId: Id.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const USER_SORTS = ['name', 'email', 'role', 'createdAt', 'lastLoginAt'] as const;

export const CreateUserBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
  role: Role,
  teamId: Id.nullable().optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** `version` is the one the client read: a stale write gets 409 with the current record. */
export const UpdateUserBody = z.strictObject({
  version: z.number().int(),
  name: z.string().trim().min(1).max(100).optional(),
  role: Role.optional(),
  teamId: Id.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.strictObject({ password: Password });
