// Calendar days in a workspace's time zone, in SQL. Converting an instant to its local day costs a
// time-zone lookup per row, so a range of days is tested on the instant itself, against the instants its
// bounding days start (computed once per statement): `day <= D` is `at < dayStart(D + 1)`. And since an
// instant's local day never goes back as the instant goes forward, the latest local day of a set of
// instants is the local day of the latest instant: `max(localDay(at))` is `localDay(max(at))`.
import { sql, type SQL } from 'drizzle-orm';

/** The instant a local day starts in `timeZone`; `day` is a date expression or a `YYYY-MM-DD` string. */
export const dayStart = (day: SQL | string, timeZone: string): SQL =>
  sql`((${day})::date::timestamp AT TIME ZONE ${timeZone}::text)`;

/** The local calendar day of an instant (a timestamptz expression). */
export const localDay = (instant: SQL, timeZone: string): SQL =>
  sql`((${instant}) AT TIME ZONE ${timeZone}::text)::date`;

/** The instant local day `asOf` + `days` starts (`days` may be negative). */
export const dayStartFrom = (asOf: string, days: number, timeZone: string): SQL =>
  dayStart(sql`${asOf}::date + ${days}::int`, timeZone);
