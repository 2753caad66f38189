/**
 * Staffing report (`wfm report staffing`): per queue and interval, forecast vs actual calls and
 * required vs scheduled vs actually available agents. Pure: SLA rows, forecast rows, roster shifts and
 * agent spans in (all optional but the grid); rows out.
 *
 * Definitions, per queue and interval of length L seconds:
 * - forecastCalls: the forecast's calls starting in the interval (null without a forecast for the queue)
 * - actualCalls: offered calls (`report sla`); 0 when the queue has call data that day but none here
 * - required: Erlang C agents (src/queueing `requiredAgents`) for the service-level target, with
 *   traffic = calls x AHT / L. Calls and AHT from the forecast (requiredBasis 'forecast'); without a
 *   forecast, from the actual calls and the queue's AHT that day (basis 'actual', hindsight). AHT falls
 *   back to the queue's actual AHT of the day; null when none is known.
 * - scheduled: roster agents at work on the queue, time-weighted: sum of work seconds (shift minus
 *   breaks) in the interval / L. Null without a roster.
 * - loggedIn: agents logged in and not paused, time-weighted the same way, counted for the queue each
 *   agent is assigned to (`agentQueue`: the roster's queue, else the queue where the agent answered
 *   most calls that day). Null without agent events.
 * - gap = staffed - required, staffed = loggedIn when known, else scheduled; scheduledGap =
 *   scheduled - required. flag: 'short' when gap <= -shortBy, 'over' when gap >= overBy.
 * - serviceLevel: from `report sla` for the interval.
 * Total rows (intervalStart null) sum calls, and give required/scheduled/loggedIn/gap as agent-hours;
 * shortIntervals / overIntervals count the flags.
 */
import { requiredAgents, trafficRatio, type ServiceLevelTarget } from '../queueing/index.js';
import type { AgentSpan } from '../cdr/sessions.js';
import type { AgentCallTotal } from './cells.js';
import * as kpi from '../kpi.js';
import { intervalIndex, type IntervalGrid, type SlaRow } from './sla.js';
import { workSeconds, type Shift } from '../formats/shifts.js';

/** A forecast interval as the reports take it (a saved forecast or `--forecast-file`). */
export interface ForecastRow {
  queue: string;
  intervalStartMs: number;
  calls: number;
  /** Seconds; null when the forecast has none. */
  ahtS: number | null;
}

export interface StaffingRow {
  queue: string;
  intervalStart: string | null;
  forecastCalls: number | null;
  actualCalls: number | null;
  required: number | null;
  requiredBasis: 'forecast' | 'actual' | null;
  scheduled: number | null;
  loggedIn: number | null;
  gap: number | null;
  scheduledGap: number | null;
  serviceLevel: number | null;
  flag: 'short' | 'over' | null;
  shortIntervals: number | null;
  overIntervals: number | null;
}

export const STAFFING_FIELDS = [
  'queue', 'intervalStart', 'forecastCalls', 'actualCalls', 'required', 'requiredBasis', 'scheduled', 'loggedIn', 'gap',
  'scheduledGap', 'serviceLevel', 'flag', 'shortIntervals', 'overIntervals',
] as const;

export interface StaffingInput {
  grid: IntervalGrid;
  /** `slaReport` rows on the same grid (interval rows and total rows). */
  sla: readonly SlaRow[];
  forecast: readonly ForecastRow[] | null;
  shifts: readonly Shift[] | null;
  /** Agent spans in the period; null when there are no agent events. */
  spans: readonly AgentSpan[] | null;
  /** agent -> queue (see the module comment). */
  agentQueue: ReadonlyMap<string, string>;
  /** Each queue's service-level target (required agents are Erlang C agents for it). */
  target: (queue: string) => ServiceLevelTarget;
  shortBy: number;
  overBy: number;
  /** Only these queues (all when empty). */
  queues?: readonly string[];
}

/** Start and end (ms) of interval i of a grid. */
function bounds(grid: IntervalGrid, i: number): [number, number] {
  return [grid.starts[i], i + 1 < grid.starts.length ? grid.starts[i + 1] : grid.endMs];
}

/** Erlang C required agents, or null when the input does not allow one (no AHT, unreachable). */
export function requiredFor(calls: number, ahtS: number | null, intervalS: number, target: ServiceLevelTarget): number | null {
  if (ahtS === null || !(ahtS > 0)) return null;
  if (calls === 0) return 0;
  try {
    const exactTraffic = trafficRatio(calls, ahtS, intervalS / 60);
    return requiredAgents({ trafficErlangs: (calls * ahtS) / intervalS, exactTraffic, ahtSeconds: ahtS }, { serviceLevel: target });
  } catch {
    return null;
  }
}

/**
 * The queue each agent works: the queue of most roster work hours when shifts are given, else the
 * queue where it answered most calls that entered in the period (`enteredCalls` of the per agent and
 * queue totals, `Store.agentCallTotals`; ties: the queue name first in sort order).
 */
export function assignAgentQueues(
  answered: readonly Pick<AgentCallTotal, 'agent' | 'queue' | 'enteredCalls'>[],
  shifts: readonly Shift[] | null,
): Map<string, string> {
  const score = new Map<string, Map<string, number>>();
  const add = (agent: string, queue: string, w: number) => {
    let m = score.get(agent);
    if (!m) score.set(agent, (m = new Map()));
    m.set(queue, (m.get(queue) ?? 0) + w);
  };
  for (const c of answered) if (c.enteredCalls > 0) add(c.agent, c.queue, c.enteredCalls);
  const rostered = new Map<string, Map<string, number>>();
  for (const s of shifts ?? []) {
    const queue = s.queues[0];
    if (!queue) continue;
    let m = rostered.get(s.agent);
    if (!m) rostered.set(s.agent, (m = new Map()));
    m.set(queue, (m.get(queue) ?? 0) + workSeconds(s, s.startMs, s.endMs));
  }
  const out = new Map<string, string>();
  const best = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  for (const [agent, m] of score) out.set(agent, best(m));
  for (const [agent, m] of rostered) out.set(agent, best(m));
  return out;
}

export function staffingReport(inp: StaffingInput): StaffingRow[] {
  const { grid } = inp;
  const n = grid.starts.length;
  const want = inp.queues && inp.queues.length ? new Set(inp.queues) : null;
  const queues = new Set<string>();
  const slaCell = new Map<string, SlaRow>();
  const dayAht = new Map<string, number | null>();
  const dayTotal = new Map<string, SlaRow>();
  for (const r of inp.sla) {
    queues.add(r.queue);
    if (r.intervalStart === null) {
      dayAht.set(r.queue, r.ahtSeconds);
      dayTotal.set(r.queue, r);
    } else slaCell.set(`${r.queue}|${r.intervalStart}`, r);
  }
  const fc = new Map<string, { calls: number; ahtSum: number; ahtW: number }[]>();
  for (const f of inp.forecast ?? []) {
    const i = intervalIndex(grid, f.intervalStartMs);
    if (i < 0) continue;
    queues.add(f.queue);
    let arr = fc.get(f.queue);
    if (!arr) fc.set(f.queue, (arr = Array.from({ length: n }, () => ({ calls: 0, ahtSum: 0, ahtW: 0 }))));
    arr[i].calls += f.calls;
    if (f.ahtS !== null) {
      arr[i].ahtSum += f.ahtS * Math.max(f.calls, 1e-9);
      arr[i].ahtW += Math.max(f.calls, 1e-9);
    }
  }
  const sched = new Map<string, number[]>();
  for (const s of inp.shifts ?? []) {
    const queue = s.queues[0];
    if (!queue) continue;
    queues.add(queue);
    let arr = sched.get(queue);
    if (!arr) sched.set(queue, (arr = new Array(n).fill(0)));
    for (let i = 0; i < n; i++) {
      const [a, b] = bounds(grid, i);
      if (b <= s.startMs || a >= s.endMs) continue;
      arr[i] += workSeconds(s, a, b) / ((b - a) / 1000);
    }
  }
  const logged = new Map<string, number[]>();
  for (const sp of inp.spans ?? []) {
    if (sp.paused || !sp.loggedIn) continue;
    const q = inp.agentQueue.get(sp.agent);
    if (!q) continue;
    let arr = logged.get(q);
    if (!arr) logged.set(q, (arr = new Array(n).fill(0)));
    for (let i = 0; i < n; i++) {
      const [a, b] = bounds(grid, i);
      const ov = Math.min(b, sp.endMs) - Math.max(a, sp.startMs);
      if (ov > 0) arr[i] += ov / (b - a);
    }
  }

  const rows: StaffingRow[] = [];
  for (const queue of [...queues].sort()) {
    if (want && !want.has(queue)) continue;
    const hasCalls = dayTotal.has(queue);
    const f = fc.get(queue);
    const sc = inp.shifts ? (sched.get(queue) ?? new Array(n).fill(0)) : null;
    const lg = inp.spans ? (logged.get(queue) ?? new Array(n).fill(0)) : null;
    const tot = { fc: f ? 0 : null as number | null, ac: hasCalls ? 0 : null as number | null, req: 0, reqKnown: false, sch: 0, log: 0, gap: 0, gapKnown: false, sgap: 0, sgapKnown: false, short: 0, over: 0 };
    for (let i = 0; i < n; i++) {
      const [a, b] = bounds(grid, i);
      const L = (b - a) / 1000;
      const label = grid.labels[i];
      const s = slaCell.get(`${queue}|${label}`);
      const actualCalls = hasCalls ? (s?.offered ?? 0) : null;
      let required: number | null = null;
      let basis: StaffingRow['requiredBasis'] = null;
      if (f) {
        // the forecast rows' AHT weighted by their calls: expected handle seconds / expected calls
        // (a row with 0 calls weighs 1e-9, so an interval forecast at 0 calls still has an AHT)
        const aht = kpi.aht({ handleSeconds: f[i].ahtSum, calls: f[i].ahtW }) ?? dayAht.get(queue) ?? null;
        required = requiredFor(f[i].calls, aht, L, inp.target(queue));
        basis = required === null ? null : 'forecast';
      } else if (actualCalls !== null) {
        const aht = s?.ahtSeconds ?? dayAht.get(queue) ?? null;
        required = requiredFor(actualCalls, aht, L, inp.target(queue));
        basis = required === null ? null : 'actual';
      }
      const scheduled = sc ? sc[i] : null;
      const loggedIn = lg ? lg[i] : null;
      const staffed = loggedIn ?? scheduled;
      const gap = staffed !== null && required !== null ? staffed - required : null;
      const scheduledGap = scheduled !== null && required !== null ? scheduled - required : null;
      const flag = gap === null ? null : gap <= -inp.shortBy ? 'short' : gap >= inp.overBy ? 'over' : null;
      // skip intervals with nothing at all
      if (!f && !s && !(scheduled && scheduled > 0) && !(loggedIn && loggedIn > 0)) continue;
      rows.push({
        queue,
        intervalStart: label,
        forecastCalls: f ? f[i].calls : null,
        actualCalls,
        required,
        requiredBasis: basis,
        scheduled,
        loggedIn,
        gap,
        scheduledGap,
        serviceLevel: s?.serviceLevel ?? null,
        flag,
        shortIntervals: null,
        overIntervals: null,
      });
      const h = L / 3600;
      if (f) tot.fc! += f[i].calls;
      if (actualCalls !== null) tot.ac! += actualCalls;
      if (required !== null) {
        tot.req += required * h;
        tot.reqKnown = true;
      }
      if (scheduled !== null) tot.sch += scheduled * h;
      if (loggedIn !== null) tot.log += loggedIn * h;
      if (gap !== null) {
        tot.gap += gap * h;
        tot.gapKnown = true;
      }
      if (scheduledGap !== null) {
        tot.sgap += scheduledGap * h;
        tot.sgapKnown = true;
      }
      if (flag === 'short') tot.short++;
      if (flag === 'over') tot.over++;
    }
    rows.push({
      queue,
      intervalStart: null,
      forecastCalls: tot.fc,
      actualCalls: tot.ac,
      required: tot.reqKnown ? tot.req : null,
      requiredBasis: f ? 'forecast' : hasCalls ? 'actual' : null,
      scheduled: sc ? tot.sch : null,
      loggedIn: lg ? tot.log : null,
      gap: tot.gapKnown ? tot.gap : null,
      scheduledGap: tot.sgapKnown ? tot.sgap : null,
      serviceLevel: dayTotal.get(queue)?.serviceLevel ?? null,
      flag: null,
      shortIntervals: tot.short,
      overIntervals: tot.over,
    });
  }
  return rows;
}

export interface ForecastAccuracyRow {
  queue: string;
  intervals: number;
  forecastCalls: number;
  actualCalls: number;
  /** Weighted absolute percentage error: sum |F - A| / sum A over the intervals (a share); null when sum A = 0. */
  wape: number | null;
  /** Bias: sum (F - A) / sum A (a share; positive = over-forecast); null when sum A = 0. */
  bias: number | null;
}

export const FORECAST_ACCURACY_FIELDS = ['queue', 'intervals', 'forecastCalls', 'actualCalls', 'wape', 'bias'] as const;

/**
 * Forecast accuracy per queue over the grid's intervals that have a forecast: WAPE = sum |F - A| /
 * sum A and bias = sum (F - A) / sum A (the definitions of `wfm forecast --backtest`, as shares
 * instead of percentages; Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 5.8).
 * Actual calls per interval from `report sla` rows on the same grid (0 where a forecast interval has
 * no calls). Queues without a forecast are left out.
 */
export function forecastAccuracy(grid: IntervalGrid, forecast: readonly ForecastRow[], sla: readonly SlaRow[]): ForecastAccuracyRow[] {
  const f = new Map<string, Map<number, number>>();
  for (const r of forecast) {
    const i = intervalIndex(grid, r.intervalStartMs);
    if (i < 0) continue;
    let m = f.get(r.queue);
    if (!m) f.set(r.queue, (m = new Map()));
    m.set(i, (m.get(i) ?? 0) + r.calls);
  }
  const labelIndex = new Map(grid.labels.map((l, i) => [l, i]));
  const actual = new Map<string, Map<number, number>>();
  for (const r of sla) {
    if (r.intervalStart === null) continue;
    const i = labelIndex.get(r.intervalStart);
    if (i === undefined) continue;
    let m = actual.get(r.queue);
    if (!m) actual.set(r.queue, (m = new Map()));
    m.set(i, r.offered);
  }
  const rows: ForecastAccuracyRow[] = [];
  for (const queue of [...f.keys()].sort()) {
    const fm = f.get(queue)!;
    const am = actual.get(queue) ?? new Map<number, number>();
    let sf = 0;
    let sa = 0;
    let abs = 0;
    for (const [i, fv] of fm) {
      const av = am.get(i) ?? 0;
      sf += fv;
      sa += av;
      abs += Math.abs(fv - av);
    }
    rows.push({ queue, intervals: fm.size, forecastCalls: sf, actualCalls: sa, wape: sa > 0 ? abs / sa : null, bias: sa > 0 ? (sf - sa) / sa : null });
  }
  return rows;
}
