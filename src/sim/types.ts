/**
 * Input and output types of the call-center simulator. Times are Unix epoch seconds (UTC); durations
 * are seconds.
 */
import type { Distribution } from './distributions.js';

/** One queue: its arrivals (expected calls per interval), handle times and caller patience. */
export interface SimQueueSpec {
  /** Queue name as written in the queue_log, e.g. `billing`. No `|`, no newline. */
  name: string;
  /**
   * Expected calls per interval, one value per interval of the horizon (interval i starts at
   * `startEpoch + i * intervalSeconds`). Arrivals are a Poisson process with the piecewise-constant
   * rate expectedCalls[i] / intervalSeconds.
   */
  expectedCalls: readonly number[];
  /** Talk time (bridged, in the queue_log `calltime`). */
  talk: Distribution;
  /** After-call work: the agent takes no call for this long after each call. Default: none (0 s). */
  wrap?: Distribution;
  /** How long a caller waits before hanging up. Default `{ kind: 'none' }`: nobody abandons. */
  patience?: Distribution;
  /** Share of answered calls where the caller hangs up first (COMPLETECALLER), else COMPLETEAGENT. Default 0.6. */
  callerHangupShare?: number;
  /** Service-level threshold of this queue, seconds (answered within it count); default the input's. */
  serviceLevelSeconds?: number;
}

/** A break inside a shift: the agent takes no call from `start` (or the end of the call then in progress) to `end`. */
export interface SimBreak {
  start: number;
  end: number;
  /** Pause reason written in the queue_log PAUSE line. Default `Break`. */
  reason?: string;
}

/** One shift: logged in from `start`; takes no new call from `end` and logs off when the call in progress is done. */
export interface SimShift {
  start: number;
  end: number;
  breaks?: readonly SimBreak[];
}

/** One agent of a roster: queue member name, the queues (skills) it serves, and its shifts. */
export interface SimAgent {
  /** Member name in the queue_log agent field, e.g. `Agent/1001` or `SIP/1001`. No `|`. */
  id: string;
  /** Names of the queues it serves. */
  queues: readonly string[];
  /** Shifts, in any order; they must not overlap. */
  shifts: readonly SimShift[];
}

/**
 * Staffing. `flat`: per queue a number of dedicated agents, constant or one count per interval
 * (agent k of a queue works the intervals whose count exceeds k; agents working the last interval
 * stay until their queue is empty). `roster`: explicit agents with shifts and breaks.
 */
export type SimStaffing =
  | { kind: 'flat'; agents: Readonly<Record<string, number | readonly number[]>> }
  | { kind: 'roster'; agents: readonly SimAgent[] };

/** Unplanned pauses (toilet, coaching...): each logged-in agent asks for one at this Poisson rate. */
export interface SimPauses {
  /** Pause requests per agent per hour of login. */
  perAgentPerHour: number;
  /** Pause length. */
  duration: Distribution;
  /** Pause reason in the queue_log. Default `Personal`. */
  reason?: string;
}

/** Ringing before the agent answers (default: answered at once, no RINGNOANSWER). */
export interface SimRing {
  /** Time the agent's phone rings before a successful answer. Default 0 s. */
  seconds?: Distribution;
  /** Probability an offered call is not answered by the agent (RINGNOANSWER, call back to the head of the queue). */
  noAnswerProbability?: number;
  /** Ring timeout before RINGNOANSWER, seconds. Default 15. */
  timeoutSeconds?: number;
}

export interface SimInput {
  /** Start of interval 0, epoch seconds. */
  startEpoch: number;
  /** Interval length in seconds (e.g. 900 or 1800). */
  intervalSeconds: number;
  queues: readonly SimQueueSpec[];
  staffing: SimStaffing;
  pauses?: SimPauses;
  ring?: SimRing;
  /** Seed; replication r uses streams derived from (seed, r). */
  seed: number;
  /** Service-level threshold T in seconds for the summary. Default 20. */
  serviceLevelSeconds?: number;
  /** Agent login events written: `member` ADDMEMBER/REMOVEMEMBER per queue (default), `agent` AGENTLOGIN/AGENTLOGOFF, or `both`. */
  loginEvents?: 'member' | 'agent' | 'both';
}

/** queue_log event names the simulator writes. */
export type QueueLogEventName =
  | 'ENTERQUEUE'
  | 'CONNECT'
  | 'COMPLETEAGENT'
  | 'COMPLETECALLER'
  | 'ABANDON'
  | 'EXITEMPTY'
  | 'RINGNOANSWER'
  | 'ADDMEMBER'
  | 'REMOVEMEMBER'
  | 'AGENTLOGIN'
  | 'AGENTLOGOFF'
  | 'PAUSE'
  | 'UNPAUSE';

/**
 * One queue_log line: `time|callId|queue|agent|event|data1|data2|...` (Asterisk 11+ layout).
 * `time` is whole epoch seconds; `callId` is `NONE` for member events; `agent` is `NONE` for caller events.
 */
export interface QueueLogEvent {
  time: number;
  callId: string;
  queue: string;
  agent: string;
  event: QueueLogEventName;
  data: string[];
}

/** One queue call at its end, for a CDR (Master.csv) writer. Times are whole epoch seconds, as in the queue_log. */
export interface CallRecord {
  uniqueId: string;
  queue: string;
  callerNumber: string;
  enterTime: number;
  /** When the agent answered (CONNECT); null when abandoned or exited. */
  connectTime: number | null;
  endTime: number;
  agent: string | null;
  /** Agent channel uniqueid (CONNECT data2); null when not answered. */
  peerUniqueId: string | null;
  outcome: 'answered' | 'abandoned' | 'exitempty';
}

/** Raw counts of one replication for one queue, one entry per interval (calls belong to the interval they entered in). */
export interface IntervalCounts {
  offered: Float64Array;
  answered: Float64Array;
  abandoned: Float64Array;
  /** Calls still waiting when no agent could ever serve them (EXITEMPTY). */
  exited: Float64Array;
  /** Answered with wait <= T (continuous simulation time). */
  answeredWithin: Float64Array;
  /** Sum of waits (ENTERQUEUE to CONNECT, seconds) of answered calls. */
  waitSumAnswered: Float64Array;
  /** Agent-seconds logged in, serving this queue and not paused, inside the interval. */
  agentSeconds: Float64Array;
  /** Sum of talk + wrap of calls answered (seconds), by the interval they entered in. */
  handleSumAnswered: Float64Array;
}

export interface ReplicationResult {
  replication: number;
  queues: { name: string; counts: IntervalCounts }[];
  /** Calls that arrived (all queues). */
  calls: number;
  /** Simulation clock at the last event, epoch seconds. */
  endTime: number;
}
