/**
 * Text formats a real Asterisk writes, for the simulator's output.
 *
 * queue_log (Asterisk 11+ file layout; docs.asterisk.org "Queue Logs"):
 *   `epoch|callid|queuename|agent|event|data1|data2|...`
 * one line per event, fields separated by `|`, data fields as app_queue.c formats them (see
 * engine.ts for each event's fields). An event with one empty data field ends in `|`
 * (`...|ADDMEMBER|`), as Asterisk writes it.
 *
 * Master.csv (cdr_csv, apps cdr/cdr_csv.c build_csv_record): columns
 *   accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
 *   start, answer, end, duration, billsec, disposition, amaflags[, uniqueid][, userfield]
 * strings in double quotes (a quote doubled), the two integers bare, dates `YYYY-MM-DD HH:MM:SS` in
 * local time (`usegmtime=yes`: UTC), an empty date as an empty unquoted field; uniqueid with
 * `loguniqueid=yes`, userfield with `loguserfield=yes`.
 */
import type { CallRecord, QueueLogEvent } from './types.js';

/** One queue_log line (no line terminator). */
export function formatQueueLogLine(e: QueueLogEvent): string {
  return `${e.time}|${e.callId}|${e.queue}|${e.agent}|${e.event}|${e.data.join('|')}`;
}

export interface MasterCsvOptions {
  /**
   * Offset from UTC in minutes for the local date columns at a given epoch second, e.g.
   * `() => 480` for Asia/Shanghai (no DST). Default: UTC (as cdr.conf `usegmtime=yes`).
   */
  utcOffsetMinutes?: (epochSeconds: number) => number;
  /** Write the uniqueid column (cdr.conf `loguniqueid=yes`). Default true: it joins a CDR to its queue_log call. */
  uniqueId?: boolean;
  /** Write the userfield column (`loguserfield=yes`, written empty). Default false. */
  userField?: boolean;
  /** Dialled number (dst). Default `s`. */
  dst?: string;
  /** Dialplan context (dcontext). Default `from-pstn`. */
  dcontext?: string;
  /** Inbound trunk channel prefix. Default `SIP/trunk`. */
  trunk?: string;
}

function q(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Channel name suffix as chan_sip makes it: the channel sequence number as 8 hex digits (`SIP/peer-0000001a`). */
function chanSuffix(uniqueId: string): string {
  const seq = Number(uniqueId.slice(uniqueId.indexOf('.') + 1)) >>> 0;
  return seq.toString(16).padStart(8, '0');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD HH:MM:SS` of an epoch second shifted by `offsetMinutes` (the cdr_csv DATE_FORMAT "%Y-%m-%d %T"). */
export function formatCdrDate(epochSeconds: number, offsetMinutes = 0): string {
  const d = new Date((epochSeconds + offsetMinutes * 60) * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(
    d.getUTCMinutes(),
  )}:${pad2(d.getUTCSeconds())}`;
}

/**
 * One Master.csv line for a queue call (no line terminator). Convention: the CDR is the caller's
 * (party A) leg: start = ENTERQUEUE time, answer = CONNECT time (the agent answered), end = hangup;
 * duration = end - start, billsec = end - answer (0 unanswered); disposition ANSWERED or NO ANSWER;
 * lastapp `Queue`, lastdata the queue name; dstchannel the agent's channel when answered.
 */
export function formatMasterCsvLine(c: CallRecord, opts: MasterCsvOptions = {}): string {
  const off = opts.utcOffsetMinutes ?? (() => 0);
  const trunk = opts.trunk ?? 'SIP/trunk';
  const channel = `${trunk}-${chanSuffix(c.uniqueId)}`;
  const dstchannel = c.agent && c.peerUniqueId ? `SIP/${c.agent.replace(/^[^/]*\//, '')}-${chanSuffix(c.peerUniqueId)}` : '';
  const answered = c.connectTime !== null;
  const cols: string[] = [
    q(''),
    q(c.callerNumber),
    q(opts.dst ?? 's'),
    q(opts.dcontext ?? 'from-pstn'),
    q(`"${c.callerNumber}" <${c.callerNumber}>`),
    q(channel),
    q(dstchannel),
    q('Queue'),
    q(c.queue),
    q(formatCdrDate(c.enterTime, off(c.enterTime))),
    answered ? q(formatCdrDate(c.connectTime!, off(c.connectTime!))) : '',
    q(formatCdrDate(c.endTime, off(c.endTime))),
    String(c.endTime - c.enterTime),
    String(answered ? c.endTime - c.connectTime! : 0),
    q(answered ? 'ANSWERED' : 'NO ANSWER'),
    q('DOCUMENTATION'),
  ];
  if (opts.uniqueId ?? true) cols.push(q(c.uniqueId));
  if (opts.userField ?? false) cols.push(q(''));
  return cols.join(',');
}
