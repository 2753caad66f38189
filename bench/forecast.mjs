// Forecast benchmark through the compiled CLI: `wfm forecast backtest` with the shared protocol
// (../shared/data/README.md: rolling origin, 4 weekly folds, 1-week horizon, pooled errors) on the
// North American bank (15 min) and the Anonymous Bank (30 min). Prints each method's WAPE, MASE,
// 80 % band coverage and runtime, comparable with the README's table of R anchors.
//
//   npm run build && node bench/forecast.mjs            # the two protocol series
//   node bench/forecast.mjs --extra                     # plus generalization folds
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const BIN = `${ROOT}bin/wfm.js`;

const weekly = (first, n) => {
  const d0 = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: n }, (_, k) => new Date(d0 + k * 7 * 86_400_000).toISOString().slice(0, 10));
};

const anchors = {
  'na-bank': 'R anchors: mean4w 6.62, profile_ets 9.29, snaive_week 9.76, mstl_ets 11.03, tbats 13.81 (129 s/fold), dshw 22.69 (27 s/fold)',
  'anon-bank': 'R anchors: mean4w 19.30, profile_ets 20.38, mstl_ets 20.42, dshw 21.68 (87 s/fold), snaive_week 25.17, tbats 32.66',
};

function run(title, file, origins, testEnd, extra = []) {
  const args = [BIN, 'forecast', 'backtest', '--input', DATA + file, '--holidays', 'none', '--origins', origins.join(','), '--format', 'json', '--quiet', ...extra];
  if (testEnd) args.push('--test-end', testEnd);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, WFM_TZ: 'UTC', LANG: 'C' }, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(`${title}: exit ${r.status}\n${r.stderr}`);
    process.exitCode = 1;
    return;
  }
  const j = JSON.parse(r.stdout);
  console.log(`\n${title}: ${j.intervalMinutes}-min, test ${j.testStart}..${j.testEnd}, ${j.scoredIntervals} scored intervals, MASE scale ${j.maseScale.toFixed(3)}, wall ${wall.toFixed(2)} s (node start + read + all methods)`);
  console.log('method     WAPE %    MASE  bias %  dayWAPE %  cover80 %   runtime ms  foldWAPE %');
  for (const m of [...j.methods].sort((a, b) => a.wape - b.wape)) {
    console.log(
      `${m.method.padEnd(9)} ${m.wape.toFixed(2).padStart(7)} ${m.mase.toFixed(3).padStart(7)} ${m.bias.toFixed(2).padStart(7)} ${m.dayWape
        .toFixed(2)
        .padStart(10)} ${m.coverage.toFixed(1).padStart(10)} ${String(Math.round(m.runtimeMs)).padStart(12)}  ${m.foldWape.map((x) => x.toFixed(2)).join(' ')}${
        m.chosen ? '  chose ' + m.chosen.join(',') : ''
      }`,
    );
  }
  const total = j.methods.reduce((s, m) => s + (m.method === 'auto' ? 0 : m.runtimeMs), 0);
  console.log(`all methods: ${(total / 1000).toFixed(2)} s of model time${title.includes('(protocol)') ? '\n' + anchors[title.split(' ')[0]] : ''}`);
}

if (!existsSync(BIN) || !existsSync(`${ROOT}dist/commands/forecast.js`)) {
  console.error('build first: npm run build');
  process.exit(1);
}
if (!existsSync(DATA + 'na_bank_15min.csv')) {
  console.error(`shared data not found at ${DATA}`);
  process.exit(1);
}
run('na-bank 15 min (protocol)', 'na_bank_15min.csv', weekly('2003-09-29', 4), '2003-10-24');
run('anon-bank 30 min (protocol)', 'anonymous_bank_1999_30min.csv', weekly('1999-12-04', 4), '1999-12-31');
if (process.argv.includes('--extra')) {
  console.log('\n=== generalization folds (not the published weeks) ===');
  run('na-bank 15 min, Jun-Sep', 'na_bank_15min.csv', weekly('2003-06-02', 17));
  run('na-bank 5 min (protocol weeks)', 'na_bank_5min.csv', weekly('2003-09-29', 4), '2003-10-24');
  run('anon-bank 30 min, Jun-Nov', 'anonymous_bank_1999_30min.csv', weekly('1999-06-05', 26));
  run('anon-bank 30 min, Oct-Nov', 'anonymous_bank_1999_30min.csv', weekly('1999-10-09', 8));
  run('anon-bank 6 min -> 60 min (protocol weeks)', 'anonymous_bank_1999_6min.csv', weekly('1999-12-04', 4), '1999-12-31', ['--interval', '60']);
}
