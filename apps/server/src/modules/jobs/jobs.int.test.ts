import type { Job } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';
import { expectError, list, NO_SUCH_ID, useWorld } from '../../../test/customer-fixtures.ts';
import { jobsRepository } from './jobs.repository.ts';
import {
  defineJob,
  enqueueJob,
  PermanentJobError,
  registerSchedule,
  runNextJob,
  startJobWorker,
  startSchedules,
} from './index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Which worker ran which job, and how often. */
const runs: { jobId: string; n: number }[] = [];
defineJob<{ n: number }>('test.record', async ({ job }) => {
  runs.push({ jobId: job.id, n: job.payload.n });
  await sleep(5);
  return { doubled: job.payload.n * 2 };
});

let release: () => void = () => {};
defineJob('test.progress', async ({ progress }) => {
  await progress({ done: 1, total: 3, phase: 'reading' });
  await new Promise<void>((r) => (release = r));
  await progress({ done: 3, total: 3, phase: 'writing' });
  return { ok: true };
});

let flakyCalls = 0;
defineJob(
  'test.flaky',
  async () => {
    flakyCalls++;
    throw new Error('the remote end hung up');
  },
  { maxAttempts: 2, retryDelayMs: () => 0 },
);

defineJob('test.bad-input', async () => {
  throw new PermanentJobError('BAD_INPUT', 'The payload names no file');
});

/**
 * Work that is not idempotent, done in one transaction with the job's completion. Its effect is a row of
 * kind `test.effect` in the jobs table (no handler runs those). `die` throws after the commit, as a
 * process dying there would stop; `stale` finds, inside its transaction, that another attempt has taken
 * the job over.
 */
defineJob<{ mode: 'die' | 'stale' }>(
  'test.transactional',
  async ({ db, job, complete }) => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO jobs (workspace_id, kind, payload)
        VALUES (${job.workspaceId}, 'test.effect', ${JSON.stringify({ from: job.id })}::jsonb)`);
      if (job.payload.mode === 'stale') {
        await tx.execute(sql`UPDATE jobs SET attempts = attempts + 1 WHERE id = ${job.id}`);
      }
      await complete(tx, { effects: 1 });
    });
    if (job.payload.mode === 'die') throw new Error('the process died after the commit');
    return { recorded: 'twice' };
  },
  { maxAttempts: 3, retryDelayMs: () => 0 },
);

/** Every second, queue this hour's job: however many instances tick, one job per hour. */
let scheduleWorkspace: string | null = null;
let ticks = 0;
const hours = new Set<string>();
registerSchedule({
  name: 'test.hourly-report',
  cron: '* * * * * *',
  run: async (db, now) => {
    if (!scheduleWorkspace) return;
    ticks++;
    hours.add(now.toISOString().slice(0, 13));
    await enqueueJob(db, {
      workspaceId: scheduleWorkspace,
      kind: 'test.record',
      payload: { n: 0 },
      dedupeKey: `hourly:${now.toISOString().slice(0, 13)}`,
    });
  },
});

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
};

describe('jobs', () => {
  const t = useTestApp();
  const w = useWorld(t);
  const row = async (id: string) => (await jobsRepository.get(t.db, w.org.workspaceId, id))!;
  const enqueue = (
    kind: string,
    payload: unknown = {},
    extra: { dedupeKey?: string; createdBy?: string } = {},
  ) => enqueueJob(t.db, { workspaceId: w.org.workspaceId, kind, payload, ...extra });

  it('two workers share a queue and never run one job twice', async () => {
    runs.length = 0;
    const ids = [];
    for (let n = 0; n < 12; n++) ids.push((await enqueue('test.record', { n }))!);
    // Concurrent claims first: each job goes to exactly one claimer.
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => jobsRepository.claim(t.db, ['test.record'], 60_000, [])),
    );
    const claimed = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    // Give those back to the queue (as if their lease ran out) and let two workers take everything.
    await t.db.execute(
      sql`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE status = 'running'`,
    );
    const a = startJobWorker(t.db, { concurrency: 2, pollMs: 20, kinds: ['test.record'] });
    const b = startJobWorker(t.db, { concurrency: 2, pollMs: 20, kinds: ['test.record'] });
    try {
      await until(async () => {
        const { rows } = await t.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'succeeded'`,
        );
        return rows[0]!.n === ids.length;
      });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(runs.map((r) => r.jobId).sort()).toEqual([...ids].sort());
    const done = await row(ids[5]!);
    expect(done).toMatchObject({ status: 'succeeded', result: { doubled: 10 }, lockedUntil: null });
    expect(done.finishedAt).not.toBeNull();
  });

  it('runs again a job whose lease expired (a crashed instance), and fences the stale attempt', async () => {
    runs.length = 0;
    const id = (await enqueue('test.record', { n: 7 }))!;
    // An instance claims it and dies: nobody renews the lease.
    const crashed = (await jobsRepository.claim(t.db, ['test.record'], 50, []))!;
    expect(crashed).toMatchObject({ id, attempts: 1 });
    expect(await runNextJob(t.db, { kinds: ['test.record'] })).toBeNull(); // the lease still holds
    await sleep(80);
    expect(await runNextJob(t.db, { kinds: ['test.record'] })).toBe(id);
    expect(runs).toEqual([{ jobId: id, n: 7 }]);
    expect(await row(id)).toMatchObject({ status: 'succeeded', attempts: 2, result: { doubled: 14 } });
    // The first attempt comes back to life: its writes no longer count.
    await jobsRepository.fail(t.db, crashed, { code: 'LATE', message: 'late' }, null);
    expect(await jobsRepository.renew(t.db, crashed, 60_000)).toBe(false);
    expect(await row(id)).toMatchObject({ status: 'succeeded', error: null });
  });

  it('retries errors up to the cap, records the error, and gives up on an expired lease past the cap', async () => {
    flakyCalls = 0;
    const id = (await enqueue('test.flaky'))!;
    await runNextJob(t.db, { kinds: ['test.flaky'] });
    expect(await row(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: { code: 'JOB_ERROR', message: 'the remote end hung up' },
    });
    await runNextJob(t.db, { kinds: ['test.flaky'] });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'JOB_ERROR' } });
    expect(flakyCalls).toBe(2);
    expect(await runNextJob(t.db, { kinds: ['test.flaky'] })).toBeNull();

    // Crashed on its last attempt: the next claim fails it instead of running a third time.
    const other = (await enqueue('test.flaky'))!;
    await t.db.execute(sql`UPDATE jobs SET status = 'running', attempts = 2,
      locked_until = now() - interval '1 second' WHERE id = ${other}`);
    await runNextJob(t.db, { kinds: ['test.flaky'] });
    expect(await row(other)).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { code: 'ATTEMPTS_EXHAUSTED' },
    });
    expect(flakyCalls).toBe(2);
  });

  it('a permanent error fails the job at once with its code and message, shown by the API', async () => {
    const admin = w.org.admin;
    const id = (await enqueue('test.bad-input', {}, { createdBy: admin.id }))!;
    await runNextJob(t.db, { kinds: ['test.bad-input'] });
    const res = await call(t.app, await w.as('admin'), 'GET', `/api/v1/jobs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      kind: 'test.bad-input',
      status: 'failed',
      attempts: 1,
      result: null,
      error: { code: 'BAD_INPUT', message: 'The payload names no file' },
      createdBy: admin.id,
    });
  });

  it('a handler that completes inside its transaction is done at the commit: a crash after it never runs it again', async () => {
    const effects = async () =>
      (
        await t.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.effect' AND payload->>'from' = ${id}`,
        )
      ).rows[0]!.n;
    let id = (await enqueue('test.transactional', { mode: 'die' }))!;
    expect(await runNextJob(t.db, { kinds: ['test.transactional'] })).toBe(id);
    // The error after the commit changed nothing: the job succeeded with the result given at the commit.
    expect(await row(id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      result: { effects: 1 },
      error: null,
      lockedUntil: null,
    });
    expect(await effects()).toBe(1);
    // Restarted workers, long after any lease: nothing to run, no second effect.
    await t.db.execute(sql`UPDATE jobs SET run_after = now() - interval '1 hour' WHERE id = ${id}`);
    expect(await runNextJob(t.db, { kinds: ['test.transactional'] })).toBeNull();
    expect(await effects()).toBe(1);

    // An attempt that no longer holds the job cannot commit its work.
    id = (await enqueue('test.transactional', { mode: 'stale' }))!;
    expect(await runNextJob(t.db, { kinds: ['test.transactional'] })).toBe(id);
    expect(await effects()).toBe(0);
    expect(await row(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      result: null,
      error: { code: 'JOB_ERROR', message: expect.stringMatching(/no longer held/) },
    });
  });

  it('dedupes by (workspace, kind, key) and only by that', async () => {
    const first = await enqueue('test.record', { n: 1 }, { dedupeKey: 'daily:2026-11-22' });
    expect(first).toEqual(expect.any(String));
    expect(await enqueue('test.record', { n: 2 }, { dedupeKey: 'daily:2026-11-22' })).toBeNull();
    expect(await enqueue('test.flaky', {}, { dedupeKey: 'daily:2026-11-22' })).toEqual(expect.any(String));
    expect(await enqueue('test.record', { n: 3 }, { dedupeKey: 'daily:2026-11-23' })).toEqual(
      expect.any(String),
    );
    expect(await enqueue('test.record', { n: 4 })).toEqual(expect.any(String));
    expect(await enqueue('test.record', { n: 4 })).toEqual(expect.any(String));
    const { rows } = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM jobs`);
    expect(rows[0]!.n).toBe(5);
  });

  it('shows progress while running, to its creator and admins only; lists my jobs by kind', async () => {
    const rep = await w.as('repA');
    const id = (await enqueue('test.progress', {}, { createdBy: w.org.repA.id }))!;
    await enqueue('test.record', { n: 1 }, { createdBy: w.org.repA.id });
    await enqueue('test.record', { n: 2 }, { createdBy: w.org.repB.id });
    const worker = startJobWorker(t.db, { pollMs: 20, progressEveryMs: 0, kinds: ['test.progress'] });
    try {
      await until(async () => (await row(id)).progress !== null);
      const res = await call(t.app, rep, 'GET', `/api/v1/jobs/${id}`);
      expect(res.json()).toMatchObject({
        status: 'running',
        progress: { done: 1, total: 3, phase: 'reading' },
        attempts: 1,
      });
      expect((res.json() as Job).startedAt).not.toBeNull();
      release();
      await until(async () => (await row(id)).status === 'succeeded');
    } finally {
      await worker.stop();
    }
    const done = (await call(t.app, rep, 'GET', `/api/v1/jobs/${id}`)).json() as Job;
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: { done: 3, phase: 'writing' },
      result: { ok: true },
    });
    expect((await call(t.app, await w.as('admin'), 'GET', `/api/v1/jobs/${id}`)).statusCode).toBe(200);
    expectError(await call(t.app, await w.as('repB'), 'GET', `/api/v1/jobs/${id}`), 404, 'NOT_FOUND');
    expectError(await call(t.app, await w.as('managerA'), 'GET', `/api/v1/jobs/${id}`), 404, 'NOT_FOUND');
    expectError(await call(t.app, rep, 'GET', `/api/v1/jobs/${NO_SUCH_ID}`), 404, 'NOT_FOUND');
    expectError(await call(t.app, null, 'GET', `/api/v1/jobs/${id}`), 401, 'UNAUTHENTICATED');

    const mine = await list<Job>(t.app, rep, '/api/v1/jobs');
    expect(mine.total).toBe(2);
    const records = await list<Job>(t.app, rep, '/api/v1/jobs?kind=test.record&pageSize=1');
    expect(records).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(records.items[0]).toMatchObject({ kind: 'test.record', status: 'queued', progress: null });
  });

  it('a schedule ticking on two instances queues each period’s job once', async () => {
    ticks = 0;
    hours.clear();
    scheduleWorkspace = w.org.workspaceId;
    const a = startSchedules(t.db);
    const b = startSchedules(t.db);
    try {
      await until(async () => ticks >= 4);
    } finally {
      a.stop();
      b.stop();
      scheduleWorkspace = null;
    }
    const { rows } = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.record' AND dedupe_key LIKE 'hourly:%'`,
    );
    // One per hour the ticks fell in (two only if they straddled the turn of an hour).
    expect(rows[0]!.n).toBe(hours.size);
  });
});
