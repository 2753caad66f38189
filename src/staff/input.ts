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

export interface DemandParse {
  rows: (DemandRow & { instant: number })[];
  rejections: Rejection[];
}

export function readDemand(file: string, header: readonly string[], records: readonly CsvRecord[], zone: string): DemandParse {
  const col = {
    intervalStart: pickColumn(header, STAFF_COLUMNS.intervalStart),
    queue: pickColumn(header, STAFF_COLUMNS.queue),
    calls: pickColumn(header, STAFF_COLUMNS.calls),
    aht: pickColumn(header, STAFF_COLUMNS.aht),
  };
  const rows: DemandParse['rows'] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const rec of records) {
    const reject = (field: string, key: string, params: Record<string, string | number> = {}) =>
      rejections.push({ file, line: rec.line, field, reason: { key, params } });
    const startText = rec.fields[col.intervalStart!] ?? '';
    const parsed = parseLocalTime(startText, zone);
    if (!parsed.ok) {
      reject('interval_start', parsed.reason === 'nonexistent' ? 'input.timeNonexistent' : 'input.badTime', { value: startText, zone });
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
    } else if (calls > 0) {
      reject('aht', 'input.missingAht', {});
      continue;
    }
    const queue = col.queue ? (rec.fields[col.queue] ?? '').trim() : 'default';
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
    rows.push({ queue, intervalStart: isoWithOffset(time), date: time.toISODate()!, calls, ahtSeconds: aht, instant: time.toMillis() });
  }
  return { rows, rejections };
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
