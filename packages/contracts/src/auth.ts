import { z } from 'zod';
import { Id, Locale } from './common.ts';

export const Role = z.enum(['admin', 'manager', 'rep']);
export type Role = z.infer<typeof Role>;

export const Permission = z.enum([
  'users.read',
  'users.manage',
  'teams.read',
  'teams.manage',
  'apiKeys.manage',
  'audit.read',
  'customers.read',
  'customers.write',
  'customers.transfer',
  'customers.delete',
  'customers.export',
  'products.manage',
  'customFields.manage',
  'segmentation.manage',
  'tags.manage',
  'segments.manage',
  'pipeline.manage',
]);
export type Permission = z.infer<typeof Permission>;

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());
/** At least 8 characters; argon2 hashes it, so the upper bound only guards against abuse. */
export const Password = z.string().min(8).max(256);

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

export const SetupBody = z.strictObject({
  workspaceName: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
  locale: Locale.optional(),
});
export type SetupBody = z.infer<typeof SetupBody>;

export const SetupStatus = z.object({ needed: z.boolean() });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export const UpdateMeBody = z.strictObject({
  locale: Locale.nullable().optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

export const SessionUser = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  locale: Locale.nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const Me = z.object({
  kind: z.enum(['user', 'api_key']),
  user: SessionUser,
  apiKey: z.object({ id: Id, name: z.string() }).nullable(),
  workspace: z.object({ id: Id, name: z.string(), timeZone: z.string() }),
  permissions: z.array(Permission),
  /** Send back in the `x-csrf-token` header on every cookie-authenticated write. Null for API keys. */
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;
