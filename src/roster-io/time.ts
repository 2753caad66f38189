/**
 * Roster minutes <-> instants. The engine counts whole minutes from local midnight of the first
 * roster day and every day as 1440 minutes of local wall-clock time; this module maps such a minute
 * to an instant in the site's IANA zone (luxon), day by day, so shift times stay on the wall clock
 * across a daylight-saving change (a 08:00 shift stays 08:00). On a DST day a wall time that does not
 * exist (skipped hour) is moved forward by the zone's gap, as luxon does; a repeated wall time takes
 * the first (earlier) instant. Pure: zone and dates are parameters.
 */
import { DateTime } from 'luxon';

export const MINUTES_PER_DAY = 1440;

/** A roster's calendar: first day (YYYY-MM-DD) and zone. */
export interface RosterCalendar {
  startDate: string;
  zone: string;
}

/** The local calendar date (YYYY-MM-DD) of roster day d. */
export function dayDate(cal: RosterCalendar, d: number): string {
  return DateTime.fromISO(cal.startDate, { zone: 'UTC' }).plus({ days: d }).toISODate()!;
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of roster day 0. */
export function startWeekday(cal: RosterCalendar): number {
  return DateTime.fromISO(cal.startDate, { zone: 'UTC' }).weekday;
}

/**
 * The instant of roster minute m: local date (startDate + floor(m / 1440) days) at wall-clock time
 * (m mod 1440) in the zone.
 */
export function minuteToDateTime(cal: RosterCalendar, m: number): DateTime {
  const d = Math.floor(m / MINUTES_PER_DAY);
  const tod = m - d * MINUTES_PER_DAY;
  const base = DateTime.fromISO(cal.startDate, { zone: 'UTC' }).plus({ days: d });
  return DateTime.fromObject({ year: base.year, month: base.month, day: base.day, hour: Math.floor(tod / 60), minute: tod % 60 }, { zone: cal.zone });
}

/** ISO 8601 with the zone's offset, no milliseconds (2026-12-07T08:30:00+08:00). */
export function minuteToIso(cal: RosterCalendar, m: number): string {
  return minuteToDateTime(cal, m).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/**
 * The roster minute of a local date-time in the zone (inverse of minuteToDateTime for wall times
 * that exist): days between the local dates x 1440 + minute of day. Works for any instant, also
 * outside the roster (negative or beyond the horizon).
 */
export function dateTimeToMinute(cal: RosterCalendar, dt: DateTime): number {
  const local = dt.setZone(cal.zone);
  const day0 = DateTime.fromISO(cal.startDate, { zone: 'UTC' });
  const dayL = DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: 'UTC' });
  const days = Math.round(dayL.diff(day0, 'days').days);
  return days * MINUTES_PER_DAY + local.hour * 60 + local.minute;
}

/** "HH:MM" of a roster minute, with "+1" when it falls on a later day than `day`. */
export function clockOf(m: number, day: number): string {
  const d = Math.floor(m / MINUTES_PER_DAY);
  const tod = m - d * MINUTES_PER_DAY;
  const hh = String(Math.floor(tod / 60)).padStart(2, '0');
  const mm = String(tod % 60).padStart(2, '0');
  return `${hh}:${mm}${d > day ? `+${d - day}` : ''}`;
}
