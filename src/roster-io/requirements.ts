/**
 * Roster requirements on the engine's grid: rows of (queue, roster minute, agents required), from a
 * requirements CSV or a staffed forecast, become per-queue arrays of `days` days at 15 or 30 minutes.
 * The rows' interval is given or the smallest gap between two intervals of one queue; an hourly row
 * fills two 30-minute slots. Intervals without a row require 0; rows outside the roster are ignored
 * (counted); a row off the grid or a second row for one interval is rejected. Pure.
 */
import { UsageError, type Rejection } from '../errors.js';
import type { Requirements } from '../solver/index.js';
import { MINUTES_PER_DAY, startWeekday, type RosterCalendar } from './time.js';

export interface RequirementsRead {
  requirements: Requirements;
  rejections: Rejection[];
  /** Rows outside the roster's days (ignored). */
  outside: number;
  /** Rows whose required value was fractional and rounded up. */
  roundedUp: number;
  /** Interval length of the file, minutes. */
  fileInterval: number;
}

/** Requirement rows (roster minute of the interval start) on the 15/30-minute grid (see the file comment). */
export function gridRequirements(
  rows: { line: number; queue: string; minute: number; required: number }[],
  cal: RosterCalendar,
  days: number,
  intervalOpt: number | undefined,
  file: string,
  timeField: string | undefined,
  rejections: Rejection[] = [],
  roundedUp = 0,
): RequirementsRead {
  const col = { time: timeField };
  let fileInterval = intervalOpt;
  if (fileInterval === undefined) {
    const byQueue = new Map<string, number[]>();
    for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r.minute]);
    let best = Infinity;
    for (const list of byQueue.values()) {
      const s = [...new Set(list)].sort((a, b) => a - b);
      for (let i = 1; i < s.length; i++) best = Math.min(best, s[i] - s[i - 1]);
    }
    if (!Number.isFinite(best)) throw new UsageError({ key: 'roster.err.needInterval' }).with(rejections);
    fileInterval = best;
  }
  if (fileInterval % 15 !== 0 || MINUTES_PER_DAY % fileInterval !== 0) throw new UsageError({ key: 'roster.err.badInterval', params: { minutes: fileInterval } });
  const grid = fileInterval % 30 === 0 ? 30 : 15;
  const T = (days * MINUTES_PER_DAY) / grid;
  const queues: { queue: string; required: number[] }[] = [];
  const seen = new Map<string, Map<number, number>>();
  let outside = 0;
  for (const r of rows) {
    if (r.minute % grid !== 0) {
      rejections.push({ file, line: r.line, field: col.time, reason: { key: 'roster.req.offGrid', params: { minutes: fileInterval } } });
      continue;
    }
    if (r.minute < 0 || r.minute >= days * MINUTES_PER_DAY) {
      outside++;
      continue;
    }
    let q = queues.find((x) => x.queue === r.queue);
    if (!q) {
      q = { queue: r.queue, required: new Array(T).fill(0) };
      queues.push(q);
      seen.set(r.queue, new Map());
    }
    const lines = seen.get(r.queue)!;
    if (lines.has(r.minute)) {
      rejections.push({ file, line: r.line, field: col.time, reason: { key: 'roster.req.duplicate', params: { line: lines.get(r.minute)! } } });
      continue;
    }
    lines.set(r.minute, r.line);
    for (let m = r.minute; m < Math.min(days * MINUTES_PER_DAY, r.minute + fileInterval); m += grid) q.required[m / grid] = r.required;
  }
  rejections.sort((a, b) => a.line - b.line);
  return { requirements: { intervalMinutes: grid, days, startWeekday: startWeekday(cal), queues }, rejections, outside, roundedUp, fileInterval };
}
