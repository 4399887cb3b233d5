import type { Job } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { jobsRepository, type EnqueueInput, type JobRow } from './jobs.repository.ts';
import { liveJobs, liveToJob } from './live.ts';
import { registerSchedule } from './schedule.ts';
import { wakeWorkers } from './worker.ts';

/**
 * Queues a job; null when one with the same (workspace, kind, dedupeKey) already exists (so a schedule
 * ticking on several instances queues its period's job once). Workers in this process wake at once.
 */
export async function enqueueJob(db: Db, input: EnqueueInput): Promise<string | null> {
  const id = await jobsRepository.enqueue(db, input);
  if (id) wakeWorkers();
  return id;
}

export const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  progress: (r.progress as Job['progress']) ?? null,
  result: r.result ?? null,
  error: (r.error as Job['error']) ?? null,
  attempts: r.attempts,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

/** Who sees a job: its creator, or an admin (of the actor's workspace, where the job was looked up). */
const visibleTo = (actor: Actor, job: { kind: string; createdBy: string | null }, kind?: string) =>
  (!kind || job.kind === kind) && (job.createdBy === actor.userId || actor.role === 'admin');

export const jobsService = {
  /** A job its creator (or an admin) may see; anyone else gets 404, as if it did not exist. */
  async get(db: Db, actor: Actor, id: string, kind?: string): Promise<JobRow> {
    const row = await jobsRepository.get(db, actor.workspaceId, id);
    if (!row || !visibleTo(actor, row, kind)) throw notFound('job');
    return row;
  },

  /**
   * The job as GET /api/v1/jobs/:id gives it: while this process runs it, from memory (its latest
   * progress, without waiting for the database: live.ts), else from its row. Seen by the same people.
   */
  async view(db: Db, actor: Actor, id: string): Promise<Job> {
    const live = liveJobs.get(actor.workspaceId, id);
    if (!live) return toJob(await this.get(db, actor, id));
    if (!visibleTo(actor, live)) throw notFound('job');
    return liveToJob(live);
  },
};

/** Finished jobs are kept this many days (their results, error reports and past dedupe keys). */
export const JOB_RETENTION_DAYS = 30;

registerSchedule({
  name: 'jobs.cleanup',
  cron: '17 4 * * *',
  run: async (db) => {
    await jobsRepository.deleteFinishedBefore(db, JOB_RETENTION_DAYS);
  },
});
