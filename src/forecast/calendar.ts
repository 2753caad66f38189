/**
 * Local calendar arithmetic for the forecasting engine: dates are local wall-clock calendar dates
 * written `YYYY-MM-DD`; an interval is addressed by its date and its slot-of-day index
 * `slot = minutesSinceLocalMidnight / intervalMinutes`. No time zones here: the command maps
 * (date, slot) to instants (with luxon) and back.
 */

/** What a {@link ForecastInputError} is about; each has a message `forecast.err.<code>` or falls under `forecast.err.other` (src/app/forecast.ts). */
export type ForecastErrorCode =
  | 'bad-interval'
  | 'length-mismatch'
  | 'empty-history'
  | 'bad-slot'
  | 'bad-calls'
  | 'bad-date'
  | 'bad-weekday'
  | 'bad-timestamp'
  | 'off-grid-timestamp'
  | 'bad-factor'
  | 'bad-days'
  | 'no-history-before-start'
  | 'unknown-method'
  | 'no-mase-pairs';

/** Error thrown by the pure forecast module for invalid input (the CLI maps it to exit 2). */
export class ForecastInputError extends Error {
  constructor(
    readonly code: ForecastErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(detail)}`);
    this.name = 'ForecastInputError';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of a calendar date: days since 1970-01-01 in the proleptic Gregorian calendar
 * (pure arithmetic via `Date.UTC`; no clock, no zone).
 */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new ForecastInputError('bad-date', { value: date });
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new ForecastInputError('bad-date', { value: date });
  }
  return Math.round(t / 86_400_000);
}

/** Inverse of {@link dayNumber}: `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of month (1–31) of a day number. */
export function dayOfMonth(day: number): number {
  return new Date(day * 86_400_000).getUTCDate();
}

/** Weekday names accepted in `like:` special days (English, lower case, 3+ letters), 0 = Sunday. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Parse a weekday name (`mon`, `Monday`, …) or number 0–6 (0 = Sunday) to 0–6. */
export function parseWeekday(s: string | number): number {
  if (typeof s === 'number') {
    if (Number.isInteger(s) && s >= 0 && s <= 6) return s;
    throw new ForecastInputError('bad-weekday', { value: s });
  }
  const t = s.trim().toLowerCase();
  if (/^[0-6]$/.test(t)) return Number(t);
  if (t.length >= 3) {
    const i = WEEKDAYS.findIndex((w) => w.startsWith(t));
    if (i >= 0) return i;
  }
  throw new ForecastInputError('bad-weekday', { value: s });
}

/**
 * Split a local wall-clock timestamp `YYYY-MM-DDTHH:mm` (or with a space; trailing seconds `:00`
 * allowed) into its date and slot-of-day for the given interval length. Throws
 * {@link ForecastInputError} when the time is not on the interval grid.
 */
export function parseWallClock(ts: string, intervalMinutes: number): { date: string; slot: number } {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::00)?$/.exec(ts.trim());
  if (!m) throw new ForecastInputError('bad-timestamp', { value: ts });
  dayNumber(m[1]);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes >= 1440 || minutes % intervalMinutes !== 0) {
    throw new ForecastInputError('off-grid-timestamp', { value: ts, intervalMinutes });
  }
  return { date: m[1], slot: minutes / intervalMinutes };
}

/** Local wall-clock `YYYY-MM-DDTHH:mm` of a (date, slot) pair; inverse of {@link parseWallClock}. */
export function wallClock(date: string, slot: number, intervalMinutes: number): string {
  const min = slot * intervalMinutes;
  const hh = String(Math.floor(min / 60)).padStart(2, '0');
  const mm = String(min % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}`;
}
