/**
 * Asterisk queue_log lines, one at a time. Pure: a line in, an event, "nothing" or a rejection out.
 *
 * Format (Asterisk docs, "Queue Logs", docs.asterisk.org/Operation/Logging/Queue-Logs/):
 *   `epoch|callid|queuename|agent|EVENT|data1|data2|...`
 * with these event parameters (name(parameters) as documented):
 *   ENTERQUEUE(url|callerid[|origposition[|calleridname]])   1.8 writes url|callerid only
 *   CONNECT(holdtime|bridgedchanneluniqueid[|ringtime])
 *   COMPLETEAGENT / COMPLETECALLER(holdtime|calltime|origposition)
 *   ABANDON / EXITEMPTY / EXITWITHTIMEOUT(position|origposition|waittime)
 *   EXITWITHKEY(key|position[|origposition|waittime])        1.8 writes key|position only
 *   RINGNOANSWER(ringtime in ms)
 *   TRANSFER(extension|context|holdtime|calltime[|origposition])
 *   BLINDTRANSFER(extension|context|holdtime|calltime|origposition)        added in 12
 *   ATTENDEDTRANSFER(method|method-data|holdtime|calltime|origposition)    added in 12
 *   AGENTLOGIN(channel), AGENTLOGOFF(channel|logintime), AGENTCALLBACKLOGIN/LOGOFF,
 *   ADDMEMBER, REMOVEMEMBER, PAUSE(reason), UNPAUSE(reason), PAUSEALL(reason), UNPAUSEALL
 * Both layouts (1.8 and 11+) are read by position; a parameter a version does not write (ENTERQUEUE
 * position, EXITWITHKEY waittime) is left undefined and the assembler derives the wait from the times.
 * The time field may be epoch seconds (with a fraction) or, in exports of the realtime table, a local
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` read in the site's zone.
 */
import { DateTime } from 'luxon';
import type { Message } from '../errors.js';
import { badName, hasControl, MAX_CALL_SECONDS, neutralised, outOfRange } from './limits.js';
import type { AgentEvent, AgentEventKind, LineRejection } from './types.js';

/** Queue-call event kinds the assembler uses. */
export type CallEventType =
  | 'enter'
  | 'connect'
  | 'complete'
  | 'transfer'
  | 'abandon'
  | 'timeout'
  | 'key'
  | 'empty'
  | 'ringnoanswer';

export interface CallEvent {
  type: CallEventType;
  timeMs: number;
  callId: string;
  queue: string;
  /** The member field ("NONE" becomes null). */
  agent: string | null;
  /** Hold / wait seconds given by the event (CONNECT, COMPLETE*, transfers, ABANDON, EXIT*). */
  waitS?: number;
  /** Talk seconds (COMPLETE*, transfers). */
  talkS?: number;
  /** Ring time in ms (RINGNOANSWER). */
  ringMs?: number;
  /** Transfer description: "EVENT target". */
  transfer?: string;
}

export type QueueLogParse =
  | { kind: 'call'; event: CallEvent }
  | { kind: 'agent'; event: AgentEvent }
  | { kind: 'skip' }
  | { kind: 'reject'; rejection: LineRejection };

export interface QueueLogOptions {
  /** The site's zone, for date-time stamps without an offset. */
  zone: string;
  /** "Now" (epoch ms): times more than a day after it are impossible. */
  nowMs: number;
  /** Earliest plausible time, epoch ms (default 1999-01-01, before Asterisk's queue_log). */
  minMs?: number;
}

/** Events that are valid but carry nothing for call or agent statistics. */
const IGNORED = new Set([
  'QUEUESTART',
  'CONFIGRELOAD',
  'RINGCANCELED',
  'SYSCOMPAT',
  'AGENTDUMP',
  'JOINEMPTY',
  'JOINUNAVAIL',
  'DID',
  'INFO',
  'PENALTY',
  'REMOVEMEMBER_FAILED',
  'HANGUP',
  'NONE',
]);

const AGENT_EVENTS: Record<string, AgentEventKind> = {
  AGENTLOGIN: 'login',
  AGENTCALLBACKLOGIN: 'login',
  AGENTLOGOFF: 'logoff',
  AGENTCALLBACKLOGOFF: 'logoff',
  ADDMEMBER: 'add',
  REMOVEMEMBER: 'remove',
  PAUSE: 'pause',
  UNPAUSE: 'unpause',
  PAUSEALL: 'pauseall',
  UNPAUSEALL: 'unpauseall',
};

const DEFAULT_MIN_MS = Date.UTC(1999, 0, 1);
const FAST_EPOCH = /^\d{10}$/;
const DAY_MS = 86_400_000;
const CALL_EVENTS = ['ENTERQUEUE', 'CONNECT', 'COMPLETEAGENT', 'COMPLETECALLER', 'TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', 'ABANDON', 'EXITEMPTY', 'EXITWITHTIMEOUT', 'EXITWITHKEY', 'RINGNOANSWER'];
const KNOWN = new Set([...CALL_EVENTS, ...Object.keys(AGENT_EVENTS), ...IGNORED]);
const EPOCH = /^\d{9,11}(\.\d{1,9})?$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;
const NUMBER = /^\d+(\.\d+)?$/;
const REPLACEMENT = '\uFFFD';

function reject(reason: Message['key'], params?: Message['params'], field?: string): QueueLogParse {
  return { kind: 'reject', rejection: { field, reason: { key: reason, params } } };
}

/**
 * The time field as epoch ms, or a reason it is not one. Epoch seconds (optionally fractional), or a
 * local date-time in `zone`.
 */
export function parseQueueLogTime(text: string, opts: QueueLogOptions): number | 'format' | 'range' {
  let ms: number;
  if (EPOCH.test(text)) {
    ms = Math.round(Number(text) * 1000);
  } else {
    const m = STAMP.exec(text);
    if (!m) return 'format';
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
    const frac = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, { zone: opts.zone });
    if (!dt.isValid || dt.hour !== h || dt.minute !== mi || dt.day !== d) return 'format';
    ms = dt.toMillis() + frac;
  }
  if (ms < (opts.minMs ?? DEFAULT_MIN_MS) || ms > opts.nowMs + DAY_MS) return 'range';
  return ms;
}

function needCall(callId: string, queue: string): QueueLogParse | undefined {
  if (callId === '' || callId === 'NONE') return reject('import.reject.missing', { field: 'callid' }, 'callid');
  if (queue === '' || queue === 'NONE') return reject('import.reject.missing', { field: 'queuename' }, 'queuename');
  return undefined;
}

/**
 * Parameter `index` as seconds in 0..max: a number, undefined when absent (or required: a rejection).
 * Holdtime, waittime and calltime are at most MAX_CALL_SECONDS (a day: no call waits or talks that
 * long); ringtime is in ms, at most a day's worth.
 */
function num(f: string[], index: number, name: string, required: boolean, max = MAX_CALL_SECONDS): number | undefined | QueueLogParse {
  const text = f[index]?.trim();
  const v = seconds(text);
  if (v === null) return reject('import.reject.notNumber', { value: f[index].slice(0, 40), field: name }, name);
  if (v === undefined && required) return reject('import.reject.missing', { field: name }, name);
  if (v !== undefined && !(v <= max)) return { kind: 'reject', rejection: outOfRange(text!, name, 0, max) };
  return v;
}

function isParse(v: unknown): v is QueueLogParse {
  return typeof v === 'object' && v !== null;
}

function seconds(value: string | undefined): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  return NUMBER.test(value) ? Number(value) : null;
}

const FIELD_NAMES = ['time', 'callid', 'queuename', 'agent', 'event'];

/**
 * Parse one queue_log line (without its line ending). Blank lines and a header row give `skip`.
 * A line is rejected when it has fewer than 5 fields, an unreadable or impossible time, an unknown
 * event, a required parameter missing or not a number, a holdtime, waittime or calltime outside
 * 0..MAX_CALL_SECONDS (ringtime: that many ms), undecodable bytes (U+FFFD after UTF-8 decoding) in the
 * time, call id, queue, agent or event field, or a control character in the call id, queue or agent
 * of an event that is stored. Undecodable bytes in free-text parameters (caller id, URL) are
 * tolerated; control characters in a pause reason or a transfer target become U+FFFD (the text is
 * the agent's or the dialled one: rejecting the line would let it hide a pause or a call).
 */
export function parseQueueLogLine(line: string, opts: QueueLogOptions): QueueLogParse {
  if (line.length === 0 || line.trim() === '') return { kind: 'skip' };
  const f = line.split('|');
  if (f.length < 5) return reject('import.reject.fewFields', { count: f.length, expected: 5 });
  if (line.indexOf(REPLACEMENT) !== -1) {
    for (let i = 0; i < 5; i++) {
      if (f[i].includes(REPLACEMENT)) return reject('import.reject.encoding', undefined, FIELD_NAMES[i]);
    }
  }
  const rawEvent = f[4];
  const event = KNOWN.has(rawEvent) ? rawEvent : rawEvent.trim().toUpperCase();
  const t0 = f[0];
  const time = FAST_EPOCH.test(t0) ? Number(t0) * 1000 : parseQueueLogTime(t0.trim(), opts);
  if (typeof time !== 'number' || time < (opts.minMs ?? DEFAULT_MIN_MS) || time > opts.nowMs + DAY_MS) {
    if (time === 'format' && /^(time|timestamp)$/i.test(t0.trim())) return { kind: 'skip' }; // header row
    return reject(time === 'format' ? 'import.reject.badTime' : 'import.reject.timeRange', { value: t0.slice(0, 40) }, 'time');
  }
  const callId = f[1].trim();
  const queue = f[2].trim();
  const agentField = f[3].trim();
  const agent = agentField === '' || agentField === 'NONE' ? null : agentField;
  // a name with control characters is rejected (it would be stored, and printed raw); lines that
  // store nothing (ignored events) are not looked at. One test of the whole line spares clean lines.
  const control = hasControl(line);
  const badNames = (): QueueLogParse | undefined => {
    const bad = badName(callId, 'callid') ?? badName(queue, 'queuename') ?? badName(agentField, 'agent');
    return bad ? { kind: 'reject', rejection: bad } : undefined;
  };

  const agentKind = AGENT_EVENTS[event];
  if (agentKind) {
    if (!agent) return reject('import.reject.missing', { field: 'agent' }, 'agent');
    const bad = control ? badNames() : undefined;
    if (bad) return bad;
    // a pause reason is the agent's own text: its control characters are neutralised, not the line
    // rejected, so that no reason can hide a pause from the reports
    const reasonText = agentKind === 'pause' || agentKind === 'pauseall' ? neutralised((f[5] ?? '').trim()) : '';
    return {
      kind: 'agent',
      event: {
        agent,
        queue: queue === '' || queue === 'NONE' ? null : queue,
        kind: agentKind,
        timeMs: time,
        reason: reasonText === '' ? null : reasonText,
      },
    };
  }
  if (IGNORED.has(event)) return { kind: 'skip' };
  if (control && KNOWN.has(event)) {
    const bad = badNames();
    if (bad) return bad;
  }

  const base = { timeMs: time, callId, queue, agent };
  switch (event) {
    case 'ENTERQUEUE': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      return { kind: 'call', event: { type: 'enter', timeMs: time, callId, queue, agent: null } };
    }
    case 'CONNECT': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      const wait = num(f, 5, 'holdtime', true);
      if (isParse(wait)) return wait;
      return { kind: 'call', event: { type: 'connect', timeMs: time, callId, queue, agent, waitS: wait } };
    }
    case 'COMPLETEAGENT':
    case 'COMPLETECALLER': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      const wait = num(f, 5, 'holdtime', true);
      if (isParse(wait)) return wait;
      const talk = num(f, 6, 'calltime', true);
      if (isParse(talk)) return talk;
      return { kind: 'call', event: { type: 'complete', timeMs: time, callId, queue, agent, waitS: wait, talkS: talk } };
    }
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      const wait = num(f, 7, 'holdtime', true);
      if (isParse(wait)) return wait;
      const talk = num(f, 8, 'calltime', true);
      if (isParse(talk)) return talk;
      const target =
        event === 'ATTENDEDTRANSFER' ? `${(f[5] ?? '').trim()} ${(f[6] ?? '').trim()}` : `${(f[5] ?? '').trim()}@${(f[6] ?? '').trim()}`;
      // the target is dialled text: neutralised like a pause reason, the answered call is kept
      return { kind: 'call', event: { ...base, type: 'transfer', waitS: wait, talkS: talk, transfer: neutralised(`${event} ${target}`.trim()) } };
    }
    case 'ABANDON':
    case 'EXITEMPTY':
    case 'EXITWITHTIMEOUT': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      // waittime is the third parameter; very old versions wrote only the position
      const wait = num(f, 7, 'waittime', false);
      if (isParse(wait)) return wait;
      const type = event === 'ABANDON' ? 'abandon' : event === 'EXITEMPTY' ? 'empty' : 'timeout';
      return { kind: 'call', event: { ...base, type, agent: null, waitS: wait } };
    }
    case 'EXITWITHKEY': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      const wait = num(f, 8, 'waittime', false); // 11+: key|position|origposition|waittime; 1.8: key|position
      if (isParse(wait)) return wait;
      return { kind: 'call', event: { ...base, type: 'key', agent: null, waitS: wait } };
    }
    case 'RINGNOANSWER': {
      const bad = needCall(callId, queue);
      if (bad) return bad;
      const ring = num(f, 5, 'ringtime', false, MAX_CALL_SECONDS * 1000);
      if (isParse(ring)) return ring;
      return { kind: 'call', event: { ...base, type: 'ringnoanswer', ringMs: ring } };
    }
    default:
      return reject('import.reject.unknownEvent', { value: event.slice(0, 40) }, 'event');
  }
}
