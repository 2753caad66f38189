/**
 * The live state: a reducer that applies normalised events (types.ts) in time order and builds a
 * snapshot (the view model) as of a given time. No I/O, no clock: "now" is a parameter.
 *
 * Call counts use the definitions of `wfm report sla` (src/report/sla.ts): a call belongs to the
 * window or interval in which it entered the queue; offered = calls with an outcome (answered at
 * CONNECT, abandoned, exited); shortAbandoned = abandoned after waiting less than `shortAbandonS`;
 * answeredWithin = answered with wait <= `slThresholdS`; serviceLevel = answeredWithin /
 * (offered - shortAbandoned); abandonRate = (abandoned - shortAbandoned) / (offered - shortAbandoned)
 * (src/kpi.ts `serviceLevel`, `abandonRate`). Callers still waiting are not offered yet; they are
 * `waiting`. An agent's AHT is src/kpi.ts `aht` over the calls it completed in the window, by
 * completion time, of talk time only (queue_log has no wrap-up), unlike the reports' talk + wrap-up.
 *
 * Seat state, derived per agent: not logged in (no AGENTLOGIN open, member of no queue) = loggedOut;
 * else a call ringing or talking = ringing / talking; else within `wrapupS` seconds after a call =
 * wrapup (queue_log does not record wrap-up; Asterisk's `wrapuptime` is a queue setting, so it is
 * an option here); else paused (in any queue, or PAUSEALL) = paused; else available. An agent seen
 * in a call or pause event without a login is taken as logged in (the window may start mid-shift).
 */
import { DateTime } from 'luxon';
import type {
  AgentCounts,
  AgentView,
  CallCounts,
  LiveEvent,
  LiveSnapshot,
  QueueView,
  SeatState,
  SourceStatus,
} from './types.js';
import { adherenceAt, type Roster } from './roster.js';
import { computeAlerts, type AlertThresholds } from './alerts.js';
import * as kpi from '../kpi.js';

export interface LiveOptions {
  /** Sliding window length, ms (default 8 h). */
  windowMs: number;
  /** Service-level threshold T, seconds (answered within T). */
  slThresholdS: number;
  /** Abandons after less than this many seconds are short abandons (0: none). */
  shortAbandonS: number;
  /** Wrap-up after each call, seconds (0: none). */
  wrapupS: number;
  /** Report interval, minutes, aligned to local midnight in `zone`. */
  intervalMinutes: number;
  /** The site's IANA zone. */
  zone: string;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  windowMs: 8 * 3_600_000,
  slThresholdS: 20,
  shortAbandonS: 5,
  wrapupS: 0,
  intervalMinutes: 30,
  zone: 'UTC',
};

/** How a finished call ended, stored compactly. */
const ANSWERED = 0;
const ABANDONED = 1;
const EXITED = 2;

interface Finished {
  enteredMs: number;
  outcome: number;
  waitS: number;
}

interface KnownCall {
  queue: string;
  callId: string;
  enteredMs: number;
  /** Counted as answered already (at CONNECT). */
  answered: boolean;
  /** Still on the waiting list. */
  waiting: boolean;
  /** AMI QueueCallerLeave time while the outcome is unknown. */
  leftMs: number | null;
}

interface AgentCall {
  callId: string;
  queue: string;
  phase: 'ringing' | 'talking';
}

interface Agent {
  name: string;
  loginAll: boolean;
  members: Set<string>;
  everQueues: Set<string>;
  pausedQueues: Set<string>;
  pausedAll: boolean;
  reason: string | null;
  call: AgentCall | null;
  wrapUntil: number;
  lastQueue: string | null;
  state: SeatState;
  since: number;
  /** Completed calls: end time and talk seconds, oldest first. */
  done: { endMs: number; talkS: number }[];
}

/** A left call whose outcome did not arrive within this time counts as exited (AMI only). */
const LEAVE_GRACE_MS = 10_000;

/**
 * Calls in progress (waiting, or answered and not completed) tracked per queue at most. A source
 * that announces more (a hostile AMI server: millions of QueueCallerJoin without a leave) is not
 * followed beyond it: the calls past the cap are counted in `untracked`, and a call answered past
 * the cap is counted once, at its completion. A real queue holds a few hundred callers at most.
 */
export const MAX_TRACKED_CALLS_PER_QUEUE = 10_000;

function emptyCounts(): CallCounts {
  return { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, exited: 0, answeredWithin: 0, serviceLevel: null, abandonRate: null };
}

function finishCounts(c: CallCounts): CallCounts {
  c.serviceLevel = kpi.serviceLevel(c);
  c.abandonRate = kpi.abandonRate(c);
  return c;
}

/** Start (epoch ms) of the report interval holding `ms`: every `minutes` from local midnight in `zone`. */
export function intervalStart(ms: number, minutes: number, zone: string): number {
  const midnight = DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();
  const step = minutes * 60_000;
  return midnight + Math.floor((ms - midnight) / step) * step;
}

export class LiveState {
  readonly opts: LiveOptions;
  private readonly agents = new Map<string, Agent>();
  private readonly queues = new Set<string>();
  private readonly calls = new Map<string, KnownCall>();
  /** Calls in `calls` per queue (for the cap). */
  private readonly tracked = new Map<string, number>();
  private readonly finished = new Map<string, Finished[]>();
  private latestMs = 0;
  /** Events applied so far (for diagnostics and the bench). */
  applied = 0;
  /** Calls not tracked because their queue had MAX_TRACKED_CALLS_PER_QUEUE already. */
  untracked = 0;

  constructor(opts: Partial<LiveOptions> = {}) {
    this.opts = { ...DEFAULT_LIVE_OPTIONS, ...opts };
  }

  /** Time of the latest event applied, epoch ms (0 before any). */
  get lastEventMs(): number {
    return this.latestMs;
  }

  private agent(name: string, t: number): Agent {
    let a = this.agents.get(name);
    if (!a) {
      a = {
        name,
        loginAll: false,
        members: new Set(),
        everQueues: new Set(),
        pausedQueues: new Set(),
        pausedAll: false,
        reason: null,
        call: null,
        wrapUntil: 0,
        lastQueue: null,
        state: 'loggedOut',
        since: t,
        done: [],
      };
      this.agents.set(name, a);
    }
    this.settle(a, t);
    return a;
  }

  /** The state of `a` at time t from its fields. */
  private derive(a: Agent, t: number): SeatState {
    if (!a.loginAll && a.members.size === 0) return 'loggedOut';
    if (a.call) return a.call.phase;
    if (a.wrapUntil > t) return 'wrapup';
    if (a.pausedAll || a.pausedQueues.size > 0) return 'paused';
    return 'available';
  }

  /** Let a wrap-up that ended before t end at its own time. */
  private settle(a: Agent, t: number): void {
    if (a.state === 'wrapup' && a.wrapUntil <= t) {
      const next = this.derive(a, a.wrapUntil);
      if (next !== a.state) {
        a.state = next;
        a.since = a.wrapUntil;
      }
    }
  }

  private update(a: Agent, t: number): void {
    const next = this.derive(a, t);
    if (next !== a.state) {
      a.state = next;
      a.since = t;
    }
  }

  /** Make sure an agent doing something counts as logged in (the window may start mid-shift). */
  private implicitLogin(a: Agent, queue: string | null): void {
    if (queue) a.everQueues.add(queue);
    if (a.loginAll || a.members.size > 0) return;
    if (queue) a.members.add(queue);
    else a.loginAll = true;
  }

  private key(queue: string, callId: string): string {
    return queue + '\u0000' + callId;
  }

  private record(queue: string, f: Finished): void {
    let list = this.finished.get(queue);
    if (!list) {
      list = [];
      this.finished.set(queue, list);
    }
    list.push(f);
  }

  /** The call, tracked from now on if it is new; null (and counted) when its queue is full. */
  private known(queue: string, callId: string, t: number, waitS?: number): KnownCall | null {
    const k = this.key(queue, callId);
    let c = this.calls.get(k);
    if (!c) {
      const n = this.tracked.get(queue) ?? 0;
      if (n >= MAX_TRACKED_CALLS_PER_QUEUE) {
        this.untracked++;
        return null;
      }
      c = { queue, callId, enteredMs: t - Math.round((waitS ?? 0) * 1000), answered: false, waiting: false, leftMs: null };
      this.calls.set(k, c);
      this.tracked.set(queue, n + 1);
    }
    return c;
  }

  /** Stop tracking a call (by its key). */
  private forget(k: string): void {
    const c = this.calls.get(k);
    if (!c) return;
    this.calls.delete(k);
    const n = (this.tracked.get(c.queue) ?? 1) - 1;
    if (n > 0) this.tracked.set(c.queue, n);
    else this.tracked.delete(c.queue);
  }

  /** Apply one event. Events should come in time order; a late event is applied at its own time. */
  apply(e: LiveEvent): void {
    this.applied++;
    const t = e.t;
    if (t > this.latestMs) {
      this.latestMs = t;
      if ((this.applied & 1023) === 0) this.prune(t);
    }
    if ('queue' in e && e.queue) this.queues.add(e.queue);
    switch (e.kind) {
      case 'callJoin': {
        const c = this.known(e.queue, e.callId, t);
        if (c) c.waiting = true;
        break;
      }
      case 'callRing': {
        const a = this.agent(e.agent, t);
        this.implicitLogin(a, e.queue);
        a.call = { callId: e.callId, queue: e.queue, phase: 'ringing' };
        a.lastQueue = e.queue;
        this.update(a, t);
        break;
      }
      case 'callRingNoAnswer': {
        const a = this.agent(e.agent, t);
        if (a.call && a.call.phase === 'ringing') a.call = null;
        this.update(a, t);
        break;
      }
      case 'callConnect': {
        // a call past the cap is not followed: its completion counts it (as one answered before we started)
        const c = this.known(e.queue, e.callId, t, e.waitS);
        if (c && !c.answered) {
          c.answered = true;
          const waitS = e.waitS ?? Math.max(0, (t - c.enteredMs) / 1000);
          this.record(e.queue, { enteredMs: c.enteredMs, outcome: ANSWERED, waitS });
        }
        if (c) {
          c.waiting = false;
          c.leftMs = null;
        }
        const a = this.agent(e.agent, t);
        this.implicitLogin(a, e.queue);
        a.call = { callId: e.callId, queue: e.queue, phase: 'talking' };
        a.lastQueue = e.queue;
        a.wrapUntil = 0;
        this.update(a, t);
        break;
      }
      case 'callComplete': {
        const k = this.key(e.queue, e.callId);
        const c = this.calls.get(k);
        if (!c || !c.answered) {
          // answered before the window or before we started: count it by its own times
          const waitS = e.waitS ?? 0;
          const enteredMs = t - Math.round((waitS + (e.talkS ?? 0)) * 1000);
          this.record(e.queue, { enteredMs, outcome: ANSWERED, waitS });
        }
        this.forget(k);
        if (e.agent) {
          const a = this.agent(e.agent, t);
          this.implicitLogin(a, e.queue);
          a.call = null;
          a.lastQueue = e.queue;
          a.wrapUntil = t + this.opts.wrapupS * 1000;
          a.done.push({ endMs: t, talkS: e.talkS ?? 0 });
          this.update(a, t);
        }
        break;
      }
      case 'callAbandon':
      case 'callExit': {
        const k = this.key(e.queue, e.callId);
        const c = this.calls.get(k);
        const enteredMs = c ? c.enteredMs : t - Math.round((e.waitS ?? 0) * 1000);
        if (!c || !c.answered) {
          const waitS = e.waitS ?? Math.max(0, (t - enteredMs) / 1000);
          this.record(e.queue, { enteredMs, outcome: e.kind === 'callAbandon' ? ABANDONED : EXITED, waitS });
        }
        this.forget(k);
        break;
      }
      case 'callLeave': {
        const c = this.calls.get(this.key(e.queue, e.callId));
        if (c && !c.answered) {
          c.waiting = false;
          c.leftMs = t;
        }
        break;
      }
      case 'agentLogin': {
        const a = this.agent(e.agent, t);
        if (e.queue) {
          a.members.add(e.queue);
          a.everQueues.add(e.queue);
        } else a.loginAll = true;
        this.update(a, t);
        break;
      }
      case 'agentLogoff': {
        const a = this.agent(e.agent, t);
        if (e.queue) {
          a.members.delete(e.queue);
          a.pausedQueues.delete(e.queue);
          a.everQueues.add(e.queue);
        } else {
          a.loginAll = false;
          a.members.clear();
          a.pausedQueues.clear();
          a.pausedAll = false;
        }
        if (!a.loginAll && a.members.size === 0) {
          a.call = null;
          a.wrapUntil = 0;
        }
        this.update(a, t);
        break;
      }
      case 'agentPause': {
        const a = this.agent(e.agent, t);
        this.implicitLogin(a, e.queue);
        if (e.queue) a.pausedQueues.add(e.queue);
        else a.pausedAll = true;
        a.reason = e.reason;
        this.update(a, t);
        break;
      }
      case 'agentUnpause': {
        const a = this.agent(e.agent, t);
        if (e.queue) a.pausedQueues.delete(e.queue);
        else {
          a.pausedAll = false;
          a.pausedQueues.clear();
        }
        if (!a.pausedAll && a.pausedQueues.size === 0) a.reason = null;
        this.update(a, t);
        break;
      }
      case 'agentStatus': {
        const a = this.agent(e.agent, t);
        a.everQueues.add(e.queue);
        const d = e.device;
        if (d === 4 || d === 5) {
          // AST_DEVICE_INVALID / UNAVAILABLE: the seat is gone from this queue
          a.members.delete(e.queue);
          a.pausedQueues.delete(e.queue);
        } else a.members.add(e.queue);
        if (e.paused) {
          a.pausedQueues.add(e.queue);
          a.reason = e.reason ?? a.reason;
        } else {
          a.pausedQueues.delete(e.queue);
          if (!a.pausedAll && a.pausedQueues.size === 0) a.reason = null;
        }
        if (d === 6 || d === 7) {
          if (!a.call) a.call = { callId: '', queue: e.queue, phase: 'ringing' };
        } else if (d === 2 || d === 3 || d === 8) {
          if (!a.call) a.call = { callId: '', queue: e.queue, phase: 'talking' };
          else a.call.phase = 'talking';
        } else if (a.call) {
          // NOT_INUSE / UNKNOWN after a call: the call is over
          if (a.call.phase === 'talking') a.wrapUntil = t + this.opts.wrapupS * 1000;
          a.call = null;
        }
        this.update(a, t);
        break;
      }
    }
  }

  /**
   * Forget the waiting list (AMI reconnect: the QueueStatus that follows lists who waits now).
   * Calls already answered stay, so their completion is not counted twice.
   */
  clearWaiting(): void {
    for (const [k, c] of this.calls) if (!c.answered) this.forget(k);
  }

  /** Forget finished calls and completions older than the window before `t`. */
  private prune(t: number): void {
    const from = t - this.opts.windowMs;
    for (const [q, list] of this.finished) {
      let i = 0;
      while (i < list.length && list[i].enteredMs < from) i++;
      if (i > 0) this.finished.set(q, list.slice(i));
    }
    for (const a of this.agents.values()) {
      let i = 0;
      while (i < a.done.length && a.done[i].endMs < from) i++;
      if (i > 0) a.done = a.done.slice(i);
    }
    for (const [k, c] of this.calls) {
      // a caller "waiting" longer than the window is a lost event, not a caller
      if (c.enteredMs < from && !c.answered) this.forget(k);
    }
  }

  /** Resolve AMI leaves whose outcome never came: they exited. */
  private resolveLeaves(now: number): void {
    for (const [k, c] of this.calls) {
      if (c.leftMs !== null && now - c.leftMs >= LEAVE_GRACE_MS) {
        this.record(c.queue, { enteredMs: c.enteredMs, outcome: EXITED, waitS: (c.leftMs - c.enteredMs) / 1000 });
        this.forget(k);
      }
    }
  }

  /**
   * The view as of `nowMs`: per queue (sorted by name) the waiting callers, longest wait, call counts
   * over [now - window, now] and over [interval start, now], and agents by state; per agent (sorted by
   * name) state, time in state, calls and AHT in the window, and adherence to `roster` if given;
   * and the alerts for `thresholds`.
   */
  snapshot(nowMs: number, extra: { roster?: Roster; thresholds?: AlertThresholds; status?: SourceStatus } = {}): LiveSnapshot {
    this.resolveLeaves(nowMs);
    const o = this.opts;
    const fromMs = nowMs - o.windowMs;
    const ivStart = intervalStart(nowMs, o.intervalMinutes, o.zone);
    const queueNames = new Set(this.queues);
    const waiting = new Map<string, { n: number; oldest: number }>();
    for (const c of this.calls.values()) {
      if (!c.waiting || c.enteredMs > nowMs) continue;
      const w = waiting.get(c.queue) ?? { n: 0, oldest: Infinity };
      w.n++;
      if (c.enteredMs < w.oldest) w.oldest = c.enteredMs;
      waiting.set(c.queue, w);
    }
    const agents: AgentView[] = [];
    const counts = new Map<string, AgentCounts>();
    const countFor = (q: string): AgentCounts => {
      let c = counts.get(q);
      if (!c) {
        c = { available: 0, ringing: 0, talking: 0, wrapup: 0, paused: 0, loggedOut: 0 };
        counts.set(q, c);
      }
      return c;
    };
    const roster = extra.roster;
    const names = new Set(this.agents.keys());
    if (roster) for (const name of roster.keys()) names.add(name);
    for (const name of [...names].sort()) {
      const a = this.agents.get(name);
      let state: SeatState = 'loggedOut';
      let since = fromMs;
      let calls = 0;
      let talk = 0;
      let queues: string[] = [];
      if (a) {
        this.settle(a, nowMs);
        state = a.state;
        since = a.since;
        for (const d of a.done) {
          if (d.endMs >= fromMs && d.endMs <= nowMs) {
            calls++;
            talk += d.talkS;
          }
        }
        queues = [...(state === 'loggedOut' ? a.everQueues : a.members)].sort();
        const countIn = new Set(state === 'loggedOut' ? a.everQueues : a.members);
        if (a.call) countIn.add(a.call.queue);
        for (const q of countIn) {
          countFor(q)[state]++;
          queueNames.add(q);
        }
      }
      const r = roster?.get(name);
      agents.push({
        agent: name,
        state,
        sinceMs: since,
        queue: a ? (a.call?.queue ?? a.lastQueue ?? queues[0] ?? null) : null,
        queues,
        team: r?.team ?? null,
        pauseReason: state === 'paused' && a ? a.reason : null,
        calls,
        ahtSeconds: kpi.aht({ handleSeconds: talk, calls }),
        adherence: r ? adherenceAt(r, state, since, nowMs) : null,
      });
    }
    const queues: QueueView[] = [];
    for (const q of [...queueNames].sort()) {
      const win = emptyCounts();
      const iv = emptyCounts();
      for (const f of this.finished.get(q) ?? []) {
        if (f.enteredMs < fromMs || f.enteredMs > nowMs) continue;
        this.count(win, f);
        if (f.enteredMs >= ivStart) this.count(iv, f);
      }
      const w = waiting.get(q);
      queues.push({
        queue: q,
        waiting: w?.n ?? 0,
        longestWaitSeconds: w ? Math.max(0, Math.floor((nowMs - w.oldest) / 1000)) : 0,
        window: finishCounts(win),
        interval: finishCounts(iv),
        agents: counts.get(q) ?? { available: 0, ringing: 0, talking: 0, wrapup: 0, paused: 0, loggedOut: 0 },
      });
    }
    const snap: LiveSnapshot = {
      atMs: nowMs,
      windowMs: o.windowMs,
      intervalStartMs: ivStart,
      queues,
      agents,
      alerts: [],
      status: extra.status ?? { kind: 'ok' },
      untracked: this.untracked,
    };
    if (extra.thresholds) snap.alerts = computeAlerts(snap, extra.thresholds);
    return snap;
  }

  private count(c: CallCounts, f: Finished): void {
    c.offered++;
    if (f.outcome === ANSWERED) {
      c.answered++;
      if (f.waitS <= this.opts.slThresholdS) c.answeredWithin++;
    } else if (f.outcome === ABANDONED) {
      c.abandoned++;
      if (f.waitS < this.opts.shortAbandonS) c.shortAbandoned++;
    } else c.exited++;
  }
}
