/**
 * Builds one CallRecord per queue visit from queue_log call events. Pure and stateful: feed events
 * in any order; a call is emitted once both its ENTERQUEUE and a final event (COMPLETE*, a transfer,
 * ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY) have been seen. Calls still open when the input
 * ends are exported as `pending()` (JSON-safe) and fed back with `restore()` on the next import, so a
 * call whose events span yesterday's and today's log is completed by the later import.
 *
 * Definitions (Asterisk "Queue Logs" documentation):
 * - answered (COMPLETEAGENT/COMPLETECALLER/TRANSFER/BLINDTRANSFER/ATTENDEDTRANSFER): wait = holdtime,
 *   talk = calltime, agent = the member field of the final event (else of CONNECT).
 * - abandoned/timeout/empty/key: wait = the event's waittime when written, else (event time - enter
 *   time) in seconds (EXITWITHKEY in 1.8 has no waittime).
 * - ring-no-answers = number of distinct RINGNOANSWER lines (same time and member counted once).
 */
import type { CallEvent } from './queue-log.js';
import type { CallRecord, Outcome } from './types.js';

/** A call seen partly: JSON-safe so the store can keep it between imports. */
export interface PendingCall {
  queue: string;
  callId: string;
  enteredMs?: number;
  connectMs?: number;
  connectWaitS?: number;
  connectAgent?: string | null;
  end?: {
    type: Exclude<CallEvent['type'], 'enter' | 'connect' | 'ringnoanswer'>;
    timeMs: number;
    waitS?: number;
    talkS?: number;
    agent?: string | null;
    transfer?: string;
  };
  /** Distinct RINGNOANSWER keys "timeMs|agent". */
  rna: string[];
  /** Latest event time seen, epoch ms. */
  lastMs: number;
}

export interface AssemblerStats {
  calls: number;
  /** Events that repeated one already used (duplicated lines). */
  duplicates: number;
}

const FINAL: Record<string, Outcome> = {
  complete: 'answered',
  transfer: 'answered',
  abandon: 'abandoned',
  timeout: 'timeout',
  key: 'key',
  empty: 'empty',
};

const RECENT_LIMIT = 50_000;

export class QueueLogAssembler {
  private open = new Map<string, PendingCall>();
  private stale: PendingCall[] = [];
  /** Keys "queue\0callid" of calls recently emitted -> enteredMs, to drop duplicated lines. */
  private recent = new Map<string, { enteredMs: number; endMs: number }>();
  /** Insertion order of `recent`, as a ring (deleting a Map's first key repeatedly is slow in V8). */
  private ring: (string | undefined)[] = new Array(RECENT_LIMIT);
  private ringPos = 0;
  readonly stats: AssemblerStats = { calls: 0, duplicates: 0 };

  constructor(private readonly source = 'queue_log') {}

  /** Put back calls left open by an earlier import. */
  restore(pending: readonly PendingCall[]): void {
    for (const p of pending) {
      const key = p.queue + '\0' + p.callId;
      if (this.open.has(key)) this.stale.push(p);
      else this.open.set(key, { ...p, rna: [...p.rna] });
    }
  }

  /** Feed one event; returns the completed call when this event completes one. */
  feed(ev: CallEvent): CallRecord | undefined {
    const key = ev.queue + '\0' + ev.callId;
    const done = this.recent.get(key);
    if (done && !this.open.has(key)) {
      // an event of a call already emitted: a duplicated line, or a late RINGNOANSWER
      const isNewVisit = ev.type === 'enter' && ev.timeMs !== done.enteredMs && ev.timeMs >= done.endMs;
      if (!isNewVisit) {
        this.stats.duplicates++;
        return undefined;
      }
    }
    let p = this.open.get(key);
    if (!p) {
      p = { queue: ev.queue, callId: ev.callId, rna: [], lastMs: ev.timeMs };
      this.open.set(key, p);
    }
    switch (ev.type) {
      case 'enter':
        if (p.enteredMs === undefined) {
          if (p.end && p.end.timeMs < ev.timeMs) {
            // the open record ended before this enter: a separate visit; keep the other for later
            this.stale.push(p);
            p = { queue: ev.queue, callId: ev.callId, rna: [], lastMs: ev.timeMs };
            this.open.set(key, p);
          }
          p.enteredMs = ev.timeMs;
        } else if (p.enteredMs === ev.timeMs) {
          this.stats.duplicates++;
          return undefined;
        } else {
          // a second visit of the same call to the same queue while the first is still open
          this.stale.push(p);
          p = { queue: ev.queue, callId: ev.callId, rna: [], lastMs: ev.timeMs, enteredMs: ev.timeMs };
          this.open.set(key, p);
        }
        break;
      case 'connect':
        if (p.connectMs === undefined) {
          p.connectMs = ev.timeMs;
          p.connectWaitS = ev.waitS;
          p.connectAgent = ev.agent;
        } else this.stats.duplicates++;
        break;
      case 'ringnoanswer': {
        const k = ev.timeMs + '|' + (ev.agent ?? '');
        if (p.rna.includes(k)) this.stats.duplicates++;
        else p.rna.push(k);
        break;
      }
      default:
        if (p.end) {
          this.stats.duplicates++;
          return undefined;
        }
        p.end = { type: ev.type, timeMs: ev.timeMs, waitS: ev.waitS, talkS: ev.talkS, agent: ev.agent, transfer: ev.transfer };
    }
    if (ev.timeMs > p.lastMs) p.lastMs = ev.timeMs;
    if (p.enteredMs !== undefined && p.end) {
      this.open.delete(key);
      this.remember(key, p.enteredMs, p.end.timeMs);
      this.stats.calls++;
      return toRecord(p, this.source);
    }
    return undefined;
  }

  private remember(key: string, enteredMs: number, endMs: number): void {
    const old = this.ring[this.ringPos];
    if (old !== undefined && old !== key) this.recent.delete(old);
    this.ring[this.ringPos] = key;
    this.ringPos = (this.ringPos + 1) % RECENT_LIMIT;
    this.recent.set(key, { enteredMs, endMs });
  }

  /** Calls still open (no ENTERQUEUE or no final event yet), for the store to keep. */
  pending(): PendingCall[] {
    return [...this.stale, ...this.open.values()];
  }
}

/** The CallRecord of a call that has both its enter and its final event. */
export function toRecord(p: PendingCall, source: string): CallRecord {
  const end = p.end!;
  const entered = p.enteredMs!;
  const outcome = FINAL[end.type];
  const elapsedS = Math.max(0, (end.timeMs - entered) / 1000);
  let waitS: number;
  let talkS: number | null = null;
  let agent: string | null = null;
  if (outcome === 'answered') {
    waitS = end.waitS ?? p.connectWaitS ?? (p.connectMs !== undefined ? Math.max(0, (p.connectMs - entered) / 1000) : 0);
    talkS = end.talkS ?? 0;
    agent = end.agent ?? p.connectAgent ?? null;
  } else {
    waitS = end.waitS ?? elapsedS;
  }
  return {
    queue: p.queue,
    callId: p.callId,
    enteredMs: entered,
    outcome,
    waitS,
    agent,
    talkS,
    wrapS: null,
    ringNoAnswers: p.rna.length,
    transfer: end.type === 'transfer' ? (end.transfer ?? 'TRANSFER') : null,
    source,
  };
}

/**
 * Where an open call's enter time probably is, for matching a call already stored: the enter time
 * when known, else end time - wait - talk (seconds, from the final event). Undefined when unknown.
 */
export function estimatedEnteredMs(p: PendingCall): number | undefined {
  if (p.enteredMs !== undefined) return p.enteredMs;
  if (!p.end) return undefined;
  return p.end.timeMs - ((p.end.waitS ?? 0) + (p.end.talkS ?? 0)) * 1000;
}
