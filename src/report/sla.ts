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
 *
 * The ratios are src/kpi.ts's `serviceLevel`, `abandonRate`, `asa` and `aht` (occupancy in the agent
 * rows is its `occupancy`).
 *
 * Two paths, one set of formulas: the counts per queue and interval ("cells", `CallCell`) come either
 * from the calls (`cellsFromCalls`) or from the store's SQL aggregates (`Store.callCells`, much faster
 * over many calls); `slaFromCells` turns cells into rows, and only there are the KPIs computed.
 */
import { DateTime } from 'luxon';
import type { CallRecord, VolumeRecord } from '../cdr/types.js';
import type { AgentSpan } from '../cdr/sessions.js';
import type { CallCell } from './cells.js';
import * as kpi from '../kpi.js';

export type { CallCell };

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

/**
 * A running sum by the Kahan-Babushka-Neumaier algorithm (Neumaier 1974, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen"): the error of each addition is kept and added at
 * the end. It is the algorithm of SQLite's sum()/total() since 3.43 (func.c, kahanBabuskaNeumaierStep),
 * so the per-call path and the store's aggregates give the same sums, bit for bit, in the same order.
 */
export class NeumaierSum {
  private s = 0;
  private e = 0;
  add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) > Math.abs(x)) this.e += this.s - t + x;
    else this.e += x - t + this.s;
    this.s = t;
  }
  /** The compensated sum (the plain sum when the error term overflowed, as SQLite). */
  get value(): number {
    return Number.isFinite(this.e) ? this.s + this.e : this.s;
  }
}

/** The sums behind one SLA row; `row` applies the KPIs of src/kpi.ts (one definition for every path). */
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

  /** Add a cell of call counts (every answered call has a wait and a handle time). */
  addCell(c: CallCell): void {
    this.offered += c.offered;
    this.answered += c.answered;
    this.abandoned += c.abandoned;
    this.shortAbandoned += c.shortAbandoned;
    this.exited += c.timeout + c.key + c.empty;
    this.answeredWithin += c.answeredWithin;
    this.waitSum += c.answeredWaitS;
    this.waitN += c.answered;
    this.handleSum += c.handleS;
    this.handleN += c.answered;
    if (c.offered > 0) this.maxWait = this.maxWait === null ? c.maxWaitS : Math.max(this.maxWait, c.maxWaitS);
  }

  /** Add an ACD interval volume (no short abandons, no max wait; ASA and AHT weighted by answered). */
  addVolume(v: VolumeRecord): void {
    const answered = v.answered ?? 0;
    const abandoned = v.abandoned ?? 0;
    this.offered += v.offered;
    this.answered += answered;
    this.abandoned += abandoned;
    this.exited += Math.max(0, v.offered - answered - abandoned);
    this.answeredWithin += v.answeredWithin ?? 0;
    if (v.asaS !== null && answered > 0) {
      this.waitSum += v.asaS * answered;
      this.waitN += answered;
    }
    if (v.ahtS !== null && answered > 0) {
      this.handleSum += v.ahtS * answered;
      this.handleN += answered;
    }
  }

  row(queue: string, intervalStart: string | null): SlaRow {
    const counts = { offered: this.offered, shortAbandoned: this.shortAbandoned };
    return {
      queue,
      intervalStart,
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      shortAbandoned: this.shortAbandoned,
      exited: this.exited,
      answeredWithin: this.answeredWithin,
      serviceLevel: kpi.serviceLevel({ ...counts, answeredWithin: this.answeredWithin }),
      abandonRate: kpi.abandonRate({ ...counts, abandoned: this.abandoned }),
      asaSeconds: kpi.asa({ waitSeconds: this.waitSum, answered: this.waitN }),
      ahtSeconds: kpi.aht({ handleSeconds: this.handleSum, calls: this.handleN }),
      maxWaitSeconds: this.maxWait,
    };
  }
}

const emptyCell = (queue: string, interval: number): CallCell => ({
  queue, interval, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timeout: 0, key: 0, empty: 0,
  answeredWithin: 0, answeredWaitS: 0, handleS: 0, maxWaitS: -Infinity,
});

/**
 * The per-call path of the cell counts: per queue and grid interval (a call belongs to the interval
 * in which it entered the queue; calls outside the grid are ignored), offered, answered, abandoned,
 * shortAbandoned (abandoned with wait < shortAbandonS), timeout/key/empty, answeredWithin (answered
 * with wait <= slThresholdS), the sums of answered waits and of answered talk + wrap-up (Neumaier
 * sums in input order), and the longest wait. The store computes the same cells in SQL
 * (`Store.callCells`); non-empty cells, by queue name then interval.
 */
export function cellsFromCalls(calls: Iterable<CallRecord>, grid: IntervalGrid, opts: SlaOptions): CallCell[] {
  type Work = { cell: CallCell; wait: NeumaierSum; handle: NeumaierSum };
  const byQueue = new Map<string, Map<number, Work>>();
  for (const c of calls) {
    const i = intervalIndex(grid, c.enteredMs);
    if (i < 0) continue;
    let q = byQueue.get(c.queue);
    if (!q) byQueue.set(c.queue, (q = new Map()));
    let w = q.get(i);
    if (!w) q.set(i, (w = { cell: emptyCell(c.queue, i), wait: new NeumaierSum(), handle: new NeumaierSum() }));
    const a = w.cell;
    a.offered++;
    if (c.waitS > a.maxWaitS) a.maxWaitS = c.waitS;
    switch (c.outcome) {
      case 'answered':
        a.answered++;
        w.wait.add(c.waitS);
        w.handle.add((c.talkS ?? 0) + (c.wrapS ?? 0));
        if (c.waitS <= opts.slThresholdS) a.answeredWithin++;
        break;
      case 'abandoned':
        a.abandoned++;
        if (c.waitS < opts.shortAbandonS) a.shortAbandoned++;
        break;
      case 'timeout':
        a.timeout++;
        break;
      case 'key':
        a.key++;
        break;
      default:
        a.empty++;
    }
  }
  const out: CallCell[] = [];
  for (const queue of [...byQueue.keys()].sort()) {
    const cells = byQueue.get(queue)!;
    for (const i of [...cells.keys()].sort((x, y) => x - y)) {
      const w = cells.get(i)!;
      w.cell.answeredWaitS = w.wait.value;
      w.cell.handleS = w.handle.value;
      out.push(w.cell);
    }
  }
  return out;
}

/**
 * SLA rows from pre-counted cells (`cellsFromCalls` or `Store.callCells` on the same grid and
 * options): per queue and non-empty interval, each queue followed by its total row (intervalStart
 * null); queues by name, intervals by time. Interval volumes count for a queue only when it has no
 * cells. The KPI definitions are in the module comment.
 */
export function slaFromCells(cells: Iterable<CallCell>, grid: IntervalGrid, volumes: Iterable<VolumeRecord> = []): SlaRow[] {
  const byQueue = new Map<string, Map<number, Acc>>();
  const acc = (queue: string, i: number) => {
    let q = byQueue.get(queue);
    if (!q) byQueue.set(queue, (q = new Map()));
    let a = q.get(i);
    if (!a) q.set(i, (a = new Acc()));
    return a;
  };
  for (const c of cells) {
    if (c.offered > 0 && c.interval >= 0 && c.interval < grid.starts.length) acc(c.queue, c.interval).addCell(c);
  }
  const callQueues = new Set(byQueue.keys());
  for (const v of volumes) {
    if (callQueues.has(v.queue)) continue;
    const i = intervalIndex(grid, v.intervalStartMs);
    if (i >= 0) acc(v.queue, i).addVolume(v);
  }
  const rows: SlaRow[] = [];
  for (const queue of [...byQueue.keys()].sort()) {
    const intervals = byQueue.get(queue)!;
    const total = new Acc();
    for (const i of [...intervals.keys()].sort((x, y) => x - y)) {
      const a = intervals.get(i)!;
      rows.push(a.row(queue, grid.labels[i]));
      total.add(a);
    }
    rows.push(total.row(queue, null));
  }
  return rows;
}

/**
 * Rows per queue and non-empty interval, each queue followed by its total row (intervalStart null),
 * from calls: `slaFromCells(cellsFromCalls(calls, grid, opts), grid, volumes)`. Calls outside the grid
 * are ignored. Queues sorted by name, intervals by time.
 */
export function slaReport(
  calls: Iterable<CallRecord>,
  grid: IntervalGrid,
  opts: SlaOptions,
  volumes: Iterable<VolumeRecord> = [],
): SlaRow[] {
  return slaFromCells(cellsFromCalls(calls, grid, opts), grid, volumes);
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
    return {
      agent,
      intervalStart,
      loggedInSeconds: c.logged,
      pausedSeconds: c.paused,
      calls: c.calls,
      talkSeconds: c.talk,
      occupancy: kpi.occupancy({ handleSeconds: c.talk, availableSeconds: c.logged - c.paused }),
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
