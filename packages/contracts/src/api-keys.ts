import { z } from 'zod';
import { Id } from './common.ts';

export const ApiKey = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the key, to recognise it; the key itself is never shown again. */
  prefix: z.string(),
  userId: Id,
  userName: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;
export const API_KEY_SORTS = ['name', 'createdAt', 'lastUsedAt'] as const;

export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The user the key acts as (its role and data scope); defaults to the creator. */
  userId: Id.optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const CreatedApiKey = z.object({ apiKey: ApiKey, secret: z.string() });
