/**
 * `wfm quickstart [--dir DIR]`: the whole planning loop on the bundled sample, into a fresh store in
 * DIR (default ./wfm-quickstart) with a wfm.yaml (src/app/quickstart.ts) that sets the store, the
 * zone, the rules file and each queue's targets. Every step is an ordinary `wfm` command, run
 * in-process inside DIR through the same entry a shell would call, and printed so the user can run
 * it by hand after `cd DIR`:
 *
 *   1. simulate   8 weeks of queue_log from data/sample-spec.json (seeded)  -> history.log.gz
 *   2. import     the queue_log into the store
 *   3. people     agents.csv, exams.csv, training.csv, skills.csv into the store
 *   4. forecast   the next 7 days from the stored history, saved as `next-week` -> forecast.csv
 *   5. staff      requirements per interval, each queue against its own target -> requirements.csv
 *   6. roster     shifts for the sample's agents (10 s limit), saved as `next-week` -> roster.csv
 *   7. check      the saved roster simulated against the saved forecast, per day -> roster-check.csv
 *   8. report     the morning report of the last history day -> wfm-daily-DATE.md
 */
import { isAbsolute, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from '@commander-js/extra-typings';
import { DateTime } from 'luxon';
import { ExitCode } from '../errors.js';
import { renderJson } from '../format.js';
import { CONFIG_NAME } from '../app/config.js';
import { prepareQuickstart, readStepCsv, SAMPLE_FILES, writeStepOutput } from '../app/quickstart.js';
import type { Context, Output, Registrar } from './context.js';
import { formatOption } from './options.js';

export type StepStatus = 'done' | 'failed';

/** The quickstart's steps, in the order it runs them. */
export type StepName = 'simulate' | 'import' | 'people' | 'forecast' | 'staff' | 'roster' | 'check' | 'report';

export interface QuickstartStep {
  step: StepName;
  status: StepStatus;
  /** The command lines, as the user would type them inside the folder. */
  commands: string[];
  /** Files written, relative to the current directory when inside it. */
  outputs: string[];
  seconds: number;
  /** Step-specific figures (calls, agents...) */
  detail: Record<string, string | number>;
}

export interface QuickstartResult {
  dir: string;
  db: string;
  config: string;
  seconds: number;
  steps: QuickstartStep[];
}

/** Quote a word for a POSIX shell when it needs it. */
function shellWord(w: string): string {
  return /^[A-Za-z0-9_./:=%@,+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** Environment variables that would take precedence over the folder's wfm.yaml. */
const OVERRIDING = ['WFM_DB', 'WFM_TZ', 'WFM_LANG', 'WFM_CONFIG'];

export function registerQuickstart(program: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = program
    .command('quickstart')
    .description(tr('quickstart.description'))
    .addOption(new Option('--dir <dir>', tr('quickstart.opt.dir')).default('wfm-quickstart'))
    .addOption(new Option('--force', tr('quickstart.opt.force')))
    .addOption(formatOption(tr, ['table', 'json'] as const))
    .addHelpText('after', '\n' + tr('quickstart.help'));
  r.act(cmd, async (o, ctx) => {
    const t0 = performance.now();
    const show = (p: string) => {
      const rel = relative(ctx.cwd, p);
      return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
    };
    const folder = prepareQuickstart(ctx, o.dir, Boolean(o.force), show);
    const { dir, spec } = folder;
    const first = DateTime.fromISO(spec.startDate, { zone: spec.timeZone });
    const end = first.plus({ days: spec.days }); // first day after the history
    const lastDay = end.minus({ days: 1 }).toISODate()!;
    const nextDay = end.toISODate()!;
    const env = Object.fromEntries(Object.entries(ctx.env).filter(([k]) => !OVERRIDING.includes(k)));
    const inDir = (f: string) => join(dir, f);
    const csvRows = (f: string) => readStepCsv(folder, f);
    const steps: QuickstartStep[] = [];

    /** Run one step of one or more commands inside the folder; `redirect`: the file its stdout goes to. */
    const run = async (step: StepName, cmds: { argv: string[]; redirect?: string }[], outputs: (out: string[]) => string[], after: (out: string[]) => Record<string, string | number>) => {
      const printed: string[] = [];
      const outs: string[] = [];
      const s0 = performance.now();
      for (const c of cmds) {
        // `--format json` is how quickstart reads a step's figures: the printed line leaves it out
        const shown = c.argv.filter((a, i) => !(a === '--format' && c.argv[i + 1] === 'json') && !(a === 'json' && c.argv[i - 1] === '--format'));
        printed.push(['wfm', ...shown].map(shellWord).join(' ') + (c.redirect ? ` > ${shellWord(c.redirect)}` : ''));
        ctx.progress.update({ key: 'quickstart.running', params: { step } });
        let stdout = '';
        let stderr = '';
        const out: Output = { write: (x) => void (stdout += x), isTTY: false };
        const err: Output = { write: (x) => void (stderr += x), isTTY: false };
        const code = await r.invoke([...c.argv, '--lang', ctx.lang], { stdout: out, stderr: err, env, cwd: dir, now: ctx.now });
        ctx.progress.done();
        if (code !== ExitCode.ok) {
          steps.push({ step, status: 'failed', commands: printed, outputs: [], seconds: (performance.now() - s0) / 1000, detail: { exitCode: code } });
          ctx.err.write(stderr);
          return false;
        }
        if (c.redirect) writeStepOutput(ctx, folder, c.redirect, stdout);
        outs.push(stdout);
      }
      steps.push({ step, status: 'done', commands: printed, outputs: outputs(outs).map((f) => show(inDir(f))), seconds: (performance.now() - s0) / 1000, detail: after(outs) });
      return true;
    };

    let ok = await run('simulate', [{ argv: ['simulate', '--sample', '--out', 'history.log.gz', '--format', 'json'] }], () => ['history.log.gz'], ([c]) => {
      const j = JSON.parse(c) as { calls: number; answered: number; abandoned: number };
      return { calls: j.calls, answered: j.answered, abandoned: j.abandoned, from: spec.startDate, to: lastDay };
    });
    ok &&= await run('import', [{ argv: ['import', 'queue-log', 'history.log.gz', '--format', 'json'] }], () => [folder.db], ([c]) => {
      const j = JSON.parse(c) as { calls: number; rejected: number };
      return { calls: j.calls, rejected: j.rejected };
    });
    const people = ['agents', 'exams', 'training', 'skills'] as const;
    ok &&= await run('people', people.map((k) => ({ argv: ['import', k, `${k}.csv`, '--format', 'json'] })), () => [], (cs) => {
      const n = cs.map((c) => (JSON.parse(c) as { accepted: number }).accepted);
      return { agents: n[0], exams: n[1], training: n[2], skills: n[3] };
    });
    ok &&= await run('forecast', [{ argv: ['forecast', '--start', nextDay, '--days', '7', '--save', 'next-week', '--quiet', '--format', 'csv'], redirect: 'forecast.csv' }], () => ['forecast.csv'], () => {
      const calls = csvRows('forecast.csv').reduce((a, x) => a + Number(x.calls), 0);
      return { calls: Math.round(calls), from: nextDay, to: end.plus({ days: 6 }).toISODate()!, name: 'next-week' };
    });
    ok &&= await run('staff', [{ argv: ['staff', '--forecast', 'next-week', '--format', 'csv'], redirect: 'requirements.csv' }], () => ['requirements.csv'], () => {
      const perInterval = new Map<string, number>();
      let hours = 0;
      for (const x of csvRows('requirements.csv')) {
        perInterval.set(x.intervalstart, (perInterval.get(x.intervalstart) ?? 0) + Number(x.scheduledagents));
        hours += (Number(x.scheduledagents) * spec.intervalMinutes) / 60;
      }
      return { peakScheduledAgents: Math.max(0, ...perInterval.values()), scheduledHours: Math.round(hours) };
    });
    const roster = ['roster', '--requirements', 'requirements.csv', '--agents', 'agents.csv', '--start', nextDay, '--time-limit', '10', '--save', 'next-week', '--format', 'csv'];
    ok &&= await run('roster', [{ argv: roster, redirect: 'roster.csv' }], () => ['roster.csv'], () => {
      const rows = csvRows('roster.csv');
      return { shifts: rows.length, agents: new Set(rows.map((x) => x.agent)).size, name: 'next-week' };
    });
    const check = ['simulate', '--forecast', 'next-week', '--roster', 'next-week', '--summary', '--by', 'day', '--replications', '5', '--format', 'csv'];
    ok &&= await run('check', [{ argv: check, redirect: 'roster-check.csv' }], () => ['roster-check.csv'], () => {
      let calls = 0;
      let within = 0;
      let worst = Infinity;
      let worstDay = '';
      for (const x of csvRows('roster-check.csv')) {
        const c = Number(x.calls);
        const sl = x.servicelevel === '' ? 0 : Number(x.servicelevel);
        calls += c;
        within += c * sl;
        if (c > 0 && sl < worst) {
          worst = sl;
          worstDay = `${x.queue} ${x.intervalstart.slice(0, 10)}`;
        }
      }
      return { serviceLevel: calls > 0 ? `${((within / calls) * 100).toFixed(1)}%` : '-', worst: Number.isFinite(worst) ? `${(worst * 100).toFixed(1)}%` : '-', worstDay };
    });
    ok &&= await run('report', [{ argv: ['report', 'daily', '--date', lastDay, '--out', '.'] }], ([c]) => [relative(dir, c.trim())], () => ({ date: lastDay }));

    const result: QuickstartResult = { dir: show(dir), db: show(inDir(folder.db)), config: show(inDir(CONFIG_NAME)), seconds: (performance.now() - t0) / 1000, steps };
    if (ctx.format === 'json') ctx.out.write(renderJson(result));
    else ctx.out.write(renderText(result, ctx, spec.queues.length, spec.timeZone));
    return ok ? ExitCode.ok : ExitCode.failure;
  });
}

function renderText(r: QuickstartResult, ctx: Context, queues: number, zone: string): string {
  const tr = ctx.tr;
  const out: string[] = [tr('quickstart.head', { dir: r.dir, queues, zone, seconds: r.seconds.toFixed(1) })];
  out.push(tr('quickstart.config', { config: r.config, dir: r.dir }));
  out.push(`   $ cd ${shellWord(r.dir)}`);
  r.steps.forEach((s, i) => {
    const n = `${i + 1}.`;
    const what = tr(`quickstart.step.${s.step}`, { ...s.detail, outputs: s.outputs.join(', ') });
    out.push(`${n} ${s.status === 'failed' ? tr('quickstart.failed', { step: s.step, code: s.detail.exitCode }) : what}`);
    for (const c of s.commands) out.push(`   $ ${c}`);
  });
  out.push(tr('quickstart.data', { files: SAMPLE_FILES.join(', '), dir: r.dir }));
  return out.join('\n') + '\n';
}
