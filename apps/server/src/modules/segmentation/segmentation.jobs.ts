// Recurring classification work. Recency, the 12-month and 6-month windows and the RFM cut points move
// with time alone, so every workspace is recomputed set-wise once a day (after 03:00 its time; the
// lifetime-value models are refitted in the same pass, their result under `clv`), and its
// tiers are frozen once a quarter for the migration matrix. An hourly tick enqueues both with a dedupe
// key naming the local day / quarter, so however many instances tick, each runs once.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { defineJob, enqueueJob, registerSchedule } from '../jobs/index.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { recomputeAndTidy } from './placement.ts';
import { quarterLabel, takeSnapshot } from './snapshots.service.ts';

export const RECOMPUTE_JOB = 'segmentation.recompute';
export const SNAPSHOT_JOB = 'segmentation.snapshot';

defineJob<{ asOf?: string }>(RECOMPUTE_JOB, async ({ db, job, progress, signal }) => {
  const asOf = job.payload.asOf ?? todayIn(await workspaceTimeZone(db, job.workspaceId));
  await progress({ done: 0, phase: 'recompute' });
  const started = performance.now();
  const stats = await recomputeAndTidy(db, job.workspaceId, {
    asOf,
    signal,
    onProgress: (done, total) => progress({ done, total, phase: 'recompute' }),
  });
  return { asOf, durationMs: Math.round(performance.now() - started), ...stats };
});

defineJob<{ label?: string }>(SNAPSHOT_JOB, async ({ db, job }) =>
  db.transaction((tx) =>
    takeSnapshot(tx, job.workspaceId, { label: job.payload.label, trigger: 'scheduled', createdBy: null }),
  ),
);

/** The local hour in a time zone. */
const hourIn = (timeZone: string, now: Date) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));

/** Enqueues what is due for every workspace (idempotent per day / quarter). */
export async function enqueueDueClassificationJobs(db: Db, now: Date): Promise<void> {
  const { rows } = await db.execute<{ id: string; tz: string }>(
    sql`SELECT workspace_id AS id, time_zone AS tz FROM workspaces`,
  );
  for (const w of rows) {
    const day = todayIn(w.tz, now);
    if (hourIn(w.tz, now) >= 3)
      await enqueueJob(db, {
        workspaceId: w.id,
        kind: RECOMPUTE_JOB,
        payload: { asOf: day },
        dedupeKey: `daily:${day}`,
      });
    const quarter = quarterLabel(day);
    await enqueueJob(db, {
      workspaceId: w.id,
      kind: SNAPSHOT_JOB,
      payload: { label: quarter },
      dedupeKey: `quarter:${quarter}`,
    });
  }
}

registerSchedule({ name: 'segmentation.daily', cron: '7 * * * *', run: enqueueDueClassificationJobs });
