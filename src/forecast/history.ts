/**
 * Internal day-by-slot view of a history series and the cleaned "ordinary day" history that the
 * methods read, and the intraday-shape helpers several methods share. Not part of the public API
 * (exported for tests, the engine and the methods).
 */
import { ForecastInputError, dayNumber, dayOfMonth, weekdayOf } from './calendar.js';
import type { SeriesInput } from './types.js';

/** Calls (and AHT) on a day × slot grid; NaN = no row (closed / no data). */
export interface Grid {
  intervalMinutes: number;
  slotsPerDay: number;
  /** Day number of index 0. */
  firstDay: number;
  nDays: number;
  calls: (Float64Array | null)[];
  /** AHT per slot (seconds), NaN where unknown; null when the series has no AHT at all. */
  aht: (Float64Array | null)[] | null;
}

/**
 * Build the grid from parallel arrays. Duplicate (date, slot) rows are summed (AHT call-weighted).
 * Throws ForecastInputError for bad lengths, slots, or negative/non-finite calls.
 */
export function buildGrid(s: SeriesInput): Grid {
  const im = s.intervalMinutes;
  if (!Number.isInteger(im) || im <= 0 || 1440 % im !== 0) {
    throw new ForecastInputError('bad-interval', { intervalMinutes: im });
  }
  const n = s.dates.length;
  if (s.slots.length !== n || s.calls.length !== n || (s.aht && s.aht.length !== n)) {
    throw new ForecastInputError('length-mismatch', { dates: n, slots: s.slots.length, calls: s.calls.length });
  }
  if (n === 0) throw new ForecastInputError('empty-history');
  const spd = 1440 / im;
  const days = new Int32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = dayNumber(s.dates[i]);
    days[i] = d;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
    const sl = s.slots[i];
    if (!Number.isInteger(sl) || sl < 0 || sl >= spd) throw new ForecastInputError('bad-slot', { index: i, slot: sl });
    const c = s.calls[i];
    if (!Number.isFinite(c) || c < 0) throw new ForecastInputError('bad-calls', { index: i, calls: c });
  }
  const nDays = hi - lo + 1;
  const calls: (Float64Array | null)[] = new Array(nDays).fill(null);
  const hasAht = !!s.aht && s.aht.some((a) => a != null && Number.isFinite(a));
  const ahtW: (Float64Array | null)[] | null = hasAht ? new Array(nDays).fill(null) : null;
  const ahtC: (Float64Array | null)[] | null = hasAht ? new Array(nDays).fill(null) : null;
  for (let i = 0; i < n; i++) {
    const di = days[i] - lo;
    let row = calls[di];
    if (!row) {
      row = new Float64Array(spd).fill(NaN);
      calls[di] = row;
    }
    const sl = s.slots[i];
    row[sl] = Number.isNaN(row[sl]) ? s.calls[i] : row[sl] + s.calls[i];
    if (ahtW && ahtC) {
      const a = s.aht![i];
      if (a != null && Number.isFinite(a) && a >= 0) {
        if (!ahtW[di]) {
          ahtW[di] = new Float64Array(spd);
          ahtC[di] = new Float64Array(spd);
        }
        // weight by calls; a row with 0 calls still carries a tiny weight so AHT is defined
        const w = Math.max(s.calls[i], 1e-9);
        ahtW[di]![sl] += a * w;
        ahtC[di]![sl] += w;
      }
    }
  }
  let aht: (Float64Array | null)[] | null = null;
  if (ahtW && ahtC) {
    aht = ahtW.map((w, di) => {
      if (!w) return null;
      const c = ahtC[di]!;
      const out = new Float64Array(spd);
      for (let k = 0; k < spd; k++) out[k] = c[k] > 0 ? w[k] / c[k] : NaN;
      return out;
    });
  }
  return { intervalMinutes: im, slotsPerDay: spd, firstDay: lo, nDays, calls, aht };
}

/**
 * Cleaned history up to (excluding) an origin, as the methods see it. Index i is day
 * `firstDay + i`. `y[i]` is null for days without data and for days excluded from ordinary
 * profiles (holidays, make-up days, user days without factor); `wd[i]` is the weekday class
 * (0 = Sunday … 6) the day counts as, or −1 when excluded.
 */
export interface History {
  slotsPerDay: number;
  firstDay: number;
  y: (Float64Array | null)[];
  wd: Int8Array;
  /** Day of month per index. */
  dom: Uint8Array;
}

/** A day to forecast: absolute day number, the weekday class to forecast it as, day of month. */
export interface Target {
  day: number;
  wd: number;
  dom: number;
}

/** A forecasting method: the history in, one row of interval values per target day out. */
export type MethodFn = (h: History, targets: Target[]) => Float64Array[];

/** History restricted to days before `originDay` (never peeks further). */
export function truncate(h: History, originDay: number): History {
  const n = Math.max(0, Math.min(h.y.length, originDay - h.firstDay));
  return { slotsPerDay: h.slotsPerDay, firstDay: h.firstDay, y: h.y.slice(0, n), wd: h.wd.slice(0, n), dom: h.dom.slice(0, n) };
}

/** Target for a plain calendar day forecast as its own weekday. */
export function plainTarget(day: number): Target {
  return { day, wd: weekdayOf(day), dom: dayOfMonth(day) };
}

/** Indices of the last `k` days of weekday class `wd` that have data, most recent first. */
export function lastOfClass(h: History, wd: number, k: number): number[] {
  const out: number[] = [];
  for (let i = h.y.length - 1; i >= 0 && out.length < k; i--) {
    if (h.wd[i] === wd && h.y[i]) out.push(i);
  }
  return out;
}

/**
 * Open slots per weekday class: a slot is open for weekday w when it has a row on any of the last
 * `k` (default 4) ordinary days of class w. A class with no ordinary day is closed everywhere.
 */
export function openSlots(h: History, k = 4): boolean[][] {
  const out: boolean[][] = [];
  for (let w = 0; w < 7; w++) {
    const o = new Array<boolean>(h.slotsPerDay).fill(false);
    for (const i of lastOfClass(h, w, k)) {
      const r = h.y[i]!;
      for (let s = 0; s < r.length; s++) if (!Number.isNaN(r[s])) o[s] = true;
    }
    out.push(o);
  }
  return out;
}

/** Sum of the non-NaN entries of a row. */
export function rowSum(r: Float64Array): number {
  let t = 0;
  for (let s = 0; s < r.length; s++) if (!Number.isNaN(r[s])) t += r[s];
  return t;
}

/** A row of `n` NaN (no forecast). */
export function nanRow(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** Normalised intraday shape of one day (fractions summing to 1; NaN slots count as 0). */
export function shapeOf(r: Float64Array): Float64Array | null {
  const tot = rowSum(r);
  if (!(tot > 0)) return null;
  const out = new Float64Array(r.length);
  for (let s = 0; s < r.length; s++) out[s] = Number.isNaN(r[s]) ? 0 : r[s] / tot;
  return out;
}

/**
 * Weighted mean intraday shape of weekday class `wd` over its last `k` days, weights
 * (1 − decay)^age (decay 0 = plain mean). Null when the class has no day with calls.
 */
export function classShape(h: History, wd: number, k: number, decay: number): Float64Array | null {
  const out = new Float64Array(h.slotsPerDay);
  let wsum = 0;
  let w = 1;
  for (const i of lastOfClass(h, wd, k)) {
    const sh = shapeOf(h.y[i]!);
    if (sh) {
      for (let s = 0; s < out.length; s++) out[s] += w * sh[s];
      wsum += w;
    }
    w *= 1 - decay;
  }
  if (wsum === 0) return null;
  for (let s = 0; s < out.length; s++) out[s] /= wsum;
  return out;
}
