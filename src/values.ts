/**
 * The syntax of every value a person types, in one place: numbers, shares ("30%"), service-level
 * targets ("80/20"), zones, interval lengths, dates, times of day, durations, day counts and ranges.
 * Used for command-line options (src/commands/options.ts turns a ValueError into commander's
 * InvalidArgumentError, which names the option) and for wfm.yaml (src/app/config.ts names the key
 * path). Pure: text in, a typed value out or a ValueError with a catalogue key.
 */
import { IANAZone } from 'luxon';
import type { MessageKey, MessageParams } from './i18n/index.js';

/** A value that does not parse: the catalogue key of the reason and its parameters (`value` is the text). */
export class ValueError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'ValueError';
  }
}

function fail(key: MessageKey, value: string, params: MessageParams = {}): never {
  throw new ValueError(key, { value, ...params });
}

/** A service-level target: `target` of the calls (0..1] answered within `seconds`. */
export interface SlaTarget {
  target: number;
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Numbers and shares

/** A decimal number in plain notation ("12", "0.5", "1e3"); rejects "", "abc", "1,5", Infinity. */
export function parseNumber(value: string): number {
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail('opt.notNumber', value);
  return Number(text);
}

export function parsePositiveNumber(value: string): number {
  const n = parseNumber(value);
  if (!(n > 0)) fail('opt.notPositive', value);
  return n;
}

export function parseNonNegativeNumber(value: string): number {
  const n = parseNumber(value);
  if (!(n >= 0)) fail('opt.notNonNegative', value);
  return n;
}

export function parseNonNegativeInt(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n < 0) fail('opt.notWholeNumber', value);
  return n;
}

export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n === 0) fail('opt.notPositiveInt', value);
  return n;
}

/**
 * A share: "0.3", "30%" or "30" (a bare number above 1 is read as a percentage). Returned as a
 * fraction, exactly as typed (30% is 30/100, computed by division so 0.3 and "30%" agree).
 */
export function parseShare(value: string): number {
  const text = value.trim();
  const isPercent = text.endsWith('%');
  const n = parseNumber(isPercent ? text.slice(0, -1) : text);
  const share = isPercent || n > 1 ? n / 100 : n;
  if (!(share >= 0 && share <= 1)) fail('opt.notShare', value);
  return share;
}

/** Shrinkage: a share in [0, 1). */
export function parseShrinkage(value: string): number {
  const s = parseShare(value);
  if (s >= 1) fail('opt.shrinkageTooBig', value);
  return s;
}

/** Maximum occupancy or abandon rate: a share in (0, 1]. */
export function parseCap(value: string): number {
  const s = parseShare(value);
  if (s <= 0) fail('opt.notPositive', value);
  return s;
}

/** A change in percent, above -100: "5", "+5%", "-10%" (forecast --adjust). Returns the number of percent. */
export function parsePercentChange(value: string): number {
  const text = value.trim().replace(/%$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) || !(Number(text) > -100)) fail('opt.badPercentChange', value);
  return Number(text);
}

/** A speed factor: "10", "10x", "0.5x" (> 0). */
export function parseSpeed(value: string): number {
  const text = value.trim().replace(/x$/i, '');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text) || !(Number(text) > 0)) fail('opt.badSpeed', value);
  return Number(text);
}

/**
 * A service-level target "X/T": X percent answered within T seconds. Accepts "80/20", "80%/20",
 * "80/20s", "0.8/20". X must be above 0 and at most 100; T at least 0.
 */
export function parseSla(value: string): SlaTarget {
  const m = /^\s*([0-9.]+)\s*(%?)\s*\/\s*([0-9.]+)\s*s?\s*$/.exec(value);
  if (!m) fail('opt.badSla', value);
  const x = Number(m[1]);
  const seconds = Number(m[3]);
  if (!Number.isFinite(x) || !Number.isFinite(seconds)) fail('opt.badSla', value);
  const target = m[2] === '%' || x > 1 ? x / 100 : x;
  if (!(target > 0 && target <= 1) || !(seconds >= 0)) fail('opt.badSla', value);
  return { target, seconds };
}

// ---------------------------------------------------------------------------------------------
// Zones, intervals, dates, times and durations

/** An IANA time zone name such as Asia/Shanghai (or UTC). */
export function parseZone(value: string): string {
  const name = value.trim();
  if (!IANAZone.isValidZone(name)) fail('opt.badZone', value);
  return name;
}

/** The longest site name. */
export const SITE_NAME_MAX = 64;

/**
 * A site's name (`--site`, WFM_SITE, wfm.yaml's `site` and `sites`): 1 to 64 characters, no control
 * characters, no space at either end. Compared exactly (case matters).
 */
export function parseSiteName(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (value === '' || value.length > SITE_NAME_MAX || value.trim() !== value || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    fail('opt.badSite', value, { max: SITE_NAME_MAX });
  }
  return value;
}

/** What an interval option accepts: minutes that divide a day, optionally a multiple of `step` or one of `choices`. */
export interface IntervalRule {
  /** Only these lengths (report intervals). */
  choices?: readonly number[];
  /** Only multiples of this many minutes (roster grids of 15 minutes). */
  step?: number;
}

/**
 * Interval length in minutes ("30", "30m", "30min"): whole minutes that divide a day, within `rule`.
 * Returns a parser for commander.
 */
export function intervalParser(rule: IntervalRule = {}): (value: string) => number {
  return (value: string) => {
    const text = value.trim().replace(/m(in)?$/i, '');
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (rule.choices) {
      if (!rule.choices.includes(n)) fail('opt.badIntervalChoice', value, { choices: rule.choices.join(', ') });
    } else if (!(n > 0) || 1440 % n !== 0) fail('opt.badInterval', value);
    else if (rule.step && n % rule.step !== 0) fail('opt.badIntervalStep', value, { step: rule.step });
    return n;
  };
}

/** Interval length that divides a day (5, 6, 10, 15, 20, 30, 60 ...). */
export const parseIntervalMinutes = intervalParser();

/** The lengths the reports count by. */
export const REPORT_INTERVALS = [5, 10, 15, 20, 30, 60] as const;

/** A report interval: one of REPORT_INTERVALS, or `day` (also `1440`). */
export function parseReportInterval(value: string): number | 'day' {
  const v = value.trim().toLowerCase();
  if (v === 'day' || v === '1440') return 'day';
  const text = v.replace(/m(in)?$/, '');
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(REPORT_INTERVALS as readonly number[]).includes(n)) fail('opt.badIntervalChoice', value, { choices: [...REPORT_INTERVALS, 'day'].join(', ') });
  return n;
}

/** Whether text is a real calendar date YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** A calendar date YYYY-MM-DD (a local date in the site's zone). */
export function parseDate(value: string): string {
  const text = value.trim();
  if (!isCalendarDate(text)) fail('opt.badDate', value);
  return text;
}

/** A comma-separated list of dates (forecast backtest --origins). */
export function parseDateList(value: string): string[] {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) fail('opt.badDate', value);
  for (const p of parts) if (!isCalendarDate(p)) fail('opt.badDate', p);
  return parts;
}

/** A time of day "HH:MM" (00:00 .. 23:59), as minutes after midnight. */
export function parseTimeOfDay(value: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(value);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) fail('opt.badTimeOfDay', value);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** A local date, or a local date and time: "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or with "T". */
export interface LocalDateTime {
  date: string;
  /** "HH:MM[:SS]" when a time was given. */
  time?: string;
}

/** A date or a local date-time (report sla --from/--to, simulate --start, live --at); the zone is applied later. */
export function parseDateTime(value: string): LocalDateTime {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(value);
  if (!m || !isCalendarDate(m[1])) fail('opt.badDateTime', value);
  if (m[2] === undefined) return { date: m[1] };
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) fail('opt.badDateTime', value);
  return { date: m[1], time: `${String(h).padStart(2, '0')}:${m[3]}${m[4] !== undefined ? ':' + m[4] : ''}` };
}

/** A date range "FROM..TO" (either side may be left open, not both), as local dates. */
export function parseDateRange(value: string): { from?: string; to?: string } {
  const m = /^\s*(\d{4}-\d{2}-\d{2})?\s*\.\.\s*(\d{4}-\d{2}-\d{2})?\s*$/.exec(value);
  if (!m || (!m[1] && !m[2])) fail('opt.badRange', value);
  for (const d of [m[1], m[2]]) if (d !== undefined && !isCalendarDate(d)) fail('opt.badRange', value);
  if (m[1] && m[2] && m[2] < m[1]) fail('opt.badRange', value);
  return { ...(m[1] ? { from: m[1] } : {}), ...(m[2] ? { to: m[2] } : {}) };
}

/** A duration: "8h", "90m", "45s" or a bare number of hours. Returns milliseconds (> 0). */
export function parseDuration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(h|m|min|s)?\s*$/i.exec(value);
  if (!m) fail('opt.badDuration', value);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  const ms = unit === 'h' ? n * 3_600_000 : unit === 's' ? n * 1000 : n * 60_000;
  if (!(ms > 0)) fail('opt.badDuration', value);
  return ms;
}

/** A number of days: "30", "30d" or "4w". */
export function parseDays(value: string): number {
  const m = /^\s*(\d+)\s*([dw]?)\s*$/i.exec(value);
  if (!m) fail('opt.badDays', value);
  return Number(m[1]) * (m[2].toLowerCase() === 'w' ? 7 : 1);
}

/** A repeatable, comma-separable list option (--queue a --queue b,c). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/**
 * A value, or `none` (any case) for "switched off", returned as the string 'none' (commander turns
 * a parser's null into an empty string, so null cannot be the marker).
 */
export function orNone<T>(parse: (value: string) => T): (value: string) => T | 'none' {
  return (value: string) => (value.trim().toLowerCase() === 'none' ? 'none' : parse(value));
}
