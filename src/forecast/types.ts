/**
 * Public data shapes of the forecasting engine (`src/forecast`). Everything is local wall clock:
 * a day is a `YYYY-MM-DD` date, an interval is (date, slot) with
 * `slot = minutesSinceLocalMidnight / intervalMinutes` (0 … 1440/intervalMinutes − 1).
 */

/** Names of the forecasting methods (see `methods.ts` and `calendar-method.ts` for definitions and references). */
export const METHOD_NAMES = ['snaive', 'mean4w', 'profile', 'hw', 'calendar', 'combo'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/**
 * History of one queue as parallel arrays, one entry per interval that has data.
 * An interval without an entry is CLOSED (not zero). Rows with the same (date, slot) are summed
 * (e.g. the repeated hour when DST ends; calls summed, AHT call-weighted).
 */
export interface SeriesInput {
  /** Interval length in minutes; must divide 1440 (5, 6, 10, 15, 30, 60, …). */
  intervalMinutes: number;
  /** Local date `YYYY-MM-DD` of each interval start. */
  dates: string[];
  /** Slot-of-day of each interval start: minutes since local midnight / intervalMinutes. */
  slots: number[];
  /** Offered calls in each interval (≥ 0, finite; half-integers allowed). */
  calls: number[];
  /** Average handle time (seconds) per interval; null/NaN where unknown. Omit when no AHT data. */
  aht?: (number | null)[];
}

/** What a holiday calendar says about a date. */
export type DayInfo =
  | { kind: 'holiday'; name: string }
  /** An official make-up working day (调休): a weekend day worked like a normal weekday. */
  | { kind: 'workday'; name: string };

/** Injectable holiday calendar: returns null for an ordinary day. Must be pure. */
export type HolidayLookup = (date: string) => DayInfo | null;

/** A user special day: a factor on the normal forecast, or "forecast like weekday X". */
export interface SpecialDay {
  date: string;
  label: string;
  /** Multiplier of normal volume on that day (e.g. 1.3 for a campaign, 0 for closed). */
  factor?: number;
  /** Weekday the day behaves like: 0–6 (0 = Sunday) or a name (`monday`, `Mon`). */
  like?: number | string;
}

export interface ForecastOptions {
  /** First forecast day `YYYY-MM-DD`. Only history rows before this date are used. */
  start: string;
  /** Number of days to forecast (≥ 1). */
  days: number;
  /** Method, or 'auto' (default): chosen by a rolling-origin backtest on the history only. */
  method?: MethodName | 'auto';
  /** Holiday calendar: 'cn' (chinese-days), 'none' (default), or an injected lookup. */
  holidays?: 'cn' | 'none' | HolidayLookup;
  specialDays?: SpecialDay[];
  /** Percent change applied to calls and bands at the end (e.g. 5 → ×1.05). */
  adjustPercent?: number;
  /** Weeks of rolling-origin backtest used for 'auto' and for calibrating the band (default 6). */
  calibrationWeeks?: number;
}

/** One forecast interval. */
export interface ForecastRow {
  date: string;
  slot: number;
  /** Expected offered calls. */
  calls: number;
  /** Forecast AHT in seconds; null when the history has no AHT. */
  aht: number | null;
  /** 80 % prediction band (10 % and 90 % quantiles) of calls. */
  callsLow: number;
  callsHigh: number;
}

export interface ForecastResult {
  rows: ForecastRow[];
  /** Method used (the one 'auto' chose, or the requested one). */
  method: MethodName;
  /** Backtest WAPE (%) of each method on the calibration weeks (empty if no backtest possible). */
  calibration: { method: MethodName; wape: number; weeks: number }[];
  /** Per forecast day: how it was treated. */
  days: { date: string; treatment: DayTreatment; label?: string }[];
}

export type DayTreatment =
  | 'normal'
  | 'closed'
  | 'holiday-history'
  | 'holiday-scaled-sunday'
  | 'makeup-workday'
  | 'special-factor'
  | 'special-like';
