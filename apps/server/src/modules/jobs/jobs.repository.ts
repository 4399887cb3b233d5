// The queue's SQL. A job is claimed with FOR UPDATE SKIP LOCKED (two workers never take one row) and held
// by a lease (`locked_until`) its worker renews; a lease left to expire (a crashed or frozen instance)
// makes the job claimable again. Every write of a running job is fenced by the attempt that claimed it,
// so a worker that lost its lease cannot overwrite the outcome of the attempt that took over.
import type { JobProgress } from '@stratum/contracts';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export type ClaimedJob = {
  workspaceId: string;
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  createdBy: string | null;
  /** ISO timestamps, as the job's row gives them (jobs.service.ts `toJob`). */
  createdAt: string;
  startedAt: string;
};

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

export interface EnqueueInput {
  workspaceId: string;
  kind: string;
  payload: unknown;
  dedupeKey?: string | null | undefined;
  createdBy?: string | null | undefined;
  runAfter?: Date | undefined;
}

const ms = (n: number) => sql`make_interval(secs => ${n / 1000})`;
/** The attempt that holds the job: the only one allowed to write its progress and outcome. */
const held = (job: ClaimedJob) =>
  and(
    eq(jobs.workspaceId, job.workspaceId),
    eq(jobs.id, job.id),
    eq(jobs.status, 'running'),
    eq(jobs.attempts, job.attempts),
  );

export const jobsRepository = {
  /** The oldest job of a kind with exactly this payload that is still queued or running, if any. */
  async active(db: Db, workspaceId: string, kind: string, payload: Record<string, unknown>) {
    const { rows } = await db.execute<{ id: string }>(sql`
      SELECT id FROM jobs WHERE workspace_id = ${workspaceId} AND kind = ${kind}
        AND status IN ('queued', 'running') AND payload = ${JSON.stringify(payload)}::jsonb
      ORDER BY created_at LIMIT 1`);
    return rows[0]?.id ?? null;
  },

  /** The new job's id, or null when (workspace, kind, dedupeKey) already exists. */
  async enqueue(db: Db, input: EnqueueInput): Promise<string | null> {
    const rows = await db
      .insert(jobs)
      .values({
        workspaceId: input.workspaceId,
        kind: input.kind,
        payload: (input.payload ?? {}) as Record<string, unknown>,
        dedupeKey: input.dedupeKey ?? null,
        createdBy: input.createdBy ?? null,
        ...(input.runAfter ? { runAfter: input.runAfter.toISOString() } : {}),
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    return rows[0]?.id ?? null;
  },

  /**
   * Takes the next runnable job of one of `kinds` (queued and due, or running with an expired lease),
   * skipping rows another worker is claiming and the ids this process already runs.
   */
  async claim(db: Db, kinds: readonly string[], leaseMs: number, exclude: readonly string[]) {
    if (kinds.length === 0) return undefined;
    const { rows } = await db.execute<
      Omit<ClaimedJob, 'createdAt' | 'startedAt'> & { createdAt: string | Date; startedAt: string | Date }
    >(sql`
      UPDATE jobs j SET status = 'running', attempts = j.attempts + 1,
        locked_until = now() + ${ms(leaseMs)}, started_at = now(), error = NULL
      FROM (
        SELECT workspace_id, id FROM jobs
        WHERE kind = ANY(${sql.param(kinds)}::text[])
          AND ((status = 'queued' AND run_after <= now()) OR (status = 'running' AND locked_until < now()))
          AND NOT (id = ANY(${sql.param(exclude)}::uuid[]))
        ORDER BY run_after, created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) next
      WHERE j.workspace_id = next.workspace_id AND j.id = next.id
      RETURNING j.workspace_id AS "workspaceId", j.id, j.kind, j.payload, j.attempts, j.created_by AS "createdBy",
        j.created_at AS "createdAt", j.started_at AS "startedAt"`);
    const row = rows[0];
    return row && { ...row, createdAt: iso(row.createdAt), startedAt: iso(row.startedAt) };
  },

  /** Extends the lease; false when the job is no longer this attempt's (reclaimed after expiry). */
  async renew(db: Db, job: ClaimedJob, leaseMs: number): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ lockedUntil: sql`now() + ${ms(leaseMs)}` })
      .where(held(job))
      .returning({ id: jobs.id });
    return rows.length > 0;
  },

  async progress(db: Db, job: ClaimedJob, progress: JobProgress): Promise<void> {
    await db.update(jobs).set({ progress }).where(held(job));
  },

  /** Records success; false when this attempt no longer holds the job (or it is already finished). */
  async succeed(db: Db, job: ClaimedJob, result: unknown, progress: JobProgress | null): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({
        status: 'succeeded',
        result: (result ?? null) as Record<string, unknown> | null,
        ...(progress ? { progress } : {}),
        lockedUntil: null,
        finishedAt: sql`now()`,
      })
      .where(held(job))
      .returning({ id: jobs.id });
    return rows.length > 0;
  },

  /** Records the error; with `retryInMs` the job is queued again for a later attempt, else it failed. */
  async fail(
    db: Db,
    job: ClaimedJob,
    error: { code: string; message: string },
    retryInMs: number | null,
  ): Promise<void> {
    await db
      .update(jobs)
      .set(
        retryInMs === null
          ? { status: 'failed', error, lockedUntil: null, finishedAt: sql`now()` }
          : { status: 'queued', error, lockedUntil: null, runAfter: sql`now() + ${ms(retryInMs)}` },
      )
      .where(held(job));
  },

  async get(db: Db, workspaceId: string, id: string): Promise<JobRow | undefined> {
    const [row] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.id, id)));
    return row;
  },

  async list(
    db: Db,
    workspaceId: string,
    q: { createdBy: string; kind?: string | undefined; status?: JobRow['status'] | undefined },
    page: number,
    pageSize: number,
  ) {
    const where: SQL | undefined = and(
      eq(jobs.workspaceId, workspaceId),
      eq(jobs.createdBy, q.createdBy),
      q.kind ? eq(jobs.kind, q.kind) : undefined,
      q.status ? eq(jobs.status, q.status) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(jobs)
        .where(where)
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(jobs).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  /** Finished jobs older than `days` (their dedupe keys belong to past periods). */
  async deleteFinishedBefore(db: Db, days: number): Promise<number> {
    const rows = await db
      .delete(jobs)
      .where(
        and(
          sql`${jobs.status} IN ('succeeded', 'failed')`,
          sql`${jobs.finishedAt} < now() - make_interval(days => ${days})`,
        ),
      )
      .returning({ id: jobs.id });
    return rows.length;
  },
};
