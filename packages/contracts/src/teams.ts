import { z } from 'zod';
import { Id } from './common.ts';

export const Team = z.object({
  id: Id,
  name: z.string(),
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Team = z.infer<typeof Team>;
export const TEAM_SORTS = ['name', 'createdAt', 'memberCount'] as const;

export const CreateTeamBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const UpdateTeamBody = z.strictObject({
  version: z.number().int(),
  name: z.string().trim().min(1).max(100),
});
