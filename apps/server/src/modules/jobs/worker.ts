// Runs queued jobs: polls the queue, claims with FOR UPDATE SKIP LOCKED, renews the lease while the
// handler runs, and records the result or the error. Several instances (or workers) can share a queue.
import type { JobProgress } from '@stratum/contracts';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { jobsRepository, type ClaimedJob } from './jobs.repository.ts';
import { liveJobs } from './live.ts';
import { jobDefinition, jobKinds, PermanentJobError } from './registry.ts';

export interface WorkerOptions {
  /** Jobs run at the same time by this worker (default 1). */
  concurrency?: number;
  /** Lease length; renewed every third of it while the job runs (default 60 s). */
  leaseMs?: number;
  /** Idle polling interval (default 1 s); an enqueue in this process wakes the worker at once. */
  pollMs?: number;
  /** Minimum time between two progress writes of one job (default 1 s). */
  progressEveryMs?: number;
  /** Only these kinds (default: every defined kind). */
  kinds?: readonly string[];
  log?: { error(obj: unknown, msg?: string): void; warn?(obj: unknown, msg?: string): void };
}

export interface JobWorker {
  readonly id: string;
  /** Stops claiming; waits up to `graceMs` for running jobs, then abandons them to their lease. */
  stop(graceMs?: number): Promise<void>;
}

const wakers = new Set<() => void>();
/** Called after an enqueue, so a worker in this process starts at once instead of at its next poll. */
export function wakeWorkers() {
  for (const wake of wakers) wake();
}

const errorOf = (err: unknown) =>
  err instanceof PermanentJobError
    ? { code: err.code, message: err.message }
    : { code: 'JOB_ERROR', message: err instanceof Error ? err.message : String(err) };

const defaults = (o: WorkerOptions) => ({
  concurrency: o.concurrency ?? 1,
  leaseMs: o.leaseMs ?? 60_000,
  pollMs: o.pollMs ?? 1_000,
  progressEveryMs: o.progressEveryMs ?? 1_000,
  ...o,
});

type Resolved = ReturnType<typeof defaults>;

/** Runs one claimed job to its end: handler, lease renewal, throttled progress, outcome. */
async function execute(db: Db, job: ClaimedJob, opts: Resolved, stopping: AbortSignal) {
  const def = jobDefinition(job.kind);
  if (!def) return; // claimed only by kind, so only if the registry changed underneath
  if (job.attempts > def.maxAttempts) {
    await jobsRepository.fail(
      db,
      job,
      { code: 'ATTEMPTS_EXHAUSTED', message: `Gave up after ${def.maxAttempts} attempts` },
      null,
    );
    return;
  }
  // Known in memory while it runs (its progress poll is answered from there: live.ts).
  const live = liveJobs.start(job);
  const abort = new AbortController();
  const onStop = () => abort.abort(new Error('worker stopping'));
  stopping.addEventListener('abort', onStop);
  // One database call of each sort in flight at a time: on the embedded database a long transaction
  // (an import) holds the only connection, and calls queued behind it must not pile up.
  let renewing = false;
  const renewal = setInterval(
    () => {
      if (renewing) return;
      renewing = true;
      jobsRepository
        .renew(db, job, opts.leaseMs)
        .then(
          (still) => {
            if (!still) abort.abort(new Error('lease lost'));
          },
          (err: unknown) => opts.log?.warn?.({ err, jobId: job.id }, 'job lease renewal failed'),
        )
        .finally(() => (renewing = false));
    },
    Math.max(10, Math.floor(opts.leaseMs / 3)),
  );

  let latest: JobProgress | null = null;
  let lastWrite = 0;
  let writing: Promise<void> | null = null;
  const progress = async (p: JobProgress) => {
    latest = p;
    live.progress = p;
    if (writing || Date.now() - lastWrite < opts.progressEveryMs) return;
    lastWrite = Date.now();
    writing = jobsRepository
      .progress(db, job, p)
      .catch((err: unknown) => opts.log?.warn?.({ err, jobId: job.id }, 'job progress write failed'))
      .finally(() => (writing = null));
    await writing;
  };

  // Success recorded inside the handler's transaction (`complete`): once that commits, the job is done
  // whatever happens after — the bookkeeping below is fenced by the attempt and changes nothing.
  const complete = async (tx: Db, result: unknown) => {
    if (!(await jobsRepository.succeed(tx, job, result ?? null, latest))) {
      throw new Error('The job is no longer held by this attempt (its lease expired); not committing');
    }
  };
  try {
    const result = await def.handler({
      db: liveJobs.tracking(db),
      job: {
        id: job.id,
        workspaceId: job.workspaceId,
        payload: job.payload,
        createdBy: job.createdBy,
        attempt: job.attempts,
      },
      progress,
      signal: abort.signal,
      complete,
    });
    clearInterval(renewal);
    await writing;
    await jobsRepository.succeed(db, job, result ?? null, latest);
  } catch (err) {
    clearInterval(renewal);
    await writing;
    const permanent = err instanceof PermanentJobError;
    if (!permanent) opts.log?.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
    const retry = !permanent && job.attempts < def.maxAttempts ? def.retryDelayMs(job.attempts) : null;
    await jobsRepository.fail(db, job, errorOf(err), retry);
  } finally {
    liveJobs.end(live);
    stopping.removeEventListener('abort', onStop);
  }
}

/**
 * Claims and runs at most one job now (tests drive the queue with this). Returns the job id, or null
 * when nothing was runnable.
 */
export async function runNextJob(db: Db, o: WorkerOptions = {}): Promise<string | null> {
  const opts = defaults(o);
  const job = await jobsRepository.claim(db, opts.kinds ?? jobKinds(), opts.leaseMs, []);
  if (!job) return null;
  await execute(db, job, opts, new AbortController().signal);
  return job.id;
}

/** Runs queued jobs until the queue is empty (tests). */
export async function drainJobs(db: Db, o: WorkerOptions = {}): Promise<number> {
  let n = 0;
  while (await runNextJob(db, o)) n++;
  return n;
}

export function startJobWorker(db: Db, o: WorkerOptions = {}): JobWorker {
  const opts = defaults(o);
  const id = randomUUID();
  const running = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let again = false;

  const poll = async () => {
    if (stopping.signal.aborted) return;
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    try {
      while (!stopping.signal.aborted && running.size < opts.concurrency) {
        const job = await jobsRepository.claim(db, opts.kinds ?? jobKinds(), opts.leaseMs, [
          ...running.keys(),
        ]);
        if (!job) break;
        const done = execute(db, job, opts, stopping.signal)
          .catch((err: unknown) => opts.log?.error({ err, jobId: job.id }, 'job bookkeeping failed'))
          .finally(() => {
            running.delete(job.id);
            schedule(0);
          });
        running.set(job.id, done);
      }
    } catch (err) {
      opts.log?.error({ err }, 'job queue poll failed');
    } finally {
      polling = false;
      if (again) {
        again = false;
        schedule(0);
      } else schedule(opts.pollMs);
    }
  };
  const schedule = (delay: number) => {
    if (stopping.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => void poll(), delay);
    timer.unref();
  };
  const wake = () => schedule(0);
  wakers.add(wake);
  schedule(0);

  return {
    id,
    async stop(graceMs = 10_000) {
      wakers.delete(wake);
      stopping.abort();
      clearTimeout(timer);
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running.values()]),
        new Promise((r) => {
          grace = setTimeout(r, graceMs);
        }),
      ]);
      clearTimeout(grace);
    },
  };
}
