/**
 * Intraday reforecast benchmark (issue 17) on the shared data (../shared/data/README.md).
 *
 * For every day: the morning forecast from the history strictly before the day (the engine's
 * `forecast()`, method auto, holidays none, on the series truncated before the day), then at the
 * cuts 10:00, 12:00 and 14:00 (local) the rest of the day re-forecast from the actuals so far by
 *   morning  the morning forecast itself (no update),
 *   anchor   r · F_i with r = (A + κ)/(F + κ), κ tuned,
 *   model    `reforecast()` of src/forecast/intraday.ts, parameters tuned,
 * scored by the pooled rest-of-day WAPE = Σ|e| / Σy over every remaining interval of every day.
 *
 * Tuning discipline: κ and the model's parameters are tuned on the 8 weeks before the protocol
 * weeks (na-bank 2003-08-04 … 09-26, anon-bank 1999-10-09 … 12-03) and then held fixed on the four
 * protocol weeks ("fixed"). The "rolling" rows re-tune before each protocol week on the 8 weeks
 * before it (which include the earlier protocol weeks). The band's z are calibrated on the
 * tuning weeks; its coverage is shown on the tuning weeks and on the protocol weeks.
 *
 * The design was chosen before looking at the protocol weeks, on validation blocks before them
 * (`--validate`): three 4-week blocks ending the day before the protocol weeks, each scored with
 * parameters tuned on the 8 weeks before that block, for the model and its reduced forms.
 *
 *   npx vite-node bench/intraday.ts              # na-bank 15 min, na-bank 5 min, anon-bank 30 min
 *   npx vite-node bench/intraday.ts --quick      # without the 5-min series
 *   npx vite-node bench/intraday.ts --validate   # the validation blocks before the protocol weeks (15 and 30 min)
 *   npx vite-node bench/intraday.ts --runtime [--calls N] [--history-days D] [--queues Q] [--keep | --store PATH]
 *
 * `--runtime`: the run time of the built `wfm intraday` (node bin/wfm.js; run `npm run build` first)
 * on a SQLite store holding one day (Monday 2026-03-02, UTC) of N calls (default 1,000,000) over Q
 * queues (default 20), arriving 07:00-21:00 with a midday hump, each answered after 5 s with 200 s of
 * talk; and D days of history before it at the same volume (default 14); a saved roster of S8
 * shifts covering the offered load plus 10 % (thousands of agents: the actions' search). Timed, each
 * five runs at --at 14:00 with --quiet --format json, wall and CPU time: (a) the cron form (the morning
 * forecast from the history by the default method); (b) a saved morning forecast (--forecast).
 * `--keep` keeps the store and prints its path; `--store PATH` times a store kept before (same
 * options) instead of building one (about 5 minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { CallRecord } from '../src/cdr/types.js';
import { validateRules } from '../src/solver/rules.js';
import { openStore, type ForecastSnapshot, type RosterSnapshot } from '../src/store/index.js';
import { dateOf, dayNumber, forecast, parseWallClock, type SeriesInput } from '../src/forecast/index.js';
import {
  type IntradayParams,
  ratioReforecast,
  reforecast,
  restOfDayWape,
  tuneIntraday,
  tuneKappa,
  type TuningDay,
} from '../src/forecast/intraday.js';

const DATA = new URL('../../shared/data/', import.meta.url);
const CUTS = [10 * 60, 12 * 60, 14 * 60];
const TUNING_WEEKS = 8;

function readSeries(file: string, intervalMinutes: number): SeriesInput {
  const s: SeriesInput = { intervalMinutes, dates: [], slots: [], calls: [] };
  for (const line of readFileSync(new URL(file, DATA), 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [ts, calls] = line.split(',');
    const { date, slot } = parseWallClock(ts, intervalMinutes);
    s.dates.push(date);
    s.slots.push(slot);
    s.calls.push(Number(calls));
  }
  return s;
}

interface Day extends TuningDay {
  date: string;
  day: number;
}

/**
 * Morning forecasts and actuals of every day with data in [first, last]: the engine on the series
 * truncated before the day (rows are in time order, so a prefix is "strictly before").
 */
function morningDays(s: SeriesInput, first: string, last: string): { days: Day[]; ms: number } {
  const t0 = performance.now();
  const days: Day[] = [];
  const im = s.intervalMinutes;
  for (let d = dayNumber(first); d <= dayNumber(last); d++) {
    const date = dateOf(d);
    const n = s.dates.findIndex((x) => x >= date);
    if (n < 0 || s.dates[n] !== date) continue;
    const before: SeriesInput = { intervalMinutes: im, dates: s.dates.slice(0, n), slots: s.slots.slice(0, n), calls: s.calls.slice(0, n) };
    const rows = forecast(before, { start: date, days: 1, holidays: 'none' }).rows;
    const actual = new Map<number, number>();
    for (let i = n; i < s.dates.length && s.dates[i] === date; i++) actual.set(s.slots[i], s.calls[i]);
    days.push({
      date,
      day: d,
      forecast: rows.map((r) => r.calls),
      actual: rows.map((r) => actual.get(r.slot) ?? null),
      // cut at minute c: the intervals that have ended by then
      cuts: CUTS.map((c) => rows.filter((r) => (r.slot + 1) * im <= c).length),
    });
  }
  return { days, ms: performance.now() - t0 };
}

function coverage(days: readonly Day[], im: number, p: IntradayParams): number[] {
  return CUTS.map((_, c) => {
    let n = 0;
    let inside = 0;
    for (const d of days) {
      const cut = d.cuts[c];
      const r = reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes: im, params: p });
      for (let j = cut; j < d.forecast.length; j++) {
        const y = d.actual[j];
        if (y === null) continue;
        n++;
        if (y >= r.low[j - cut] && y <= r.high[j - cut]) inside++;
      }
    }
    return (100 * inside) / n;
  });
}

const pct = (v: number[]) => v.map((x) => x.toFixed(2).padStart(7)).join('');
const fmtParams = (p: IntradayParams) =>
  `τ=${p.levelSd} q=${p.levelDriftPerHour}/h σ=${p.localSd} half-life=${p.localHalfLifeMinutes} min c=${p.noiseCv} z=[${p.zLow.toFixed(3)}, ${p.zHigh.toFixed(3)}]`;

function run(title: string, file: string, im: number, protocolStart: string, protocolEnd: string) {
  const s = readSeries(file, im);
  const p0 = dayNumber(protocolStart);
  const tuneFirst = dateOf(p0 - 7 * TUNING_WEEKS);
  const { days, ms } = morningDays(s, tuneFirst, protocolEnd);
  const tuning = days.filter((d) => d.day < p0);
  const test = days.filter((d) => d.day >= p0);

  const t0 = performance.now();
  const k = tuneKappa(tuning);
  const t = tuneIntraday(tuning, im);
  const tuneMs = performance.now() - t0;

  // rolling: re-tune before each protocol week on the 8 weeks before it
  const roll = { anchor: new Map<Day, number>(), model: new Map<Day, IntradayParams>() };
  for (let w = p0; w <= dayNumber(protocolEnd); w += 7) {
    const win = days.filter((d) => d.day >= w - 7 * TUNING_WEEKS && d.day < w);
    const kw = tuneKappa(win).kappa;
    const pw = tuneIntraday(win, im).params;
    for (const d of test) {
      if (d.day < w || d.day >= w + 7) continue;
      roll.anchor.set(d, kw);
      roll.model.set(d, pw);
    }
  }

  const model = (ds: readonly Day[], params: (d: Day) => IntradayParams) =>
    restOfDayWape(ds, (d, cut) => reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes: im, params: params(d as Day) }).calls);
  const rows: [string, number[], number[]][] = [
    ['morning forecast', restOfDayWape(tuning, (d, cut) => d.forecast.slice(cut)), restOfDayWape(test, (d, cut) => d.forecast.slice(cut))],
    ['plain ratio A/F', restOfDayWape(tuning, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, 0)), restOfDayWape(test, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, 0))],
    [
      'anchor (A+κ)/(F+κ), fixed',
      restOfDayWape(tuning, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, k.kappa)),
      restOfDayWape(test, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, k.kappa)),
    ],
    ['reforecast(), fixed', model(tuning, () => t.params), model(test, () => t.params)],
    ['anchor, rolling', [NaN, NaN, NaN], restOfDayWape(test, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, roll.anchor.get(d as Day)!))],
    ['reforecast(), rolling', [NaN, NaN, NaN], model(test, (d) => roll.model.get(d)!)],
  ];
  // time of one reforecast() call: every protocol day at every cut, 20 times
  const t1 = performance.now();
  let calls = 0;
  for (let rep = 0; rep < 20; rep++) {
    for (const d of test) {
      for (const cut of d.cuts) {
        reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes: im, params: t.params });
        calls++;
      }
    }
  }
  const perCall = (performance.now() - t1) / calls;

  console.log(`\n${title}: ${tuning.length} tuning days ${tuneFirst}..${dateOf(p0 - 1)}, ${test.length} protocol days ${protocolStart}..${protocolEnd}`);
  console.log(`rest-of-day WAPE %         tuning weeks (in-sample)   protocol weeks (out-of-sample)`);
  console.log(`cut                        ${CUTS.map((c) => `${c / 60}:00`.padStart(7)).join('')}    ${CUTS.map((c) => `${c / 60}:00`.padStart(7)).join('')}`);
  for (const [name, a, b] of rows) console.log(`${name.padEnd(26)} ${a.every(Number.isNaN) ? ' '.repeat(21) : pct(a)}    ${pct(b)}`);
  console.log(`80 % band coverage %       ${pct(coverage(tuning, im, t.params))}    ${pct(coverage(test, im, t.params))}`);
  console.log(`tuned (fixed, ${tuning.length} tuning days): κ = ${k.kappa.toFixed(0)} calls (τ = 1/√κ = ${(1 / Math.sqrt(k.kappa)).toFixed(4)}); ${fmtParams(t.params)}`);
  console.log(
    `time: morning forecasts ${(ms / 1000).toFixed(1)} s (${(ms / days.length).toFixed(0)} ms/day), tuning κ + model ${(tuneMs / 1000).toFixed(2)} s, one reforecast() ${(perCall * 1000).toFixed(0)} µs`,
  );
}

/** Validation before the protocol weeks: reduced forms of the model, each tuned the same way. */
const VARIANTS: [string, Partial<Record<'levelDriftPerHour' | 'localSd' | 'noiseCv', number[]>>][] = [
  ['reforecast() (full)', {}],
  ['  without drift (q = 0)', { levelDriftPerHour: [0] }],
  ['  without u (σ = 0)', { localSd: [0] }],
  ['  level + drift only', { localSd: [0], noiseCv: [0] }],
];

function validate(title: string, file: string, im: number, protocolStart: string) {
  const s = readSeries(file, im);
  const p0 = dayNumber(protocolStart);
  const blocks = 3;
  const { days } = morningDays(s, dateOf(p0 - 28 * blocks - 7 * TUNING_WEEKS), dateOf(p0 - 1));
  const sums = new Map<string, number[]>();
  console.log(`\n${title}, validation blocks before the protocol weeks (rest-of-day WAPE % at 10:00, 12:00, 14:00)`);
  for (let b = blocks; b >= 1; b--) {
    const v0 = p0 - 28 * b;
    const tuning = days.filter((d) => d.day >= v0 - 7 * TUNING_WEEKS && d.day < v0);
    const val = days.filter((d) => d.day >= v0 && d.day < v0 + 28);
    const k = tuneKappa(tuning).kappa;
    const rows: [string, number[]][] = [
      ['morning forecast', restOfDayWape(val, (d, cut) => d.forecast.slice(cut))],
      [`anchor (κ = ${k.toFixed(0)})`, restOfDayWape(val, (d, cut) => ratioReforecast(d.forecast, d.actual, cut, k))],
    ];
    for (const [name, grid] of VARIANTS) {
      const p = tuneIntraday(tuning, im, { grid }).params;
      rows.push([name, restOfDayWape(val, (d, cut) => reforecast({ forecast: d.forecast, actual: d.actual, cut, intervalMinutes: im, params: p }).calls)]);
    }
    console.log(`block ${dateOf(v0)}..${dateOf(v0 + 27)} (${val.length} days), tuned on ${dateOf(v0 - 7 * TUNING_WEEKS)}..${dateOf(v0 - 1)}`);
    rows.forEach(([name, w], i) => {
      console.log(`  ${name.padEnd(26)}${pct(w)}`);
      const key = i < 2 ? ['morning forecast', 'anchor'][i] : name;
      sums.set(key, (sums.get(key) ?? [0, 0, 0]).map((x, c) => x + w[c] / blocks));
    });
  }
  console.log('mean of the blocks');
  for (const [name, w] of sums) console.log(`  ${name.padEnd(26)}${pct(w)}`);
}

// ---------------------------------------------------------------------------------------------
// --runtime: wfm intraday on a day of 1,000,000 calls

const argValue = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

/** Makes the child print its CPU time (user + system, µs) to stderr at exit: wall time on a shared machine says little. */
const CPU_HOOK = `--import=data:text/javascript,${encodeURIComponent("import{writeSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeSync(2,'\\ncpu '+(u.user+u.system)+'\\n')})")}`;

async function runtime(): Promise<void> {
  const N = argValue('--calls', 1_000_000);
  const historyDays = argValue('--history-days', 14);
  const Q = argValue('--queues', 20);
  const DAY = '2026-03-02';
  const DAY_MS = Date.parse(`${DAY}T00:00:00Z`);
  const HALF = 1_800_000;
  const AHT = 205;
  const queues = Array.from({ length: Q }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
  // the day's shape: 28 half hours 07:00-21:00, weight 1 + sin(π·(i + 0.5)/28)
  const weights = Array.from({ length: 28 }, (_, i) => 1 + Math.sin((Math.PI * (i + 0.5)) / 28));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const perQueue = Math.floor(N / Q);
  const perInterval = weights.map((w) => Math.floor((perQueue * w) / wsum));
  const callsPerDay = perInterval.reduce((a, b) => a + b, 0) * Q;
  const kept = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : null;
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'wfm-bench-intraday-'));
  const db = kept ?? join(dir!, 'wfm.db');
  if (kept) {
    console.log(`store: ${db} (kept before), ${(statSync(db).size / 1e9).toFixed(2)} GB`);
    timeRuns(db, historyDays);
    return;
  }
  const tb = performance.now();
  const store = await openStore(db, { mode: 'write' });
  let id = 0;
  for (let d = historyDays; d >= 0; d--) {
    const dayMs = DAY_MS - d * 86_400_000;
    await store.begin();
    for (const queue of queues) {
      const batch: CallRecord[] = [];
      perInterval.forEach((n, i) => {
        const start = dayMs + (14 + i) * HALF;
        for (let k = 0; k < n; k++) {
          batch.push({ queue, callId: `c${id++}`, enteredMs: start + Math.floor((k * HALF) / n), outcome: 'answered', waitS: 5, agent: `A${k % 300}`, talkS: 200, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'queue_log' });
        }
      });
      await store.importCalls('default', batch, 'UTC');
    }
    await store.commit();
  }
  await store.saveSite({ name: 'default', tz: 'UTC' });
  // the saved morning forecast: the shape itself
  const rows: ForecastSnapshot['rows'] = [];
  for (const queue of queues) {
    for (let i = 0; i < 48; i++) {
      const c = i >= 14 && i < 42 ? perInterval[i - 14] : 0;
      rows.push({ queue, intervalStartMs: DAY_MS + i * HALF, calls: c, ahtSeconds: AHT, callsLow: c, callsHigh: c });
    }
  }
  await store.saveForecast('default', { name: 'morning', createdMs: DAY_MS, tz: 'UTC', intervalMinutes: 30, startDate: DAY, days: 1, methods: Object.fromEntries(queues.map((q) => [q, 'bench'])), rows });
  // the roster: per queue, S8 shifts starting 07:00, 09:00, 11:00 and 13:00, each group sized so that
  // the agents at work cover the offered load (Erlangs) of the two hours after its start plus 10 %,
  // the last group the evening's too
  const rulesV = validateRules(parseYaml(readFileSync(new URL('../data/roster-rules.yaml', import.meta.url), 'utf8')));
  if (!rulesV.ok) throw new Error('bundled rules');
  const shifts: RosterSnapshot['shifts'] = [];
  const need = (fromH: number, toH: number) => 1.1 * Math.max(...perInterval.slice((fromH - 7) * 2, (toH - 7) * 2).map((c) => (c * AHT) / 1800));
  for (const queue of queues) {
    const groups: number[] = [];
    for (const h of [7, 9, 11, 13]) {
      const working = groups.reduce((a, b) => a + b, 0);
      const n = Math.max(0, Math.ceil(need(h, h + 2) - working), h === 13 ? Math.ceil(need(15, 21) - groups.slice(1).reduce((a, b) => a + b, 0)) : 0);
      groups.push(n);
    }
    for (const [g, h] of [7, 9, 11, 13].entries()) {
      for (let k = 0; k < groups[g]; k++) {
        const start = DAY_MS + h * 3_600_000;
        const off = (k % 4) * 15;
        const b = (m: number, len: number, paid: boolean) => ({ startMs: start + (m + off) * 60_000, endMs: start + (m + off + len) * 60_000, paid });
        shifts.push({ agent: `${queue}-${g}-${k}`, queue, template: 'S8', startMs: start, endMs: start + 8 * 3_600_000, breaks: [b(90, 15, true), b(210, 30, false), b(330, 15, true)] });
      }
    }
  }
  await store.saveRoster('default', {
    name: 'week', createdMs: DAY_MS, tz: 'UTC', startDate: DAY, days: 1, intervalMinutes: 30, solver: 'bench', paidHours: shifts.length * 7.5,
    lowerBound: 0, gap: 0, understaffed: 0, seconds: 0, rules: JSON.stringify(rulesV.rules), shifts, coverage: [],
  });
  await store.close();
  const buildS = (performance.now() - tb) / 1000;
  const agents = new Set(shifts.map((x) => x.agent)).size;
  console.log(`store: ${callsPerDay.toLocaleString('en')} calls on ${DAY} over ${Q} queues, ${historyDays} days of history at the same volume (${(callsPerDay * (historyDays + 1)).toLocaleString('en')} calls), ${agents} agents on the roster; ${(statSync(db).size / 1e9).toFixed(2)} GB, built in ${buildS.toFixed(0)} s`);
  timeRuns(db, historyDays);
  if (process.argv.includes('--keep')) console.log(`kept: ${db}`);
  else rmSync(dir!, { recursive: true, force: true });
}

/** Five timed runs of each form of `wfm intraday` on the store (see --runtime). */
function timeRuns(db: string, historyDays: number): void {
  const DAY = '2026-03-02';
  const bin = fileURLToPath(new URL('../bin/wfm.js', import.meta.url));
  const time = (label: string, extra: string[]) => {
    const ms: number[] = [];
    const cpu: number[] = [];
    let code = -1;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      const p = spawnSync(process.execPath, [CPU_HOOK, bin, 'intraday', '--date', DAY, '--at', '14:00', '--quiet', '--format', 'json', '--db', db, ...extra], {
        encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC' }, maxBuffer: 256 * 1024 * 1024,
      });
      ms.push(performance.now() - t);
      cpu.push(Number(/\ncpu (\d+)\n/.exec(p.stderr)?.[1] ?? NaN) / 1000);
      code = p.status ?? -1;
      if (code !== 0 && code !== 5) throw new Error(`${label}: exit ${code}\n${p.stderr}`);
    }
    ms.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(`${label.padEnd(60)} wall median ${(ms[2] / 1000).toFixed(2)} s (min ${(ms[0] / 1000).toFixed(2)}), CPU median ${(cpu[2] / 1000).toFixed(2)} s (min ${(cpu[0] / 1000).toFixed(2)}), exit ${code}`);
  };
  if (historyDays > 0) time('(a) cron form: default-method morning forecast, the roster found', []);
  time('(b) saved morning forecast, the roster found (covering the day)', ['--forecast', 'morning']);
}

if (process.argv.includes('--runtime')) {
  await runtime();
  process.exit(0);
}

if (!existsSync(new URL('na_bank_15min.csv', DATA))) {
  console.error('shared data not found at', DATA.pathname);
  process.exit(1);
}
const quick = process.argv.includes('--quick');
const t0 = performance.now();
if (process.argv.includes('--validate')) {
  validate('na-bank 15 min', 'na_bank_15min.csv', 15, '2003-09-29');
  validate('anon-bank 30 min', 'anonymous_bank_1999_30min.csv', 30, '1999-12-04');
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(0);
}
run('na-bank 15 min', 'na_bank_15min.csv', 15, '2003-09-29', '2003-10-24');
if (!quick) run('na-bank 5 min', 'na_bank_5min.csv', 5, '2003-09-29', '2003-10-24');
run('anon-bank 30 min', 'anonymous_bank_1999_30min.csv', 30, '1999-12-04', '1999-12-31');
console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
