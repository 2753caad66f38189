/**
 * Interval CSVs: one row per queue and interval start, with calls (and AHT) or a number of agents
 * required. The one reader behind `wfm staff --input` (demand), `wfm forecast --input` (history),
 * `wfm simulate --input`, the reports' `--forecast-file` (what `wfm forecast --format csv` prints) and
 * `wfm roster --requirements` (what `wfm staff --format csv` prints, or interval_start,queue,required).
 * Pure: CSV records in (src/formats/csv.ts), rows and rejections out.
 *
 * Columns (names compared without case, `_`, `-` or spaces): interval_start (also start, timestamp,
 * interval), queue (also skill, split; optional: one queue), calls (also offered, volume, forecast),
 * aht (also aht_seconds, handle_time; seconds), required (also scheduled_agents, scheduled, agents: in
 * that order of preference, so the CSV of `wfm staff` is read for its scheduled agents).
 * Starts are local times in the site's zone, or ISO 8601 with an offset (see parseLocalTime); a local
 * time skipped by a DST change is rejected. A second row for the same queue and instant is rejected
 * as a duplicate of the first.
 */
import type { DateTime } from 'luxon';
import { InputError, type Message, type Rejection } from '../errors.js';
import { parseLocalTime } from '../time.js';
import { findColumn, type CsvRecord } from './csv.js';

/** Column aliases (as column keys: lower-case, no `_`/`-`/spaces). */
export const INTERVAL_COLUMNS = {
  intervalStart: ['intervalstart', 'start', 'timestamp', 'interval'],
  queue: ['queue', 'skill', 'split'],
  calls: ['calls', 'offered', 'volume', 'forecast'],
  aht: ['aht', 'ahtseconds', 'ahts', 'handletime'],
  // scheduled agents (after shrinkage) before agents on the phones: `wfm staff --format csv` has both
  required: ['required', 'scheduledagents', 'scheduled', 'agents'],
} as const;

/** One valid row. */
export interface IntervalRow {
  line: number;
  queue: string;
  time: DateTime;
  /** Calls offered (null when the file is read for `required`). */
  calls: number | null;
  /** Seconds, or null when the row has none. */
  aht: number | null;
  /** Agents required (null unless read). */
  required: number | null;
}

export interface IntervalSpec {
  /** Queue name for the rows of a file without a queue column. */
  defaultQueue: string;
  /** Which value the file must have: calls (demand, history, forecasts) or required agents (requirements). */
  value: 'calls' | 'required';
  /** With calls: a row with calls but no AHT is rejected (staffing needs both). */
  ahtRequired?: boolean;
  /** Reject starts with seconds (a history grid is whole minutes). */
  wholeMinutes?: boolean;
}

export interface IntervalTable {
  rows: IntervalRow[];
  rejections: Rejection[];
  /** The column each field was read from (for messages). */
  columns: { intervalStart: string; queue?: string; calls?: string; aht?: string; required?: string };
}

/**
 * The rows of an interval CSV (see the file comment). Missing required columns are an InputError at
 * line 1; each bad row becomes a rejection naming the line and field.
 */
export function readIntervals(file: string, header: readonly string[], records: readonly CsvRecord[], zone: string, spec: IntervalSpec): IntervalTable {
  const col = {
    intervalStart: findColumn(header, INTERVAL_COLUMNS.intervalStart),
    queue: findColumn(header, INTERVAL_COLUMNS.queue),
    calls: spec.value === 'calls' ? findColumn(header, INTERVAL_COLUMNS.calls) : undefined,
    aht: spec.value === 'calls' ? findColumn(header, INTERVAL_COLUMNS.aht) : undefined,
    required: spec.value === 'required' ? findColumn(header, INTERVAL_COLUMNS.required) : undefined,
  };
  const missing: string[] = [];
  if (!col.intervalStart) missing.push('interval_start');
  if (spec.value === 'calls' && !col.calls) missing.push('calls');
  if (spec.value === 'required' && !col.required) missing.push('required');
  if (missing.length) throw new InputError({ file, line: 1, field: missing[0] }, { key: 'input.missingColumn', params: { columns: missing.join(', ') } });
  const rows: IntervalRow[] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const rec of records) {
    const reject = (field: string, key: Message['key'], params: Message['params'] = {}, text?: string) =>
      rejections.push({ file, line: rec.line, field, reason: { key, params }, ...(text !== undefined ? { text } : {}) });
    const startText = rec.fields[col.intervalStart!] ?? '';
    const parsed = parseLocalTime(startText, zone);
    if (!parsed.ok || (spec.wholeMinutes && (parsed.time.second !== 0 || parsed.time.millisecond !== 0))) {
      reject('interval_start', !parsed.ok && parsed.reason === 'nonexistent' ? 'input.timeNonexistent' : 'input.badTime', { value: startText, zone }, startText);
      continue;
    }
    let calls: number | null = null;
    let aht: number | null = null;
    let required: number | null = null;
    if (spec.value === 'calls') {
      const callsText = (rec.fields[col.calls!] ?? '').trim();
      calls = Number(callsText);
      if (callsText === '' || !Number.isFinite(calls) || calls < 0) {
        reject('calls', 'input.badCount', { value: callsText }, callsText);
        continue;
      }
      const ahtText = col.aht ? (rec.fields[col.aht] ?? '').trim() : '';
      if (ahtText !== '') {
        aht = Number(ahtText);
        if (!Number.isFinite(aht) || aht <= 0) {
          reject('aht', 'input.badAht', { value: ahtText }, ahtText);
          continue;
        }
      } else if (spec.ahtRequired && calls > 0) {
        reject('aht', 'input.missingAht');
        continue;
      }
    } else {
      const text = (rec.fields[col.required!] ?? '').trim();
      required = Number(text);
      if (text === '' || !Number.isFinite(required) || required < 0) {
        reject(col.required!, 'roster.req.badRequired', { value: text }, text);
        continue;
      }
    }
    const queue = col.queue ? (rec.fields[col.queue] ?? '').trim() : spec.defaultQueue;
    if (queue === '') {
      reject('queue', 'input.emptyQueue');
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
    rows.push({ line: rec.line, queue, time, calls, aht, required });
  }
  return { rows, rejections, columns: col as IntervalTable['columns'] };
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
