/**
 * Interval KPIs of queue calls (`wfm report sla`). Pure: calls in, rows out; the zone and the
 * interval grid are parameters.
 *
 * Per queue and interval (a call belongs to the interval in which it entered the queue):
 * - offered: every call; answered / abandoned: by outcome; exited: left by timeout, key or empty queue
 * - shortAbandoned: abandoned after waiting less than `shortAbandonS` seconds (0 turns it off); they
 *   stay counted in offered and abandoned
 * - answeredWithin: answered with wait <= `slThresholdS`
 * - serviceLevel = answeredWithin / (offered - shortAbandoned)
 * - abandonRate = (abandoned - shortAbandoned) / (offered - shortAbandoned)
 * - asaSeconds = mean wait of answered calls; ahtSeconds = mean talk (+ wrap-up where known) of
 *   answered calls; maxWaitSeconds = longest wait of any call
 * Ratios and means are null where their denominator is 0. Interval volumes (ACD reports) count for a
 * queue only when it has no call-level data in the period; they carry no short abandons or max wait.
 */
import { DateTime } from 'luxon';
import type { CallRecord, VolumeRecord } from '../cdr/types.js';
import type { AgentSpan } from '../cdr/sessions.js';

export interface SlaRow {
  queue: string;
  /** Interval start, ISO 8601 with the zone's offset; null on the total row. */
  intervalStart: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  answeredWithin: number;
  serviceLevel: number | null;
  abandonRate: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  maxWaitSeconds: number | null;
}

export const SLA_FIELDS = [
  'queue',
  'intervalStart',
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'exited',
  'answeredWithin',
  'serviceLevel',
  'abandonRate',
  'asaSeconds',
  'ahtSeconds',
  'maxWaitSeconds',
] as const;

export interface SlaOptions {
  slThresholdS: number;
  shortAbandonS: number;
}

/** Interval starts (epoch ms, ascending) covering [fromMs, toMs), plus labels. */
export interface IntervalGrid {
  starts: number[];
  /** Exclusive end of the last interval. */
  endMs: number;
  labels: string[];
  zone: string;
}

/**
 * The grid of report intervals from local midnight of `fromMs`'s day to `toMs` in `zone`: every
 * `minutes` from each local midnight (a DST day has 23 or 25 hours of them), or one per local day.
 */
export function intervalGrid(fromMs: number, toMs: number, zone: string, minutes: number | 'day'): IntervalGrid {
  const starts: number[] = [];
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  while (day.toMillis() < toMs) {
    const next = day.plus({ days: 1 }).startOf('day');
    if (minutes === 'day') starts.push(day.toMillis());
    else for (let t = day.toMillis(); t < next.toMillis(); t += minutes * 60_000) starts.push(t);
    day = next;
  }
  const endMs = starts.length ? day.toMillis() : toMs;
  const labels = starts.map((ms) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!);
  return { starts, endMs, labels, zone };
}

/** Index of the interval holding `ms` (-1 when outside the grid). Binary search. */
export function intervalIndex(grid: IntervalGrid, ms: number): number {
  const s = grid.starts;
  if (s.length === 0 || ms < s[0] || ms >= grid.endMs) return -1;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

class Acc {
  offered = 0;
  answered = 0;
  abandoned = 0;
  shortAbandoned = 0;
  exited = 0;
  answeredWithin = 0;
  waitSum = 0;
  waitN = 0;
  handleSum = 0;
  handleN = 0;
  maxWait: number | null = null;

  add(o: Acc): void {
    this.offered += o.offered;
    this.answered += o.answered;
    this.abandoned += o.abandoned;
    this.shortAbandoned += o.shortAbandoned;
    this.exited += o.exited;
    this.answeredWithin += o.answeredWithin;
    this.waitSum += o.waitSum;
    this.waitN += o.waitN;
    this.handleSum += o.handleSum;
    this.handleN += o.handleN;
    if (o.maxWait !== null) this.maxWait = this.maxWait === null ? o.maxWait : Math.max(this.maxWait, o.maxWait);
  }

  row(queue: string, intervalStart: string | null): SlaRow {
    const base = this.offered - this.shortAbandoned;
    return {
      queue,
      intervalStart,
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      shortAbandoned: this.shortAbandoned,
      exited: this.exited,
      answeredWithin: this.answeredWithin,
      serviceLevel: base > 0 ? this.answeredWithin / base : null,
      abandonRate: base > 0 ? (this.abandoned - this.shortAbandoned) / base : null,
      asaSeconds: this.waitN > 0 ? this.waitSum / this.waitN : null,
      ahtSeconds: this.handleN > 0 ? this.handleSum / this.handleN : null,
      maxWaitSeconds: this.maxWait,
    };
  }
}

/**
 * Rows per queue and non-empty interval, each queue followed by its total row (intervalStart null).
 * Calls outside the grid are ignored. Queues sorted by name, intervals by time.
 */
export function slaReport(
  calls: Iterable<CallRecord>,
  grid: IntervalGrid,
  opts: SlaOptions,
  volumes: Iterable<VolumeRecord> = [],
): SlaRow[] {
  const byQueue = new Map<string, Map<number, Acc>>();
  const cell = (queue: string, i: number) => {
    let q = byQueue.get(queue);
    if (!q) byQueue.set(queue, (q = new Map()));
    let a = q.get(i);
    if (!a) q.set(i, (a = new Acc()));
    return a;
  };
  for (const c of calls) {
    const i = intervalIndex(grid, c.enteredMs);
    if (i < 0) continue;
    const a = cell(c.queue, i);
    a.offered++;
    if (a.maxWait === null || c.waitS > a.maxWait) a.maxWait = c.waitS;
    switch (c.outcome) {
      case 'answered':
        a.answered++;
        a.waitSum += c.waitS;
        a.waitN++;
        a.handleSum += (c.talkS ?? 0) + (c.wrapS ?? 0);
        a.handleN++;
        if (c.waitS <= opts.slThresholdS) a.answeredWithin++;
        break;
      case 'abandoned':
        a.abandoned++;
        if (c.waitS < opts.shortAbandonS) a.shortAbandoned++;
        break;
      default:
        a.exited++;
    }
  }
  const callQueues = new Set(byQueue.keys());
  for (const v of volumes) {
    if (callQueues.has(v.queue)) continue;
    const i = intervalIndex(grid, v.intervalStartMs);
    if (i < 0) continue;
    const a = cell(v.queue, i);
    const answered = v.answered ?? 0;
    const abandoned = v.abandoned ?? 0;
    a.offered += v.offered;
    a.answered += answered;
    a.abandoned += abandoned;
    a.exited += Math.max(0, v.offered - answered - abandoned);
    a.answeredWithin += v.answeredWithin ?? 0;
    if (v.asaS !== null && answered > 0) {
      a.waitSum += v.asaS * answered;
      a.waitN += answered;
    }
    if (v.ahtS !== null && answered > 0) {
      a.handleSum += v.ahtS * answered;
      a.handleN += answered;
    }
  }
  const rows: SlaRow[] = [];
  for (const queue of [...byQueue.keys()].sort()) {
    const cells = byQueue.get(queue)!;
    const total = new Acc();
    for (const i of [...cells.keys()].sort((x, y) => x - y)) {
      const a = cells.get(i)!;
      rows.push(a.row(queue, grid.labels[i]));
      total.add(a);
    }
    rows.push(total.row(queue, null));
  }
  return rows;
}

export interface AgentRow {
  agent: string;
  /** Interval start (ISO 8601 with offset); null on the agent's total row. */
  intervalStart: string | null;
  loggedInSeconds: number;
  pausedSeconds: number;
  calls: number;
  talkSeconds: number;
  /** (talk + wrap-up) / (logged in - paused); null when not available at all. */
  occupancy: number | null;
}

export const AGENT_FIELDS = ['agent', 'intervalStart', 'loggedInSeconds', 'pausedSeconds', 'calls', 'talkSeconds', 'occupancy'] as const;

/** Spread [startMs, endMs) over the grid, calling `add(index, seconds)` for each overlapped interval. */
function spread(grid: IntervalGrid, startMs: number, endMs: number, add: (i: number, seconds: number) => void): void {
  let i = intervalIndex(grid, Math.max(startMs, grid.starts[0] ?? startMs));
  if (i < 0) return;
  for (; i < grid.starts.length; i++) {
    const a = grid.starts[i];
    const b = i + 1 < grid.starts.length ? grid.starts[i + 1] : grid.endMs;
    if (a >= endMs) break;
    const overlap = Math.min(b, endMs) - Math.max(a, startMs);
    if (overlap > 0) add(i, overlap / 1000);
  }
}

/**
 * Per agent and interval: logged-in and paused seconds (from agent spans), answered calls (by the
 * interval in which they were answered: enter + wait), talk (+ wrap) seconds spread over the
 * intervals the conversation covered, occupancy = handle seconds / (logged-in - paused seconds).
 * Each agent is followed by a total row.
 */
export function agentReport(calls: Iterable<CallRecord>, spans: readonly AgentSpan[], grid: IntervalGrid): AgentRow[] {
  type Cell = { logged: number; paused: number; calls: number; talk: number };
  const byAgent = new Map<string, Map<number, Cell>>();
  const cell = (agent: string, i: number) => {
    let m = byAgent.get(agent);
    if (!m) byAgent.set(agent, (m = new Map()));
    let c = m.get(i);
    if (!c) m.set(i, (c = { logged: 0, paused: 0, calls: 0, talk: 0 }));
    return c;
  };
  for (const s of spans) {
    spread(grid, s.startMs, s.endMs, (i, sec) => {
      const c = cell(s.agent, i);
      c.logged += sec;
      if (s.paused) c.paused += sec;
    });
  }
  for (const call of calls) {
    if (call.outcome !== 'answered' || !call.agent) continue;
    const answerMs = call.enteredMs + call.waitS * 1000;
    const i = intervalIndex(grid, answerMs);
    if (i >= 0) cell(call.agent, i).calls++;
    const handle = (call.talkS ?? 0) + (call.wrapS ?? 0);
    spread(grid, answerMs, answerMs + handle * 1000, (j, sec) => {
      cell(call.agent!, j).talk += sec;
    });
  }
  const row = (agent: string, intervalStart: string | null, c: Cell): AgentRow => {
    const available = c.logged - c.paused;
    return {
      agent,
      intervalStart,
      loggedInSeconds: c.logged,
      pausedSeconds: c.paused,
      calls: c.calls,
      talkSeconds: c.talk,
      occupancy: available > 0 ? c.talk / available : null,
    };
  };
  const rows: AgentRow[] = [];
  for (const agent of [...byAgent.keys()].sort()) {
    const cells = byAgent.get(agent)!;
    const total: Cell = { logged: 0, paused: 0, calls: 0, talk: 0 };
    for (const i of [...cells.keys()].sort((x, y) => x - y)) {
      const c = cells.get(i)!;
      rows.push(row(agent, grid.labels[i], c));
      total.logged += c.logged;
      total.paused += c.paused;
      total.calls += c.calls;
      total.talk += c.talk;
    }
    rows.push(row(agent, null, total));
  }
  return rows;
}
