/**
 * The quickstart week rostered with the default rules and with data/roster-rules-rotation.yaml (issue
 * 18), and the figures agents judge a roster by: isolated single working days (a day worked between two
 * days off, days 1-5 of the week), agents whose start times drift by more than 6 h within the week,
 * full-time weekly paid hours (min..max), paid hours and understaffed agent-intervals.
 *
 *   npx wfm quickstart --dir /tmp/qs && npx vite-node bench/roster-rotation.ts /tmp/qs [seconds]
 *
 * Runs the built CLI (npm run build first); each roster gets `seconds` (default 60) and is written to
 * DIR/roster-default.csv and DIR/roster-rotation.csv.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvText } from '../src/formats/csv.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dir = process.argv[2] ?? 'wfm-quickstart';
const seconds = process.argv[3] ?? '60';

function csv(text: string): Record<string, string>[] {
  return parseCsvText(text, 'csv').records.map((r) => r.fields);
}

const agents = csv(readFileSync(join(dir, 'agents.csv'), 'utf8'));
const requirements = csv(readFileSync(join(dir, 'requirements.csv'), 'utf8'));
const start = requirements.map((r) => (r.intervalstart ?? r.interval_start).slice(0, 10)).sort()[0];

function figures(rules: string | null, out: string) {
  const args = [join(ROOT, 'bin/wfm.js'), 'roster', '--requirements', 'requirements.csv', '--agents', 'agents.csv', '--start', start, '--time-limit', seconds, '--format', 'csv'];
  if (rules) args.push('--rules', rules);
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const under = /(\d+) agent-intervals short/.exec(r.stderr)?.[1] ?? '0';
  writeFileSync(join(dir, out), r.stdout);
  const shifts = csv(r.stdout);
  const days = [...new Set(shifts.map((s) => s.date))].sort();
  const byAgent = new Map<string, Record<string, string>[]>();
  for (const s of shifts) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), s]);
  let isolated = 0;
  let drift = 0;
  const fullTime: number[] = [];
  for (const a of agents) {
    const mine = byAgent.get(a.id) ?? [];
    const worked = new Set(mine.map((s) => s.date));
    for (let d = 1; d + 1 < days.length; d++) if (worked.has(days[d]) && !worked.has(days[d - 1]) && !worked.has(days[d + 1])) isolated++;
    const starts = mine.map((s) => Number(s.start.slice(11, 13)) * 60 + Number(s.start.slice(14, 16)));
    if (starts.length && Math.max(...starts) - Math.min(...starts) > 360) drift++;
    if (a.contract === 'full-time') fullTime.push(mine.reduce((x, s) => x + Number(s.paid_hours), 0));
  }
  const paid = shifts.reduce((x, s) => x + Number(s.paid_hours), 0);
  return { isolated, drift, fullTime: `${Math.min(...fullTime).toFixed(1)}-${Math.max(...fullTime).toFixed(1)}`, paid: paid.toFixed(1), understaffed: Number(under), code: r.status };
}

console.log(`quickstart week from ${start}, ${agents.length} agents, ${seconds} s per roster`);
console.log('rules                          isolated  drift>6h  full-time h  paid h   understaffed');
for (const [name, rules, out] of [
  ['default (greedy stage 2)', null, 'roster-default.csv'],
  ['roster-rules-rotation.yaml', join(ROOT, 'data/roster-rules-rotation.yaml'), 'roster-rotation.csv'],
] as const) {
  const f = figures(rules, out);
  console.log(`${name.padEnd(30)} ${String(f.isolated).padStart(8)}  ${String(f.drift).padStart(8)}  ${f.fullTime.padStart(11)}  ${f.paid.padStart(6)}  ${String(f.understaffed).padStart(12)}${f.code ? `  (exit ${f.code})` : ''}`);
}
