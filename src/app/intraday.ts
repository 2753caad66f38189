/**
 * `wfm intraday` (issue 17): as of a minute of a day, the rest of the day re-forecast from the calls
 * so far, re-staffed against the roster, and the actions that lift the projected service level.
 *
 * As of. Only calls that entered a queue before `--at` count (call-level data), or, for a queue
 * with interval volumes only (`wfm import volumes`; volumes count for a queue without calls, as in
 * the reports), the intervals that have ended by then and are imported. Nothing in the store after
 * the cut is read for the day: the answer for a cut is the same whether the store holds the rest of
 * the day or not.
 *
 * The day's grid is real time, as the reports' (`intervalGrid`): intervals of g minutes from local
 * midnight to the next (the saved forecast's interval, else --interval, else 30 for calls and the
 * volumes' own for volumes), so a day the clocks change has 46 or 50 half hours, each with its own
 * calls and offset in `intervalStart`. A saved forecast's rows land on the interval holding their
 * instant (`wfm forecast` writes both copies of a repeated hour); the default forecast's wall-clock
 * slots go to every interval starting at that wall time. The roster counts wall-clock minutes
 * (src/roster-io/time.ts): an interval's scheduled agents are those of its wall-clock time, and
 * the actions see each wall-clock interval as the intervals at that time (two in a repeated hour,
 * none in a skipped one).
 *
 * Pieces: the morning forecast (a saved one, else the default method's forecast of the day from the
 * store's history strictly before it, src/app/forecast.ts and src/forecast), the reforecast
 * (src/forecast/intraday.ts), per interval the requirement and projection (src/staff/intraday.ts,
 * each queue's targets as in `wfm staff`), the roster (src/app/intraday-roster.ts) and the actions
 * (src/solver/intraday.ts). The store is read in one place (`readStore`) and written in one
 * (`saveVersion`).
 */
import { DateTime, IANAZone } from 'luxon';
import { UsageError, type Message } from '../errors.js';
import { agentSpans } from '../cdr/sessions.js';
import type { AgentEvent, VolumeRecord } from '../cdr/types.js';
import { dateOf, forecast as forecastDay, type ForecastResult, type SeriesInput } from '../forecast/index.js';
import { reforecast, reforecastTotal } from '../forecast/intraday.js';
import { parseShifts } from '../formats/shifts.js';
import type { PeopleData } from '../roster-io/gates.js';
import { gateAgents } from '../roster-io/gates.js';
import { dateTimeToMinute, minuteToIso } from '../roster-io/time.js';
import { intervalGrid, intervalIndex, type IntervalGrid } from '../report/sla.js';
import type { CallCell } from '../report/cells.js';
import { TargetUnreachableError } from '../queueing/index.js';
import type { Agent } from '../solver/index.js';
import { applyActions, coverage, planActions, type IntradayAction, type PlanShift } from '../solver/intraday.js';
import { QueueProjection, weightedMean } from '../staff/intraday.js';
import { BUCKET_MS, type ForecastSnapshot, type RosterSnapshot, type RosterSummary, type SiteRecord, type Store } from '../store/index.js';
import { isoWithOffset, parseLocalTime } from '../time.js';
import { assembleHistory, engineError, holidaysFor, type HistoryRow } from './forecast.js';
import {
  checkerRequirements,
  dayIndexOf,
  localMinute,
  planFromFile,
  planFromSnapshot,
  rosterCovering,
  rulesOfSnapshot,
  versionInForce,
  versionSnapshot,
  type RosterPlan,
} from './intraday-roster.js';
import { loadRules } from './roster-inputs.js';
import { RejectLog } from './rejects.js';
import type { Session } from './session.js';
import { isFile } from './shifts.js';
import { readText } from './files.js';
import { oneSite, recordSite, snapshotSite, siteZone } from './sites.js';
import { checkSaveName, openStore, savedMeanwhile, withStore } from './store.js';
import { queueStaffing, unreachable } from './staffing.js';
import { targetResolver, type TargetFlags } from './targets.js';

/** The source the queue_log import keeps its open calls under (src/app/imports.ts). */
const QUEUE_LOG_SOURCE = 'queue_log';
/** Days of history the morning forecast reads (as `wfm forecast` from the store). */
const HISTORY_DAYS = 182;
/** Agent events read before the day, for the state at its start. */
const EVENTS_LOOKBACK_MS = 86_400_000;
/** A shift counts as not logged in when it started at least this long before the cut with no login seen. */
export const LOGIN_GRACE_MINUTES = 5;
/** Agent events count as showing today's sessions when the latest is at most this long before the cut. */
const SESSIONS_FRESH_MS = 3_600_000;

export interface IntradayRequest {
  /** The day, YYYY-MM-DD (default: today in the zone). */
  date?: string;
  /** Minutes after local midnight (0 … 1440), or now (default). */
  at?: number | 'now';
  queues?: string[];
  forecast?: string;
  /** A saved roster or a roster file (default: the newest root roster covering the day, in its version in force at the cut). */
  roster?: string;
  /** The rules a roster file is checked against (default wfm.yaml's roster-rules, else the bundled ones). */
  rules?: string;
  interval?: number;
  flags: TargetFlags;
  /** At most this many actions (default 10). */
  maxActions?: number;
  /** Save the accepted actions as this new roster version. */
  apply?: string;
  /** The actions accepted by --apply, by rank (1-based; default all). */
  accept?: number[];
  /** A saved --roster stands for its version in force at the cut (the live board). */
  followVersions?: boolean;
}

export interface IntradayInterval {
  intervalStart: string;
  forecastCalls: number;
  actualCalls: number | null;
  reforecastCalls: number;
  reforecastLow: number;
  reforecastHigh: number;
  requiredAgents: number;
  scheduledAgents: number | null;
  projectedServiceLevel: number | null;
  projectedAbandonRate: number | null;
}

export interface IntradayQueue {
  queue: string;
  intervalMinutes: number;
  /** Where the day's counts come from. */
  source: 'calls' | 'volumes';
  /** `saved:NAME`, or the method the default forecast chose. */
  morningForecast: string;
  serviceLevelTarget: { share: number; seconds: number };
  day: { forecastCalls: number; forecastSoFar: number; callsSoFar: number; reforecastCalls: number; reforecastLow: number; reforecastHigh: number };
  restOfDay: {
    forecastCalls: number;
    reforecastCalls: number;
    reforecastLow: number;
    reforecastHigh: number;
    projectedServiceLevel: number | null;
    projectedAbandonRate: number | null;
    /** With every action of the list applied. */
    projectedServiceLevelWithActions: number | null;
    belowTarget: boolean;
  };
  /** Agents scheduled now who have not logged in (not counted from the cut on). */
  notLoggedIn: string[];
  intervals: IntradayInterval[];
}

export interface IntradayActionJson {
  rank: number;
  kind: IntradayAction['kind'];
  agent: string;
  queue: string;
  toQueue: string | null;
  start: string;
  end: string;
  /** A moved break: where it was. */
  from: { start: string; end: string } | null;
  agentHours: number;
  /** Pooled rest-of-day service level, points (0.4 = +0.4 %). */
  serviceLevelLift: number;
  liftPerAgentHour: number;
  effects: { queue: string; serviceLevelBefore: number; serviceLevelAfter: number }[];
}

/** The documented `--format json` object. */
export interface IntradayJson {
  date: string;
  at: string;
  /** The roster used (a saved name or the file), null without one. */
  roster: string | null;
  queues: IntradayQueue[];
  actions: IntradayActionJson[];
}

export interface IntradayAnswer {
  json: IntradayJson;
  /** The roster used, if any. */
  roster: { name: string; kind: 'saved' | 'file' } | null;
  /** Queues whose projected rest-of-day service level is below target (exit 5). */
  below: string[];
  /** The version saved by --apply. */
  applied?: { name: string; actions: number };
  /** Things to tell the person (stderr). */
  notes: Message[];
  /** For the live board: plan shifts after all actions and the plan itself. */
  plan: RosterPlan | null;
  atMs: number;
  /** The site worked on and its zone (the day's local clock). */
  site: string;
  zone: string;
}

// ---------------------------------------------------------------------------------------------
// When

interface When {
  date: string;
  zone: string;
  atMs: number;
  /** Minutes after local midnight of the cut (0 … 1440). */
  cutMinute: number;
  dayStartMs: number;
  dayEndMs: number;
}

/** The day and the cut of a request (see IntradayRequest). */
export function resolveWhen(req: Pick<IntradayRequest, 'date' | 'at'>, s: Pick<Session, 'tz' | 'now'>, nowMs = s.now().getTime()): When {
  const zone = s.tz;
  const today = DateTime.fromMillis(nowMs, { zone }).toISODate()!;
  const date = req.date ?? today;
  const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
  const dayStartMs = dayStart.toMillis();
  const dayEndMs = dayStart.plus({ days: 1 }).startOf('day').toMillis();
  let atMs: number;
  let cutMinute: number;
  if (req.at === undefined || req.at === 'now') {
    if (date !== today) throw new UsageError({ key: 'intraday.err.atNow', params: { date, today } }, '--at now is today');
    atMs = nowMs;
    cutMinute = localMinute(IANAZone.create(zone), nowMs).minute;
  } else if (req.at >= 1440) {
    atMs = dayEndMs;
    cutMinute = 1440;
  } else {
    const text = `${date} ${String(Math.floor(req.at / 60)).padStart(2, '0')}:${String(req.at % 60).padStart(2, '0')}`;
    const p = parseLocalTime(text, zone);
    if (!p.ok) throw new UsageError({ key: 'intraday.err.atMissing', params: { value: text, zone } }, `${text} does not exist in ${zone}`);
    atMs = p.time.toMillis();
    cutMinute = req.at;
  }
  return { date, zone, atMs, cutMinute, dayStartMs, dayEndMs };
}

// ---------------------------------------------------------------------------------------------
// The store, read once

interface StoreRead {
  forecast: ForecastSnapshot | null;
  /** History rows before the day (no saved forecast): per queue, calls and AHT per local interval. */
  history: { rows: (HistoryRow & { instant: number })[]; volumes: boolean; intervalMinutes: number } | null;
  /** The day's call cells up to the cut, on the day's real-time grid of g minutes. */
  dayCells: { cells: CallCell[]; grid: IntervalGrid } | null;
  /** Calls of the day that entered before the cut and were still open at the last queue_log import (queue, enter time). */
  dayPending: { queue: string; enteredMs: number }[];
  dayVolumes: VolumeRecord[];
  rosters: RosterSummary[];
  roster: RosterSnapshot | null;
  people: PeopleData | null;
  events: AgentEvent[];
  /** The saved roster named like --apply, if there is one already. */
  applyTaken: RosterSummary | null;
}

/**
 * Everything `wfm intraday` reads from the store, with the cut as the upper bound of every call,
 * volume and event read for the day.
 */
async function readStore(s: Session, req: IntradayRequest, when: When, site: string): Promise<StoreRead> {
  const store: Store = await openStore(s, 'read', { key: 'intraday.err.noStore', params: { db: s.db } });
  try {
    const forecast = req.forecast === undefined ? null : await store.forecast(site, req.forecast);
    if (req.forecast !== undefined && !forecast) throw new UsageError({ key: 'staff.err.noForecast', params: { name: req.forecast, db: s.db } });
    let history: StoreRead['history'] = null;
    let g = forecast?.intervalMinutes ?? req.interval ?? 30;
    if (!forecast) {
      // the history strictly before the day: calls per interval (counted in SQL), else volumes
      const fromMs = DateTime.fromMillis(when.dayStartMs, { zone: when.zone }).minus({ days: HISTORY_DAYS }).toMillis();
      const volumes = [...(await store.volumesInRange({ site, fromMs, toMs: when.dayStartMs, queues: req.queues }))];
      const rows: (HistoryRow & { instant: number })[] = [];
      const grid = intervalGrid(fromMs, when.dayStartMs, when.zone, g);
      const zone = IANAZone.create(when.zone);
      const cells = await historyCells(store, site, grid, req.queues, g);
      const callQueues = new Set<string>();
      for (const c of cells) {
        const at = grid.starts[c.interval];
        const { day, minute } = localMinute(zone, at);
        callQueues.add(c.queue);
        rows.push({ queue: c.queue, date: dateOf(day), minutes: minute, calls: c.offered, aht: c.answered > 0 ? c.handleS / c.answered : null, instant: at });
      }
      const volumeRows = volumes.filter((v) => !callQueues.has(v.queue));
      if (volumeRows.length && req.interval === undefined && callQueues.size === 0) g = volumeRows.find((v) => v.intervalMinutes)?.intervalMinutes ?? g;
      for (const v of volumeRows) {
        const { day, minute } = localMinute(zone, v.intervalStartMs);
        rows.push({ queue: v.queue, date: dateOf(day), minutes: minute, calls: v.offered, aht: v.ahtS, instant: v.intervalStartMs });
      }
      history = { rows, volumes: volumeRows.length > 0, intervalMinutes: g };
    }
    const grid = intervalGrid(when.dayStartMs, when.dayEndMs, when.zone, g);
    const cells = await store.callCells(site, { starts: grid.starts, endMs: grid.endMs, toMs: when.atMs, queues: req.queues, slThresholdS: 20, shortAbandonS: 0 });
    const dayCells: StoreRead['dayCells'] = { cells, grid };
    const dayVolumes: VolumeRecord[] = [...(await store.volumesInRange({ site, fromMs: when.dayStartMs, toMs: when.atMs, queues: req.queues }))];
    const dayPending: StoreRead['dayPending'] = [];
    // a call in progress when the log was imported is kept open in the store: it entered, so it counts
    for (const p of await store.pendingCalls(site, QUEUE_LOG_SOURCE)) {
      if (p.enteredMs === undefined || p.enteredMs < when.dayStartMs || p.enteredMs >= when.atMs) continue;
      if (req.queues?.length && !req.queues.includes(p.queue)) continue;
      dayPending.push({ queue: p.queue, enteredMs: p.enteredMs });
    }
    const rosters = await store.listRosters(site);
    let rosterName: string | null = null;
    if (req.roster !== undefined) rosterName = isFile(s, req.roster) ? null : req.followVersions ? versionInForce(rosters, req.roster, when.atMs) : req.roster;
    else rosterName = rosterCovering(rosters, when.date, when.atMs);
    const roster = rosterName === null ? null : await store.roster(site, rosterName);
    if (req.roster !== undefined && rosterName !== null && !roster) {
      throw new UsageError({ key: 'shifts.notFound', params: { option: '--roster: ', name: req.roster, db: s.db } }, `no roster file or saved roster named ${req.roster}`);
    }
    const agents = await store.agents(site);
    const people: PeopleData | null = agents.length
      ? { agents, exams: await store.exams(site), training: await store.training(site), requirements: await store.skillRequirements(site) }
      : null;
    const events = [...(await store.agentEventsInRange(site, when.dayStartMs - EVENTS_LOOKBACK_MS, when.atMs))];
    const applyTaken = req.apply === undefined ? null : (rosters.find((r) => r.name === req.apply) ?? null);
    return { forecast, history, dayCells, dayPending, dayVolumes, rosters, roster, people, events, applyTaken };
  } finally {
    await store.close();
  }
}

/**
 * The history's calls per queue and interval of `grid` (its offered calls, answered calls and handle
 * time; by queue, then interval): from the quarter-hour call buckets when an interval is a whole
 * number of quarter hours (a few thousand rows for months of calls), else counted from the calls.
 */
async function historyCells(store: Store, site: string, grid: IntervalGrid, queues: readonly string[] | undefined, g: number): Promise<Pick<CallCell, 'queue' | 'interval' | 'offered' | 'answered' | 'handleS'>[]> {
  if ((g * 60_000) % BUCKET_MS !== 0 || grid.starts.length === 0) {
    return store.callCells(site, { starts: grid.starts, endMs: grid.endMs, queues, slThresholdS: 20, shortAbandonS: 0 });
  }
  const acc = new Map<string, Map<number, { offered: number; answered: number; handleS: number }>>();
  for (const b of await store.callBuckets(site, { fromMs: grid.starts[0], toMs: grid.endMs, queues })) {
    const i = intervalIndex(grid, b.startMs);
    if (i < 0) continue;
    let q = acc.get(b.queue);
    if (!q) acc.set(b.queue, (q = new Map()));
    const c = q.get(i);
    if (c) {
      c.offered += b.offered;
      c.answered += b.answered;
      c.handleS += b.handleS;
    } else q.set(i, { offered: b.offered, answered: b.answered, handleS: b.handleS });
  }
  const out: Pick<CallCell, 'queue' | 'interval' | 'offered' | 'answered' | 'handleS'>[] = [];
  for (const queue of [...acc.keys()].sort()) {
    const q = acc.get(queue)!;
    for (const i of [...q.keys()].sort((a, b) => a - b)) out.push({ queue, interval: i, ...q.get(i)! });
  }
  return out;
}

/**
 * Save a roster version under the site (refused, nothing written, exit 2 saying who saved the name and
 * when, when another user took it meanwhile).
 */
async function saveVersion(s: Session, site: SiteRecord, snapshot: RosterSnapshot): Promise<void> {
  // the site first: a save retried after a busy store must not meet its own first attempt
  const saved = await withStore(s, 'write', async (st) => {
    await recordSite(s, st, site);
    return st.saveRoster(site.name, snapshot);
  });
  if (!saved.saved) throw savedMeanwhile('roster.err.exists', snapshot.name, site.name, saved);
}

/**
 * The site `wfm intraday` works on, in its zone: the one named (--site, WFM_SITE, wfm.yaml); else the
 * site that saved --forecast NAME, else that of a saved --roster NAME; else the store's only site
 * (several: exit 2 listing them; src/app/sites.ts).
 */
async function intradaySite(s: Session, req: IntradayRequest): Promise<SiteRecord> {
  const store: Store = await openStore(s, 'read', { key: 'intraday.err.noStore', params: { db: s.db } });
  try {
    if (s.site === undefined) {
      let name = req.forecast === undefined ? null : await snapshotSite(s, store, 'forecast', req.forecast);
      if (name === null && req.roster !== undefined && !isFile(s, req.roster)) name = await snapshotSite(s, store, 'roster', req.roster);
      if (name !== null) return { name, tz: siteZone(s, name, await store.sites()) };
    }
    return await oneSite(s, store);
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The morning forecast and the day so far

/** One queue's day on the wall-clock grid. */
interface QueueDay {
  queue: string;
  method: string;
  forecast: Float64Array;
  /** Forecast AHT per interval, seconds (null: none). */
  aht: (number | null)[];
  /**
   * For an interval the morning forecast gives no AHT (the engine found none for that kind of day in
   * the history), after the queue's aht of wfm.yaml: the queue's mean handle time over the whole
   * history, weighted by calls (null: none).
   */
  ahtMean: number | null;
  source: 'calls' | 'volumes';
  /** Counts of the intervals known by the cut (calls: ended; volumes: ended and imported). */
  known: number;
  actual: Float64Array;
  /** Calls that entered in the interval under way at the cut (calls only). */
  seenPartial: number;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * The day's real-time grid of g-minute intervals (see the module comment): each interval's end and
 * wall-clock slot (minute of day / g), and the intervals of each wall-clock slot.
 */
interface DayGrid {
  grid: IntervalGrid;
  g: number;
  /** Intervals of the day (1440 / g, fewer or more on a day the clocks change). */
  n: number;
  ends: number[];
  wall: number[];
  /** realOfWall[w]: the intervals whose wall-clock start is slot w (none in a skipped hour). */
  realOfWall: number[][];
}

function dayGrid(when: When, g: number): DayGrid {
  const grid = intervalGrid(when.dayStartMs, when.dayEndMs, when.zone, g);
  const zone = IANAZone.create(when.zone);
  const n = grid.starts.length;
  const ends = grid.starts.map((_, i) => (i + 1 < n ? grid.starts[i + 1] : grid.endMs));
  const wall = grid.starts.map((ms) => Math.floor(localMinute(zone, ms).minute / g));
  const realOfWall = Array.from({ length: 1440 / g }, () => [] as number[]);
  wall.forEach((w, i) => realOfWall[w].push(i));
  return { grid, g, n, ends, wall, realOfWall };
}

/** Intervals of the day that have ended by `ms`. */
function endedBy(day: DayGrid, ms: number): number {
  let k = 0;
  while (k < day.n && day.ends[k] <= ms) k++;
  return k;
}

/** The morning forecast per queue on the day's grid: the saved one, else the default method's from the history. */
function morningForecasts(read: StoreRead, s: Session, when: When, day: DayGrid, wanted: readonly string[] | undefined): Map<string, Pick<QueueDay, 'method' | 'forecast' | 'aht' | 'ahtMean'>> {
  const n = day.n;
  const out = new Map<string, Pick<QueueDay, 'method' | 'forecast' | 'aht' | 'ahtMean'>>();
  const entry = (queue: string, method: string) => {
    let e = out.get(queue);
    if (!e) out.set(queue, (e = { method, forecast: new Float64Array(n), aht: new Array<number | null>(n).fill(null), ahtMean: null }));
    return e;
  };
  if (read.forecast) {
    const known = [...new Set(read.forecast.rows.map((r) => r.queue))].sort();
    for (const q of wanted ?? []) if (!known.includes(q)) throw new UsageError({ key: 'intraday.err.noQueue', params: { queue: q, queues: known.join(', ') } });
    const ahtW = new Map<string, Float64Array>();
    for (const r of read.forecast.rows) {
      if (wanted?.length && !wanted.includes(r.queue)) continue;
      const i = intervalIndex(day.grid, r.intervalStartMs);
      if (i < 0) continue;
      const e = entry(r.queue, `saved:${read.forecast.name}`);
      e.forecast[i] += r.calls;
      if (r.ahtSeconds !== null) {
        let w = ahtW.get(r.queue);
        if (!w) ahtW.set(r.queue, (w = new Float64Array(n)));
        const weight = Math.max(r.calls, 1e-9);
        e.aht[i] = ((e.aht[i] ?? 0) * w[i] + r.ahtSeconds * weight) / (w[i] + weight);
        w[i] += weight;
      }
    }
    if (out.size === 0) throw new UsageError({ key: 'intraday.err.forecastDay', params: { name: read.forecast.name, date: when.date } });
    return out;
  }
  const h = read.history!;
  if (h.rows.length === 0) throw new UsageError({ key: 'intraday.err.noHistory', params: { db: s.db, date: when.date } });
  // rows counted from calls fit any interval; interval volumes have their own resolution
  const history = assembleHistory(h.rows, new RejectLog(s.lang), day.g, h.volumes ? undefined : 1);
  const holidays = holidaysFor({}, s);
  for (const [queue, series] of [...history.queues].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let res: ForecastResult;
    try {
      res = forecastDay(series as SeriesInput, { start: when.date, days: 1, method: 'auto', holidays });
    } catch (err) {
      engineError(err);
    }
    const e = entry(queue, res.method);
    let calls = 0;
    let handle = 0;
    for (const r of h.rows) {
      if (r.queue !== queue || r.aht === null || !(r.calls > 0)) continue;
      calls += r.calls;
      handle += r.calls * r.aht;
    }
    e.ahtMean = calls > 0 ? handle / calls : null;
    // a wall-clock slot's forecast goes to every interval at that wall time (as `wfm forecast` saves it)
    for (const r of res.rows) {
      for (const i of day.realOfWall[r.slot] ?? []) {
        e.forecast[i] += r.calls;
        if (r.aht !== null) e.aht[i] = r.aht;
      }
    }
  }
  return out;
}

/** The day so far per queue (see the module comment for calls against volumes). */
function daySoFar(read: StoreRead, when: When, day: DayGrid, queue: string): Omit<QueueDay, 'queue' | 'method' | 'forecast' | 'aht' | 'ahtMean'> {
  const n = day.n;
  const actual = new Float64Array(n);
  const cells = (read.dayCells?.cells ?? []).filter((c) => c.queue === queue);
  const pending = read.dayPending.filter((p) => p.queue === queue);
  const volumes = read.dayVolumes.filter((v) => v.queue === queue);
  const historyVolumes = read.history?.volumes === true && read.history.rows.some((r) => r.queue === queue);
  if (cells.length === 0 && pending.length === 0 && (volumes.length > 0 || historyVolumes)) {
    let lastEnd = when.dayStartMs;
    for (const v of volumes) {
      const len = v.intervalMinutes ?? day.g;
      if (len > day.g) throw new UsageError({ key: 'intraday.err.volumeInterval', params: { queue, minutes: len, interval: day.g } });
      const end = v.intervalStartMs + len * 60_000;
      if (end > when.atMs) continue;
      const i = intervalIndex(day.grid, v.intervalStartMs);
      if (i < 0) continue;
      actual[i] += v.offered;
      lastEnd = Math.max(lastEnd, end);
    }
    return { source: 'volumes', known: endedBy(day, Math.min(when.atMs, lastEnd)), actual, seenPartial: 0 };
  }
  for (const c of cells) actual[c.interval] += c.offered;
  for (const p of pending) {
    const i = intervalIndex(day.grid, p.enteredMs);
    if (i >= 0) actual[i] += 1;
  }
  const known = endedBy(day, when.atMs);
  return { source: 'calls', known, actual, seenPartial: known < n ? actual[known] : 0 };
}

// ---------------------------------------------------------------------------------------------
// The roster

/** The roster plan of the request: a file, the saved roster read, or none. */
function rosterPlan(s: Session, req: IntradayRequest, read: StoreRead, queues: readonly string[], notes: Message[]): RosterPlan | null {
  if (req.roster !== undefined && isFile(s, req.roster)) {
    const shifts = parseShifts(readText(s, req.roster), s.tz, req.roster);
    if (shifts.length === 0) throw new UsageError({ key: 'intraday.err.rosterEmpty', params: { name: req.roster } });
    return planFromFile(req.roster, shifts, s.tz, loadRules(s, req.rules).rules, queues.length === 1 ? queues[0] : null);
  }
  if (!read.roster) {
    notes.push({ key: 'intraday.note.noRoster' });
    return null;
  }
  let rules = req.rules === undefined ? rulesOfSnapshot(read.roster.rules) : null;
  if (!rules) {
    if (req.rules === undefined) notes.push({ key: 'intraday.note.rosterRules', params: { name: read.roster.name } });
    rules = loadRules(s, req.rules).rules;
  }
  return planFromSnapshot(read.roster, rules);
}

/**
 * The rostered agents whose shift has been under way for LOGIN_GRACE_MINUTES by the cut and who have
 * not logged in since an hour before it, when the store's agent events reach the hour before the cut
 * and name a rostered agent (else the store does not know today's sessions: nobody is left out).
 */
function notLoggedIn(plan: RosterPlan, events: readonly AgentEvent[], when: When, cut: number): Set<string> {
  const out = new Set<string>();
  // sessions are known only when the store's agent events reach the last hour before the cut
  if (!events.some((e) => e.timeMs >= when.atMs - SESSIONS_FRESH_MS)) return out;
  const named = new Set(events.map((e) => e.agent));
  if (!plan.shifts.some((sh) => named.has(sh.agent))) return out;
  const spans = agentSpans(events, when.dayStartMs - EVENTS_LOOKBACK_MS, when.atMs);
  for (const sh of plan.shifts) {
    if (sh.start > cut - LOGIN_GRACE_MINUTES || sh.end <= cut) continue;
    const fromMs = when.atMs - (cut - sh.start + 60) * 60_000;
    const seen = spans.some((sp) => sp.agent === sh.agent && sp.loggedIn && sp.endMs > fromMs && sp.startMs < when.atMs);
    if (!seen) out.add(sh.agent);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The use-case

/**
 * The day's counts from elsewhere (the live board's source): per queue, the calls that entered in each
 * interval of the day's grid (g minutes) before the cut.
 */
export type DayCounts = (day: { date: string; zone: string; dayStartMs: number; atMs: number; intervalMinutes: number; grid: IntervalGrid }) => ReadonlyMap<string, readonly number[]>;

/**
 * `wfm intraday` (see the module comment and IntradayRequest): read, project, rank the actions, and
 * save the accepted ones as a new roster version with --apply.
 */
export async function runIntraday(req: IntradayRequest, session: Session): Promise<IntradayAnswer> {
  if (req.apply !== undefined) checkSaveName(req.apply);
  // one site, in its zone: everything below reads and saves there
  const site = await intradaySite(session, req);
  const s: Session = { ...session, site: site.name, tz: site.tz };
  const when = resolveWhen(req, s);
  const read = await readStore(s, req, when, site.name);
  const taken = read.applyTaken;
  if (taken) throw savedMeanwhile('roster.err.exists', taken.name, site.name, { createdBy: taken.createdBy ?? '', createdMs: taken.createdMs });
  const answer = project(req, s, when, read);
  if (req.apply !== undefined) {
    const plan = answer.plan;
    if (!plan) throw new UsageError({ key: 'intraday.err.applyNoRoster' });
    const n = answer.actions.length;
    for (const r of req.accept ?? []) if (!(r >= 1 && r <= n)) throw new UsageError({ key: 'intraday.err.accept', params: { rank: r, count: n } });
    const accepted = req.accept ? answer.actions.filter((_, k) => req.accept!.includes(k + 1)) : answer.actions;
    const shifts = applyActions(plan.shifts.map(({ absent: _a, ...sh }) => sh), accepted);
    await saveVersion(s, site, versionSnapshot(plan, shifts, req.apply, s.now().getTime()));
    answer.applied = { name: req.apply, actions: accepted.length };
  }
  return answer;
}

/**
 * The intraday figures of the live board at `atMs`: as runIntraday without --apply, each interval's
 * count the larger of the store's and `counts`' (the live source's) when given.
 */
export async function intradayAt(req: IntradayRequest, session: Session, atMs: number, counts?: DayCounts): Promise<IntradayAnswer> {
  const site = await intradaySite(session, req);
  const s: Session = { ...session, site: site.name, tz: site.tz };
  const when = resolveWhen({ ...req, at: 'now' }, { tz: s.tz, now: () => new Date(atMs) }, atMs);
  const read = await readStore(s, req, when, site.name);
  return project(req, s, when, read, counts);
}

type InternalAnswer = IntradayAnswer & { actions: IntradayAction[] };

function project(req: IntradayRequest, s: Session, when: When, read: StoreRead, counts?: DayCounts): InternalAnswer {
  const notes: Message[] = [];
  const g = read.forecast?.intervalMinutes ?? read.history?.intervalMinutes ?? req.interval ?? 30;
  if (req.interval !== undefined && read.forecast && req.interval !== g) {
    throw new UsageError({ key: 'intraday.err.interval', params: { interval: req.interval, name: read.forecast.name, minutes: g } });
  }
  if (1440 % g !== 0) throw new UsageError({ key: 'intraday.err.interval', params: { interval: g, name: read.forecast?.name ?? '-', minutes: g } });
  const day = dayGrid(when, g);
  const n = day.n;
  const morning = morningForecasts(read, s, when, day, req.queues);
  for (const q of req.queues ?? []) {
    if (!morning.has(q)) throw new UsageError({ key: 'intraday.err.noQueue', params: { queue: q, queues: [...morning.keys()].join(', ') } });
  }
  const names = [...morning.keys()].sort();
  const resolve = targetResolver(s.config, req.flags);
  const given = counts?.({ date: when.date, zone: when.zone, dayStartMs: when.dayStartMs, atMs: when.atMs, intervalMinutes: g, grid: day.grid });
  const days: QueueDay[] = names.map((queue) => {
    const m = morning.get(queue)!;
    const soFar = daySoFar(read, when, day, queue);
    if (given) {
      // the live board: every interval up to the cut from the source's counts and the store's, the
      // larger of the two (both count a part of the calls that entered: the source those since it has
      // followed the queue, the store those imported so far)
      const c = given.get(queue) ?? [];
      const actual = new Float64Array(n);
      for (let i = 0; i < n; i++) actual[i] = Math.max(c[i] ?? 0, soFar.actual[i]);
      const known = endedBy(day, when.atMs);
      return { queue, ...m, ...soFar, source: 'calls', known, actual, seenPartial: known < n ? actual[known] : 0 };
    }
    return { queue, ...m, ...soFar };
  });

  // reforecast, requirement and projection per queue
  const cutMinute = when.cutMinute;
  const perQueue = days.map((d) => {
    const k = d.known;
    // the share of interval k (under way at the cut) gone by
    const phi = k < n ? Math.max(0, when.atMs - day.grid.starts[k]) / (day.ends[k] - day.grid.starts[k]) : 0;
    const partial = d.source === 'calls' && k < n && phi > 0;
    const input = { forecast: Array.from(d.forecast), actual: Array.from(d.actual.subarray(0, k)), cut: k, intervalMinutes: g };
    const r = reforecast(input);
    const tot = reforecastTotal(input);
    const calls = new Float64Array(n);
    const low = new Float64Array(n);
    const high = new Float64Array(n);
    const remaining = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (i < k) {
        calls[i] = low[i] = high[i] = d.actual[i];
        continue;
      }
      const j = i - k;
      if (i === k && partial) {
        calls[i] = d.seenPartial + (1 - phi) * r.calls[j];
        low[i] = d.seenPartial + (1 - phi) * r.low[j];
        high[i] = d.seenPartial + (1 - phi) * r.high[j];
        remaining[i] = (1 - phi) * r.calls[j];
      } else {
        calls[i] = r.calls[j];
        low[i] = r.low[j];
        high[i] = r.high[j];
        // a volumes queue's intervals ended but not imported yet are behind the cut: not remaining
        remaining[i] = day.ends[i] <= when.atMs ? 0 : r.calls[j];
      }
    }
    const targets = resolve(d.queue);
    const aht = d.aht.map((a) => a ?? targets.aht ?? d.ahtMean ?? null);
    for (let i = 0; i < n; i++) {
      if (calls[i] > 0 && aht[i] === null) throw new UsageError({ key: 'intraday.err.noAht', params: { queue: d.queue } });
    }
    const proj = new QueueProjection(
      Array.from(calls, (c, i) => ({ calls: c, ahtSeconds: aht[i] })),
      g,
      queueStaffing(targets),
    );
    const required = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      try {
        required[i] = proj.required(i);
      } catch (err) {
        if (err instanceof TargetUnreachableError) unreachable(err);
        throw err;
      }
    }
    const seenSoFar = d.actual.subarray(0, d.known).reduce((a, b) => a + b, 0) + (partial ? d.seenPartial : 0);
    const forecastSoFar = d.forecast.subarray(0, d.known).reduce((a, b) => a + b, 0) + (partial ? phi * d.forecast[k] : 0);
    const partialShare = partial ? phi * r.calls[0] : 0;
    const rest = Math.max(0, tot.calls - partialShare);
    return {
      d, targets, proj, calls, low, high, remaining, required,
      day: {
        forecastCalls: d.forecast.reduce((a, b) => a + b, 0),
        forecastSoFar,
        callsSoFar: seenSoFar,
        reforecastCalls: seenSoFar + rest,
        reforecastLow: seenSoFar + Math.max(0, tot.low - partialShare),
        reforecastHigh: seenSoFar + Math.max(0, tot.high - partialShare),
      },
      rest: { forecastCalls: Math.max(0, d.forecast.subarray(k).reduce((a, b) => a + b, 0) - (partial ? phi * d.forecast[k] : 0)), calls: rest, low: Math.max(0, tot.low - partialShare), high: Math.max(0, tot.high - partialShare) },
    };
  });

  // the roster: agents at work per queue and interval, actions
  const plan = rosterPlan(s, req, read, names, notes);
  let scheduled: Float64Array[] | null = null;
  let after: Float64Array[] | null = null;
  let actions: IntradayAction[] = [];
  const absent = new Set<string>();
  if (plan) {
    if (plan.unmatched) notes.push({ key: 'intraday.note.unmatched', params: { count: plan.unmatched, name: plan.name } });
    if (plan.noQueue) notes.push({ key: 'intraday.note.noQueue', params: { count: plan.noQueue, name: plan.name } });
    const dIdx = dayIndexOf(plan.cal, when.date);
    if (dIdx < 0 || dIdx >= plan.days) notes.push({ key: 'intraday.note.rosterDay', params: { name: plan.name, date: when.date } });
    const dayStart = dateTimeToMinute(plan.cal, DateTime.fromMillis(when.dayStartMs, { zone: plan.cal.zone }));
    // the roster's minutes are wall-clock: coverage and actions work on the day's wall-clock slots
    const grid = { dayStart, intervalMinutes: g, intervals: 1440 / g };
    const onDay = (wallCover: Float64Array[]) => wallCover.map((a) => Float64Array.from(day.wall, (w) => a[w]));
    const cut = dayStart + cutMinute;
    for (const a of notLoggedIn(plan, read.events, when, cut)) absent.add(a);
    if (absent.size) {
      for (const sh of plan.shifts) if (absent.has(sh.agent) && sh.start <= cut - LOGIN_GRACE_MINUTES && sh.end > cut) sh.absent = true;
      const list = [...absent].sort();
      notes.push({ key: 'intraday.note.notLoggedIn', params: { count: list.length, agents: list.slice(0, 10).join(', ') + (list.length > 10 ? ', ...' : ''), at: isoWithOffset(DateTime.fromMillis(when.atMs, { zone: when.zone })) } });
    }
    scheduled = onDay(coverage(plan.shifts, grid, names, cut));
    let agents: Agent[] | undefined;
    if (read.people) {
      const allQueues = checkerRequirements(plan, names).queues.map((q) => q.queue);
      agents = gateAgents(read.people, plan.cal, plan.days, allQueues, plan.rules).agents;
    } else notes.push({ key: 'intraday.note.noAgents' });
    const result = planActions({
      rules: plan.rules,
      requirements: checkerRequirements(plan, names),
      agents,
      shifts: plan.shifts,
      grid,
      cut,
      queues: names,
      value: (q, w, agentsAtWork) => {
        let v = 0;
        for (const i of day.realOfWall[w]) {
          const rem = perQueue[q].remaining[i];
          if (rem > 0) v += perQueue[q].proj.value(i, agentsAtWork, rem);
        }
        return v;
      },
      required: (q, w) => Math.max(0, ...day.realOfWall[w].map((i) => perQueue[q].required[i])),
      remainingCalls: perQueue.map((p) => p.remaining.reduce((a, b) => a + b, 0)),
      maxActions: req.maxActions,
    });
    actions = result.actions;
    after = onDay(coverage(result.shifts.filter((x): x is PlanShift => x !== null), grid, names, cut));
  }

  // the answer
  const below: string[] = [];
  const queues: IntradayQueue[] = perQueue.map((p, q) => {
    const sl: (number | null)[] = [];
    const ab: (number | null)[] = [];
    const intervals: IntradayInterval[] = [];
    for (let i = 0; i < n; i++) {
      const ahead = p.remaining[i] > 0;
      const m = scheduled && ahead ? p.proj.project(i, scheduled[q][i]) : { serviceLevel: null, abandonRate: null };
      sl.push(m.serviceLevel);
      ab.push(m.abandonRate);
      intervals.push({
        intervalStart: day.grid.labels[i],
        forecastCalls: round(p.d.forecast[i], 3),
        actualCalls: i < p.d.known ? round(p.d.actual[i], 3) : null,
        reforecastCalls: round(p.calls[i], 3),
        reforecastLow: round(p.low[i], 3),
        reforecastHigh: round(p.high[i], 3),
        requiredAgents: p.required[i],
        scheduledAgents: scheduled ? round(scheduled[q][i], 2) : null,
        projectedServiceLevel: m.serviceLevel === null ? null : round(m.serviceLevel, 4),
        projectedAbandonRate: m.abandonRate === null ? null : round(m.abandonRate, 4),
      });
    }
    const w = Array.from(p.remaining);
    const restSl = weightedMean(w, sl);
    const withActions = after ? weightedMean(w, w.map((x, i) => (x > 0 ? p.proj.project(i, after![q][i]).serviceLevel : null))) : null;
    const isBelow = restSl !== null && restSl < p.targets.sla.target;
    if (isBelow) below.push(p.d.queue);
    return {
      queue: p.d.queue,
      intervalMinutes: g,
      source: p.d.source,
      morningForecast: p.d.method,
      serviceLevelTarget: { share: p.targets.sla.target, seconds: p.targets.sla.seconds },
      day: {
        forecastCalls: round(p.day.forecastCalls, 3),
        forecastSoFar: round(p.day.forecastSoFar, 3),
        callsSoFar: round(p.day.callsSoFar, 3),
        reforecastCalls: round(p.day.reforecastCalls, 3),
        reforecastLow: round(p.day.reforecastLow, 3),
        reforecastHigh: round(p.day.reforecastHigh, 3),
      },
      restOfDay: {
        forecastCalls: round(p.rest.forecastCalls, 3),
        reforecastCalls: round(p.rest.calls, 3),
        reforecastLow: round(p.rest.low, 3),
        reforecastHigh: round(p.rest.high, 3),
        projectedServiceLevel: restSl === null ? null : round(restSl, 4),
        projectedAbandonRate: (() => {
          const x = weightedMean(w, ab);
          return x === null ? null : round(x, 4);
        })(),
        projectedServiceLevelWithActions: withActions === null ? null : round(withActions, 4),
        belowTarget: isBelow,
      },
      notLoggedIn: plan ? [...new Set(plan.shifts.filter((sh) => sh.absent && sh.parts.some((x) => x.queue === p.d.queue)).map((sh) => sh.agent))].sort() : [],
      intervals,
    };
  });
  const iso = (m: number) => minuteToIso(plan!.cal, m);
  const json: IntradayJson = {
    date: when.date,
    at: isoWithOffset(DateTime.fromMillis(when.atMs, { zone: when.zone })),
    roster: plan ? plan.name : null,
    queues,
    actions: actions.map((a, k) => ({
      rank: k + 1,
      kind: a.kind,
      agent: a.agent,
      queue: a.queue,
      toQueue: a.toQueue ?? null,
      start: iso(a.window.start),
      end: iso(a.window.end),
      from: a.from ? { start: iso(a.from.start), end: iso(a.from.end) } : null,
      agentHours: round(a.agentHours, 2),
      serviceLevelLift: round(100 * a.lift, 3),
      liftPerAgentHour: round(100 * a.liftPerAgentHour, 3),
      effects: a.effects.map((e) => ({ queue: e.queue, serviceLevelBefore: round(e.before, 4), serviceLevelAfter: round(e.after, 4) })),
    })),
  };
  return { json, roster: plan ? { name: plan.name, kind: plan.kind } : null, below, notes, plan, atMs: when.atMs, site: s.site ?? '', zone: when.zone, actions };
}
