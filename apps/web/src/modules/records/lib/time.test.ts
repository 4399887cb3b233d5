import { describe, expect, it } from 'vitest';
import { dateString, dateValue, daysAgo, daysFromToday, fromWallClock, toWallClock } from './time.ts';

describe('wall-clock values in the workspace time zone', () => {
  it('shows an instant as the workspace reads it', () => {
    const wall = toWallClock('2026-02-28T16:30:00.000Z', 'Asia/Shanghai');
    expect(wall.format('YYYY-MM-DD HH:mm')).toBe('2026-03-01 00:30');
    expect(toWallClock('2026-02-28T16:30:00.000Z', 'UTC').format('YYYY-MM-DD HH:mm')).toBe(
      '2026-02-28 16:30',
    );
  });

  it('sends a picked wall time with the workspace offset', () => {
    const wall = toWallClock('2026-03-01T01:30:00Z', 'Asia/Shanghai');
    expect(fromWallClock(wall, 'Asia/Shanghai')).toBe('2026-03-01T09:30:00+08:00');
    expect(fromWallClock(wall.hour(23).minute(5), 'Asia/Shanghai')).toBe('2026-03-01T23:05:00+08:00');
  });

  it('round-trips the same instant', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'UTC', 'Asia/Kolkata']) {
      const instant = '2026-07-15T03:04:05.000Z';
      const back = fromWallClock(toWallClock(instant, zone), zone);
      expect(new Date(back).toISOString()).toBe(instant);
    }
  });
});

describe('calendar dates', () => {
  it('converts to and from picker values', () => {
    expect(dateString(dateValue('2026-03-01'))).toBe('2026-03-01');
    expect(dateValue(null)).toBeNull();
    expect(dateString(null)).toBeNull();
  });

  it('counts days ago in the workspace zone', () => {
    const now = new Date('2026-03-02T01:00:00Z'); // 09:00 on 2 March in Shanghai
    expect(daysAgo('2026-03-01T17:00:00Z', 'Asia/Shanghai', now)).toBe(0); // 01:00 on 2 March there
    expect(daysAgo('2026-03-01T15:00:00Z', 'Asia/Shanghai', now)).toBe(1); // 23:00 on 1 March
    expect(daysAgo('2026-03-01T15:00:00Z', 'UTC', now)).toBe(1);
  });

  it('picks follow-up dates from today in the workspace zone', () => {
    const now = new Date('2026-03-01T18:00:00Z'); // already 2 March in Shanghai
    expect(daysFromToday(1, 'Asia/Shanghai', now).format('YYYY-MM-DD')).toBe('2026-03-03');
    expect(daysFromToday(7, 'UTC', now).format('YYYY-MM-DD')).toBe('2026-03-08');
  });
});
