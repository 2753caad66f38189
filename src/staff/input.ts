/**
 * Demand rows for `wfm staff` from CSV records (columns interval_start, queue, calls, aht; queue may
 * be omitted for a single queue). Pure: records in, rows and rejections out.
 */
import type { Rejection } from '../errors.js';
import { isoWithOffset, parseLocalTime } from '../time.js';
import type { DemandRow } from './plan.js';
import type { DateTime } from 'luxon';

export interface CsvRecord {
  /** 1-based line number in the file. */
  line: number;
  fields: Record<string, string>;
}

/** Column aliases, lower-case, accepted for each field. */
export const STAFF_COLUMNS = {
  intervalStart: ['interval_start', 'intervalstart', 'start', 'timestamp', 'interval'],
  queue: ['queue', 'skill', 'split'],
  calls: ['calls', 'offered', 'volume'],
  aht: ['aht', 'aht_seconds', 'ahtseconds', 'handle_time'],
} as const;

export function pickColumn(header: readonly string[], aliases: readonly string[]): string | undefined {
  return header.find((h) => aliases.includes(h.trim().toLowerCase()));
}

/** One valid row of an interval CSV (demand or history): queue, local start, calls, AHT. */
export interface IntervalRecord {
  queue: string;
  time: DateTime;
  calls: number;
  /** Seconds, or null when the row has none. */
  aht: number | null;
  line: number;
}

export interface IntervalReadOptions {
  /** Queue name for rows of a file without a queue column. */
  defaultQueue: string;
  /** Reject a row with calls but no AHT (staffing needs both; a history may lack AHT). */
  ahtRequired: boolean;
  /** Reject starts with seconds (a history grid is whole minutes). */
  wholeMinutes?: boolean;
}

/**
 * The rows of an interval CSV (columns interval_start, queue, calls, aht; queue optional): each bad
 * row becomes a rejection naming the line and field; a second row for the same queue and instant is
 * rejected as a duplicate of the first. Starts are local times in `zone` (see parseLocalTime).
 */
export function readIntervalRecords(
  file: string,
  header: readonly string[],
  records: readonly CsvRecord[],
  zone: string,
  opts: IntervalReadOptions,
): { rows: IntervalRecord[]; rejections: Rejection[] } {
  const col = {
    intervalStart: pickColumn(header, STAFF_COLUMNS.intervalStart),
    queue: pickColumn(header, STAFF_COLUMNS.queue),
    calls: pickColumn(header, STAFF_COLUMNS.calls),
    aht: pickColumn(header, STAFF_COLUMNS.aht),
  };
  const rows: IntervalRecord[] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const rec of records) {
    const reject = (field: string, key: string, params: Record<string, string | number> = {}) =>
      rejections.push({ file, line: rec.line, field, reason: { key, params } });
    const startText = rec.fields[col.intervalStart!] ?? '';
    const parsed = parseLocalTime(startText, zone);
    if (!parsed.ok || (opts.wholeMinutes && (parsed.time.second !== 0 || parsed.time.millisecond !== 0))) {
      reject('interval_start', !parsed.ok && parsed.reason === 'nonexistent' ? 'input.timeNonexistent' : 'input.badTime', { value: startText, zone });
      continue;
    }
    const callsText = (rec.fields[col.calls!] ?? '').trim();
    const calls = Number(callsText);
    if (callsText === '' || !Number.isFinite(calls) || calls < 0) {
      reject('calls', 'input.badCount', { value: callsText });
      continue;
    }
    const ahtText = col.aht ? (rec.fields[col.aht] ?? '').trim() : '';
    let aht: number | null = null;
    if (ahtText !== '') {
      aht = Number(ahtText);
      if (!Number.isFinite(aht) || aht <= 0) {
        reject('aht', 'input.badAht', { value: ahtText });
        continue;
      }
    } else if (opts.ahtRequired && calls > 0) {
      reject('aht', 'input.missingAht', {});
      continue;
    }
    const queue = col.queue ? (rec.fields[col.queue] ?? '').trim() : opts.defaultQueue;
    if (queue === '') {
      reject('queue', 'input.emptyQueue', {});
      continue;
    }
    const time: DateTime = parsed.time;
    const key = `${queue}\u0000${time.toMillis()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      reject('interval_start', 'input.duplicateInterval', { first, queue, value: startText });
      continue;
    }
    seen.set(key, rec.line);
    rows.push({ queue, time, calls, aht, line: rec.line });
  }
  return { rows, rejections };
}

export interface DemandParse {
  rows: (DemandRow & { instant: number })[];
  rejections: Rejection[];
}

/** Demand rows for `wfm staff`: AHT required where there are calls. */
export function readDemand(file: string, header: readonly string[], records: readonly CsvRecord[], zone: string): DemandParse {
  const { rows, rejections } = readIntervalRecords(file, header, records, zone, { defaultQueue: 'default', ahtRequired: true });
  return {
    rows: rows.map((r) => ({
      queue: r.queue,
      intervalStart: isoWithOffset(r.time),
      date: r.time.toISODate()!,
      calls: r.calls,
      ahtSeconds: r.aht,
      instant: r.time.toMillis(),
    })),
    rejections,
  };
}

/** Required columns missing from a header, by their canonical names. */
export function missingColumns(header: readonly string[]): string[] {
  const missing: string[] = [];
  if (!pickColumn(header, STAFF_COLUMNS.intervalStart)) missing.push('interval_start');
  if (!pickColumn(header, STAFF_COLUMNS.calls)) missing.push('calls');
  return missing;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The interval length in minutes: the greatest common divisor of the gaps between consecutive
 * interval starts of each queue (so closed hours and missing intervals do not matter). Undefined
 * when no queue has two intervals.
 */
export function inferIntervalMinutes(rows: readonly { queue: string; instant: number }[]): number | undefined {
  const byQueue = new Map<string, number[]>();
  for (const r of rows) {
    const list = byQueue.get(r.queue) ?? [];
    list.push(r.instant);
    byQueue.set(r.queue, list);
  }
  let g = 0;
  for (const list of byQueue.values()) {
    list.sort((a, b) => a - b);
    for (let i = 1; i < list.length; i++) {
      const minutes = Math.round((list[i] - list[i - 1]) / 60000);
      if (minutes > 0) g = gcd(g, minutes);
    }
  }
  return g > 0 ? g : undefined;
}
