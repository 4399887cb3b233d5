import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Date pickers work on "wall-clock" values: a dayjs in the browser's zone whose date and time read the
 * same as the instant does in the workspace's zone. So a rep in Berlin working a Shanghai workspace
 * picks and sees Shanghai times, and what is sent is that wall time with the workspace's offset.
 */
const WALL = 'YYYY-MM-DDTHH:mm:ss';

export function toWallClock(instant: string, timeZone: string): Dayjs {
  const d = dayjs(instant);
  try {
    return dayjs(d.tz(timeZone).format(WALL));
  } catch {
    return d;
  }
}

export function nowWallClock(timeZone: string): Dayjs {
  return toWallClock(new Date().toISOString(), timeZone);
}

/** A picked wall-clock value as an instant with the workspace's offset, e.g. `2026-03-01T09:30:00+08:00`. */
export function fromWallClock(wall: Dayjs, timeZone: string): string {
  try {
    return dayjs.tz(wall.format(WALL), timeZone).format();
  } catch {
    return wall.format();
  }
}

/** A calendar date (`YYYY-MM-DD`) as a picker value, or null. */
export function dateValue(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** A picker value as a calendar date (`YYYY-MM-DD`), or null. */
export function dateString(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** Whole calendar days between an instant and now, both in `timeZone` (0 = today). */
export function daysAgo(instant: string, timeZone: string, now: Date = new Date()): number {
  const then = toWallClock(instant, timeZone).startOf('day');
  const today = toWallClock(now.toISOString(), timeZone).startOf('day');
  return today.diff(then, 'day');
}

/** Quick picks for the next follow-up: tomorrow, in 3 days, next week, in two weeks. */
export const NEXT_FOLLOWUP_PICKS = [
  { key: 'tomorrow', days: 1 },
  { key: 'in3Days', days: 3 },
  { key: 'nextWeek', days: 7 },
  { key: 'in2Weeks', days: 14 },
] as const;

/** Today in `timeZone` plus `days`, as a picker value (a local date). */
export function daysFromToday(days: number, timeZone: string, now: Date = new Date()): Dayjs {
  return toWallClock(now.toISOString(), timeZone).startOf('day').add(days, 'day');
}
