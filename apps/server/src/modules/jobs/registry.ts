// Job kinds and their handlers. A module defines its kinds at load time (`defineJob('import', …)`), so a
// worker started after the app is built knows every kind; it claims only kinds it knows, so an instance
// running older code leaves a newer kind to an instance that has it.
import type { JobProgress } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';

export interface JobContext<P> {
  db: Db;
  job: { id: string; workspaceId: string; payload: P; createdBy: string | null; attempt: number };
  /** Records progress (written at most about once a second; the last value is kept at the end). */
  progress(p: JobProgress): Promise<void>;
  /** Aborted when the worker stops or loses the job's lease: a long handler should stop early. */
  signal: AbortSignal;
  /**
   * Records the job's success with `result` inside the handler's own transaction `tx`, so the work and
   * the job's completion commit together (or not at all): if the process dies after that commit, before
   * the worker's own bookkeeping, a later attempt finds the job done and never runs it again. For
   * handlers whose work is not idempotent (an import that may `create` rows). Throws when this attempt no
   * longer holds the job (its lease expired and another attempt took it): the transaction must then roll
   * back. The handler's return value is not recorded again.
   */
  complete(tx: Db, result: unknown): Promise<void>;
}

export type JobHandler<P> = (ctx: JobContext<P>) => Promise<unknown>;

export interface JobOptions {
  /** Attempts before the job fails for good (default 3). A retry follows an error or an expired lease. */
  maxAttempts?: number;
  /** Delay before retry n (1-based); default 10 s × 2^(n-1). */
  retryDelayMs?: (attempt: number) => number;
}

export interface JobDefinition<P = unknown> extends Required<JobOptions> {
  kind: string;
  handler: JobHandler<P>;
}

/**
 * An error that retrying cannot fix (a bad file, a missing user): the job fails at once with this code
 * and message instead of being retried.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const definitions = new Map<string, JobDefinition>();

export function defineJob<P>(
  kind: string,
  handler: JobHandler<P>,
  options: JobOptions = {},
): JobDefinition<P> {
  if (definitions.has(kind)) throw new Error(`Job kind "${kind}" is defined twice`);
  const def: JobDefinition<P> = {
    kind,
    handler,
    maxAttempts: options.maxAttempts ?? 3,
    retryDelayMs: options.retryDelayMs ?? ((n) => 10_000 * 2 ** (n - 1)),
  };
  definitions.set(kind, def as JobDefinition);
  return def;
}

export const jobDefinition = (kind: string) => definitions.get(kind);
export const jobKinds = () => [...definitions.keys()];
