/**
 * ACD interval reports (`wfm import volumes`): a CSV with a header row, one row per queue and
 * interval. Pure, one line at a time. Default columns (case-insensitive, first alias found):
 *   interval_start (interval, start, timestamp, period), queue (skill, split, group), offered (calls,
 *   calls_offered), answered (handled, calls_answered), abandoned (calls_abandoned), answered_within
 *   (answered_in_sl, sl_calls, within_sl), aht (aht_seconds, handle_time), asa (asa_seconds)
 * or `--map FILE` (`field = column`) naming the columns. Only interval_start and offered are required;
 * a missing queue column means one queue, "default". Times: local in the site zone, or ISO 8601 with
 * an offset. The interval length is taken from the gap between a queue's rows by the report.
 * Plausible values (src/cdr/limits.ts): counts 0..MAX_INTERVAL_CALLS, aht and asa 0..MAX_CALL_SECONDS,
 * interval_start from 1990 to a day after now, a queue name without control characters.
 */
import { parseLocalTime } from '../time.js';
import { badName, MAX_CALL_SECONDS, MAX_INTERVAL_CALLS, outOfRange } from './limits.js';
import type { LineRejection, VolumeRecord } from './types.js';

export const VOLUME_COLUMNS: Record<string, readonly string[]> = {
  interval_start: ['interval_start', 'intervalstart', 'interval', 'start', 'timestamp', 'period', 'time'],
  queue: ['queue', 'skill', 'split', 'group'],
  offered: ['offered', 'calls', 'calls_offered', 'volume'],
  answered: ['answered', 'handled', 'calls_answered'],
  abandoned: ['abandoned', 'calls_abandoned', 'abandons'],
  answered_within: ['answered_within', 'answered_in_sl', 'sl_calls', 'within_sl'],
  aht: ['aht', 'aht_seconds', 'ahtseconds', 'handle_time'],
  asa: ['asa', 'asa_seconds', 'asaseconds'],
};

export interface VolumeReaderOptions {
  map?: Record<string, string>;
  zone: string;
  nowMs: number;
}

const COUNT = /^\d+$/;
const SECONDS = /^\d+(\.\d+)?$/;

export class VolumeCsvReader {
  private index: Record<string, number> | undefined;
  private header: string[] | undefined;
  constructor(private readonly opts: VolumeReaderOptions) {}

  /** The column at a 0-based index, for messages. */
  columnName(index: number): string | undefined {
    const field = this.index && Object.keys(this.index).find((k) => this.index![k] === index);
    return field ?? this.header?.[index];
  }

  /** The header row sets the columns; each later row gives a VolumeRecord or a rejection. */
  line(text: string, f: string[], _line: number): VolumeRecord | undefined | LineRejection {
    if (text.includes('\uFFFD')) return { reason: { key: 'import.reject.encoding' } };
    if (!this.index) {
      const header = f.map((h) => h.trim().toLowerCase());
      this.header = header;
      const index: Record<string, number> = {};
      for (const [field, aliases] of Object.entries(VOLUME_COLUMNS)) {
        const wanted = this.opts.map?.[field] ? [this.opts.map[field]] : aliases;
        const i = header.findIndex((h) => wanted.includes(h));
        if (i >= 0) index[field] = i;
      }
      const missing = ['interval_start', 'offered'].filter((k) => index[k] === undefined);
      if (missing.length) return { reason: { key: 'input.missingColumn', params: { columns: missing.join(', ') } } };
      this.index = index;
      return undefined;
    }
    const idx = this.index;
    const get = (k: string) => (idx[k] === undefined ? undefined : (f[idx[k]] ?? '').trim());
    const startText = get('interval_start') ?? '';
    const p = parseLocalTime(startText, this.opts.zone);
    if (!p.ok) {
      return p.reason === 'nonexistent'
        ? { field: 'interval_start', reason: { key: 'input.timeNonexistent', params: { value: startText, zone: this.opts.zone } } }
        : { field: 'interval_start', reason: { key: 'import.reject.badTime', params: { value: startText.slice(0, 40) } } };
    }
    const startMs = p.time.toMillis();
    // from 1990 (older than any ACD export still read) to a day after now (a clock or zone off by hours)
    if (startMs > this.opts.nowMs + 86_400_000 || startMs < Date.UTC(1990, 0, 1)) {
      return { field: 'interval_start', reason: { key: 'import.reject.timeRange', params: { value: startText } } };
    }
    const queue = idx.queue === undefined ? 'default' : (get('queue') ?? '');
    if (!queue) return { field: 'queue', reason: { key: 'input.emptyQueue' } };
    const badQueue = badName(queue, 'queue');
    if (badQueue) return badQueue;
    const counts: Record<string, number | null> = {};
    for (const k of ['offered', 'answered', 'abandoned', 'answered_within']) {
      const v = get(k);
      if (v === undefined || (v === '' && k !== 'offered')) counts[k] = null;
      else if (!COUNT.test(v)) return { field: k, reason: { key: 'input.badCount', params: { value: v.slice(0, 40) } } };
      else if (!(Number(v) <= MAX_INTERVAL_CALLS)) return outOfRange(v, k, 0, MAX_INTERVAL_CALLS);
      else counts[k] = Number(v);
    }
    const secs: Record<string, number | null> = {};
    for (const k of ['aht', 'asa']) {
      const v = get(k);
      if (v === undefined || v === '') secs[k] = null;
      else if (!SECONDS.test(v)) return { field: k, reason: { key: 'import.reject.notNumber', params: { value: v.slice(0, 40), field: k } } };
      else if (!(Number(v) <= MAX_CALL_SECONDS)) return outOfRange(v, k, 0, MAX_CALL_SECONDS);
      else secs[k] = Number(v);
    }
    const offered = counts.offered!;
    if ((counts.answered ?? 0) + (counts.abandoned ?? 0) > offered) {
      return { field: 'offered', reason: { key: 'import.reject.countsExceed', params: { offered } } };
    }
    if (counts.answered_within !== null && counts.answered !== null && counts.answered_within > counts.answered) {
      return { field: 'answered_within', reason: { key: 'import.reject.withinExceeds', params: { answered: counts.answered } } };
    }
    return {
      queue,
      intervalStartMs: startMs,
      intervalMinutes: null,
      offered,
      answered: counts.answered,
      abandoned: counts.abandoned,
      answeredWithin: counts.answered_within,
      ahtS: secs.aht,
      asaS: secs.asa,
    };
  }
}
