/**
 * Agent report (`wfm report agents`) and agent outliers. Pure: calls, agent spans, agents and roster
 * shifts in; rows out. Times are epoch ms; durations seconds.
 *
 * Per agent over [fromMs, toMs):
 * - loggedInSeconds, pausedSeconds (from agent spans, src/cdr/sessions.ts), pausedByReason (paused
 *   seconds per pause reason; '' = no reason given); all three null when the data say nothing of the
 *   agent's sessions in the period (e.g. static queue members, which log no ADDMEMBER/AGENTLOGIN):
 *   unknown, not zero
 * - calls: answered calls whose answer (enter + wait) falls in the period; handleSeconds: their talk
 *   (+ wrap-up where known); ahtSeconds = handleSeconds / calls (null without calls), src/kpi.ts `aht`
 * - occupancy = handleSeconds / (loggedIn - paused) (null when the agent was never available, or
 *   its sessions are unknown), src/kpi.ts `occupancy`
 * - scheduledSeconds: roster shift time in the period (breaks included); workSeconds: without breaks
 * - adherence = seconds in which the actual state matches the schedule / scheduled seconds. Matching:
 *   scheduled to work and available (logged in, not paused); or on a scheduled break and not
 *   available. (Reynolds, "The Call Center Handbook"; the same definition as `wfm live`.)
 * - conformance = available seconds (whenever they fall) / scheduled work seconds: whether the agent
 *   worked the amount of time scheduled, regardless of when.
 * Adherence and conformance are null without a roster or when the agent had no shift.
 *
 * Outliers: the robust z-score of Iglewicz and Hoaglin (1993), z = 0.6745 (x - median) / MAD, MAD the
 * median absolute deviation from the median, among the agents of the same team (all agents when the
 * team is unknown); when MAD is 0, z = (x - median) / (1.253314 x mean absolute deviation). An agent
 * is an outlier when |z| > threshold (3.5 in the paper). Needs at least 3 agents with a value.
 */
import type { CallRecord } from '../cdr/types.js';
import type { AgentSpan } from '../cdr/sessions.js';
import type { AgentRecord } from '../people/types.js';
import type { Shift } from '../formats/shifts.js';
import type { AgentCallQuery, AgentCallTotal } from './cells.js';
import { mean, median, medianAbsoluteDeviation } from 'simple-statistics';
import * as kpi from '../kpi.js';
import { NeumaierSum } from './sla.js';

export interface AgentDayRow {
  agent: string;
  name: string | null;
  team: string | null;
  loggedInSeconds: number | null;
  pausedSeconds: number | null;
  pausedByReason: Record<string, number> | null;
  calls: number;
  handleSeconds: number;
  ahtSeconds: number | null;
  occupancy: number | null;
  scheduledSeconds: number | null;
  workSeconds: number | null;
  adherence: number | null;
  conformance: number | null;
}

export const AGENT_DAY_FIELDS = [
  'agent', 'name', 'team', 'loggedInSeconds', 'pausedSeconds', 'pausedByReason', 'calls', 'handleSeconds', 'ahtSeconds',
  'occupancy', 'scheduledSeconds', 'workSeconds', 'adherence', 'conformance',
] as const;

type Span = [number, number];

/** Total length in ms of the overlap of two sorted, non-overlapping span lists. */
function overlapMs(a: readonly Span[], b: readonly Span[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (hi > lo) total += hi - lo;
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return total;
}

/** Sort and merge spans into a non-overlapping list. */
function merge(spans: Span[]): Span[] {
  spans.sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

const total = (spans: readonly Span[]) => spans.reduce((s, x) => s + (x[1] - x[0]), 0);

/**
 * The per-call path of `Store.agentCallTotals`: per agent and queue, answered calls entered in
 * [fromMs, toMs) (`enteredCalls`), answered calls whose answer (enter + wait) falls in [fromMs, toMs)
 * among those entered from `enteredFromMs` (`answeredCalls`), and their talk + wrap-up seconds
 * (`handleS`, a Neumaier sum in input order as SQLite's total()). Entries with any such call, by
 * agent then queue.
 */
export function agentTotalsFromCalls(calls: Iterable<CallRecord>, q: AgentCallQuery): AgentCallTotal[] {
  const acc = new Map<string, { t: AgentCallTotal; handle: NeumaierSum }>();
  const lookback = Math.min(q.enteredFromMs, q.fromMs);
  for (const c of calls) {
    if (c.outcome !== 'answered' || !c.agent || c.enteredMs < lookback || c.enteredMs >= q.toMs) continue;
    if (q.queues && q.queues.length && !q.queues.includes(c.queue)) continue;
    const entered = c.enteredMs >= q.fromMs;
    const answer = c.enteredMs + c.waitS * 1000;
    const answeredIn = answer >= q.fromMs && answer < q.toMs;
    if (!entered && !answeredIn) continue;
    const k = `${c.agent}\u0000${c.queue}`;
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { t: { agent: c.agent, queue: c.queue, enteredCalls: 0, answeredCalls: 0, handleS: 0 }, handle: new NeumaierSum() }));
    if (entered) a.t.enteredCalls++;
    if (answeredIn) {
      a.t.answeredCalls++;
      a.handle.add((c.talkS ?? 0) + (c.wrapS ?? 0));
    }
  }
  const out = [...acc.values()].map(({ t, handle }) => ({ ...t, handleS: handle.value }));
  return out.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
}

/**
 * Per agent over [fromMs, toMs): the figures of the module comment, from agent spans, the answered
 * calls per agent and queue (`Store.agentCallTotals` or `agentTotalsFromCalls` for the same period;
 * only `answeredCalls` and `handleS` are used), the agents table and the roster shifts (null: none).
 */
export function agentDayReport(
  totals: readonly AgentCallTotal[],
  spans: readonly AgentSpan[],
  fromMs: number,
  toMs: number,
  agents: readonly AgentRecord[],
  shifts: readonly Shift[] | null,
): AgentDayRow[] {
  const byId = new Map(agents.map((a) => [a.id, a]));
  type Acc = { known: boolean; logged: number; paused: number; reasons: Record<string, number>; calls: number; handle: number; avail: Span[] };
  const acc = new Map<string, Acc>();
  const get = (agent: string) => {
    let a = acc.get(agent);
    if (!a) acc.set(agent, (a = { known: false, logged: 0, paused: 0, reasons: {}, calls: 0, handle: 0, avail: [] }));
    return a;
  };
  for (const s of spans) {
    const a0 = Math.max(s.startMs, fromMs);
    const b0 = Math.min(s.endMs, toMs);
    if (b0 <= a0) continue;
    const a = get(s.agent);
    a.known = true;
    if (!s.loggedIn) continue;
    const sec = (b0 - a0) / 1000;
    a.logged += sec;
    if (s.paused) {
      a.paused += sec;
      const r = s.reason ?? '';
      a.reasons[r] = (a.reasons[r] ?? 0) + sec;
    } else a.avail.push([a0, b0]);
  }
  // per agent, its queues in name order (the order both paths give)
  const sorted = [...totals].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
  for (const t of sorted) {
    if (t.answeredCalls <= 0) continue;
    const a = get(t.agent);
    a.calls += t.answeredCalls;
    a.handle += t.handleS;
  }
  const shiftsBy = new Map<string, Shift[]>();
  for (const s of shifts ?? []) {
    if (s.endMs <= fromMs || s.startMs >= toMs) continue;
    shiftsBy.set(s.agent, [...(shiftsBy.get(s.agent) ?? []), s]);
    get(s.agent);
  }
  const rows: AgentDayRow[] = [];
  for (const agent of [...acc.keys()].sort()) {
    const a = acc.get(agent)!;
    const rec = byId.get(agent);
    const avail = merge(a.avail);
    const available = a.logged - a.paused;
    let scheduled: number | null = null;
    let work: number | null = null;
    let adherence: number | null = null;
    let conformance: number | null = null;
    if (shifts) {
      const mine = shiftsBy.get(agent) ?? [];
      const shiftSpans = merge(mine.map((s) => [Math.max(s.startMs, fromMs), Math.min(s.endMs, toMs)] as Span));
      const breakSpans = merge(
        mine.flatMap((s) => s.breaks.map((b) => [Math.max(b.startMs, fromMs, s.startMs), Math.min(b.endMs, toMs, s.endMs)] as Span)).filter((x) => x[1] > x[0]),
      );
      const schedMs = total(shiftSpans);
      const breakMs = total(breakSpans);
      scheduled = schedMs / 1000;
      work = (schedMs - breakMs) / 1000;
      if (schedMs > 0) {
        const availInShift = overlapMs(avail, shiftSpans);
        const availInBreak = overlapMs(avail, breakSpans);
        const workAvail = availInShift - availInBreak;
        const breakAway = breakMs - availInBreak;
        adherence = (workAvail + breakAway) / schedMs;
        conformance = work > 0 ? available / work : null;
      }
    }
    rows.push({
      agent,
      name: rec?.name ?? null,
      team: rec?.team ?? null,
      loggedInSeconds: a.known ? a.logged : null,
      pausedSeconds: a.known ? a.paused : null,
      pausedByReason: a.known ? a.reasons : null,
      calls: a.calls,
      handleSeconds: a.handle,
      ahtSeconds: kpi.aht({ handleSeconds: a.handle, calls: a.calls }),
      // occupancy stays unknown (null) for an agent whose sessions the data do not show
      occupancy: a.known ? kpi.occupancy({ handleSeconds: a.handle, availableSeconds: available }) : null,
      scheduledSeconds: scheduled,
      workSeconds: work,
      adherence,
      conformance,
    });
  }
  return rows;
}

/**
 * Robust z-scores (Iglewicz & Hoaglin 1993, "How to Detect and Handle Outliers"): 0.6745 (x - median)
 * / MAD; with MAD = 0, (x - median) / (1.253314 x meanAD); null for every value when both are 0 or
 * fewer than 3 values are given. MAD is simple-statistics' `medianAbsoluteDeviation`, unscaled (the
 * median of |x - median|; the 0.6745 above is its normal-consistency factor).
 */
export function robustZ(values: readonly number[]): (number | null)[] {
  if (values.length < 3) return values.map(() => null);
  const med = median(values);
  const mad = medianAbsoluteDeviation(values);
  if (mad > 0) return values.map((v) => (0.6745 * (v - med)) / mad);
  const meanAd = mean(values.map((v) => Math.abs(v - med)));
  if (meanAd > 0) return values.map((v) => (v - med) / (1.253314 * meanAd));
  return values.map(() => null);
}

export interface AgentOutlier {
  agent: string;
  team: string | null;
  metric: 'aht' | 'pauseShare';
  value: number;
  /** The team median of the metric. */
  median: number;
  z: number;
}

/**
 * Agents whose AHT (seconds) or pause share (paused / logged-in seconds) is far from their team's:
 * |robust z| > threshold. Teams from the rows (null = one group of agents without a team).
 */
export function agentOutliers(rows: readonly AgentDayRow[], threshold: number): AgentOutlier[] {
  const out: AgentOutlier[] = [];
  const teams = new Map<string | null, AgentDayRow[]>();
  for (const r of rows) teams.set(r.team, [...(teams.get(r.team) ?? []), r]);
  const metrics: [AgentOutlier['metric'], (r: AgentDayRow) => number | null][] = [
    ['aht', (r) => r.ahtSeconds],
    ['pauseShare', (r) => (r.loggedInSeconds !== null && r.pausedSeconds !== null && r.loggedInSeconds > 0 ? r.pausedSeconds / r.loggedInSeconds : null)],
  ];
  for (const [team, members] of teams) {
    for (const [metric, f] of metrics) {
      const withValue = members.filter((r) => f(r) !== null);
      const values = withValue.map((r) => f(r)!);
      const zs = robustZ(values);
      const med = values.length ? median(values) : 0;
      withValue.forEach((r, i) => {
        const z = zs[i];
        if (z !== null && Math.abs(z) > threshold) out.push({ agent: r.agent, team, metric, value: values[i], median: med, z });
      });
    }
  }
  out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.agent < b.agent ? -1 : 1));
  return out;
}
