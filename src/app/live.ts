/**
 * `wfm live`: the source of seat and queue events (a queue_log followed as it grows, the Asterisk
 * Manager Interface, or the simulator), the roster the board compares against (a saved roster or a
 * file), and the alert thresholds; or, off a terminal, one snapshot.
 */
import { zoneOfSite } from './sites.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { InputError, UsageError, WfmError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { ActionView, IntradayFeed, IntradayPanel } from '../live/intraday.js';
import { minuteToDateTime } from '../roster-io/time.js';
import { AmiAuthError, AmiSource, AmiTimeoutError, hasUrlPassword, parseAmiUrl, redactUrl } from '../live/ami.js';
import { DEFAULT_THRESHOLDS, type AlertThresholds } from '../live/alerts.js';
import { QueueLogSource } from '../live/queue-log-source.js';
import type { LiveOptions } from '../live/reducer.js';
import { rosterFromShifts, type Roster } from '../live/roster.js';
import { SimSource } from '../live/sim-source.js';
import { sourceClock, type LiveSource } from '../live/source.js';
import type { LiveSnapshot } from '../live/types.js';
import { parseLocalTime } from '../time.js';
import type { LocalDateTime, SlaTarget } from '../values.js';
import type { Session } from './session.js';
import { intradayAt, type DayCounts, type IntradayAnswer } from './intraday.js';
import { localMinute } from './intraday-roster.js';
import { intervalIndex } from '../report/sla.js';
import { loadShifts, snapshotShifts } from './shifts.js';
import { countingSettings } from './targets.js';

export type SourceSpec = { kind: 'queue-log'; path: string } | { kind: 'ami'; url: string } | { kind: 'sim' };

/**
 * `queue-log:PATH`, `ami://user@host:port` or `sim`; a usage error otherwise. An address with a
 * password in it (`ami://user:password@host`) is refused, and echoed with the password as `***`.
 */
export function parseSourceSpec(spec: string): SourceSpec {
  if (spec === 'sim') return { kind: 'sim' };
  if (spec.startsWith('queue-log:') && spec.length > 'queue-log:'.length) return { kind: 'queue-log', path: spec.slice('queue-log:'.length) };
  const shown = redactUrl(spec);
  if (hasUrlPassword(spec) && spec.toLowerCase().startsWith('ami://')) throw new UsageError({ key: 'live.err.amiPassword', params: { value: shown } }, 'a password in the AMI address');
  if (spec.startsWith('ami://')) return { kind: 'ami', url: spec };
  throw new UsageError({ key: 'live.err.source', params: { value: shown } }, `unknown --source ${shown}`);
}

export interface LiveRequest {
  source: string;
  windowMs: number;
  /** As of this local time (a queue_log only): the snapshot then. */
  at?: LocalDateTime;
  /** The service-level target; default wfm.yaml's `defaults.sla`, else 80/20 (one for the board). */
  sla?: SlaTarget;
  /** Short abandons, seconds; default wfm.yaml's `defaults.short-abandon`, else 5. */
  shortAbandon?: number;
  wrapup?: number;
  interval: number;
  roster?: string;
  maxWait: number;
  maxPause: number;
  maxTalk: number;
  adherenceTolerance: number;
  speed: number;
  seed: number;
  seats: number;
  /** A terminal: follow the source and draw the board (else one snapshot). */
  interactive: boolean;
  /** AMI: seconds from connecting to the end of the status listing (default 10). */
  timeout?: number;
  /** The AMI secret (asked on a terminal, else $WFM_AMI_SECRET). */
  secret: () => Promise<string>;
}

export interface LiveSetup {
  source: LiveSource;
  clock: () => number;
  roster?: Roster;
  thresholds: AlertThresholds;
  /** The --at instant, if given. */
  untilMs?: number;
}

/** The source, roster and thresholds of a live run (see LiveRequest). */
export async function openLive(req: LiveRequest, s: Session): Promise<LiveSetup> {
  const spec = parseSourceSpec(req.source);
  const wall = () => s.now().getTime();
  // a named site's board runs in the site's zone (its --at, its intervals)
  if (s.site !== undefined) s = { ...s, tz: await zoneOfSite(s, s.site) };
  let untilMs: number | undefined;
  if (req.at !== undefined) {
    if (spec.kind !== 'queue-log') throw new UsageError({ key: 'live.err.atNeedsLog' }, '--at needs a queue-log source');
    const text = `${req.at.date} ${req.at.time ?? '00:00'}`;
    const p = parseLocalTime(text, s.tz);
    if (!p.ok) throw new UsageError({ key: 'live.err.at', params: { value: text } }, `bad --at ${text}`);
    untilMs = p.time.toMillis();
  }
  const roster = req.roster ? rosterFromShifts((await loadShifts(s, req.roster, '--roster')).shifts) : undefined;
  // the board has one target: wfm.yaml's defaults (a queue not listed), unless given
  const own = countingSettings(s.config, '');
  const sla = req.sla ?? own.sla;
  const live: Partial<LiveOptions> & { zone: string } = {
    windowMs: req.windowMs,
    slThresholdS: sla.seconds,
    shortAbandonS: req.shortAbandon ?? own.shortAbandon,
    intervalMinutes: req.interval,
    zone: s.tz,
  };
  if (req.wrapup !== undefined) live.wrapupS = req.wrapup;
  const thresholds: AlertThresholds = {
    ...DEFAULT_THRESHOLDS,
    slTarget: sla.target,
    maxWaitS: req.maxWait,
    maxPauseS: req.maxPause,
    maxTalkS: req.maxTalk,
    adherenceToleranceS: req.adherenceTolerance,
  };
  let source: LiveSource;
  if (spec.kind === 'queue-log') {
    const path = resolve(s.cwd, spec.path);
    if (!req.interactive && !existsSync(path)) throw new InputError({ file: spec.path }, { key: 'input.cannotRead', params: { code: 'ENOENT' } }, `cannot read ${spec.path}`);
    source = new QueueLogSource({ path, live, now: wall, untilMs, follow: req.interactive });
  } else if (spec.kind === 'ami') {
    const target = parseAmiUrl(spec.url);
    if (!target) throw new UsageError({ key: 'live.err.source', params: { value: redactUrl(spec.url) } }, 'bad AMI address');
    const timeoutMs = req.timeout === undefined ? undefined : req.timeout * 1000;
    source = new AmiSource({ target, secret: await req.secret(), live, now: wall, failFast: !req.interactive, timeoutMs });
  } else {
    source = new SimSource({ live, now: wall, speed: req.speed, seed: req.seed, agents: req.seats });
  }
  return { source, clock: sourceClock(source, wall), roster, thresholds, untilMs };
}

/** A refused AMI login as the usage error people see. */
export function liveError(err: unknown): never {
  if (err instanceof AmiAuthError) throw new UsageError({ key: 'live.err.amiAuth' }, 'AMI login refused');
  throw err;
}

/** One snapshot of the source (off a terminal): as of --at, or now. */
export async function liveSnapshot(setup: LiveSetup): Promise<LiveSnapshot> {
  const { source } = setup;
  try {
    await source.start();
  } catch (err) {
    await source.close();
    if (err instanceof AmiAuthError) liveError(err);
    if (err instanceof AmiTimeoutError) {
      const address = err.host.includes(':') ? `[${err.host}]:${err.port}` : `${err.host}:${err.port}`;
      throw new UsageError({ key: 'live.err.amiTimeout', params: { address, seconds: err.timeoutMs / 1000 } }, err.message);
    }
    throw new UsageError({ key: 'live.err.connect', params: { message: (err as Error).message } }, (err as Error).message);
  }
  const snap = source.snapshot(setup.untilMs ?? setup.clock(), { roster: setup.roster, thresholds: setup.thresholds });
  await source.close();
  return snap;
}

// ---------------------------------------------------------------------------------------------
// The intraday panel (key p)

/** How far ahead the panel shows the staffing gap. */
const PANEL_AHEAD_MS = 2 * 3_600_000;
/** A failed panel is tried again after this long. */
const PANEL_RETRY_MS = 60_000;

/**
 * The live board's intraday panel: `wfm intraday` as of the board's clock, with the day's counts from
 * the live source (calls that entered each queue, kept by the reducer) when it has them, else from the
 * store; the morning forecast `forecast` (else the default method's); the roster `roster` as its
 * version in force (a saved name follows the versions `wfm intraday --apply` saves from it), whose
 * schedule then drives the board's adherence. Computed again at every interval's start.
 */
export function intradayFeed(s: Session, o: { forecast?: string; roster?: string }, source: LiveSource): IntradayFeed {
  const counts: DayCounts | undefined = source.enteredByMinute
    ? (day) => {
        const out = new Map<string, number[]>();
        for (const [queue, minutes] of source.enteredByMinute!(day.dayStartMs, day.atMs)) {
          const arr = new Array<number>(day.grid.starts.length).fill(0);
          for (const [minute, calls] of minutes) {
            const i = intervalIndex(day.grid, minute * 60_000);
            if (i >= 0 && minute * 60_000 < day.atMs) arr[i] += calls;
          }
          out.set(queue, arr);
        }
        return out;
      }
    : undefined;
  return {
    async load(nowMs: number): Promise<IntradayPanel> {
      try {
        const a = await intradayAt({ forecast: o.forecast, roster: o.roster, followVersions: true, flags: {}, maxActions: 3 }, s, nowMs, counts);
        return panelOf(a, nowMs, o.roster !== undefined);
      } catch (err) {
        const error = err instanceof WfmError ? t(s.lang, err.msg.key, err.msg.params) : (err as Error).message;
        return { atMs: nowMs, nextMs: nowMs + PANEL_RETRY_MS, intervalMinutes: 0, zone: s.tz, roster: null, queues: [], actions: [], error };
      }
    },
  };
}

/** The panel's figures from an intraday answer. */
function panelOf(a: IntradayAnswer, nowMs: number, adherence: boolean): IntradayPanel {
  const zone = a.zone;
  const g = a.json.queues[0]?.intervalMinutes ?? 30;
  // the interval under way (the day's intervals are real time: 46 or 50 half hours when clocks change)
  const starts = (a.json.queues[0]?.intervals ?? []).map((iv) => Date.parse(iv.intervalStart));
  let current = 0;
  while (current + 1 < starts.length && starts[current + 1] <= nowMs) current++;
  const nextMs =
    current + 1 < starts.length
      ? starts[current + 1]
      : starts.length
        ? minuteToDateTime({ startDate: a.json.date, zone }, 1440).toMillis()
        : minuteToDateTime({ startDate: a.json.date, zone }, (Math.floor(localMinute(IANAZone.create(zone), nowMs).minute / g) + 1) * g).toMillis();
  const hhmm = (iso: string) => iso.slice(11, 16);
  const queues = a.json.queues.map((q) => ({
    queue: q.queue,
    callsSoFar: q.day.callsSoFar,
    forecastSoFar: q.day.forecastSoFar,
    dayForecast: q.day.forecastCalls,
    dayCalls: q.day.reforecastCalls,
    dayLow: q.day.reforecastLow,
    dayHigh: q.day.reforecastHigh,
    gaps: q.intervals
      .slice(current, current + Math.ceil(PANEL_AHEAD_MS / (g * 60_000)))
      .map((iv) => ({ start: hhmm(iv.intervalStart), gap: iv.scheduledAgents === null ? null : Math.round((iv.scheduledAgents - iv.requiredAgents) * 10) / 10 })),
  }));
  const actions: ActionView[] = a.json.actions.slice(0, 3).map((x) => ({
    kind: x.kind,
    agent: x.agent,
    queue: x.queue,
    toQueue: x.toQueue,
    start: hhmm(x.start),
    end: hhmm(x.end),
    from: x.from ? `${hhmm(x.from.start)}-${hhmm(x.from.end)}` : null,
    lift: x.serviceLevelLift,
  }));
  const snap = a.plan?.snapshot;
  return {
    atMs: nowMs,
    nextMs,
    intervalMinutes: g,
    zone,
    roster: a.roster?.name ?? null,
    queues,
    actions,
    ...(adherence && snap ? { schedule: rosterFromShifts(snapshotShifts(snap)) } : {}),
  };
}
