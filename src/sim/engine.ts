/**
 * Discrete-event simulation of inbound call-center queues, writing what Asterisk's app_queue writes.
 *
 * Model (one replication):
 * - Arrivals per queue: a non-homogeneous Poisson process with piecewise-constant rate
 *   lambda_i = expectedCalls[i] / intervalSeconds in interval i. Inter-arrival times are exponential
 *   at the current rate; when one crosses an interval boundary the draw restarts at the boundary with
 *   the next rate (valid by memorylessness; Law, "Simulation Modeling and Analysis", 8.6.2).
 * - Each caller draws at arrival its talk time, wrap-up and patience (from per-queue streams, so runs
 *   with different staffing see the same callers: common random numbers).
 * - FIFO per queue. An agent that becomes free takes the longest-waiting call among its queues; a call
 *   that arrives to find its queue empty goes to the longest-idle agent of that queue.
 * - A waiting caller whose patience runs out hangs up (ABANDON). Patience keeps running while the
 *   agent's phone rings; wait = time from ENTERQUEUE to CONNECT, ringing included (as Asterisk's
 *   holdtime).
 * - After the talk time the agent is unavailable for the wrap-up time, then free.
 * - Agents log in at shift start, take no new call from shift end and log off once the call in
 *   progress (and its wrap-up) is done. A break pauses the agent from its start, or from the end of
 *   the call then in progress, until its scheduled end (a break is shortened, never postponed).
 *   Unplanned pauses are requested at a Poisson rate and taken at the next free moment.
 * - Calls still waiting when no agent is left and none will log in (only with patience `none`) leave
 *   with EXITEMPTY at the end of the horizon or of the last event, whichever is later.
 *
 * Output: queue_log events in time order through `onEvent` (whole epoch seconds, times floored as
 * Asterisk's time(NULL) would be; every duration written is a difference of the floored times, so
 * CONNECT holdtime = CONNECT time - ENTERQUEUE time exactly), call records through `onCall` (at
 * hangup, for Master.csv), and per-interval counts for the summary computed in continuous time.
 *
 * queue_log layouts (Asterisk 11+, apps/app_queue.c; docs.asterisk.org "Queue Logs"):
 *   ENTERQUEUE|url|callerid|position      CONNECT|holdtime|bridgedchanneluniqueid|ringtime
 *   COMPLETEAGENT|holdtime|calltime|origposition   COMPLETECALLER|holdtime|calltime|origposition
 *   ABANDON|position|origposition|waittime         EXITEMPTY|position|origposition|waittime
 *   RINGNOANSWER|ringtime(ms)   ADDMEMBER|   REMOVEMEMBER|   PAUSE|reason   UNPAUSE|
 *   AGENTLOGIN|channel   AGENTLOGOFF|channel|logintime
 */
import { EventHeap } from './heap.js';
import { makeSampler, type Sampler } from './distributions.js';
import { Rng, deriveSeed } from './rng.js';
import type {
  CallRecord,
  IntervalCounts,
  QueueLogEvent,
  QueueLogEventName,
  ReplicationResult,
  SimAgent,
  SimBreak,
  SimInput,
  SimShift,
} from './types.js';

/** Invalid simulator input; `field` names the offending input path (e.g. `queues[1].expectedCalls`). */
export class SimInputError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SimInputError';
  }
}

/** Where the simulator sends its output. Both optional: without them only counts are kept. */
export interface SimSinks {
  onEvent?: (e: QueueLogEvent) => void;
  onCall?: (c: CallRecord) => void;
}

// Event kinds, packed as payload = arg * 16 + kind.
const K_ARRIVAL = 0;
const K_PATIENCE = 1;
const K_RING_END = 2;
const K_TALK_END = 3;
const K_WRAP_END = 4;
const K_SHIFT_START = 5;
const K_SHIFT_END = 6;
const K_BREAK_START = 7;
const K_BREAK_END = 8;
const K_PAUSE_REQ = 9;
const K_PAUSE_END = 10;

// Call states.
const C_WAITING = 0;
const C_RINGING = 1;
const C_TALKING = 2;
const C_DONE = 3;

// Agent states.
const A_OFF = 0;
const A_IDLE = 1;
const A_RINGING = 2;
const A_TALKING = 3;
const A_WRAP = 4;
const A_PAUSED = 5;
const A_BUSY_TRANSIENT = 6;

interface Call {
  n: number;
  q: number;
  arrival: number;
  interval: number;
  talk: number;
  wrap: number;
  patience: number;
  state: number;
  opos: number;
  agent: AgentState | null;
  connect: number;
  peerN: number;
  caller: string;
}

interface AgentState {
  idx: number;
  id: string;
  channel: string;
  queues: number[];
  shifts: SimShift[];
  shiftPtr: number;
  state: number;
  onShift: boolean;
  shiftEnd: number;
  loginTime: number;
  breaks: SimBreak[];
  breakPtr: number;
  breakStartAt: number;
  breakEndAt: number;
  inBreak: boolean;
  breakReason: string;
  pausedFor: number; // 0 none, 1 break, 2 unplanned
  pendingPause: boolean;
  nextPauseReq: number;
  pauseEndAt: number;
  idleToken: number;
  call: Call | null;
  ringStart: number;
  ringEnd: number;
  ringNoAnswer: boolean;
}

interface QueueState {
  name: string;
  rate: Float64Array; // calls per second by interval
  talk: Sampler;
  wrap: Sampler;
  patience: Sampler;
  callerShare: number;
  /** Service-level threshold, seconds. */
  slT: number;
  arrRng: Rng;
  talkRng: Rng;
  wrapRng: Rng;
  patRng: Rng;
  sideRng: Rng;
  waiting: Call[];
  head: number;
  live: number;
  idle: AgentState[];
  idleTok: number[];
  idleHead: number;
  avail: number;
  lastT: number;
  counts: IntervalCounts;
}

function counts(n: number): IntervalCounts {
  return {
    offered: new Float64Array(n),
    answered: new Float64Array(n),
    abandoned: new Float64Array(n),
    exited: new Float64Array(n),
    answeredWithin: new Float64Array(n),
    waitSumAnswered: new Float64Array(n),
    agentSeconds: new Float64Array(n),
    handleSumAnswered: new Float64Array(n),
  };
}

function checkName(s: string, field: string): void {
  if (typeof s !== 'string' || s.length === 0 || /[|\r\n]/.test(s)) {
    throw new SimInputError(field, `${field}: must be a non-empty name without '|' or line breaks`);
  }
}

/** Number of intervals of the horizon (the common length of every queue's `expectedCalls`); validates the input. */
export function validateSimInput(input: SimInput): number {
  if (!Number.isFinite(input.startEpoch)) throw new SimInputError('startEpoch', 'startEpoch must be a finite number');
  if (!(input.intervalSeconds > 0) || !Number.isFinite(input.intervalSeconds)) {
    throw new SimInputError('intervalSeconds', 'intervalSeconds must be > 0');
  }
  if (!Number.isInteger(input.seed)) throw new SimInputError('seed', 'seed must be an integer');
  if (input.queues.length === 0) throw new SimInputError('queues', 'at least one queue is needed');
  const n = input.queues[0].expectedCalls.length;
  const names = new Set<string>();
  input.queues.forEach((q, i) => {
    checkName(q.name, `queues[${i}].name`);
    if (names.has(q.name)) throw new SimInputError(`queues[${i}].name`, `duplicate queue name ${q.name}`);
    names.add(q.name);
    if (q.expectedCalls.length !== n) {
      throw new SimInputError(`queues[${i}].expectedCalls`, 'every queue needs the same number of intervals');
    }
    for (const v of q.expectedCalls) {
      if (!Number.isFinite(v) || v < 0) throw new SimInputError(`queues[${i}].expectedCalls`, 'expected calls must be finite and >= 0');
    }
    const share = q.callerHangupShare ?? 0.6;
    if (!(share >= 0 && share <= 1)) throw new SimInputError(`queues[${i}].callerHangupShare`, 'must be in 0..1');
  });
  if (n === 0) throw new SimInputError('queues[0].expectedCalls', 'the horizon needs at least one interval');
  const st = input.staffing;
  if (st.kind === 'flat') {
    for (const [k, v] of Object.entries(st.agents)) {
      if (!names.has(k)) throw new SimInputError(`staffing.agents.${k}`, `unknown queue ${k}`);
      const arr = typeof v === 'number' ? [v] : v;
      if (typeof v !== 'number' && arr.length !== n) {
        throw new SimInputError(`staffing.agents.${k}`, 'needs one count per interval');
      }
      for (const c of arr) {
        if (!Number.isInteger(c) || c < 0) throw new SimInputError(`staffing.agents.${k}`, 'agent counts must be whole numbers >= 0');
      }
    }
  } else {
    const ids = new Set<string>();
    st.agents.forEach((a, i) => {
      checkName(a.id, `staffing.agents[${i}].id`);
      if (ids.has(a.id)) throw new SimInputError(`staffing.agents[${i}].id`, `duplicate agent ${a.id}`);
      ids.add(a.id);
      for (const q of a.queues) if (!names.has(q)) throw new SimInputError(`staffing.agents[${i}].queues`, `unknown queue ${q}`);
      const sh = [...a.shifts].sort((x, y) => x.start - y.start);
      sh.forEach((s, j) => {
        if (!(s.end > s.start)) throw new SimInputError(`staffing.agents[${i}].shifts[${j}]`, 'shift end must be after its start');
        if (j > 0 && s.start < sh[j - 1].end) throw new SimInputError(`staffing.agents[${i}].shifts`, 'shifts overlap');
        for (const b of s.breaks ?? []) {
          if (!(b.end > b.start)) throw new SimInputError(`staffing.agents[${i}].shifts[${j}].breaks`, 'break end must be after its start');
        }
      });
    });
  }
  if (input.pauses && !(input.pauses.perAgentPerHour >= 0)) throw new SimInputError('pauses.perAgentPerHour', 'must be >= 0');
  const r = input.ring;
  if (r) {
    const p = r.noAnswerProbability ?? 0;
    if (!(p >= 0 && p < 1)) throw new SimInputError('ring.noAnswerProbability', 'must be in [0, 1)');
    if (r.timeoutSeconds !== undefined && !(r.timeoutSeconds > 0)) throw new SimInputError('ring.timeoutSeconds', 'must be > 0');
  }
  return n;
}

/**
 * Flat staffing as a roster: agent k (1-based) of queue number j (1-based) is `Agent/<j><kkkk>`
 * (e.g. `Agent/10001`), serving only that queue, working each run of consecutive intervals whose
 * count is >= k; a run that reaches the end of the horizon has no end (the agent stays until the
 * queue is empty).
 */
export function flatStaffingAgents(input: SimInput, nIntervals: number): SimAgent[] {
  if (input.staffing.kind !== 'flat') return [...input.staffing.agents];
  const out: SimAgent[] = [];
  const { startEpoch: s0, intervalSeconds: dt } = input;
  input.queues.forEach((q, qi) => {
    const v = input.staffing.kind === 'flat' ? input.staffing.agents[q.name] : undefined;
    const countAt = (i: number) => (v === undefined ? 0 : typeof v === 'number' ? v : v[i]);
    let max = 0;
    for (let i = 0; i < nIntervals; i++) max = Math.max(max, countAt(i));
    for (let k = 0; k < max; k++) {
      const shifts: SimShift[] = [];
      let runStart = -1;
      for (let i = 0; i <= nIntervals; i++) {
        const on = i < nIntervals && countAt(i) > k;
        if (on && runStart < 0) runStart = i;
        if (!on && runStart >= 0) {
          shifts.push({ start: s0 + runStart * dt, end: i === nIntervals ? Infinity : s0 + i * dt });
          runStart = -1;
        }
      }
      out.push({ id: `Agent/${qi + 1}${String(k + 1).padStart(4, '0')}`, queues: [q.name], shifts });
    }
  });
  return out;
}

/**
 * One replication of the simulation, driven one event at a time by {@link Simulation.step}
 * (or to the end by {@link Simulation.run}). Replication r draws from streams seeded by
 * deriveSeed(seed, r, purpose, index), so replications are independent and each is reproducible
 * alone.
 */
export class Simulation {
  readonly nIntervals: number;
  private readonly heap = new EventHeap(4096);
  private readonly qs: QueueState[];
  private readonly agents: AgentState[];
  private readonly start: number;
  private readonly dt: number;
  private readonly hEnd: number;
  private readonly slT: number;
  private readonly onEvent?: (e: QueueLogEvent) => void;
  private readonly onCall?: (c: CallRecord) => void;
  private readonly patienceCalls = new Map<number, Call>();
  private readonly ringSampler: Sampler | null;
  private readonly ringNa: number;
  private readonly ringTimeout: number;
  private readonly ringRng: Rng;
  private readonly pauseRng: Rng;
  private readonly pauseRate: number; // per second
  private readonly pauseDur: Sampler | null;
  private readonly pauseReason: string;
  private readonly callerRng: Rng;
  private readonly loginMember: boolean;
  private readonly loginAgent: boolean;
  private uniq = 0;
  private calls = 0;
  private now: number;
  private finished = false;

  constructor(
    input: SimInput,
    readonly replication = 0,
    sinks: SimSinks = {},
  ) {
    this.nIntervals = validateSimInput(input);
    const n = this.nIntervals;
    this.start = input.startEpoch;
    this.dt = input.intervalSeconds;
    this.hEnd = this.start + n * this.dt;
    this.now = this.start;
    this.slT = input.serviceLevelSeconds ?? 20;
    this.onEvent = sinks.onEvent;
    this.onCall = sinks.onCall;
    const seed = input.seed;
    const r = replication;
    this.qs = input.queues.map((q, qi) => {
      const rate = new Float64Array(n);
      for (let i = 0; i < n; i++) rate[i] = q.expectedCalls[i] / this.dt;
      return {
        name: q.name,
        rate,
        talk: makeSampler(q.talk, `queues[${qi}].talk`),
        wrap: makeSampler(q.wrap ?? { kind: 'fixed', value: 0 }, `queues[${qi}].wrap`),
        patience: makeSampler(q.patience ?? { kind: 'none' }, `queues[${qi}].patience`),
        callerShare: q.callerHangupShare ?? 0.6,
        slT: q.serviceLevelSeconds ?? this.slT,
        arrRng: new Rng(deriveSeed(seed, r, 1, qi)),
        talkRng: new Rng(deriveSeed(seed, r, 2, qi)),
        wrapRng: new Rng(deriveSeed(seed, r, 3, qi)),
        patRng: new Rng(deriveSeed(seed, r, 4, qi)),
        sideRng: new Rng(deriveSeed(seed, r, 5, qi)),
        waiting: [],
        head: 0,
        live: 0,
        idle: [],
        idleTok: [],
        idleHead: 0,
        avail: 0,
        lastT: this.start,
        counts: counts(n),
      };
    });
    const ring = input.ring;
    this.ringSampler = ring?.seconds ? makeSampler(ring.seconds, 'ring.seconds') : null;
    this.ringNa = ring?.noAnswerProbability ?? 0;
    this.ringTimeout = ring?.timeoutSeconds ?? 15;
    this.ringRng = new Rng(deriveSeed(seed, r, 6));
    this.pauseRng = new Rng(deriveSeed(seed, r, 7));
    this.callerRng = new Rng(deriveSeed(seed, r, 8));
    this.pauseRate = input.pauses ? input.pauses.perAgentPerHour / 3600 : 0;
    this.pauseDur = input.pauses ? makeSampler(input.pauses.duration, 'pauses.duration') : null;
    this.pauseReason = input.pauses?.reason ?? 'Personal';
    const login = input.loginEvents ?? 'member';
    this.loginMember = login !== 'agent';
    this.loginAgent = login !== 'member';

    const qIndex = new Map(this.qs.map((q, i) => [q.name, i]));
    this.agents = flatStaffingAgents(input, n).map((a, idx) => ({
      idx,
      id: a.id,
      channel: `SIP/${a.id.replace(/^[^/]*\//, '')}`,
      queues: a.queues.map((name) => qIndex.get(name)!),
      shifts: [...a.shifts].sort((x, y) => x.start - y.start),
      shiftPtr: 0,
      state: A_OFF,
      onShift: false,
      shiftEnd: NaN,
      loginTime: NaN,
      breaks: [],
      breakPtr: 0,
      breakStartAt: NaN,
      breakEndAt: NaN,
      inBreak: false,
      breakReason: '',
      pausedFor: 0,
      pendingPause: false,
      nextPauseReq: NaN,
      pauseEndAt: NaN,
      idleToken: 0,
      call: null,
      ringStart: NaN,
      ringEnd: NaN,
      ringNoAnswer: false,
    }));

    this.qs.forEach((q, qi) => {
      const t = this.nextArrival(q, this.start);
      if (t < Infinity) this.heap.push(t, qi * 16 + K_ARRIVAL);
    });
    for (const a of this.agents) {
      if (a.shifts.length > 0) this.heap.push(a.shifts[0].start, a.idx * 16 + K_SHIFT_START);
    }
  }

  /** Processes the next event. Returns false once the replication is over. */
  step(): boolean {
    if (this.finished) return false;
    if (this.heap.size === 0) {
      this.finish();
      return false;
    }
    const payload = this.heap.pop();
    const now = this.heap.lastPopped;
    this.now = now;
    const kind = payload % 16;
    const arg = (payload - kind) / 16;
    switch (kind) {
      case K_ARRIVAL:
        this.onArrival(arg, now);
        break;
      case K_PATIENCE:
        this.onPatience(arg, now);
        break;
      case K_RING_END:
        this.onRingEnd(this.agents[arg], now);
        break;
      case K_TALK_END:
        this.onTalkEnd(this.agents[arg], now);
        break;
      case K_WRAP_END:
        this.agentFree(this.agents[arg], now);
        break;
      case K_SHIFT_START:
        this.onShiftStart(this.agents[arg], now);
        break;
      case K_SHIFT_END:
        this.onShiftEnd(this.agents[arg], now);
        break;
      case K_BREAK_START:
        this.onBreakStart(this.agents[arg], now);
        break;
      case K_BREAK_END:
        this.onBreakEnd(this.agents[arg], now);
        break;
      case K_PAUSE_REQ:
        this.onPauseRequest(this.agents[arg], now);
        break;
      case K_PAUSE_END:
        this.onPauseEnd(this.agents[arg], now);
        break;
    }
    return true;
  }

  /** Runs to the end and returns the counts. */
  run(): ReplicationResult {
    while (this.step()) {
      /* next event */
    }
    return this.result();
  }

  /** Counts so far (complete once {@link step} has returned false). */
  result(): ReplicationResult {
    return {
      replication: this.replication,
      queues: this.qs.map((q) => ({ name: q.name, counts: q.counts })),
      calls: this.calls,
      endTime: this.now,
    };
  }

  // ---- arrivals -------------------------------------------------------------------------------

  private nextArrival(q: QueueState, t: number): number {
    let i = Math.floor((t - this.start) / this.dt);
    if (i < 0) i = 0;
    const rate = q.rate;
    while (i < this.nIntervals) {
      const end = this.start + (i + 1) * this.dt;
      const r = rate[i];
      if (r > 0) {
        const t2 = t - Math.log(q.arrRng.nextOpen()) / r;
        if (t2 < end) return t2;
      }
      t = end;
      i++;
    }
    return Infinity;
  }

  private onArrival(qi: number, now: number): void {
    const q = this.qs[qi];
    const interval = Math.min(this.nIntervals - 1, Math.floor((now - this.start) / this.dt));
    this.calls++;
    const call: Call = {
      n: this.uniq++,
      q: qi,
      arrival: now,
      interval,
      talk: q.talk(q.talkRng),
      wrap: q.wrap(q.wrapRng),
      patience: q.patience(q.patRng),
      state: C_WAITING,
      opos: q.live + 1,
      agent: null,
      connect: NaN,
      peerN: -1,
      caller: '',
    };
    q.counts.offered[interval]++;
    if (this.onEvent || this.onCall) call.caller = this.callerNumber();
    this.emit(now, this.callId(call), q.name, 'NONE', 'ENTERQUEUE', ['', call.caller, String(call.opos)]);
    const next = this.nextArrival(q, now);
    if (next < Infinity) this.heap.push(next, qi * 16 + K_ARRIVAL);

    if (q.live === 0) {
      const a = this.popIdle(q);
      if (a) {
        this.offer(a, call, now);
        if (call.state !== C_TALKING && call.patience < Infinity) this.schedulePatience(call);
        return;
      }
    }
    this.enqueue(q, call);
    if (call.patience < Infinity) this.schedulePatience(call);
  }

  private schedulePatience(call: Call): void {
    this.patienceCalls.set(call.n, call);
    this.heap.push(call.arrival + call.patience, call.n * 16 + K_PATIENCE);
  }

  private callerNumber(): string {
    // A mainland-China mobile number: 1, then 3..9, then nine digits.
    const r = this.callerRng;
    return `1${3 + r.int(7)}${String(r.int(1_000_000_000)).padStart(9, '0')}`;
  }

  private callId(c: Call): string {
    return `${Math.floor(c.arrival)}.${c.n}`;
  }

  // ---- queue structures -----------------------------------------------------------------------

  private enqueue(q: QueueState, c: Call): void {
    q.waiting.push(c);
    q.live++;
  }

  private pushFront(q: QueueState, c: Call): void {
    if (q.head > 0) q.waiting[--q.head] = c;
    else q.waiting.unshift(c);
    q.live++;
  }

  private headCall(q: QueueState): Call | null {
    const w = q.waiting;
    while (q.head < w.length && w[q.head].state !== C_WAITING) q.head++;
    if (q.head > 4096 && q.head * 2 > w.length) {
      q.waiting = w.slice(q.head);
      q.head = 0;
    }
    return q.head < q.waiting.length ? q.waiting[q.head] : null;
  }

  /** 1-based position of a waiting call among the live callers of its queue. */
  private positionOf(q: QueueState, c: Call): number {
    let pos = 1;
    const w = q.waiting;
    for (let i = q.head; i < w.length; i++) {
      const x = w[i];
      if (x === c) return pos;
      if (x.state === C_WAITING) pos++;
    }
    return pos;
  }

  private pushIdle(q: QueueState, a: AgentState): void {
    q.idle.push(a);
    q.idleTok.push(a.idleToken);
  }

  private popIdle(q: QueueState): AgentState | null {
    const idle = q.idle;
    const tok = q.idleTok;
    while (q.idleHead < idle.length) {
      const a = idle[q.idleHead];
      const t = tok[q.idleHead];
      q.idleHead++;
      if (a.state === A_IDLE && a.idleToken === t) {
        a.idleToken++;
        this.compactIdle(q);
        return a;
      }
    }
    this.compactIdle(q);
    return null;
  }

  private compactIdle(q: QueueState): void {
    if (q.idleHead > 1024 && q.idleHead * 2 > q.idle.length) {
      q.idle = q.idle.slice(q.idleHead);
      q.idleTok = q.idleTok.slice(q.idleHead);
      q.idleHead = 0;
    }
  }

  // ---- staffed-time accounting ----------------------------------------------------------------

  private accrue(q: QueueState, now: number): void {
    const a = Math.max(q.lastT, this.start);
    const b = Math.min(now, this.hEnd);
    q.lastT = now;
    if (q.avail === 0 || !(b > a)) return;
    const secs = q.counts.agentSeconds;
    let i = Math.floor((a - this.start) / this.dt);
    let t = a;
    while (t < b && i < this.nIntervals) {
      const end = Math.min(b, this.start + (i + 1) * this.dt);
      secs[i] += (end - t) * q.avail;
      t = end;
      i++;
    }
  }

  private changeAvail(a: AgentState, delta: number, now: number): void {
    for (const qi of a.queues) {
      const q = this.qs[qi];
      this.accrue(q, now);
      q.avail += delta;
    }
  }

  // ---- call flow ------------------------------------------------------------------------------

  private offer(a: AgentState, c: Call, now: number): void {
    c.state = C_RINGING;
    c.agent = a;
    a.call = c;
    a.state = A_RINGING;
    a.ringStart = now;
    if (this.ringNa > 0 && this.ringRng.next() < this.ringNa) {
      a.ringNoAnswer = true;
      a.ringEnd = now + this.ringTimeout;
      this.heap.push(a.ringEnd, a.idx * 16 + K_RING_END);
      return;
    }
    const d = this.ringSampler ? this.ringSampler(this.ringRng) : 0;
    if (d > 0) {
      a.ringNoAnswer = false;
      a.ringEnd = now + d;
      this.heap.push(a.ringEnd, a.idx * 16 + K_RING_END);
      return;
    }
    this.connect(a, c, now);
  }

  private onRingEnd(a: AgentState, now: number): void {
    if (a.state !== A_RINGING || a.ringEnd !== now || !a.call) return; // caller hung up meanwhile
    const c = a.call;
    if (a.ringNoAnswer) {
      const q = this.qs[c.q];
      this.emit(now, this.callId(c), q.name, a.id, 'RINGNOANSWER', [String(Math.round(this.ringTimeout * 1000))]);
      a.call = null;
      c.agent = null;
      c.state = C_WAITING;
      a.state = A_BUSY_TRANSIENT;
      const other = this.popIdle(q);
      if (other) this.offer(other, c, now);
      else this.pushFront(q, c);
      this.agentFree(a, now);
      return;
    }
    this.connect(a, c, now);
  }

  private connect(a: AgentState, c: Call, now: number): void {
    const q = this.qs[c.q];
    c.state = C_TALKING;
    c.connect = now;
    c.peerN = this.uniq++;
    a.state = A_TALKING;
    const wait = now - c.arrival;
    const k = c.interval;
    const cnt = q.counts;
    cnt.answered[k]++;
    cnt.waitSumAnswered[k] += wait;
    if (wait <= q.slT) cnt.answeredWithin[k]++;
    cnt.handleSumAnswered[k] += c.talk + c.wrap;
    if (this.onEvent) {
      const hold = Math.floor(now) - Math.floor(c.arrival);
      this.emit(now, this.callId(c), q.name, a.id, 'CONNECT', [
        String(hold),
        `${Math.floor(now)}.${c.peerN}`,
        String(Math.floor(now - a.ringStart)),
      ]);
    }
    this.heap.push(now + c.talk, a.idx * 16 + K_TALK_END);
  }

  private onTalkEnd(a: AgentState, now: number): void {
    const c = a.call!;
    const q = this.qs[c.q];
    const callerHangs = q.sideRng.next() < q.callerShare;
    if (this.onEvent) {
      const hold = Math.floor(c.connect) - Math.floor(c.arrival);
      const talk = Math.floor(now) - Math.floor(c.connect);
      this.emit(now, this.callId(c), q.name, a.id, callerHangs ? 'COMPLETECALLER' : 'COMPLETEAGENT', [
        String(hold),
        String(talk),
        String(c.opos),
      ]);
    }
    this.record(c, now, 'answered', a);
    c.state = C_DONE;
    c.agent = null;
    a.call = null;
    if (c.wrap > 0) {
      a.state = A_WRAP;
      this.heap.push(now + c.wrap, a.idx * 16 + K_WRAP_END);
    } else {
      this.agentFree(a, now);
    }
  }

  private onPatience(n: number, now: number): void {
    const c = this.patienceCalls.get(n);
    if (!c) return;
    this.patienceCalls.delete(n);
    const q = this.qs[c.q];
    if (c.state === C_WAITING) {
      const pos = this.positionOf(q, c);
      c.state = C_DONE;
      q.live--;
      q.counts.abandoned[c.interval]++;
      this.emit(now, this.callId(c), q.name, 'NONE', 'ABANDON', [
        String(pos),
        String(c.opos),
        String(Math.floor(now) - Math.floor(c.arrival)),
      ]);
      this.record(c, now, 'abandoned', null);
    } else if (c.state === C_RINGING) {
      const a = c.agent!;
      c.state = C_DONE;
      c.agent = null;
      a.call = null;
      a.ringEnd = NaN;
      a.state = A_BUSY_TRANSIENT;
      q.counts.abandoned[c.interval]++;
      this.emit(now, this.callId(c), q.name, 'NONE', 'ABANDON', ['1', String(c.opos), String(Math.floor(now) - Math.floor(c.arrival))]);
      this.record(c, now, 'abandoned', null);
      this.agentFree(a, now);
    }
  }

  private record(c: Call, now: number, outcome: CallRecord['outcome'], a: AgentState | null): void {
    if (!this.onCall) return;
    const answered = outcome === 'answered';
    this.onCall({
      uniqueId: this.callId(c),
      queue: this.qs[c.q].name,
      callerNumber: c.caller,
      enterTime: Math.floor(c.arrival),
      connectTime: answered ? Math.floor(c.connect) : null,
      endTime: Math.floor(now),
      agent: answered && a ? a.id : null,
      peerUniqueId: answered ? `${Math.floor(c.connect)}.${c.peerN}` : null,
      outcome,
    });
  }

  // ---- agents ---------------------------------------------------------------------------------

  /** The agent has nothing to do: log off, pause, take the longest-waiting call, or go idle. */
  private agentFree(a: AgentState, now: number): void {
    if (!a.onShift) {
      this.logoff(a, now);
      return;
    }
    if (a.inBreak) {
      this.startPause(a, now, 1, a.breakReason);
      return;
    }
    if (a.pendingPause && this.pauseDur) {
      a.pendingPause = false;
      this.startPause(a, now, 2, this.pauseReason);
      a.pauseEndAt = now + this.pauseDur(this.pauseRng);
      this.heap.push(a.pauseEndAt, a.idx * 16 + K_PAUSE_END);
      return;
    }
    let best: Call | null = null;
    for (const qi of a.queues) {
      const c = this.headCall(this.qs[qi]);
      if (c && (!best || c.arrival < best.arrival)) best = c;
    }
    if (best) {
      const q = this.qs[best.q];
      q.head++; // best is the live head of its queue
      q.live--;
      this.offer(a, best, now);
      return;
    }
    a.state = A_IDLE;
    a.idleToken++;
    for (const qi of a.queues) this.pushIdle(this.qs[qi], a);
  }

  private startPause(a: AgentState, now: number, kind: number, reason: string): void {
    if (a.state !== A_PAUSED) this.changeAvail(a, -1, now);
    a.state = A_PAUSED;
    a.pausedFor = kind;
    a.idleToken++;
    for (const qi of a.queues) this.emit(now, 'NONE', this.qs[qi].name, a.id, 'PAUSE', [reason]);
  }

  private endPause(a: AgentState, now: number): void {
    for (const qi of a.queues) this.emit(now, 'NONE', this.qs[qi].name, a.id, 'UNPAUSE', ['']);
    this.changeAvail(a, +1, now);
    a.pausedFor = 0;
    a.state = A_BUSY_TRANSIENT;
    this.agentFree(a, now);
  }

  private onShiftStart(a: AgentState, now: number): void {
    const sh = a.shifts[a.shiftPtr];
    a.onShift = true;
    a.shiftEnd = sh.end;
    a.loginTime = now;
    a.state = A_BUSY_TRANSIENT;
    if (this.loginAgent) this.emit(now, 'NONE', 'NONE', a.id, 'AGENTLOGIN', [a.channel]);
    if (this.loginMember) for (const qi of a.queues) this.emit(now, 'NONE', this.qs[qi].name, a.id, 'ADDMEMBER', ['']);
    this.changeAvail(a, +1, now);
    a.breaks = [...(sh.breaks ?? [])].sort((x, y) => x.start - y.start);
    a.breakPtr = 0;
    a.inBreak = false;
    this.scheduleBreak(a, now);
    if (sh.end < Infinity) this.heap.push(sh.end, a.idx * 16 + K_SHIFT_END);
    a.pendingPause = false;
    this.schedulePauseRequest(a, now);
    this.agentFree(a, now);
  }

  private onShiftEnd(a: AgentState, now: number): void {
    if (!a.onShift || a.shiftEnd !== now) return;
    a.onShift = false;
    a.inBreak = false;
    a.breakStartAt = NaN;
    a.breakEndAt = NaN;
    a.pendingPause = false;
    a.nextPauseReq = NaN;
    a.pauseEndAt = NaN;
    if (a.state === A_IDLE) this.logoff(a, now);
    else if (a.state === A_PAUSED) this.endPause(a, now); // -> agentFree -> logoff
    // busy: logs off when the call (and wrap-up) ends
  }

  private logoff(a: AgentState, now: number): void {
    this.changeAvail(a, -1, now);
    if (this.loginMember) for (const qi of a.queues) this.emit(now, 'NONE', this.qs[qi].name, a.id, 'REMOVEMEMBER', ['']);
    if (this.loginAgent) {
      this.emit(now, 'NONE', 'NONE', a.id, 'AGENTLOGOFF', [a.channel, String(Math.floor(now) - Math.floor(a.loginTime))]);
    }
    a.state = A_OFF;
    a.onShift = false;
    a.idleToken++;
    a.shiftPtr++;
    if (a.shiftPtr < a.shifts.length) {
      this.heap.push(Math.max(now, a.shifts[a.shiftPtr].start), a.idx * 16 + K_SHIFT_START);
    }
  }

  private scheduleBreak(a: AgentState, now: number): void {
    while (a.breakPtr < a.breaks.length) {
      const b = a.breaks[a.breakPtr];
      if (b.end <= now || b.start >= a.shiftEnd) {
        a.breakPtr++;
        continue;
      }
      a.breakStartAt = Math.max(now, b.start);
      this.heap.push(a.breakStartAt, a.idx * 16 + K_BREAK_START);
      return;
    }
    a.breakStartAt = NaN;
  }

  private onBreakStart(a: AgentState, now: number): void {
    if (!a.onShift || a.breakStartAt !== now) return;
    const b = a.breaks[a.breakPtr];
    a.inBreak = true;
    a.breakReason = b.reason ?? 'Break';
    a.breakEndAt = Math.min(b.end, a.shiftEnd);
    this.heap.push(a.breakEndAt, a.idx * 16 + K_BREAK_END);
    if (a.state === A_IDLE) this.startPause(a, now, 1, a.breakReason);
    // busy, or already in an unplanned pause: the break starts when the agent is next free
  }

  private onBreakEnd(a: AgentState, now: number): void {
    if (!a.inBreak || a.breakEndAt !== now) return;
    a.inBreak = false;
    a.breakEndAt = NaN;
    a.breakPtr++;
    this.scheduleBreak(a, now);
    if (a.state === A_PAUSED && a.pausedFor === 1) this.endPause(a, now);
  }

  private schedulePauseRequest(a: AgentState, now: number): void {
    if (this.pauseRate > 0 && now < this.hEnd && now < a.shiftEnd) {
      a.nextPauseReq = now - Math.log(this.pauseRng.nextOpen()) / this.pauseRate;
      this.heap.push(a.nextPauseReq, a.idx * 16 + K_PAUSE_REQ);
    } else {
      a.nextPauseReq = NaN;
    }
  }

  private onPauseRequest(a: AgentState, now: number): void {
    if (!a.onShift || a.nextPauseReq !== now) return;
    a.nextPauseReq = NaN;
    if (a.state === A_IDLE) {
      a.pendingPause = true;
      this.agentFree(a, now); // an idle agent is free: takes the pause now
    } else {
      a.pendingPause = true;
    }
  }

  private onPauseEnd(a: AgentState, now: number): void {
    if (a.state !== A_PAUSED || a.pausedFor !== 2 || a.pauseEndAt !== now) return;
    a.pauseEndAt = NaN;
    this.schedulePauseRequest(a, now);
    this.endPause(a, now);
  }

  // ---- end --------------------------------------------------------------------------------------

  private finish(): void {
    this.finished = true;
    const t = Math.max(this.now, this.hEnd);
    for (const q of this.qs) {
      for (let i = q.head; i < q.waiting.length; i++) {
        const c = q.waiting[i];
        if (c.state !== C_WAITING) continue;
        const pos = this.positionOf(q, c);
        c.state = C_DONE;
        q.live--;
        q.counts.exited[c.interval]++;
        this.emit(t, this.callId(c), q.name, 'NONE', 'EXITEMPTY', [String(pos), String(c.opos), String(Math.floor(t) - Math.floor(c.arrival))]);
        this.record(c, t, 'exitempty', null);
      }
    }
    for (const a of this.agents) {
      if (a.state === A_OFF) continue;
      a.onShift = false;
      if (a.state === A_PAUSED) this.endPause(a, t);
      else this.logoff(a, t);
    }
    for (const q of this.qs) this.accrue(q, t);
    this.now = t;
  }

  private emit(time: number, callId: string, queue: string, agent: string, event: QueueLogEventName, data: string[]): void {
    if (this.onEvent) this.onEvent({ time: Math.floor(time), callId, queue, agent, event, data });
  }
}

/** Runs replication `replication` (0-based) of the input to the end, sending its output to the sinks. */
export function runReplication(input: SimInput, replication = 0, sinks: SimSinks = {}): ReplicationResult {
  return new Simulation(input, replication, sinks).run();
}

/**
 * The queue_log events of one replication, lazily, in time order (one simulation event is processed
 * per batch, so memory stays small whatever the volume; a writer can wait for a stream to drain
 * between items). `onCall`, if given, receives each call record (for Master.csv) as the generator
 * reaches the call's hangup. The generator's return value is the replication's counts.
 */
export function* queueLogEvents(
  input: SimInput,
  replication = 0,
  onCall?: (c: CallRecord) => void,
): Generator<QueueLogEvent, ReplicationResult, void> {
  const buf: QueueLogEvent[] = [];
  const sim = new Simulation(input, replication, { onEvent: (e) => buf.push(e), onCall });
  let more = true;
  while (more) {
    more = sim.step();
    for (let i = 0; i < buf.length; i++) yield buf[i];
    buf.length = 0;
  }
  return sim.result();
}
