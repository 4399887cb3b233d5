import { z } from 'zod';
import { Id, ListQuery } from './common.ts';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

/** How far a running job is: `done` of `total` (when known) in `phase`. */
export const JobProgress = z.object({
  done: z.number(),
  total: z.number().optional(),
  phase: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** Why a job failed: a stable code and a message (in the language of whoever started it). */
export const JobError = z.object({ code: z.string(), message: z.string() });
export type JobError = z.infer<typeof JobError>;

export const Job = z.object({
  id: Id,
  kind: z.string(),
  status: JobStatus,
  progress: JobProgress.nullable(),
  /** What the handler returned (its shape depends on `kind`); null until it succeeds. */
  result: z.unknown().nullable(),
  error: JobError.nullable(),
  attempts: z.number().int(),
  createdBy: Id.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

/** The caller's own jobs, newest first; `kind` filters (e.g. `import`). */
export const JobListQuery = ListQuery.omit({ sort: true, q: true }).extend({
  kind: z.string().max(64).optional(),
  status: JobStatus.optional(),
});
export type JobListQuery = z.infer<typeof JobListQuery>;
