// The jobs this process is running right now, in memory: their latest progress, and whether one of them
// holds a database transaction open. On the embedded database (PGlite: one connection) an import's
// transaction holds the connection from its first row read to its commit, so nothing can read the job's
// row meanwhile; the job's progress poll is answered from here instead (jobs.routes.ts), and
// `transactionOpen()` tells the auth hook when the database cannot answer soon (auth-hook.ts). An entry
// goes when the job ends: the database then has its final state.
import type { Job, JobProgress } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import type { ClaimedJob } from './jobs.repository.ts';

export interface LiveJob {
  id: string;
  workspaceId: string;
  kind: string;
  createdBy: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string;
  /** The latest progress the handler reported (the database has it at most once a second, or later). */
  progress: JobProgress | null;
}

const running = new Map<string, LiveJob>();
/** Database transactions opened by running jobs' handlers and not yet finished. */
let openTransactions = 0;

export const liveJobs = {
  start(job: ClaimedJob): LiveJob {
    const live: LiveJob = {
      id: job.id,
      workspaceId: job.workspaceId,
      kind: job.kind,
      createdBy: job.createdBy,
      attempts: job.attempts,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      progress: null,
    };
    running.set(job.id, live);
    return live;
  },

  /** Only the entry `live` itself: a later attempt of the same job may have replaced it. */
  end(live: LiveJob): void {
    if (running.get(live.id) === live) running.delete(live.id);
  },

  get(workspaceId: string, id: string): LiveJob | undefined {
    const live = running.get(id);
    return live?.workspaceId === workspaceId ? live : undefined;
  },

  /** True while a job of this process is inside a database transaction (holding PGlite's connection). */
  transactionOpen(): boolean {
    return openTransactions > 0;
  },

  /**
   * `db` for a job's handler: the same database, with each `transaction()` it opens counted, so
   * `transactionOpen()` knows when the connection is taken. Everything else passes through.
   */
  tracking(db: Db): Db {
    return new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver) as unknown;
        return async (...args: Parameters<Db['transaction']>) => {
          openTransactions++;
          try {
            return await target.transaction(...args);
          } finally {
            openTransactions--;
          }
        };
      },
    });
  },
};

/** A live job as GET /api/v1/jobs/:id gives a running job (jobs.service.ts `toJob` of its row). */
export const liveToJob = (live: LiveJob): Job => ({
  id: live.id,
  kind: live.kind,
  status: 'running',
  progress: live.progress,
  result: null,
  error: null,
  attempts: live.attempts,
  createdBy: live.createdBy,
  createdAt: live.createdAt,
  startedAt: live.startedAt,
  finishedAt: null,
});
