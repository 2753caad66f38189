/**
 * What the reports count from: per queue and interval the counts and sums of calls ("cells"), and
 * per agent and queue the answered calls. Defined here, by the reports that use them; the store
 * computes them in SQL (src/store/aggregates.ts) and src/report/sla.ts / agents.ts from calls.
 */

/**
 * The counts and sums of the calls of one queue that entered the queue in one interval of a grid:
 * everything the interval KPIs are computed from. Units: seconds.
 */
export interface CallCell {
  queue: string;
  /** Index of the interval in the grid's `starts`. */
  interval: number;
  /** Every call. */
  offered: number;
  answered: number;
  abandoned: number;
  /** Abandoned after waiting strictly less than `shortAbandonS` (0 counts none). */
  shortAbandoned: number;
  /** Left by the queue's timeout (EXITWITHTIMEOUT). */
  timeout: number;
  /** Left with a menu key (EXITWITHKEY). */
  key: number;
  /** Left an empty queue (EXITEMPTY). */
  empty: number;
  /** Answered with wait <= `slThresholdS`. */
  answeredWithin: number;
  /** Sum of the waits of answered calls. */
  answeredWaitS: number;
  /** Sum of talk + wrap-up (a missing one counts 0) of answered calls. */
  handleS: number;
  /** Longest wait of any call in the cell. */
  maxWaitS: number;
}

export interface CallCellQuery {
  /** Interval starts, epoch ms, strictly ascending (as `intervalGrid` gives them). */
  starts: readonly number[];
  /** Exclusive end of the last interval, epoch ms. */
  endMs: number;
  /** Only these queues (all when undefined or empty). */
  queues?: readonly string[];
  /** Count only calls that entered in [fromMs, toMs) (default: the whole grid), for periods that start or end inside an interval. */
  fromMs?: number;
  toMs?: number;
  /** Service-level threshold, seconds: answered with wait <= this count as answeredWithin. */
  slThresholdS: number;
  /** Short-abandon limit, seconds: abandoned with wait < this count as shortAbandoned. */
  shortAbandonS: number;
}

/** The calls that entered one queue in one quarter hour [startMs, startMs + 900,000 ms) (`Store.callBuckets`). */
export interface CallBucket {
  queue: string;
  startMs: number;
  /** Calls of every outcome. */
  offered: number;
  answered: number;
  /** Talk + wrap-up of the answered calls (a missing one counts 0), seconds. */
  handleS: number;
  /** Answered calls with a talk time, and their talk + wrap-up (a missing wrap-up counts 0), seconds. */
  talked: number;
  talkedHandleS: number;
}

/** Answered calls of one agent on one queue. */
export interface AgentCallTotal {
  agent: string;
  queue: string;
  /** Answered calls that entered the queue in [fromMs, toMs). */
  enteredCalls: number;
  /** Answered calls answered (enter + wait) in [fromMs, toMs), among those entered from `enteredFromMs`. */
  answeredCalls: number;
  /** Talk + wrap-up (a missing one counts 0) of the `answeredCalls`, seconds. */
  handleS: number;
}

export interface AgentCallQuery {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  /** Earliest enter time of a call that can count as answered in the period (a look-back, e.g. fromMs - 1 h). */
  enteredFromMs: number;
  queues?: readonly string[];
}
