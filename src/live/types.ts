/**
 * Types of the live view: the normalised events every source produces, and the view model (a
 * snapshot) the screen and the JSON output read. Times are UTC epoch milliseconds; durations seconds.
 */

/** What a seat is doing, as shown on the board. */
export type SeatState = 'available' | 'ringing' | 'talking' | 'wrapup' | 'paused' | 'loggedOut';
export const SEAT_STATES: readonly SeatState[] = ['available', 'ringing', 'talking', 'wrapup', 'paused', 'loggedOut'];

/** How a waiting call left the queue without an answer or an abandon. */
export type ExitReason = 'timeout' | 'key' | 'empty' | 'unknown';

/**
 * One normalised event. queue_log lines and AMI events both map onto these (see queue-log-events.ts
 * and ami.ts); the reducer (reducer.ts) applies them in time order.
 */
export type LiveEvent =
  /** A caller entered a queue (ENTERQUEUE, QueueCallerJoin, or a QueueEntry of QueueStatus with its wait). */
  | { kind: 'callJoin'; t: number; queue: string; callId: string }
  /** A member's phone rings for a caller (AMI AgentCalled). */
  | { kind: 'callRing'; t: number; queue: string; callId: string; agent: string }
  /** The member did not answer (RINGNOANSWER, AgentRingNoAnswer). */
  | { kind: 'callRingNoAnswer'; t: number; queue: string; callId: string; agent: string }
  /** A member answered (CONNECT, AgentConnect); waitS is the hold time reported with it. */
  | { kind: 'callConnect'; t: number; queue: string; callId: string; agent: string; waitS?: number }
  /** The call ended after talk (COMPLETEAGENT/COMPLETECALLER/transfers, AgentComplete). */
  | { kind: 'callComplete'; t: number; queue: string; callId: string; agent: string | null; waitS?: number; talkS?: number }
  /** The caller hung up while waiting (ABANDON, QueueCallerAbandon). */
  | { kind: 'callAbandon'; t: number; queue: string; callId: string; waitS?: number }
  /** The caller left by timeout, key or empty queue (EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY). */
  | { kind: 'callExit'; t: number; queue: string; callId: string; waitS?: number; reason: ExitReason }
  /** AMI QueueCallerLeave: off the waiting list; the outcome comes from AgentConnect or an abandon. */
  | { kind: 'callLeave'; t: number; queue: string; callId: string }
  /** Logged in (AGENTLOGIN: queue null) or added to a queue (ADDMEMBER, QueueMemberAdded). */
  | { kind: 'agentLogin'; t: number; agent: string; queue: string | null }
  /** Logged off (AGENTLOGOFF: queue null) or removed from a queue (REMOVEMEMBER, QueueMemberRemoved). */
  | { kind: 'agentLogoff'; t: number; agent: string; queue: string | null }
  /** Paused (PAUSE, PAUSEALL: queue null; QueueMemberPause Paused: 1). */
  | { kind: 'agentPause'; t: number; agent: string; queue: string | null; reason: string | null }
  /** Unpaused (UNPAUSE, UNPAUSEALL; QueueMemberPause Paused: 0). */
  | { kind: 'agentUnpause'; t: number; agent: string; queue: string | null }
  /**
   * The member's full status (AMI QueueMember from QueueStatus, QueueMemberStatus): device state
   * (Asterisk AST_DEVICE_* number 0..8), paused flag and reason.
   */
  | { kind: 'agentStatus'; t: number; agent: string; queue: string; device: number; paused: boolean; reason: string | null };

/** Counts of one set of finished calls, with the definitions of `wfm report sla`. */
export interface CallCounts {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  answeredWithin: number;
  /** answeredWithin / (offered - shortAbandoned); null when that is 0. */
  serviceLevel: number | null;
  /** (abandoned - shortAbandoned) / (offered - shortAbandoned); null when that is 0. */
  abandonRate: number | null;
}

export type AgentCounts = Record<SeatState, number>;

export interface QueueView {
  queue: string;
  waiting: number;
  /** Seconds the longest-waiting caller has waited; 0 when nobody waits. */
  longestWaitSeconds: number;
  /** Over the sliding window. */
  window: CallCounts;
  /** Over the current report interval (from intervalStartMs). */
  interval: CallCounts;
  agents: AgentCounts;
}

/** Scheduled activity from the roster at the snapshot time. */
export type Scheduled = 'work' | 'break' | 'off';

export interface AdherenceView {
  scheduled: Scheduled;
  /** Whether the actual state matches the scheduled activity. */
  adherent: boolean;
  /** Seconds the current mismatch has lasted (0 when adherent). */
  outSeconds: number;
}

export interface AgentView {
  agent: string;
  state: SeatState;
  sinceMs: number;
  /** The queue of the call in progress or the last call, else the first queue it is a member of. */
  queue: string | null;
  queues: string[];
  team: string | null;
  pauseReason: string | null;
  /** Calls completed in the sliding window. */
  calls: number;
  /** Mean talk seconds of those calls; null when none. */
  ahtSeconds: number | null;
  /** Null when no roster was given or the agent is not on it. */
  adherence: AdherenceView | null;
}

export type AlertKind = 'slBelow' | 'longWait' | 'pausedLong' | 'talkingLong' | 'outOfAdherence';

export interface Alert {
  kind: AlertKind;
  /** The queue or agent concerned. */
  subject: string;
  /** The measured value: a share for slBelow, seconds otherwise. */
  value: number;
  /** The threshold it crossed. */
  limit: number;
}

/**
 * Why a source reconnects: the connection was lost after login, refused before it, or the server
 * did not finish logging in and listing the queue status in time.
 */
export type ReconnectReason = 'lost' | 'refused' | 'timeout';

/** Connection state of a source, shown on screen. */
export type SourceStatus =
  | { kind: 'ok' }
  | { kind: 'connecting' }
  | { kind: 'reconnecting'; attempt: number; retryInMs: number; reason: ReconnectReason }
  | { kind: 'ended' };

export interface LiveSnapshot {
  atMs: number;
  windowMs: number;
  intervalStartMs: number;
  queues: QueueView[];
  agents: AgentView[];
  alerts: Alert[];
  status: SourceStatus;
  /**
   * Calls the source announced but the state did not track, a queue's cap being reached
   * (src/live/reducer.ts MAX_TRACKED_CALLS_PER_QUEUE): not in `waiting`; 0 normally.
   */
  untracked: number;
}
