/**
 * Forecast benchmark on the shared protocol (shared/data/README.md): rolling origin, 4 folds,
 * 1-week horizon, scored with the definitions of shared/tools/forecast_score.py.
 *
 *   npx vite-node bench/forecast.ts            # the two protocol series
 *   npx vite-node bench/forecast.ts --extra    # plus generalization folds (earlier weeks, 5 min, 60 min)
 *   npx vite-node bench/forecast.ts --csv out.csv   # also write method,timestamp,forecast for forecast_score.py
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { backtest, dateOf, dayNumber, parseWallClock, wallClock, type BacktestResult, type SeriesInput } from '../src/forecast/index.js';

const DATA = new URL('../../shared/data/', import.meta.url);

function readSeries(file: string, intervalMinutes: number, aggregateTo?: number): SeriesInput {
  const text = readFileSync(new URL(file, DATA), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  const acc = new Map<string, number>();
  const target = aggregateTo ?? intervalMinutes;
  for (const line of lines.slice(1)) {
    const [ts, calls] = line.split(',');
    const { date, slot } = parseWallClock(ts, intervalMinutes);
    const s = Math.floor((slot * intervalMinutes) / target);
    const k = `${date}|${s}`;
    acc.set(k, (acc.get(k) ?? 0) + Number(calls));
  }
  const s: SeriesInput = { intervalMinutes: target, dates: [], slots: [], calls: [] };
  for (const [k, v] of acc) {
    const [d, sl] = k.split('|');
    s.dates.push(d);
    s.slots.push(Number(sl));
    s.calls.push(v);
  }
  return s;
}

function weeklyOrigins(first: string, n: number): string[] {
  const d = dayNumber(first);
  return Array.from({ length: n }, (_, k) => dateOf(d + 7 * k));
}

function print(title: string, r: BacktestResult, wall: number) {
  console.log(`\n${title}  test ${r.testStart}..${r.testEnd}  MASE scale ${r.maseScale.toFixed(3)} (${r.masePairs} pairs)  wall ${(wall / 1000).toFixed(2)} s`);
  console.log('method     WAPE%  MAPE%   RMSE   MASE  bias%  dayWAPE%  cover80%  ms(total)  foldWAPE%');
  const rows = [...r.methods].sort((a, b) => a.wape - b.wape);
  for (const m of rows) {
    console.log(
      `${m.method.padEnd(9)} ${m.wape.toFixed(2).padStart(6)} ${m.mape.toFixed(2).padStart(6)} ${m.rmse.toFixed(1).padStart(6)} ${m.mase
        .toFixed(3)
        .padStart(6)} ${m.bias.toFixed(2).padStart(6)} ${m.dayWape.toFixed(2).padStart(9)} ${m.coverage.toFixed(1).padStart(9)} ${(m.runtimeMs ?? NaN)
        .toFixed(0)
        .padStart(10)}  ${m.foldWape.map((x) => x.toFixed(2)).join(' ')}${m.chosen ? '  chose ' + m.chosen.join(',') : ''}${m.missing ? `  missing ${m.missing}` : ''}`,
    );
  }
}

function run(title: string, s: SeriesInput, origins: string[], testEnd?: string, csv?: string[]) {
  const t0 = performance.now();
  const r = backtest(s, { origins, testEnd, now: () => performance.now(), keepForecasts: !!csv });
  print(title, r, performance.now() - t0);
  if (csv && r.forecasts) {
    for (const f of r.forecasts) csv.push(`${f.method},${wallClock(f.date, f.slot, s.intervalMinutes).replace('T', ' ')},${f.forecast}`);
  }
  return r;
}

if (!existsSync(new URL('na_bank_15min.csv', DATA))) {
  console.error('shared data not found at', DATA.pathname);
  process.exit(1);
}
const args = process.argv.slice(2);
const csvOut = args.includes('--csv') ? args[args.indexOf('--csv') + 1] : undefined;
const csv: string[] | undefined = csvOut ? ['method,timestamp,forecast'] : undefined;

const na15 = readSeries('na_bank_15min.csv', 15);
const anon30 = readSeries('anonymous_bank_1999_30min.csv', 30);
run('na-bank 15 min (protocol)', na15, weeklyOrigins('2003-09-29', 4), '2003-10-24', csv);
if (csv && csvOut) {
  writeFileSync(csvOut, csv.join('\n') + '\n');
  csv.length = 1;
}
run('anon-bank 30 min (protocol)', anon30, weeklyOrigins('1999-12-04', 4), '1999-12-31', csvOut ? csv : undefined);
if (csv && csvOut) writeFileSync(csvOut.replace(/\.csv$/, '') + '_anon.csv', csv.join('\n') + '\n');

if (args.includes('--extra')) {
  console.log('\n=== generalization folds (not the published weeks) ===');
  run('na-bank 15 min, 8 earlier weeks', na15, weeklyOrigins('2003-08-04', 8));
  run('na-bank 5 min (protocol)', readSeries('na_bank_5min.csv', 5), weeklyOrigins('2003-09-29', 4), '2003-10-24');
  run('anon-bank 30 min, 8 earlier weeks (Oct-Nov)', anon30, weeklyOrigins('1999-10-09', 8));
  run('anon-bank 30 min, 8 weeks spring (Apr-May)', anon30, weeklyOrigins('1999-04-03', 8));
  run('anon-bank 6 min → 60 min (protocol weeks)', readSeries('anonymous_bank_1999_6min.csv', 6, 60), weeklyOrigins('1999-12-04', 4), '1999-12-31');
}
