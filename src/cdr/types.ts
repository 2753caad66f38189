/**
 * Records the call-data parsers produce and the store keeps. Pure types.
 *
 * Times are UTC epoch milliseconds (`...Ms`); durations are seconds (`...S`). The site's IANA zone is
 * kept beside each stored row (see src/store) so interval boundaries can be recomputed later.
 */
import type { Message } from '../errors.js';

/**
 * How a queue call ended:
 * - `answered`: connected to an agent (COMPLETEAGENT, COMPLETECALLER, a transfer; CDR: answered)
 * - `abandoned`: the caller hung up while waiting (ABANDON)
 * - `timeout`: the queue's timeout expired (EXITWITHTIMEOUT)
 * - `key`: the caller left with a menu key (EXITWITHKEY)
 * - `empty`: no reachable members (EXITEMPTY)
 */
export type Outcome = 'answered' | 'abandoned' | 'timeout' | 'key' | 'empty';
export const OUTCOMES: readonly Outcome[] = ['answered', 'abandoned', 'timeout', 'key', 'empty'];

/** One call's visit to one queue. Natural key: (queue, enteredMs, callId). */
export interface CallRecord {
  queue: string;
  callId: string;
  /** When the call entered the queue, UTC epoch ms. */
  enteredMs: number;
  outcome: Outcome;
  /** Seconds in the queue before answer or exit. */
  waitS: number;
  /** The agent (queue member) who answered, or null. */
  agent: string | null;
  /** Talk time in seconds of an answered call (null otherwise). */
  talkS: number | null;
  /** After-call work in seconds where the data has it (queue_log does not: null). */
  wrapS: number | null;
  /** Members rung without answer (RINGNOANSWER) before the outcome. */
  ringNoAnswers: number;
  /** How an answered call was transferred, e.g. "BLINDTRANSFER 200@sales", or null. */
  transfer: string | null;
  /** Which importer produced the row: queue_log, asterisk-cdr, freeswitch-cdr, csv. */
  source: string;
}

/** Agent state changes from the queue_log. */
export type AgentEventKind = 'login' | 'logoff' | 'add' | 'remove' | 'pause' | 'unpause' | 'pauseall' | 'unpauseall';

/** One agent event: sessions are derived from these ordered by time (see sessions.ts). */
export interface AgentEvent {
  agent: string;
  /** The queue, or null for events not tied to a queue (login, pauseall). */
  queue: string | null;
  kind: AgentEventKind;
  timeMs: number;
  /** Pause reason (PAUSE/PAUSEALL) where given, else null. */
  reason: string | null;
}

/** A rejected line, before the file name is attached. */
export interface LineRejection {
  field?: string;
  reason: Message;
}

/** ACD interval totals for sites without call-level data (`wfm import volumes`). */
export interface VolumeRecord {
  queue: string;
  intervalStartMs: number;
  /** Length of the ACD interval in minutes, when known from the data (else null). */
  intervalMinutes: number | null;
  offered: number;
  answered: number | null;
  abandoned: number | null;
  answeredWithin: number | null;
  ahtS: number | null;
  asaS: number | null;
}
