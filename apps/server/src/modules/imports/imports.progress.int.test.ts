// The import wizard's progress poll while a big import writes. On the embedded database (PGlite: one
// connection) the import's transaction holds the connection from the first row read to the commit; the
// poll is answered from the worker's memory then (jobs/live.ts, auth/session-cache.ts). On PostgreSQL the
// same poll reads the database as usual; both must give the same answers to the same people.
import type { ImportJobResult, ImportUpload, Job } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectError, useWorld } from '../../../test/customer-fixtures.ts';
import { call, dbKind, useTestApp, type Session } from '../../../test/harness.ts';
import { sessionCache } from '../auth/session-cache.ts';
import { liveJobs, startJobWorker } from '../jobs/index.ts';
import { IMPORT_JOB } from './imports.jobs.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'stratum-uploads-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ROWS = 40_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A customers file of `n` rows (a few seconds of import on PGlite). */
function customersCsv(n: number): Buffer {
  const lines = ['external_id,name,phone'];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(6, '0');
    lines.push(`K${id},客户${id},139${String(i).padStart(8, '0')}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The same cookie with a changed token (its signature no longer matches). */
function forged(s: Session): Session {
  const [name, value] = s.cookie!.split('=') as [string, string];
  const [ws, token, signature] = value.split('.') as [string, string, string];
  const other = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
  return { cookie: `${name}=${ws}.${other}.${signature}` };
}

describe('the import progress poll', () => {
  const t = useTestApp({ dataDir, uploadLimitMb: 20 });
  const w = useWorld(t);

  it('moves while a big import writes, for its creator (and admins) only', { timeout: 300_000 }, async () => {
    const rep = await w.as('repA');
    const repB = await w.as('repB');
    const admin = await w.as('admin');
    // Each browser has loaded a page before (its session verified in the database once).
    for (const s of [rep, repB, admin]) {
      expect((await call(t.app, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    }

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/uploads?filename=big.csv',
      headers: {
        'content-type': 'application/octet-stream',
        cookie: rep.cookie!,
        'x-csrf-token': rep.csrfToken!,
      },
      payload: customersCsv(ROWS),
    });
    expect(res.statusCode, res.body).toBe(201);
    const up = res.json() as ImportUpload;
    const started = await call(t.app, rep, 'POST', '/api/v1/imports', { uploadId: up.id, kind: 'customers' });
    expect(started.statusCode, started.body).toBe(202);
    const jobId = (started.json() as { jobId: string }).jobId;
    const url = `/api/v1/jobs/${jobId}`;

    /** Answers given while the import's transaction held the connection (from before to after the call). */
    const busy: Job[] = [];
    let othersChecked = false;
    let last: Job | undefined;
    const worker = startJobWorker(t.db, { pollMs: 20, kinds: [IMPORT_JOB] });
    try {
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline) {
        const before = liveJobs.transactionOpen();
        const poll = await call(t.app, rep, 'GET', url);
        const after = liveJobs.transactionOpen();
        expect(poll.statusCode, poll.body).toBe(200);
        last = poll.json() as Job;
        if (last.status === 'succeeded' || last.status === 'failed') break;
        if (before && after) {
          busy.push(last);
          if (!othersChecked) {
            // While busy too: another rep's session sees no such job, an admin sees it, a forged cookie
            // is refused (its signature is checked in memory).
            expectError(await call(t.app, repB, 'GET', url), 404, 'NOT_FOUND');
            const seen = await call(t.app, admin, 'GET', url);
            expect(seen.statusCode, seen.body).toBe(200);
            expect(seen.json()).toMatchObject({ id: jobId, status: 'running' });
            expectError(await call(t.app, forged(rep), 'GET', url), 401, 'UNAUTHENTICATED');
            expectError(await call(t.app, null, 'GET', url), 401, 'UNAUTHENTICATED');
            othersChecked = liveJobs.transactionOpen();
          }
        }
        await sleep(150);
      }
    } finally {
      await worker.stop();
    }

    expect(last).toMatchObject({ status: 'succeeded', result: { inserted: ROWS, failed: 0 } });
    const done = last as Job & { result: ImportJobResult };
    const { rows } = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers`);
    expect(rows[0]!.n).toBe(ROWS);

    if (dbKind() === 'pglite') {
      // The bar moved before the commit: running answers with rows read, given while the import still
      // held the only connection (so before the job finished), in the shape the database gives.
      const moving = busy.filter((j) => j.status === 'running' && (j.progress?.done ?? 0) > 0);
      expect(moving.length, JSON.stringify(busy.slice(0, 5))).toBeGreaterThan(0);
      expect(othersChecked).toBe(true);
      for (const j of busy) {
        expect(j).toMatchObject({
          id: jobId,
          kind: 'import',
          status: 'running',
          result: null,
          error: null,
          attempts: 1,
          createdBy: w.org.repA.id,
          createdAt: done.createdAt,
          startedAt: done.startedAt,
          finishedAt: null,
        });
        expect(j.progress!.done).toBeLessThanOrEqual(ROWS);
      }
      // …and it moved: the rows read grow from one answer to the next.
      const dones = busy.map((j) => j.progress?.done ?? 0);
      expect(dones).toEqual([...dones].sort((a, b) => a - b));
      expect(new Set(dones.filter((n) => n > 0)).size, dones.join(',')).toBeGreaterThanOrEqual(2);
    }

    // Once done: the database answers, to the same people as before.
    expect(liveJobs.transactionOpen()).toBe(false);
    expectError(await call(t.app, repB, 'GET', url), 404, 'NOT_FOUND');
    expect((await call(t.app, admin, 'GET', url)).statusCode).toBe(200);
    expectError(await call(t.app, forged(rep), 'GET', url), 401, 'UNAUTHENTICATED');
  });

  it('a signed-out or disabled session is not answered from memory', async () => {
    const rep = await w.as('repA');
    const rep2 = await w.as('repA2');
    const admin = await w.as('admin');
    for (const s of [rep, rep2])
      expect((await call(t.app, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const cookieOf = (s: Session) => s.cookie!.slice('stratum_session='.length);
    expect(sessionCache.lookup(cookieOf(rep))).not.toBeNull();
    expect(sessionCache.lookup(cookieOf(rep2))).not.toBeNull();

    expect((await call(t.app, rep, 'POST', '/api/v1/auth/logout')).statusCode).toBeLessThan(300);
    expect(sessionCache.lookup(cookieOf(rep))).toBeNull();

    const user = await call(t.app, admin, 'GET', `/api/v1/users/${w.org.repA2.id}`);
    expect(user.statusCode, user.body).toBe(200);
    const disabled = await call(t.app, admin, 'PATCH', `/api/v1/users/${w.org.repA2.id}`, {
      disabled: true,
      version: (user.json() as { version: number }).version,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(sessionCache.lookup(cookieOf(rep2))).toBeNull();
    expectError(await call(t.app, rep2, 'GET', '/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });
});
