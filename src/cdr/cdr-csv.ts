/**
 * Call detail records from CSV exports, one line at a time. Pure.
 *
 * - Asterisk cdr_csv `Master.csv` (no header), fields in the order cdr_csv writes them (Asterisk CDR
 *   docs, "CDR Variables" / cdr_csv): accountcode, src, dst, dcontext, clid, channel, dstchannel,
 *   lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags
 *   [, uniqueid (loguniqueid=yes)] [, userfield (loguserfield=yes)]. Only rows whose last application
 *   was `Queue` are queue calls; the queue is the first argument of lastdata (`Queue(sales,t)` ->
 *   sales), unless --queue names one queue for every row.
 * - FreeSWITCH mod_cdr_csv default template (mod_cdr_csv.c `default_template`; the shipped
 *   cdr_csv.conf.xml "example" template adds read_codec, write_codec): caller_id_name,
 *   caller_id_number, destination_number, context, start_stamp, answer_stamp, end_stamp, duration,
 *   billsec, hangup_cause, uuid, bleg_uuid, accountcode. Queue = destination_number (or --queue).
 * - Any other CSV with a header row and a column map (`--map FILE`, lines `field = column`), fields:
 *   queue, call_id, entered, outcome, wait, talk, wrap, agent, answered.
 *
 * Derived figures for Asterisk and FreeSWITCH rows: answered = disposition ANSWERED / an answer
 * stamp; wait = answer - start (seconds; includes any IVR time before the queue, the CDR cannot tell),
 * or the whole duration when not answered (outcome abandoned); talk = billsec. Times are local in
 * the site zone (for Asterisk `usegmtime=yes`, import with --tz UTC).
 *
 * Plausible values (src/cdr/limits.ts): times from 1990 to a day after now; duration, billsec, wait,
 * talk and wrap 0..MAX_CALL_SECONDS; the call's end (entry + wait + talk) no later than a day after
 * now; queue, call id and agent without control characters. A value outside rejects the line.
 */
import type { Message } from '../errors.js';
import { parseLocalTime } from '../time.js';
import { badName, callSeconds, endsTooLate, MAX_CALL_SECONDS, outOfRange } from './limits.js';
import type { CallRecord, LineRejection, Outcome } from './types.js';

export type CdrFormat = 'asterisk' | 'freeswitch' | 'csv';

export interface CdrReaderOptions {
  format: CdrFormat;
  /** Column map for `csv` (field -> column header). */
  map?: Record<string, string>;
  zone: string;
  nowMs: number;
  /** One queue for every row. */
  queue?: string;
}

export const CDR_MAP_FIELDS = ['queue', 'call_id', 'entered', 'outcome', 'wait', 'talk', 'wrap', 'agent', 'answered'] as const;

/**
 * A column map file: one `field = column` per line, `#` comments, blank lines ignored.
 * Returns the map, or the first bad line.
 */
export function parseColumnMap(text: string): { map: Record<string, string> } | { line: number; reason: Message } {
  const map: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/^\uFEFF/, '');
    const s = raw.replace(/#.*$/, '').trim();
    if (!s) continue;
    const m = /^([A-Za-z_]+)\s*[=:,]\s*(.+)$/.exec(s);
    if (!m) return { line: i + 1, reason: { key: 'import.map.badLine', params: { value: s.slice(0, 60) } } };
    map[m[1].toLowerCase()] = m[2].trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return { map };
}

/** Call times: from 1990 (older than any PBX export still read) to a day after now (a clock or zone off by hours). */
const MIN_MS = Date.UTC(1990, 0, 1);
const DAY_MS = 86_400_000;

/** Asterisk cdr_csv columns in the order cdr_csv writes them (for messages). */
const ASTERISK_COLUMNS = ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield'];
/** FreeSWITCH mod_cdr_csv default template columns (+ the example template's codecs). */
const FREESWITCH_COLUMNS = ['caller_id_name', 'caller_id_number', 'destination_number', 'context', 'start_stamp', 'answer_stamp', 'end_stamp', 'duration', 'billsec', 'hangup_cause', 'uuid', 'bleg_uuid', 'accountcode', 'read_codec', 'write_codec'];

function time(text: string, zone: string, nowMs: number): number | LineRejection {
  const p = parseLocalTime(text, zone);
  if (!p.ok) {
    return p.reason === 'nonexistent'
      ? { reason: { key: 'input.timeNonexistent', params: { value: text, zone } } }
      : { reason: { key: 'import.reject.badTime', params: { value: text.slice(0, 40) } } };
  }
  const ms = p.time.toMillis();
  if (ms < MIN_MS || ms > nowMs + DAY_MS) return { reason: { key: 'import.reject.timeRange', params: { value: text.slice(0, 40) } } };
  return ms;
}

/** Seconds of a call (duration, billsec, wait, talk, wrap-up): a number in 0..MAX_CALL_SECONDS. */
function secs(text: string | undefined, field: string): number | LineRejection {
  return callSeconds((text ?? '').trim(), field);
}

/** The first name among `names` ([value, field]) holding a control character, as a rejection. */
function badNames(names: [string | null | undefined, string][]): LineRejection | undefined {
  for (const [value, field] of names) {
    const bad = badName(value, field);
    if (bad) return bad;
  }
  return undefined;
}

const isRej = (v: unknown): v is LineRejection => typeof v === 'object' && v !== null;

function withField(r: LineRejection, field: string): LineRejection {
  return { field: r.field ?? field, reason: r.reason };
}

const OUTCOME_WORDS: Record<string, Outcome> = {
  answered: 'answered',
  agent: 'answered',
  handled: 'answered',
  connected: 'answered',
  complete: 'answered',
  abandoned: 'abandoned',
  abandon: 'abandoned',
  hang: 'abandoned',
  'no answer': 'abandoned',
  timeout: 'timeout',
  key: 'key',
  empty: 'empty',
};

/** Reads CDR lines of one file (stateful only for the header row of mapped CSV). */
export class CdrCsvReader {
  private header: string[] | undefined;
  constructor(private readonly opts: CdrReaderOptions) {}

  /** The column at a 0-based index, for messages. */
  columnName(index: number): string | undefined {
    switch (this.opts.format) {
      case 'asterisk':
        return ASTERISK_COLUMNS[index];
      case 'freeswitch':
        return FREESWITCH_COLUMNS[index];
      default:
        return this.header?.[index];
    }
  }

  /** One line (already split): a call, undefined (header or a non-queue row), or a rejection. */
  line(text: string, f: string[], _line: number): CallRecord | undefined | LineRejection {
    if (text.includes('\uFFFD')) return { reason: { key: 'import.reject.encoding' } };
    switch (this.opts.format) {
      case 'asterisk':
        return this.asterisk(f);
      case 'freeswitch':
        return this.freeswitch(f);
      default:
        return this.mapped(f);
    }
  }

  private asterisk(f: string[]): CallRecord | undefined | LineRejection {
    if (f[0]?.toLowerCase() === 'accountcode' || f[9]?.toLowerCase() === 'start') return undefined;
    if (f.length < 16) return { reason: { key: 'import.reject.fewFields', params: { count: f.length, expected: 16 } } };
    const [, , , , , channel, dstchannel, lastapp, lastdata, start, answer, , duration, billsec, disposition] = f;
    let queue = this.opts.queue;
    if (!queue) {
      if (lastapp.toLowerCase() !== 'queue') return undefined;
      queue = lastdata.split(/[,|]/)[0].trim();
      if (!queue) return { field: 'lastdata', reason: { key: 'import.reject.missing', params: { field: 'lastdata' } } };
    }
    const startMs = time(start, this.opts.zone, this.opts.nowMs);
    if (isRej(startMs)) return withField(startMs, 'start');
    const dur = secs(duration, 'duration');
    if (isRej(dur)) return dur;
    const bill = secs(billsec, 'billsec');
    if (isRej(bill)) return bill;
    const answered = disposition.trim().toUpperCase() === 'ANSWERED';
    let waitS = dur;
    if (answered) {
      const answerMs = answer.trim() ? time(answer, this.opts.zone, this.opts.nowMs) : startMs;
      if (isRej(answerMs)) return withField(answerMs, 'answer');
      waitS = Math.max(0, (answerMs - startMs) / 1000);
      if (waitS > MAX_CALL_SECONDS) return outOfRange(String(waitS), 'answer', 0, MAX_CALL_SECONDS);
    }
    const uniqueid = f[16]?.trim();
    const callId = uniqueid || `${channel}@${start}`;
    const agent = answered && dstchannel.trim() ? dstchannel.trim().replace(/-[0-9a-f]+(;\d+)?$/i, '') : null;
    const bad = badNames([[queue, 'lastdata'], [callId, uniqueid ? 'uniqueid' : 'channel'], [agent, 'dstchannel']]) ?? endsTooLate(startMs, waitS, answered ? bill : null, this.opts.nowMs, 'duration');
    if (bad) return bad;
    return {
      queue,
      callId,
      enteredMs: startMs,
      outcome: answered ? 'answered' : 'abandoned',
      waitS,
      agent,
      talkS: answered ? bill : null,
      wrapS: null,
      ringNoAnswers: 0,
      transfer: null,
      source: 'asterisk-cdr',
    };
  }

  private freeswitch(f: string[]): CallRecord | undefined | LineRejection {
    if (f[0]?.toLowerCase() === 'caller_id_name') return undefined;
    if (f.length < 13) return { reason: { key: 'import.reject.fewFields', params: { count: f.length, expected: 13 } } };
    const [, , destination, , startStamp, answerStamp, , duration, billsec, , uuid] = f;
    const queue = this.opts.queue ?? destination.trim();
    if (!queue) return { field: 'destination_number', reason: { key: 'import.reject.missing', params: { field: 'destination_number' } } };
    if (!uuid.trim()) return { field: 'uuid', reason: { key: 'import.reject.missing', params: { field: 'uuid' } } };
    const startMs = time(startStamp, this.opts.zone, this.opts.nowMs);
    if (isRej(startMs)) return withField(startMs, 'start_stamp');
    const dur = secs(duration, 'duration');
    if (isRej(dur)) return dur;
    const bill = secs(billsec, 'billsec');
    if (isRej(bill)) return bill;
    const answered = answerStamp.trim() !== '';
    let waitS = dur;
    if (answered) {
      const answerMs = time(answerStamp, this.opts.zone, this.opts.nowMs);
      if (isRej(answerMs)) return withField(answerMs, 'answer_stamp');
      waitS = Math.max(0, (answerMs - startMs) / 1000);
      if (waitS > MAX_CALL_SECONDS) return outOfRange(String(waitS), 'answer_stamp', 0, MAX_CALL_SECONDS);
    }
    const bad =
      badNames([[queue, this.opts.queue ? 'queue' : 'destination_number'], [uuid.trim(), 'uuid']]) ??
      endsTooLate(startMs, waitS, answered ? bill : null, this.opts.nowMs, 'duration');
    if (bad) return bad;
    return {
      queue,
      callId: uuid.trim(),
      enteredMs: startMs,
      outcome: answered ? 'answered' : 'abandoned',
      waitS,
      agent: null,
      talkS: answered ? bill : null,
      wrapS: null,
      ringNoAnswers: 0,
      transfer: null,
      source: 'freeswitch-cdr',
    };
  }

  private mapped(f: string[]): CallRecord | undefined | LineRejection {
    const map = this.opts.map ?? {};
    if (!this.header) {
      this.header = f.map((h) => h.trim().toLowerCase());
      const need = ['call_id', 'entered', 'wait'].filter((k) => !map[k] || !this.header!.includes(map[k]));
      if (!this.opts.queue && (!map.queue || !this.header.includes(map.queue))) need.unshift('queue');
      if (need.length) return { reason: { key: 'input.missingColumn', params: { columns: need.map((k) => map[k] ?? k).join(', ') } } };
      return undefined;
    }
    const get = (k: string): string | undefined => {
      const c = map[k];
      if (!c) return undefined;
      const i = this.header!.indexOf(c);
      return i >= 0 ? (f[i] ?? '').trim() : undefined;
    };
    const queue = this.opts.queue ?? get('queue') ?? '';
    if (!queue) return { field: map.queue, reason: { key: 'input.emptyQueue' } };
    const callId = get('call_id') ?? '';
    if (!callId) return { field: map.call_id, reason: { key: 'import.reject.missing', params: { field: map.call_id } } };
    const entered = time(get('entered') ?? '', this.opts.zone, this.opts.nowMs);
    if (isRej(entered)) return withField(entered, map.entered);
    const wait = secs(get('wait'), map.wait);
    if (isRej(wait)) return wait;
    const talkText = get('talk');
    const talk = talkText === undefined || talkText === '' ? null : secs(talkText, map.talk);
    if (isRej(talk)) return talk;
    const wrapText = get('wrap');
    const wrap = wrapText === undefined || wrapText === '' ? null : secs(wrapText, map.wrap);
    if (isRej(wrap)) return wrap;
    let outcome: Outcome;
    const o = get('outcome');
    if (o !== undefined && o !== '') {
      const w = OUTCOME_WORDS[o.toLowerCase()];
      if (!w) return { field: map.outcome, reason: { key: 'import.reject.badOutcome', params: { value: o.slice(0, 40) } } };
      outcome = w;
    } else {
      const a = get('answered');
      outcome = a !== undefined ? (/^(1|y|yes|true)$/i.test(a) ? 'answered' : 'abandoned') : talk !== null && talk > 0 ? 'answered' : 'abandoned';
    }
    const agent = get('agent');
    const bad =
      badNames([[queue, this.opts.queue ? 'queue' : map.queue], [callId, map.call_id], [agent, map.agent]]) ??
      endsTooLate(entered, wait, outcome === 'answered' ? (talk ?? 0) : null, this.opts.nowMs, map.wait);
    if (bad) return bad;
    return {
      queue,
      callId,
      enteredMs: entered,
      outcome,
      waitS: wait,
      agent: outcome === 'answered' && agent ? agent : null,
      talkS: outcome === 'answered' ? (talk ?? 0) : null,
      wrapS: outcome === 'answered' ? wrap : null,
      ringNoAnswers: 0,
      transfer: null,
      source: 'csv',
    };
  }
}
