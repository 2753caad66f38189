/**
 * `wfm simulate`: the discrete-event simulator (src/sim) on the user's inputs. Arrivals from a demand
 * CSV, a saved forecast, a flat rate or the bundled sample spec; agents flat (per queue) or from a
 * roster (a saved name or a file, src/app/shifts.ts). Replication 0 writes what Asterisk writes
 * (queue_log, and Master.csv on request), streamed (src/app/sim-output.ts); the summary adds
 * replications and compares each interval with Erlang C / Erlang A for the same staffing.
 *
 * Per queue, where the options and the sample spec say nothing: patience, AHT and the service-level
 * threshold come from wfm.yaml (`patience`, `aht`, `sla` seconds).
 */
import { DateTime } from 'luxon';
import { InputError, UsageError, type Message } from '../errors.js';
import { findColumn } from '../formats/csv.js';
import { inferIntervalMinutes, INTERVAL_COLUMNS, readIntervals } from '../formats/intervals.js';
import {
  DistributionError,
  distributionMean,
  generateSample,
  parseSampleSpec,
  SampleSpecError,
  SimInputError,
  validateDistribution,
  validateSimInput,
  type Distribution,
  type SimAgent,
  type SimInput,
  type SimQueueSpec,
  type SimShift,
  type SimStaffing,
} from '../sim/index.js';
import { isoWithOffset, parseLocalTime } from '../time.js';
import type { LocalDateTime } from '../values.js';
import { readCsv, readText } from './files.js';
import { RejectLog } from './rejects.js';
import type { Session } from './session.js';
import { loadShifts } from './shifts.js';
import { snapshotSite } from './sites.js';
import { withStore } from './store.js';
import { targetResolver } from './targets.js';

/** The bundled sample spec (data/sample-spec.json), found from this file in src/ or dist/. */
export const SAMPLE_SPEC_URL = new URL('../../data/sample-spec.json', import.meta.url);

/** `--agents`: one count for every queue, or per queue (`billing=12,complaints=4`). */
export type AgentsSpec = { all: number } | { perQueue: Record<string, number> };

/** What to simulate. Exactly one arrival source: input, forecast, sample or calls. */
export interface SimulateRequest {
  input?: string;
  forecast?: string;
  /** The bundled spec (true) or a spec file. */
  sample?: string | true;
  calls?: number;
  queue: string;
  interval?: number;
  start?: LocalDateTime;
  agents?: AgentsSpec;
  roster?: string;
  aht?: number;
  ahtCv?: number;
  wrap?: number;
  patience?: number | 'none';
  pauseRate?: number;
  pauseLength: number;
  seed?: number;
  days?: number;
  slThreshold?: number;
}

export interface BuiltInput {
  input: SimInput;
  /** Days covered (for messages). */
  days: number;
  /** Demand lines rejected (the rest was used). */
  rejects: RejectLog;
}

function usage(key: Message['key'], params: Message['params'] = {}): UsageError {
  return new UsageError({ key, params }, key);
}

function talkDistribution(mean: number, cv: number | undefined): Distribution {
  if (cv === undefined) return { kind: 'exponential', mean };
  if (cv === 0) return { kind: 'fixed', value: mean };
  return { kind: 'lognormal', mean, cv };
}

function patienceDistribution(p: number | 'none' | undefined): Distribution {
  return p === undefined || p === 'none' ? { kind: 'none' } : { kind: 'exponential', mean: p };
}

/** Local midnight of `--start` (or its time when given; default: today in the zone), epoch seconds. */
function startOf(start: LocalDateTime | undefined, s: Session): number {
  if (start === undefined) return Math.round(DateTime.fromJSDate(s.now()).setZone(s.tz).startOf('day').toSeconds());
  const text = `${start.date} ${start.time ?? '00:00'}`;
  const parsed = parseLocalTime(text, s.tz);
  if (!parsed.ok) throw usage('simulate.err.badStart', { value: text });
  return Math.round(parsed.time.toSeconds());
}

/** Repeat a block of `n` intervals `times` times, the block padded with zeros to whole days. */
function tile(values: readonly number[], n: number, perDay: number, times: number): number[] {
  if (times === 1) return [...values];
  const block = Math.ceil(n / perDay) * perDay;
  const out = new Array<number>(block * times).fill(0);
  for (let k = 0; k < times; k++) for (let i = 0; i < n; i++) out[k * block + i] = values[i];
  return out;
}

function fromSample(req: SimulateRequest, s: Session) {
  const file = req.sample === true || req.sample === undefined ? SAMPLE_SPEC_URL : req.sample;
  const label = typeof file === 'string' ? file : 'data/sample-spec.json';
  let json: unknown;
  try {
    json = JSON.parse(readText(s, file, label));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError({ file: label }, { key: 'simulate.err.badJson', params: { message: (err as Error).message } });
  }
  let spec;
  try {
    spec = parseSampleSpec(json);
  } catch (err) {
    if (err instanceof SampleSpecError) throw new InputError({ file: label, field: err.field }, { key: 'simulate.err.badSpec', params: { message: err.message } });
    throw err;
  }
  if (req.days !== undefined) spec = { ...spec, days: req.days };
  const si = generateSample(spec).simInput;
  return { queues: [...si.queues], staffing: si.staffing, start: si.startEpoch, dt: si.intervalSeconds, days: spec.days, seed: req.seed ?? spec.seed, slSeconds: spec.serviceLevel.seconds };
}

interface DemandRow {
  queue: string;
  /** Epoch milliseconds. */
  instant: number;
  intervalStart: string;
  calls: number;
  ahtSeconds: number | null;
}

/** Demand rows of a CSV (columns as `wfm staff`: interval_start, queue, calls; aht optional here). */
function readDemandCsv(s: Session, file: string, ahtGiven: boolean, rejects: RejectLog): { rows: DemandRow[]; hasAht: boolean } {
  const table = readCsv(s, file);
  const hasAht = findColumn(table.header, INTERVAL_COLUMNS.aht) !== undefined;
  // with an aht column and no --aht, a row with calls needs its AHT
  const read = readIntervals(file, table.header, table.records, s.tz, { defaultQueue: 'default', value: 'calls', ahtRequired: hasAht && !ahtGiven });
  rejects.addAll([...table.syntaxRejections, ...read.rejections].sort((a, b) => a.line - b.line));
  const rows = read.rows.map((r) => ({ queue: r.queue, instant: r.time.toMillis(), intervalStart: isoWithOffset(r.time), calls: r.calls!, ahtSeconds: r.aht }));
  return { rows, hasAht };
}

/** Demand rows of a forecast saved in the store (`wfm forecast --save NAME`). */
async function readForecast(s: Session, name: string): Promise<{ rows: DemandRow[]; intervalMinutes: number }> {
  const snap = await withStore(
    s,
    'read',
    async (store) => {
      const site = await snapshotSite(s, store, 'forecast', name);
      return site === null ? null : store.forecast(site, name);
    },
    { key: 'simulate.err.noStore', params: { db: s.db } },
  );
  if (!snap) throw usage('simulate.err.noForecast', { name, db: s.db });
  const rows = snap.rows.map((r) => ({
    queue: r.queue,
    instant: r.intervalStartMs,
    intervalStart: DateTime.fromMillis(r.intervalStartMs, { zone: s.tz }).toISO({ suppressMilliseconds: true })!,
    calls: r.calls,
    ahtSeconds: r.ahtSeconds,
  }));
  return { rows, intervalMinutes: snap.intervalMinutes };
}

/**
 * A roster as the simulator's agents: each agent serves the queues of its shifts (the union over the
 * roster: a real agent stays a member of all of them; a roster that names none means every queue),
 * breaks as planned (an unpaid one logged as `Lunch`, a paid one as `Break`, or the file's reason).
 */
async function rosterAgents(s: Session, ref: string, queueNames: readonly string[]): Promise<SimAgent[]> {
  const { shifts, source } = await loadShifts(s, ref, '--roster');
  const file = source.kind === 'file' ? ref : undefined;
  const byAgent = new Map<string, { queues: Set<string>; shifts: SimShift[] }>();
  shifts.forEach((sh) => {
    const line = sh.line;
    if (/[|\r\n]/.test(sh.agent)) throw new InputError({ file, line, field: 'agent' }, { key: 'simulate.err.rosterAgent' });
    for (const q of sh.queues) {
      if (!queueNames.includes(q)) {
        if (file) throw new InputError({ file, line, field: 'queues' }, { key: 'simulate.err.rosterQueue', params: { queue: q, queues: queueNames.join(', ') } });
        throw usage('simulate.err.rosterStoredQueue', { name: ref, queue: q, queues: queueNames.join(', ') });
      }
    }
    let a = byAgent.get(sh.agent);
    if (!a) byAgent.set(sh.agent, (a = { queues: new Set(), shifts: [] }));
    for (const q of sh.queues.length ? sh.queues : queueNames) a.queues.add(q);
    a.shifts.push({
      start: sh.startMs / 1000,
      end: sh.endMs / 1000,
      breaks: sh.breaks.map((b) => ({ start: b.startMs / 1000, end: b.endMs / 1000, reason: b.reason && !/[|\r\n]/.test(b.reason) ? b.reason : b.paid === false ? 'Lunch' : 'Break' })),
    });
  });
  if (byAgent.size === 0) throw new InputError({ file: file ?? ref }, { key: 'input.noRows' });
  return [...byAgent].map(([id, a]) => ({ id, queues: [...a.queues], shifts: a.shifts }));
}

/**
 * The simulator input from the request: arrivals, queues (talk, wrap, patience, threshold) and
 * staffing. `inputsRead` gets the demand file's rejected lines as soon as it is read.
 */
export async function buildSimInput(req: SimulateRequest, s: Session, inputsRead: (rejects: RejectLog) => void = () => undefined): Promise<BuiltInput> {
  const sources = [req.input !== undefined, req.forecast !== undefined, req.sample !== undefined, req.calls !== undefined].filter(Boolean).length;
  if (sources === 0) throw usage('simulate.err.needArrivals');
  if (sources > 1) throw usage('simulate.err.oneArrivals');
  if (req.agents !== undefined && req.roster) throw usage('simulate.err.agentsOrRoster');
  if (req.seed !== undefined && req.seed > 0xffffffff) throw usage('simulate.err.bigSeed', { value: req.seed });
  const targets = targetResolver(s.config, {});
  const rejects = new RejectLog(s.lang);
  let names: string[];
  let expected: number[][];
  let start: number;
  let dt: number;
  let days: number;
  let talkMean: number[] | null = null; // per queue, from the CSV aht column
  let sampleQueues: SimQueueSpec[] | null = null;
  let staffing: SimStaffing | null = null;
  let seed = req.seed ?? 1;
  let specSeconds: number | undefined;

  if (req.sample !== undefined) {
    const sm = fromSample(req, s);
    names = sm.queues.map((q) => q.name);
    expected = sm.queues.map((q) => [...q.expectedCalls]);
    start = sm.start;
    dt = sm.dt;
    days = sm.days;
    sampleQueues = sm.queues;
    staffing = sm.staffing;
    seed = sm.seed;
    specSeconds = sm.slSeconds;
  } else if (req.calls !== undefined) {
    const minutes = req.interval ?? 30;
    dt = minutes * 60;
    days = req.days ?? 1;
    start = startOf(req.start, s);
    if (/[|\r\n]/.test(req.queue) || req.queue.trim() === '') throw usage('simulate.err.badQueue', { value: req.queue });
    names = [req.queue];
    expected = [new Array<number>((1440 / minutes) * days).fill(req.calls)];
  } else {
    let rows: DemandRow[];
    let file: string | undefined;
    let minutes: number | undefined = req.interval;
    let hasAht: boolean;
    if (req.forecast !== undefined) {
      const f = await readForecast(s, req.forecast);
      rows = f.rows;
      minutes ??= f.intervalMinutes;
      hasAht = true;
    } else {
      file = req.input!;
      const r = readDemandCsv(s, file, req.aht !== undefined, rejects);
      rows = r.rows;
      hasAht = r.hasAht;
      inputsRead(rejects);
    }
    if (rows.length === 0) throw new InputError({ file }, { key: 'input.noRows' }, 'no usable rows');
    minutes ??= inferIntervalMinutes(rows) ?? (rows.length === new Set(rows.map((x) => x.queue)).size ? 30 : undefined);
    if (!minutes) throw usage('staff.err.needInterval');
    dt = minutes * 60;
    const perDay = 1440 / minutes;
    const t0 = rows.reduce((m, x) => Math.min(m, x.instant), Infinity) / 1000;
    const t1 = rows.reduce((m, x) => Math.max(m, x.instant), -Infinity) / 1000;
    const n = Math.round((t1 - t0) / dt) + 1;
    names = [...new Set(rows.map((x) => x.queue))].sort();
    for (const q of names) if (/[|\r\n]/.test(q)) throw new InputError({ file, field: 'queue' }, { key: 'simulate.err.badQueue', params: { value: q } });
    const base = names.map(() => new Array<number>(n).fill(0));
    const ahtSum = names.map(() => 0);
    const ahtCalls = names.map(() => 0);
    for (const row of rows) {
      const off = (row.instant / 1000 - t0) / dt;
      if (!Number.isInteger(off)) throw new InputError({ file, field: 'interval_start' }, { key: 'simulate.err.offGrid', params: { value: row.intervalStart, minutes } });
      const qi = names.indexOf(row.queue);
      base[qi][off] += row.calls;
      if (hasAht && row.ahtSeconds !== null && row.calls > 0) {
        ahtSum[qi] += row.ahtSeconds * row.calls;
        ahtCalls[qi] += row.calls;
      }
    }
    const times = req.days ?? 1;
    // repeated days start at local midnight: pad the front back to the first row's midnight
    const midnight = Math.round(DateTime.fromSeconds(t0, { zone: s.tz }).startOf('day').toSeconds());
    const pre = times > 1 && Number.isInteger((t0 - midnight) / dt) ? (t0 - midnight) / dt : 0;
    expected = base.map((v) => tile([...new Array<number>(pre).fill(0), ...v], n + pre, perDay, times));
    start = t0 - pre * dt;
    days = Math.ceil((expected[0].length * dt) / 86400);
    if (hasAht) talkMean = names.map((_, i) => (ahtCalls[i] > 0 ? ahtSum[i] / ahtCalls[i] - (req.wrap ?? 0) : NaN));
  }

  // Queues: talk, wrap, patience, threshold (options override the sample spec, which overrides wfm.yaml)
  const queues: SimQueueSpec[] = names.map((name, i) => {
    const fromSpec = sampleQueues?.[i];
    const own = targets(name);
    let talk: Distribution;
    if (req.aht !== undefined) talk = talkDistribution(req.aht, req.ahtCv);
    else if (fromSpec) talk = req.ahtCv !== undefined ? talkDistribution(distributionMean(fromSpec.talk), req.ahtCv) : fromSpec.talk;
    else if (talkMean && Number.isFinite(talkMean[i])) {
      if (!(talkMean[i] > 0)) throw usage('simulate.err.ahtBelowWrap', { queue: name });
      talk = talkDistribution(talkMean[i], req.ahtCv);
    } else if (own.aht !== undefined && expected[i].some((v) => v > 0)) talk = talkDistribution(own.aht - (req.wrap ?? 0), req.ahtCv);
    else if (expected[i].some((v) => v > 0)) throw usage('simulate.err.needAht', { queue: name });
    else talk = { kind: 'fixed', value: 1 };
    const wrap: Distribution | undefined = req.wrap !== undefined ? { kind: 'fixed', value: req.wrap } : fromSpec?.wrap;
    const patience = req.patience !== undefined ? patienceDistribution(req.patience) : fromSpec ? fromSpec.patience : patienceDistribution(own.patience);
    const serviceLevelSeconds = req.slThreshold ?? specSeconds ?? own.sla.seconds;
    return { name, expectedCalls: expected[i], talk, wrap, patience, serviceLevelSeconds };
  });

  if (req.agents !== undefined) {
    const counts: Record<string, number> = {};
    if ('all' in req.agents) for (const q of names) counts[q] = req.agents.all;
    else {
      const per = req.agents.perQueue;
      for (const q of Object.keys(per)) if (!names.includes(q)) throw usage('simulate.err.agentsUnknownQueue', { queue: q, queues: names.join(', ') });
      for (const q of names) {
        if (per[q] === undefined) throw usage('simulate.err.agentsMissingQueue', { queue: q });
        counts[q] = per[q];
      }
    }
    staffing = { kind: 'flat', agents: counts };
  } else if (req.roster) {
    staffing = { kind: 'roster', agents: await rosterAgents(s, req.roster, names) };
  } else if (!staffing) throw usage('simulate.err.needAgents');

  const input: SimInput = {
    startEpoch: start,
    intervalSeconds: dt,
    queues,
    staffing,
    seed,
    serviceLevelSeconds: req.slThreshold ?? specSeconds ?? 20,
    pauses: req.pauseRate ? { perAgentPerHour: req.pauseRate, duration: { kind: 'exponential', mean: req.pauseLength } } : undefined,
  };
  try {
    queues.forEach((q, i) => {
      validateDistribution(q.talk, `queues[${i}].talk`);
      if (q.wrap) validateDistribution(q.wrap, `queues[${i}].wrap`);
    });
    validateSimInput(input);
  } catch (err) {
    if (err instanceof SimInputError || err instanceof DistributionError) {
      throw new InputError({ file: req.roster ?? req.input, field: err.field }, { key: 'simulate.err.invalid', params: { message: err.message } });
    }
    throw err;
  }
  return { input, days, rejects };
}
