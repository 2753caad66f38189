/**
 * queue_log lines as live events, through the call-data parser of src/cdr/queue-log.ts (the line
 * format is documented there: `epoch|callid|queuename|agent|EVENT|data...`). Pure.
 */
import { parseQueueLogLine, type QueueLogOptions } from '../cdr/queue-log.js';
import type { LiveEvent } from './types.js';

/**
 * The live event of one queue_log line, or null for lines that carry none (blank, ignored events,
 * rejected lines: a live view skips what it cannot read rather than stopping).
 */
export function queueLogLineToEvent(line: string, opts: QueueLogOptions): LiveEvent | null {
  const p = parseQueueLogLine(line, opts);
  if (p.kind === 'call') {
    const e = p.event;
    const t = e.timeMs;
    switch (e.type) {
      case 'enter':
        return { kind: 'callJoin', t, queue: e.queue, callId: e.callId };
      case 'connect':
        return e.agent ? { kind: 'callConnect', t, queue: e.queue, callId: e.callId, agent: e.agent, waitS: e.waitS } : null;
      case 'complete':
      case 'transfer':
        return { kind: 'callComplete', t, queue: e.queue, callId: e.callId, agent: e.agent, waitS: e.waitS, talkS: e.talkS };
      case 'abandon':
        return { kind: 'callAbandon', t, queue: e.queue, callId: e.callId, waitS: e.waitS };
      case 'timeout':
      case 'key':
      case 'empty':
        return { kind: 'callExit', t, queue: e.queue, callId: e.callId, waitS: e.waitS, reason: e.type };
      case 'ringnoanswer':
        return e.agent ? { kind: 'callRingNoAnswer', t, queue: e.queue, callId: e.callId, agent: e.agent } : null;
    }
  }
  if (p.kind === 'agent') {
    const e = p.event;
    const t = e.timeMs;
    switch (e.kind) {
      case 'login':
        return { kind: 'agentLogin', t, agent: e.agent, queue: null };
      case 'add':
        return { kind: 'agentLogin', t, agent: e.agent, queue: e.queue };
      case 'logoff':
        return { kind: 'agentLogoff', t, agent: e.agent, queue: null };
      case 'remove':
        return { kind: 'agentLogoff', t, agent: e.agent, queue: e.queue };
      case 'pause':
        return { kind: 'agentPause', t, agent: e.agent, queue: e.queue, reason: e.reason };
      case 'pauseall':
        return { kind: 'agentPause', t, agent: e.agent, queue: null, reason: e.reason };
      case 'unpause':
        return { kind: 'agentUnpause', t, agent: e.agent, queue: e.queue };
      case 'unpauseall':
        return { kind: 'agentUnpause', t, agent: e.agent, queue: null };
    }
  }
  return null;
}

/** The time field of a queue_log line as epoch ms when it is plain epoch seconds, else null (cheap, for seeking). */
export function quickLineTime(line: string): number | null {
  const bar = line.indexOf('|');
  if (bar <= 0) return null;
  const n = Number(line.slice(0, bar));
  return Number.isFinite(n) && n > 1e8 ? Math.round(n * 1000) : null;
}
