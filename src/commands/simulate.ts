/**
 * `wfm simulate`: the discrete-event simulator of src/sim from the command line. Arrivals from a
 * demand CSV (`--input`), a flat rate (`--calls`) or the bundled sample spec (`--sample`); agents
 * flat (`--agents`) or from a roster file (`--roster`). Writes what Asterisk writes (queue_log, and
 * Master.csv on request), streamed, so the result goes through `wfm import` like real data; or with
 * `--summary` prints per interval the simulated service level, ASA and abandon rate with 95%
 * confidence intervals over `--replications`, next to Erlang C / Erlang A for the same staffing.
 */
import { createWriteStream, openSync, readFileSync, existsSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { Option, type Command } from 'commander';
import { DateTime, IANAZone } from 'luxon';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { ExitCode, InputError, UsageError, WfmError } from '../errors.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import { showProgress, type Context } from './context.js';
import { requireFormat } from './output.js';
import { parseIntervalMinutes, parseNonNegativeInt, parseNonNegativeNumber, parsePositiveInt, parsePositiveNumber } from './options.js';
import { readCsvFile } from './csv-input.js';
import { reportRejections } from './rejects.js';
import { inferIntervalMinutes, missingColumns, pickColumn, readDemand, STAFF_COLUMNS } from '../staff/input.js';
import { openStore } from '../store/index.js';
import { isoWithOffset, parseLocalTime } from '../time.js';
import {
  DistributionError,
  distributionMean,
  SampleSpecError,
  SimInputError,
  formatMasterCsvLine,
  formatQueueLogLine,
  generateSample,
  parseSampleSpec,
  queueLogEvents,
  runReplication,
  summarize,
  validateDistribution,
  validateSimInput,
  type Distribution,
  type IntervalSummary,
  type ReplicationResult,
  type SimAgent,
  type SimInput,
  type SimQueueSpec,
  type SimShift,
  type SimStaffing,
} from '../sim/index.js';

/** The bundled sample spec (data/sample-spec.json), found from this file in src/ or dist/. */
export const SAMPLE_SPEC_URL = new URL('../../data/sample-spec.json', import.meta.url);

/** `--agents`: one count for every queue, or per queue (`billing=12,complaints=4`). */
export type AgentsOption = { all: number } | { perQueue: Record<string, number> };

/** Parsed options of `wfm simulate`. */
export interface SimulateOptions {
  input?: string;
  forecast?: string;
  sample?: string | true;
  calls?: number;
  queue: string;
  interval?: number;
  start?: string;
  /** `--agents` as typed; parsed by {@link parseAgentsOption}. */
  agents?: string;
  roster?: string;
  aht?: number;
  ahtCv?: number;
  wrap?: number;
  patience?: number | 'none';
  pauseRate?: number;
  pauseLength: number;
  seed?: number;
  days?: number;
  out?: string;
  masterCsv?: string;
  summary?: boolean;
  replications: number;
  by: 'interval' | 'day' | 'total';
  warmup: number;
  slThreshold?: number;
}

/** Parse `--agents`: "12" or "billing=12,fault=8" (whole numbers >= 0); a UsageError naming --agents otherwise. */
export function parseAgentsOption(value: string): AgentsOption {
  const text = value.trim();
  const bad = (): never => {
    throw usage('simulate.err.badAgents', { value });
  };
  if (/^\d+$/.test(text)) return { all: Number(text) };
  const perQueue: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^=|]+?)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) return bad();
    perQueue[m[1]] = Number(m[2]);
  }
  if (Object.keys(perQueue).length === 0) bad();
  return { perQueue };
}

/** Parse `--patience`: seconds (> 0, exponential mean) or `none` (nobody abandons). */
export function parsePatienceOption(value: string): number | 'none' {
  if (value.trim().toLowerCase() === 'none') return 'none';
  return parsePositiveNumber(value);
}

/** Parse `--aht-cv`: coefficient of variation >= 0. */
function parseCv(value: string): number {
  return parseNonNegativeNumber(value);
}

/** Declares `wfm simulate` and its options. */
export function registerSimulate(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const cmd = program
    .command('simulate')
    .description(tr('simulate.description'))
    .addOption(new Option('-i, --input <file.csv>', tr('simulate.opt.input')))
    .addOption(new Option('--forecast <name>', tr('simulate.opt.forecast')))
    .addOption(new Option('--sample [spec.json]', tr('simulate.opt.sample')))
    .addOption(new Option('--calls <n>', tr('simulate.opt.calls')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--queue <name>', tr('simulate.opt.queue')).default('default'))
    .addOption(new Option('--interval <minutes>', tr('simulate.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--start <date>', tr('simulate.opt.start')))
    .addOption(new Option('--days <n>', tr('simulate.opt.days')).argParser(parsePositiveInt))
    .addOption(new Option('--agents <n|queue=n,...>', tr('simulate.opt.agents')))
    .addOption(new Option('--roster <name|file>', tr('simulate.opt.roster')))
    .addOption(new Option('--aht <seconds>', tr('simulate.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--aht-cv <cv>', tr('simulate.opt.ahtCv')).argParser(parseCv))
    .addOption(new Option('--wrap <seconds>', tr('simulate.opt.wrap')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--patience <seconds|none>', tr('simulate.opt.patience')).argParser(parsePatienceOption))
    .addOption(new Option('--pause-rate <per-hour>', tr('simulate.opt.pauseRate')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--pause-length <seconds>', tr('simulate.opt.pauseLength')).argParser(parsePositiveNumber).default(300))
    .addOption(new Option('--seed <n>', tr('simulate.opt.seed')).argParser(parseNonNegativeInt))
    .addOption(new Option('-o, --out <file>', tr('simulate.opt.out')))
    .addOption(new Option('--master-csv <file>', tr('simulate.opt.masterCsv')))
    .option('--summary', tr('simulate.opt.summary'))
    .addOption(new Option('--replications <n>', tr('simulate.opt.replications')).argParser(parsePositiveInt).default(10))
    .addOption(new Option('--by <what>', tr('simulate.opt.by')).choices(['interval', 'day', 'total']).default('interval'))
    .addOption(new Option('--warmup <minutes>', tr('simulate.opt.warmup')).argParser(parseNonNegativeNumber).default(0))
    .addOption(new Option('--sl-threshold <seconds>', tr('simulate.opt.slThreshold')).argParser(parseNonNegativeNumber));
  cmd.addHelpText('after', '\n' + tr('simulate.help'));
  cmd.action(r.action<SimulateOptions>(runSimulate));
  return cmd;
}

// ---------------------------------------------------------------------------------------------
// Building the simulator input

interface Built {
  input: SimInput;
  /** Days covered (for messages). */
  days: number;
  /** Exit code to end with (3 when input lines were rejected). */
  exit: number;
}

function usage(key: string, params: Record<string, string | number> = {}): UsageError {
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

/** Local midnight of `--start` (default: today in the zone), epoch seconds. */
function startOfDay(opts: SimulateOptions, ctx: Context): number {
  if (opts.start === undefined) return Math.round(DateTime.fromJSDate(ctx.now()).setZone(ctx.tz).startOf('day').toSeconds());
  const parsed = parseLocalTime(/\d{1,2}:\d{2}/.test(opts.start) ? opts.start : `${opts.start.trim()} 00:00`, ctx.tz);
  if (!parsed.ok) throw usage('simulate.err.badStart', { value: opts.start });
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

function fromSample(opts: SimulateOptions, ctx: Context): { queues: SimQueueSpec[]; staffing: SimStaffing; start: number; dt: number; n: number; days: number; seed: number; slSeconds: number } {
  const file = opts.sample === true || opts.sample === undefined ? SAMPLE_SPEC_URL : resolve(ctx.cwd, opts.sample);
  const label = typeof file === 'string' ? file : 'data/sample-spec.json';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code) throw new InputError({ file: label }, { key: 'input.cannotRead', params: { code } });
    throw new InputError({ file: label }, { key: 'simulate.err.badJson', params: { message: (err as Error).message } });
  }
  let spec;
  try {
    spec = parseSampleSpec(json);
  } catch (err) {
    if (err instanceof SampleSpecError) throw new InputError({ file: label, field: err.field }, { key: 'simulate.err.badSpec', params: { message: err.message } });
    throw err;
  }
  if (opts.days !== undefined) spec = { ...spec, days: opts.days };
  const sample = generateSample(spec);
  const si = sample.simInput;
  return {
    queues: [...si.queues],
    staffing: si.staffing,
    start: si.startEpoch,
    dt: si.intervalSeconds,
    n: sample.intervalsPerDay * spec.days,
    days: spec.days,
    seed: opts.seed ?? spec.seed,
    slSeconds: spec.serviceLevel.seconds,
  };
}

interface DemandRow {
  queue: string;
  /** Epoch milliseconds. */
  instant: number;
  intervalStart: string;
  calls: number;
  ahtSeconds: number | null;
}

/** Demand rows of a CSV (columns as `wfm staff`: interval_start, queue, calls, aht optional here). */
function readDemandCsv(file: string, ctx: Context, ahtGiven: boolean): { rows: DemandRow[]; hasAht: boolean; rejected: boolean } {
  const { header, records, syntaxRejections } = readCsvFile(resolve(ctx.cwd, file));
  const missing = missingColumns(header);
  if (missing.length) {
    throw new InputError({ file, line: 1, field: missing[0] }, { key: 'input.missingColumn', params: { columns: missing.join(', ') } });
  }
  // aht is optional here (--aht may give it): read with a placeholder where the column is missing
  // (and with --aht an empty aht cell is no error)
  const ahtCol = pickColumn(header, STAFF_COLUMNS.aht);
  const hasAht = ahtCol !== undefined;
  const patched = !hasAht
    ? records.map((rec) => ({ line: rec.line, fields: { ...rec.fields, aht: '1' } }))
    : ahtGiven
      ? records.map((rec) => ((rec.fields[ahtCol] ?? '').trim() === '' ? { line: rec.line, fields: { ...rec.fields, [ahtCol]: '1' } } : rec))
      : records;
  const demand = readDemand(file, hasAht ? header : [...header, 'aht'], patched, ctx.tz);
  const rejections = [...syntaxRejections, ...demand.rejections].sort((a, b) => a.line - b.line);
  reportRejections(ctx, rejections);
  return { rows: demand.rows, hasAht, rejected: rejections.length > 0 };
}

/** Demand rows of a forecast saved in the store (`wfm forecast --save NAME`). */
function readForecast(name: string, ctx: Context): { rows: DemandRow[]; intervalMinutes: number } {
  const db = resolve(ctx.cwd, ctx.db);
  if (!existsSync(db)) throw usage('simulate.err.noStore', { db: ctx.db });
  const store = openStore(db);
  let snap;
  try {
    snap = store.forecast(name);
  } finally {
    store.close();
  }
  if (!snap) throw usage('simulate.err.noForecast', { name, db: ctx.db });
  const rows = snap.rows.map((r) => ({
    queue: r.queue,
    instant: r.intervalStartMs,
    intervalStart: isoWithOffset(DateTime.fromMillis(r.intervalStartMs, { zone: ctx.tz })),
    calls: r.calls,
    ahtSeconds: r.ahtSeconds,
  }));
  return { rows, intervalMinutes: snap.intervalMinutes };
}

/** Builds the simulator input from the options; reads --input and --roster. */
export function buildSimInput(opts: SimulateOptions, ctx: Context): Built {
  const sources = [opts.input !== undefined, opts.forecast !== undefined, opts.sample !== undefined, opts.calls !== undefined].filter(Boolean).length;
  if (sources === 0) throw usage('simulate.err.needArrivals');
  if (sources > 1) throw usage('simulate.err.oneArrivals');
  if (opts.agents !== undefined && opts.roster) throw usage('simulate.err.agentsOrRoster');
  if (opts.seed !== undefined && opts.seed > 0xffffffff) throw usage('simulate.err.bigSeed', { value: opts.seed });
  let exit: number = ExitCode.ok;
  let names: string[];
  let expected: number[][];
  let start: number;
  let dt: number;
  let days: number;
  let talkMean: number[] | null = null; // per queue, from the CSV aht column
  let sampleQueues: SimQueueSpec[] | null = null;
  let staffing: SimStaffing | null = null;
  let seed = opts.seed ?? 1;
  let slSeconds = opts.slThreshold ?? 20;

  if (opts.sample !== undefined) {
    const s = fromSample(opts, ctx);
    names = s.queues.map((q) => q.name);
    expected = s.queues.map((q) => [...q.expectedCalls]);
    start = s.start;
    dt = s.dt;
    days = s.days;
    sampleQueues = s.queues;
    staffing = s.staffing;
    seed = s.seed;
    slSeconds = opts.slThreshold ?? s.slSeconds;
  } else if (opts.calls !== undefined) {
    const minutes = opts.interval ?? 30;
    dt = minutes * 60;
    const perDay = 1440 / minutes;
    days = opts.days ?? 1;
    start = startOfDay(opts, ctx);
    if (/[|\r\n]/.test(opts.queue) || opts.queue.trim() === '') throw usage('simulate.err.badQueue', { value: opts.queue });
    names = [opts.queue];
    expected = [new Array<number>(perDay * days).fill(opts.calls)];
  } else {
    let rows: DemandRow[];
    let file: string | undefined;
    let minutes: number | undefined = opts.interval;
    let hasAht: boolean;
    if (opts.forecast !== undefined) {
      const f = readForecast(opts.forecast, ctx);
      rows = f.rows;
      minutes ??= f.intervalMinutes;
      hasAht = true;
    } else {
      file = opts.input!;
      const r = readDemandCsv(file, ctx, opts.aht !== undefined);
      rows = r.rows;
      hasAht = r.hasAht;
      if (r.rejected) exit = ExitCode.partial;
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
    for (const q of names) {
      if (/[|\r\n]/.test(q)) throw new InputError({ file, field: 'queue' }, { key: 'simulate.err.badQueue', params: { value: q } });
    }
    const base = names.map(() => new Array<number>(n).fill(0));
    const ahtSum = names.map(() => 0);
    const ahtCalls = names.map(() => 0);
    for (const row of rows) {
      const off = (row.instant / 1000 - t0) / dt;
      if (!Number.isInteger(off)) {
        throw new InputError({ file, field: 'interval_start' }, { key: 'simulate.err.offGrid', params: { value: row.intervalStart, minutes } });
      }
      const qi = names.indexOf(row.queue);
      base[qi][off] += row.calls;
      if (hasAht && row.ahtSeconds !== null && row.calls > 0) {
        ahtSum[qi] += row.ahtSeconds * row.calls;
        ahtCalls[qi] += row.calls;
      }
    }
    const times = opts.days ?? 1;
    // repeated days start at local midnight: pad the front back to the first row's midnight
    const midnight = Math.round(DateTime.fromSeconds(t0, { zone: ctx.tz }).startOf('day').toSeconds());
    const pre = times > 1 && Number.isInteger((t0 - midnight) / dt) ? (t0 - midnight) / dt : 0;
    expected = base.map((v) => tile([...new Array<number>(pre).fill(0), ...v], n + pre, perDay, times));
    start = t0 - pre * dt;
    days = Math.ceil((expected[0].length * dt) / 86400);
    if (hasAht) talkMean = names.map((_, i) => (ahtCalls[i] > 0 ? ahtSum[i] / ahtCalls[i] - (opts.wrap ?? 0) : NaN));
  }

  // Queues: talk, wrap, patience (options override the sample spec)
  const queues: SimQueueSpec[] = names.map((name, i) => {
    const fromSpec = sampleQueues?.[i];
    let talk: Distribution;
    if (opts.aht !== undefined) talk = talkDistribution(opts.aht, opts.ahtCv);
    else if (fromSpec) talk = opts.ahtCv !== undefined ? talkDistribution(distributionMean(fromSpec.talk), opts.ahtCv) : fromSpec.talk;
    else if (talkMean && Number.isFinite(talkMean[i])) {
      if (!(talkMean[i] > 0)) throw usage('simulate.err.ahtBelowWrap', { queue: name });
      talk = talkDistribution(talkMean[i], opts.ahtCv);
    } else if (expected[i].some((v) => v > 0)) throw usage('simulate.err.needAht', { queue: name });
    else talk = { kind: 'fixed', value: 1 };
    const wrap: Distribution | undefined =
      opts.wrap !== undefined ? { kind: 'fixed', value: opts.wrap } : fromSpec?.wrap;
    const patience = opts.patience !== undefined || !fromSpec ? patienceDistribution(opts.patience) : fromSpec.patience;
    return { name, expectedCalls: expected[i], talk, wrap, patience };
  });

  if (opts.agents !== undefined) {
    const agents = parseAgentsOption(opts.agents);
    const counts: Record<string, number> = {};
    if ('all' in agents) for (const q of names) counts[q] = agents.all;
    else {
      for (const q of Object.keys(agents.perQueue)) if (!names.includes(q)) throw usage('simulate.err.agentsUnknownQueue', { queue: q, queues: names.join(', ') });
      for (const q of names) {
        const c = agents.perQueue[q];
        if (c === undefined) throw usage('simulate.err.agentsMissingQueue', { queue: q });
        counts[q] = c;
      }
    }
    staffing = { kind: 'flat', agents: counts };
  } else if (opts.roster) {
    staffing = { kind: 'roster', agents: readRosterFile(opts.roster, names, ctx) };
  } else if (!staffing) throw usage('simulate.err.needAgents');

  const input: SimInput = {
    startEpoch: start,
    intervalSeconds: dt,
    queues,
    staffing,
    seed,
    serviceLevelSeconds: slSeconds,
    pauses: opts.pauseRate ? { perAgentPerHour: opts.pauseRate, duration: { kind: 'exponential', mean: opts.pauseLength } } : undefined,
  };
  try {
    queues.forEach((q, i) => {
      validateDistribution(q.talk, `queues[${i}].talk`);
      if (q.wrap) validateDistribution(q.wrap, `queues[${i}].wrap`);
    });
    validateSimInput(input);
  } catch (err) {
    if (err instanceof SimInputError || err instanceof DistributionError) {
      throw new InputError({ file: opts.roster ?? opts.input, field: err.field }, { key: 'simulate.err.invalid', params: { message: err.message } });
    }
    throw err;
  }
  return { input, days, exit };
}

// ---------------------------------------------------------------------------------------------
// Roster files

interface RawRosterRow {
  agent?: unknown;
  queue?: unknown;
  queues?: unknown;
  start?: unknown;
  end?: unknown;
  breaks?: unknown;
}

/**
 * A roster file of shifts, the layout `wfm live --roster` reads plus the queues served:
 * JSON `[{ "agent": "Agent/1001", "queues": ["billing"], "start": "2026-10-26 08:00",
 * "end": "2026-10-26 17:00", "breaks": [{ "start": "...", "end": "...", "reason": "Lunch" }] }]`,
 * or CSV `agent,queues,start,end[,breaks]` with queues separated by `;` and breaks as `start~end`
 * pairs separated by `;` (the CSV of `wfm roster` is read as is: its `queue` column, breaks as
 * `start/end paid|unpaid`). `queue` (one) may stand for `queues`; without either the agent serves
 * every queue. Times are local in --tz (or ISO 8601 with an offset). Rows of one agent are merged.
 * A name that is not a file is looked up among the rosters saved in the store (--db).
 */
export function readRosterFile(path: string, queueNames: readonly string[], ctx: Context): SimAgent[] {
  // not a file: a roster saved in the store under that name
  const full = resolve(ctx.cwd, path);
  if (!existsSync(full) || !statSync(full).isFile()) return readStoredRoster(path, queueNames, ctx);
  const text = readFileSync(full, 'utf8').replace(/^\uFEFF/, '').trim();
  let rows: { raw: RawRosterRow; line: number }[];
  if (text.startsWith('[') || text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputError({ file: path }, { key: 'simulate.err.badJson', params: { message: (err as Error).message } });
    }
    const list = Array.isArray(json) ? json : (json as { shifts?: unknown }).shifts;
    if (!Array.isArray(list)) throw new InputError({ file: path }, { key: 'simulate.err.rosterShape' });
    rows = list.map((raw, i) => ({ raw: (raw ?? {}) as RawRosterRow, line: i + 1 }));
  } else {
    let recs: Record<string, string>[];
    try {
      recs = parseCsvSync(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true }) as Record<string, string>[];
    } catch (err) {
      throw new InputError({ file: path }, { key: 'input.csvSyntax', params: { message: (err as Error).message } });
    }
    rows = recs.map((rec, i) => ({
      line: i + 2,
      raw: {
        agent: rec.agent,
        queues: (rec.queues ?? rec.queue ?? rec.skills ?? '').split(/[;\s]+/).filter(Boolean),
        start: rec.start,
        end: rec.end,
        breaks: (rec.breaks ?? '')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((item) => {
            // `start~end` (wfm live rosters) or `start/end [paid|unpaid]` (wfm roster --format csv)
            const m = (item.includes('~') ? /^(.*?)\s*~\s*(.+?)(?:\s+(paid|unpaid))?$/i : /^(.*?)\s*\/\s*(.+?)(?:\s+(paid|unpaid))?$/i).exec(item);
            return m ? { start: m[1], end: m[2], reason: m[3]?.toLowerCase() === 'unpaid' ? 'Lunch' : 'Break' } : { start: item, end: '' };
          }),
      },
    }));
  }
  const byAgent = new Map<string, { queues: Set<string>; shifts: SimShift[] }>();
  const time = (v: unknown, line: number, field: string): number => {
    const p = typeof v === 'string' ? parseLocalTime(v, ctx.tz) : ({ ok: false } as const);
    if (!p.ok) throw new InputError({ file: path, line, field }, { key: 'input.badTime', params: { value: String(v ?? '').slice(0, 40) } });
    return Math.round(p.time.toSeconds());
  };
  for (const { raw, line } of rows) {
    if (typeof raw.agent !== 'string' || raw.agent.trim() === '' || /[|\r\n]/.test(raw.agent)) {
      throw new InputError({ file: path, line, field: 'agent' }, { key: 'simulate.err.rosterAgent' });
    }
    const agent = raw.agent.trim();
    const qs = raw.queues ?? (raw.queue !== undefined ? [raw.queue] : []);
    const list = (Array.isArray(qs) ? qs : String(qs).split(/[;\s]+/)).map((q) => String(q).trim()).filter(Boolean);
    for (const q of list) {
      if (!queueNames.includes(q)) throw new InputError({ file: path, line, field: 'queues' }, { key: 'simulate.err.rosterQueue', params: { queue: q, queues: queueNames.join(', ') } });
    }
    const s = time(raw.start, line, 'start');
    const e = time(raw.end, line, 'end');
    if (e <= s) throw new InputError({ file: path, line, field: 'end' }, { key: 'simulate.err.rosterOrder' });
    const breaks = (Array.isArray(raw.breaks) ? raw.breaks : []).map((b: { start?: unknown; end?: unknown; reason?: unknown }) => {
      const bs = time(b?.start, line, 'breaks');
      const be = time(b?.end, line, 'breaks');
      if (be <= bs || bs < s || be > e) throw new InputError({ file: path, line, field: 'breaks' }, { key: 'simulate.err.rosterBreak' });
      return { start: bs, end: be, reason: typeof b?.reason === 'string' && !/[|\r\n]/.test(b.reason) ? b.reason : 'Break' };
    });
    let a = byAgent.get(agent);
    if (!a) byAgent.set(agent, (a = { queues: new Set(), shifts: [] }));
    for (const q of list.length ? list : queueNames) a.queues.add(q);
    a.shifts.push({ start: s, end: e, breaks });
  }
  if (byAgent.size === 0) throw new InputError({ file: path }, { key: 'input.noRows' });
  return [...byAgent].map(([id, a]) => ({ id, queues: [...a.queues], shifts: a.shifts }));
}

/**
 * A roster saved in the store (`wfm roster --save NAME`): each agent serves the queues of its shifts
 * (the union over the roster: a real agent stays a member of all of them), breaks as planned (an
 * unpaid one is logged as `Lunch`, a paid one as `Break`).
 */
function readStoredRoster(name: string, queueNames: readonly string[], ctx: Context): SimAgent[] {
  const db = resolve(ctx.cwd, ctx.db);
  if (!existsSync(db)) throw usage('simulate.err.rosterNotFound', { value: name });
  const store = openStore(db);
  let snap;
  try {
    snap = store.roster(name);
  } finally {
    store.close();
  }
  if (!snap) throw usage('simulate.err.rosterNotFound', { value: name });
  const byAgent = new Map<string, { queues: Set<string>; shifts: SimShift[] }>();
  for (const sh of snap.shifts) {
    if (!queueNames.includes(sh.queue)) throw usage('simulate.err.rosterStoredQueue', { name, queue: sh.queue, queues: queueNames.join(', ') });
    let a = byAgent.get(sh.agent);
    if (!a) byAgent.set(sh.agent, (a = { queues: new Set(), shifts: [] }));
    a.queues.add(sh.queue);
    a.shifts.push({
      start: sh.startMs / 1000,
      end: sh.endMs / 1000,
      breaks: sh.breaks.map((b) => ({ start: b.startMs / 1000, end: b.endMs / 1000, reason: b.paid ? 'Break' : 'Lunch' })),
    });
  }
  if (byAgent.size === 0) throw usage('simulate.err.rosterNotFound', { value: name });
  return [...byAgent].map(([id, a]) => ({ id, queues: [...a.queues], shifts: a.shifts }));
}

// ---------------------------------------------------------------------------------------------
// Output

/** A streamed text file (gzip when the name ends in .gz), written in large chunks with backpressure. */
export class TextSink {
  private readonly file: WriteStream;
  private readonly gz: Gzip | null;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  lines = 0;

  constructor(readonly path: string, cwd: string) {
    const full = resolve(cwd, path);
    let fd: number;
    try {
      fd = openSync(full, 'w');
    } catch (err) {
      throw usage('simulate.err.cannotWrite', { file: path, code: (err as { code?: string }).code ?? 'EIO' });
    }
    this.file = createWriteStream(full, { fd, highWaterMark: 1 << 20 });
    this.gz = /\.gz$/i.test(path) ? createGzip({ level: 4 }) : null;
    if (this.gz) this.gz.pipe(this.file);
    // a write error (disk full) is kept and thrown at the next line: exit 1 with its message
    const keep = (e: Error) => {
      const code = (e as { code?: string }).code ?? 'EIO';
      this.error ??= new WfmError(ExitCode.failure, { key: 'simulate.err.writeFailed', params: { file: path, code } }, e.message);
      this.gz?.unpipe();
    };
    this.file.on('error', keep);
    this.gz?.on('error', keep);
  }

  private error: Error | undefined;

  private get target(): NodeJS.WritableStream {
    return this.gz ?? this.file;
  }

  /** Add one line (terminated by LF); resolves at once unless the stream asks to wait. */
  line(text: string): Promise<void> | undefined {
    if (this.error) throw this.error;
    this.buf.push(text);
    this.lines++;
    this.size += text.length + 1;
    if (this.size >= 1 << 18) return this.flush();
    return undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.buf.length === 0) return undefined;
    const chunk = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.target.write(chunk)) {
      // resolves on drain, or when the file fails (then the next line() throws)
      return new Promise<void>((res) => {
        const go = () => {
          this.target.removeListener('drain', go);
          this.file.removeListener('close', go);
          res();
        };
        this.target.once('drain', go);
        this.file.once('close', go);
      });
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.flush();
    if (!this.error) {
      const done = once(this.file, 'close').catch(() => undefined);
      this.target.end();
      await done;
    }
    if (this.error) throw this.error;
  }
}

/** Same as TextSink for the context's stdout (no backpressure available: chunks of 256 KiB). */
class StdoutSink {
  private buf: string[] = [];
  private size = 0;
  lines = 0;
  constructor(private readonly ctx: Context) {}
  line(text: string): undefined {
    this.buf.push(text);
    this.lines++;
    this.size += text.length + 1;
    if (this.size >= 1 << 18) this.flush();
    return undefined;
  }
  flush(): void {
    if (!this.buf.length) return;
    this.ctx.out.write(this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
  async close(): Promise<void> {
    this.flush();
  }
}

class Progress {
  private last = 0;
  private readonly on: boolean;
  constructor(private readonly ctx: Context) {
    this.on = showProgress(ctx);
  }
  update(key: string, params: Record<string, string | number>): void {
    if (!this.on) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.ctx.err.write(`\r${t(this.ctx.lang, key, params)}\x1b[K`);
  }
  done(): void {
    if (this.on) this.ctx.err.write('\r\x1b[K');
  }
}

/** What `wfm simulate --out` reports (replication 0). */
export interface SimulateResult {
  calls: number;
  answered: number;
  abandoned: number;
  exited: number;
  queues: string[];
  from: string;
  to: string;
  days: number;
  seed: number;
  queueLog: string | null;
  queueLogLines: number;
  masterCsv: string | null;
}

function totals(rep: ReplicationResult): { calls: number; answered: number; abandoned: number; exited: number } {
  let answered = 0;
  let abandoned = 0;
  let exited = 0;
  let calls = 0;
  for (const q of rep.queues) {
    for (let i = 0; i < q.counts.offered.length; i++) {
      calls += q.counts.offered[i];
      answered += q.counts.answered[i];
      abandoned += q.counts.abandoned[i];
      exited += q.counts.exited[i];
    }
  }
  return { calls, answered, abandoned, exited };
}

/** Runs replication 0 writing the queue_log (and Master.csv) as it goes; returns its counts. */
async function writeLog(input: SimInput, opts: SimulateOptions, ctx: Context, progress: Progress): Promise<{ rep: ReplicationResult; lines: number }> {
  const log = opts.out && opts.out !== '-' ? new TextSink(opts.out, ctx.cwd) : new StdoutSink(ctx);
  const cdr = opts.masterCsv ? new TextSink(opts.masterCsv, ctx.cwd) : null;
  const zone = IANAZone.create(ctx.tz);
  // luxon's offset goes through Intl and is slow: cache per quarter hour (offsets change on those)
  const offsets = new Map<number, number>();
  const offset = (s: number) => {
    const k = Math.floor(s / 900);
    let o = offsets.get(k);
    if (o === undefined) offsets.set(k, (o = zone.offset(s * 1000)));
    return o;
  };
  const csvOpts = { utcOffsetMinutes: offset };
  let pendingCdr: Promise<void> | undefined;
  const gen = queueLogEvents(input, 0, cdr ? (c) => void (pendingCdr = cdr.line(formatMasterCsvLine(c, csvOpts)) ?? pendingCdr) : undefined);
  let calls = 0;
  let step = 0;
  let res = gen.next();
  while (!res.done) {
    const e = res.value;
    if (e.event === 'ENTERQUEUE') calls++;
    const wait = log.line(formatQueueLogLine(e));
    if (wait) await wait;
    if (pendingCdr) {
      await pendingCdr;
      pendingCdr = undefined;
    }
    if ((++step & 0x3fff) === 0) {
      progress.update('simulate.progress', { time: DateTime.fromSeconds(e.time, { zone: ctx.tz }).toFormat('yyyy-MM-dd HH:mm'), calls });
      if (!opts.out) await new Promise((r) => setImmediate(r));
    }
    res = gen.next();
  }
  await log.close();
  if (cdr) await cdr.close();
  return { rep: res.value, lines: log.lines };
}

/**
 * Runs `wfm simulate`: replication 0 writes the queue_log (to --out, or stdout without --summary)
 * and Master.csv as it goes; with --summary, replications 1..N-1 run without output and the table
 * (or JSON/CSV) of {@link summaryRows} is printed. Returns the exit code (3 when demand lines were
 * rejected).
 */
export async function runSimulate(opts: SimulateOptions, ctx: Context): Promise<number> {
  requireFormat(ctx, ['table', 'json', 'csv']);
  if (opts.masterCsv && opts.summary && (!opts.out || opts.out === '-')) throw usage('simulate.err.masterNeedsOut');
  if (opts.summary && opts.out === '-') throw usage('simulate.err.summaryAndStdout');
  const { input, days, exit } = buildSimInput(opts, ctx);
  const progress = new Progress(ctx);
  const writeQueueLog = Boolean(opts.out) || !opts.summary;
  const reps: ReplicationResult[] = [];
  let lines = 0;
  try {
    if (writeQueueLog) {
      const w = await writeLog(input, opts, ctx, progress);
      reps.push(w.rep);
      lines = w.lines;
    }
    if (opts.summary) {
      for (let r = reps.length; r < opts.replications; r++) {
        progress.update('simulate.progressRep', { rep: r + 1, reps: opts.replications });
        reps.push(runReplication(input, r));
        await new Promise((res) => setImmediate(res));
      }
    }
  } finally {
    progress.done();
  }
  const zone = ctx.tz;
  const tot = totals(reps[0]);
  const n = input.queues[0].expectedCalls.length;
  const result: SimulateResult = {
    ...tot,
    queues: input.queues.map((q) => q.name),
    from: isoWithOffset(DateTime.fromSeconds(input.startEpoch, { zone })),
    to: isoWithOffset(DateTime.fromSeconds(input.startEpoch + n * input.intervalSeconds, { zone })),
    days,
    seed: input.seed,
    queueLog: opts.out && opts.out !== '-' ? opts.out : null,
    queueLogLines: lines,
    masterCsv: opts.masterCsv ?? null,
  };
  if (opts.summary) {
    const rows = summaryRows(input, reps, opts, ctx);
    ctx.out.write(renderSummary(rows, input, opts, ctx));
    if (opts.out && !ctx.quiet) ctx.err.write(t(ctx.lang, 'simulate.done', doneParams(result, ctx)) + '\n');
  } else if (opts.out && opts.out !== '-') {
    if (ctx.format === 'json') ctx.out.write(renderJson(result));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(Object.keys(result), [{ ...result, queues: result.queues.join(';') }]));
    else ctx.out.write(t(ctx.lang, 'simulate.done', doneParams(result, ctx)) + '\n');
  }
  return exit;
}

function doneParams(r: SimulateResult, ctx: Context): Record<string, string | number> {
  return {
    calls: r.calls,
    answered: r.answered,
    abandoned: r.abandoned,
    queues: r.queues.join(', '),
    from: r.from,
    to: r.to,
    file: r.queueLog ?? '-',
    lines: r.queueLogLines,
    master: r.masterCsv ? t(ctx.lang, 'simulate.doneMaster', { file: r.masterCsv }) : '',
    seed: r.seed,
  };
}

// ---------------------------------------------------------------------------------------------
// Summary

/** One printed summary row: the field names, interval start as ISO 8601 with the zone's offset. */
export type SummaryRow = Omit<IntervalSummary, 'intervalStart' | 'replications'> & { intervalStart: string };

/** Interval groups [from, to) for --by, leaving out the warm-up. */
function groups(input: SimInput, opts: SimulateOptions, zone: string): [number, number][] {
  const n = input.queues[0].expectedCalls.length;
  const dt = input.intervalSeconds;
  const first = Math.min(n, Math.ceil((opts.warmup * 60) / dt - 1e-9));
  if (opts.by === 'total') return first < n ? [[first, n]] : [];
  if (opts.by === 'interval') return Array.from({ length: n - first }, (_, i) => [first + i, first + i + 1]);
  const out: [number, number][] = [];
  let from = first;
  const dateOf = (i: number) => DateTime.fromSeconds(input.startEpoch + i * dt, { zone }).toISODate();
  for (let i = first + 1; i <= n; i++) {
    if (i === n || dateOf(i) !== dateOf(from)) {
      out.push([from, i]);
      from = i;
    }
  }
  return out;
}

/**
 * Summary rows for --by interval|day|total after the warm-up: src/sim/summary.ts `summarize`
 * (definitions there), interval starts as ISO 8601 with the --tz offset, t intervals clipped to
 * their natural bounds (a share to [0, 1], a wait to >= 0).
 */
export function summaryRows(input: SimInput, reps: readonly ReplicationResult[], opts: SimulateOptions, ctx: Context): SummaryRow[] {
  const byQueue: IntervalSummary[][] = input.queues.map(() => []);
  const gs = groups(input, opts, ctx.tz);
  if (opts.by === 'interval' && gs.length) {
    const all = summarize(input, reps);
    const n = input.queues[0].expectedCalls.length;
    input.queues.forEach((_, qi) => byQueue[qi].push(...all.slice(qi * n + gs[0][0], qi * n + n)));
  } else {
    for (const [from, to] of gs) {
      const rows = summarize(input, reps, { total: { fromInterval: from, toInterval: to } });
      rows.forEach((row, qi) => byQueue[qi].push(row));
    }
  }
  // a t interval can pass the natural bounds with few replications: clip to them
  const clip = (c: [number, number] | null, hi: number): [number, number] | null =>
    c ? [Math.max(0, Math.min(hi, c[0])), Math.max(0, Math.min(hi, c[1]))] : null;
  return byQueue.flat().map((s) => ({
    queue: s.queue,
    intervalStart: isoWithOffset(DateTime.fromSeconds(s.intervalStart, { zone: ctx.tz })),
    calls: s.calls,
    agents: s.agents,
    serviceLevel: s.serviceLevel,
    serviceLevelCi: clip(s.serviceLevelCi, 1),
    asaSeconds: s.asaSeconds,
    asaCi: clip(s.asaCi, Infinity),
    abandonRate: s.abandonRate,
    erlangServiceLevel: s.erlangServiceLevel,
    erlangAsaSeconds: s.erlangAsaSeconds,
    abandonRateCi: clip(s.abandonRateCi, 1),
    erlangAbandonRate: s.erlangAbandonRate,
    erlangModel: s.erlangModel,
    expectedCalls: s.expectedCalls,
  }));
}

const CSV_KEYS = [
  'queue',
  'intervalStart',
  'calls',
  'agents',
  'serviceLevel',
  'serviceLevelLow',
  'serviceLevelHigh',
  'asaSeconds',
  'asaLow',
  'asaHigh',
  'abandonRate',
  'abandonRateLow',
  'abandonRateHigh',
  'erlangServiceLevel',
  'erlangAsaSeconds',
  'erlangAbandonRate',
  'erlangModel',
  'expectedCalls',
];

function renderSummary(rows: SummaryRow[], input: SimInput, opts: SimulateOptions, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') {
    return renderCsv(
      CSV_KEYS,
      rows.map((r) => ({
        ...r,
        serviceLevelLow: r.serviceLevelCi?.[0] ?? null,
        serviceLevelHigh: r.serviceLevelCi?.[1] ?? null,
        asaLow: r.asaCi?.[0] ?? null,
        asaHigh: r.asaCi?.[1] ?? null,
        abandonRateLow: r.abandonRateCi?.[0] ?? null,
        abandonRateHigh: r.abandonRateCi?.[1] ?? null,
      })),
    );
  }
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const ci = (c: unknown, f: (v: number) => string) => (Array.isArray(c) ? `${f(c[0])}-${f(c[1])}` : '');
  const when = (v: unknown) => {
    const dt = DateTime.fromISO(String(v), { setZone: true });
    return opts.by === 'interval' ? dt.toFormat('yyyy-MM-dd HH:mm') : (dt.toISODate() ?? '');
  };
  const cols: Column<SummaryRow>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'intervalStart', header: tr(opts.by === 'interval' ? 'col.intervalStart' : 'col.date'), show: when },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'agents', header: tr('col.agents'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'serviceLevel', header: tr('simulate.col.sl'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'serviceLevelCi', header: tr('simulate.col.ci'), align: 'right', show: (v) => ci(v, (x) => percent(x, 1)) },
    { key: 'erlangServiceLevel', header: tr('simulate.col.erlangSl'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'asaSeconds', header: tr('col.asaSeconds'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'asaCi', header: tr('simulate.col.ci'), align: 'right', show: (v) => ci(v, (x) => fixed(x, 1)) },
    { key: 'erlangAsaSeconds', header: tr('simulate.col.erlangAsa'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'abandonRate', header: tr('simulate.col.abandon'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'erlangAbandonRate', header: tr('simulate.col.erlangAbandon'), align: 'right', show: (v) => percent(v, 1) },
  ];
  const models = [...new Set(rows.map((r) => r.erlangModel))].join('/');
  const head = tr('simulate.head', {
    reps: opts.replications,
    seed: input.seed,
    t: input.serviceLevelSeconds ?? 20,
    model: models || 'C',
  });
  return head + '\n\n' + renderTable(cols, rows);
}
