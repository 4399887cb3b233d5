// Recurring work. Every instance ticks every schedule (croner); a schedule's `run` should only enqueue
// jobs with a dedupe key naming the period (e.g. `rfm:2026-11-22`), so that however many instances tick,
// the work is queued once and run once by whichever worker claims it.
import { Cron } from 'croner';
import type { Db } from '../../db/client.ts';

export interface Schedule {
  /** Unique name, for logs. */
  name: string;
  /** Cron pattern (croner syntax, seconds optional), e.g. `0 3 * * *` for 03:00 every day. */
  cron: string;
  /** Zone the pattern is read in (default: the server's). */
  timezone?: string;
  run: (db: Db, now: Date) => Promise<void>;
}

const schedules = new Map<string, Schedule>();

export function registerSchedule(schedule: Schedule): void {
  if (schedules.has(schedule.name)) throw new Error(`Schedule "${schedule.name}" is registered twice`);
  new Cron(schedule.cron, {
    paused: true,
    ...(schedule.timezone ? { timezone: schedule.timezone } : {}),
  }).stop(); // validates the pattern now
  schedules.set(schedule.name, schedule);
}

export const registeredSchedules = () => [...schedules.values()];

export function startSchedules(db: Db, log?: { error(obj: unknown, msg?: string): void }): { stop(): void } {
  const crons = registeredSchedules().map(
    (s) =>
      new Cron(
        s.cron,
        // protect: a tick that is still running when the next one comes is not started twice.
        { protect: true, ...(s.timezone ? { timezone: s.timezone } : {}), unref: true },
        async () => {
          try {
            await s.run(db, new Date());
          } catch (err) {
            log?.error({ err, schedule: s.name }, 'scheduled run failed');
          }
        },
      ),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
