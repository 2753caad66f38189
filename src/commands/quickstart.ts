/**
 * `wfm quickstart [--dir DIR]`: the whole planning loop on the bundled sample, into a fresh store in
 * DIR (default ./wfm-quickstart). Every step is an ordinary `wfm` command, run in-process through
 * the same `main` a shell would call, and printed so the user can run it by hand:
 *
 *   1. simulate   8 weeks of queue_log from data/sample-spec.json (seeded)     -> DIR/history.log.gz
 *   2. import     the queue_log into DIR/wfm.db
 *   3. people     data/agents.csv, exams.csv, training.csv, skills.csv into the store
 *   4. forecast   the next 7 days from the stored history, saved as `next-week` -> DIR/forecast.csv
 *   5. staff      requirements per interval for that forecast                -> DIR/requirements.csv
 *   6. roster     shifts for the sample's agents (HiGHS, 10 s limit), saved as `next-week` -> DIR/roster.csv
 *   7. check      the saved roster simulated against the saved forecast, per day -> DIR/roster-check.csv
 *   8. report     the morning report of the last history day                  -> DIR/wfm-daily-DATE.md
 *
 * A step whose command this build does not have yet is listed as pending, so quickstart works from a
 * clean clone at every stage of the project.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { DateTime } from 'luxon';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { ExitCode, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { renderJson } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context, Output } from './context.js';
import { requireFormat } from './output.js';
import { SAMPLE_SPEC_URL } from './simulate.js';
import { parseSampleSpec } from '../sim/index.js';

export interface QuickstartOptions {
  dir: string;
  force?: boolean;
}

export type StepStatus = 'done' | 'pending' | 'failed';

export interface QuickstartStep {
  step: string;
  status: StepStatus;
  /** The command lines, as the user would type them. */
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
  seconds: number;
  steps: QuickstartStep[];
}

/** Files the sample ships with (data/), printed for the user. */
const DATA_FILES = ['agents.csv', 'exams.csv', 'training.csv', 'skills.csv', 'roster-rules.yaml'];

/** Declares `wfm quickstart`. */
export function registerQuickstart(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const cmd = program
    .command('quickstart')
    .description(tr('quickstart.description'))
    .addOption(new Option('--dir <dir>', tr('quickstart.opt.dir')).default('wfm-quickstart'))
    .option('--force', tr('quickstart.opt.force'));
  cmd.addHelpText('after', '\n' + tr('quickstart.help'));
  cmd.action(r.action<QuickstartOptions>(runQuickstart));
  return cmd;
}

/** Quote a word for a POSIX shell when it needs it. */
function shellWord(w: string): string {
  return /^[A-Za-z0-9_./:=%@,+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `wfm argv` in-process with stdout and stderr captured. */
async function wfm(argv: string[], ctx: Context): Promise<Captured> {
  const { main } = await import('../cli.js');
  let stdout = '';
  let stderr = '';
  const out: Output = { write: (s) => void (stdout += s), isTTY: false };
  const err: Output = { write: (s) => void (stderr += s), isTTY: false };
  const code = await main(argv, { stdout: out, stderr: err, env: ctx.env, cwd: ctx.cwd, now: ctx.now });
  return { code, stdout, stderr };
}

/** The top-level commands (and `report` subcommands) this build has. */
async function availableCommands(ctx: Context): Promise<Set<string>> {
  const { buildProgram } = await import('../cli.js');
  const sink: Output = { write: () => undefined, isTTY: false };
  const program = await buildProgram(ctx.lang, { stdout: sink, stderr: sink, env: ctx.env, cwd: ctx.cwd, now: ctx.now }, { code: 0 });
  const names = new Set<string>();
  for (const c of program.commands) {
    names.add(c.name());
    for (const s of c.commands) names.add(`${c.name()} ${s.name()}`);
  }
  return names;
}

function readCsvRows(text: string): Record<string, string>[] {
  return parseCsvSync(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/**
 * Runs the loop (see the module comment) into a fresh store in --dir; refuses an existing store
 * without --force. Exit 0 when every step is done or pending, 1 when one failed (its stderr is shown).
 */
export async function runQuickstart(opts: QuickstartOptions, ctx: Context): Promise<number> {
  requireFormat(ctx, ['table', 'json']);
  const t0 = performance.now();
  const dir = resolve(ctx.cwd, opts.dir);
  const show = (p: string) => {
    const rel = relative(ctx.cwd, p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  const db = join(dir, 'wfm.db');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError({ key: 'quickstart.err.notDir', params: { dir: show(dir) } });
  if (existsSync(db)) {
    if (!opts.force) throw new UsageError({ key: 'quickstart.err.exists', params: { db: show(db) } });
    for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) rmSync(f, { force: true });
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError({ key: 'quickstart.err.cannotCreate', params: { dir: show(dir), code: (err as { code?: string }).code ?? 'EIO' } });
  }

  const spec = parseSampleSpec(JSON.parse(readFileSync(SAMPLE_SPEC_URL, 'utf8')));
  const zone = spec.timeZone;
  const first = DateTime.fromISO(spec.startDate, { zone });
  const end = first.plus({ days: spec.days }); // first day after the history
  const lastDay = end.minus({ days: 1 }).toISODate()!;
  const nextDay = end.toISODate()!;
  const nextWeekEnd = end.plus({ days: 6 }).toISODate()!;
  const have = await availableCommands(ctx);
  const globals = ['--db', show(db), '--tz', zone];
  const lang = ['--lang', ctx.lang];

  const steps: QuickstartStep[] = [];
  const dataDir = dirname(fileURLToPath(SAMPLE_SPEC_URL));
  const data = (f: string) => show(join(dataDir, f));
  const files = {
    log: join(dir, 'history.log.gz'),
    forecast: join(dir, 'forecast.csv'),
    requirements: join(dir, 'requirements.csv'),
    roster: join(dir, 'roster.csv'),
    check: join(dir, 'roster-check.csv'),
    reportSla: join(dir, `report-${lastDay}.txt`),
  };
  const FORECAST = 'next-week';
  const ROSTER = 'next-week';

  interface Cmd {
    argv: string[];
    /** The file its stdout goes to (`> file` in the printed line). */
    redirect?: string;
  }
  /**
   * Runs one step of one or more commands; pending when this build lacks `needs` or `cmds` is null
   * (the command exists but quickstart does not call it yet).
   */
  const run = async (
    step: string,
    needs: string,
    cmds: Cmd[] | null,
    outputs: (c: Captured[]) => string[],
    after: (c: Captured[]) => Record<string, string | number>,
  ): Promise<boolean> => {
    if (!have.has(needs) || cmds === null) {
      steps.push({ step, status: 'pending', commands: [], outputs: [], seconds: 0, detail: { waitsFor: `wfm ${needs}`, present: have.has(needs) ? 1 : 0 } });
      return true;
    }
    const printed: string[] = [];
    const results: Captured[] = [];
    const s0 = performance.now();
    for (const cmd of cmds) {
      // `--format json` is how quickstart reads a step's figures: the printed line leaves it out
      const argv = cmd.argv;
      const shown = argv.filter((a, i) => !(a === '--format' && argv[i + 1] === 'json') && !(a === 'json' && argv[i - 1] === '--format'));
      printed.push(['wfm', ...shown].map(shellWord).join(' ') + (cmd.redirect ? ` > ${shellWord(show(cmd.redirect))}` : ''));
      if (!ctx.quiet && ctx.err.isTTY) ctx.err.write(`\r${t(ctx.lang, 'quickstart.running', { step })}\x1b[K`);
      const c = await wfm([...argv, ...lang], ctx);
      if (!ctx.quiet && ctx.err.isTTY) ctx.err.write('\r\x1b[K');
      if (c.code !== ExitCode.ok) {
        steps.push({ step, status: 'failed', commands: printed, outputs: [], seconds: (performance.now() - s0) / 1000, detail: { exitCode: c.code } });
        ctx.err.write(c.stderr);
        return false;
      }
      if (cmd.redirect) writeFileSync(cmd.redirect, c.stdout);
      results.push(c);
    }
    const seconds = (performance.now() - s0) / 1000;
    steps.push({ step, status: 'done', commands: printed, outputs: outputs(results).map(show), seconds, detail: after(results) });
    return true;
  };
  const csvRows = (file: string) => readCsvRows(readFileSync(file, 'utf8'));

  // 1. history: 8 weeks of queue_log from the sample spec
  let ok = await run(
    'simulate',
    'simulate',
    [{ argv: ['simulate', '--sample', '--tz', zone, '--out', show(files.log), '--format', 'json'] }],
    () => [files.log],
    ([c]) => {
      const j = JSON.parse(c.stdout) as { calls: number; answered: number; abandoned: number };
      return { calls: j.calls, answered: j.answered, abandoned: j.abandoned, from: spec.startDate, to: lastDay };
    },
  );
  // 2. import it as a PBX log
  ok &&= await run(
    'import',
    'import queue-log',
    [{ argv: ['import', 'queue-log', show(files.log), ...globals, '--format', 'json'] }],
    () => [db],
    ([c]) => {
      const j = JSON.parse(c.stdout) as { calls: number; rejected: number };
      return { calls: j.calls, rejected: j.rejected };
    },
  );
  // 3. people: agents, exam and training records, the exams and certificates each skill needs
  const peopleFiles = ['agents', 'exams', 'training', 'skills'] as const;
  ok &&= await run(
    'people',
    'import agents',
    peopleFiles.map((k) => ({ argv: ['import', k, data(`${k}.csv`), ...globals, '--format', 'json'] })),
    () => [],
    (cs) => {
      const n = cs.map((c) => (JSON.parse(c.stdout) as { accepted: number }).accepted);
      return { agents: n[0], exams: n[1], training: n[2], skills: n[3] };
    },
  );
  // 4. forecast the next week from the stored history, saved as a snapshot
  ok &&= await run(
    'forecast',
    'forecast',
    [{ argv: ['forecast', ...globals, '--start', nextDay, '--days', '7', '--save', FORECAST, '--quiet', '--format', 'csv'], redirect: files.forecast }],
    () => [files.forecast],
    () => {
      const calls = csvRows(files.forecast).reduce((a, r) => a + Number(r.calls), 0);
      return { calls: Math.round(calls), from: nextDay, to: nextWeekEnd, name: FORECAST };
    },
  );
  // 5. requirements per interval for the saved forecast
  const sla = `${Math.round(spec.serviceLevel.target * 100)}/${spec.serviceLevel.seconds}`;
  ok &&= await run(
    'staff',
    'staff',
    [{ argv: ['staff', '--forecast', FORECAST, ...globals, '--sla', sla, '--shrinkage', '30%', '--format', 'csv'], redirect: files.requirements }],
    () => [files.requirements],
    () => {
      const perInterval = new Map<string, number>();
      let hours = 0;
      for (const r of csvRows(files.requirements)) {
        perInterval.set(r.intervalStart, (perInterval.get(r.intervalStart) ?? 0) + Number(r.scheduledAgents));
        hours += (Number(r.scheduledAgents) * spec.intervalMinutes) / 60;
      }
      return { peakScheduledAgents: Math.max(0, ...perInterval.values()), scheduledHours: Math.round(hours) };
    },
  );
  // 6. a roster of the sample's agents for the requirements
  ok &&= await run(
    'roster',
    'roster',
    [
      {
        argv: ['roster', '--requirements', show(files.requirements), '--agents', data('agents.csv'), '--start', nextDay, '--days', '7', '--time-limit', '10', '--save', ROSTER, ...globals, '--format', 'csv'],
        redirect: files.roster,
      },
    ],
    () => [files.roster],
    () => {
      const rows = csvRows(files.roster);
      return { shifts: rows.length, agents: new Set(rows.map((r) => r.agent)).size, name: ROSTER };
    },
  );
  // 7. check the roster before the week comes: simulate it against the forecast
  ok &&= await run(
    'check',
    'roster',
    [
      {
        argv: ['simulate', '--forecast', FORECAST, '--roster', ROSTER, '--patience', '180', '--summary', '--by', 'day', '--replications', '5', ...globals, '--format', 'csv'],
        redirect: files.check,
      },
    ],
    () => [files.check],
    () => {
      let calls = 0;
      let within = 0;
      let worst = Infinity;
      let worstDay = '';
      for (const r of csvRows(files.check)) {
        const c = Number(r.calls);
        const sl = r.serviceLevel === '' ? 0 : Number(r.serviceLevel);
        calls += c;
        within += c * sl;
        if (c > 0 && sl < worst) {
          worst = sl;
          worstDay = `${r.queue} ${r.intervalStart.slice(0, 10)}`;
        }
      }
      return { serviceLevel: calls > 0 ? `${((within / calls) * 100).toFixed(1)}%` : '-', worst: Number.isFinite(worst) ? `${(worst * 100).toFixed(1)}%` : '-', worstDay };
    },
  );
  // 8. the morning report for the last day of the history
  if (have.has('report daily')) {
    ok &&= await run(
      'report',
      'report daily',
      [{ argv: ['report', 'daily', '--date', lastDay, ...globals, '--out', show(dir)] }],
      ([c]) => [c.stdout.trim()],
      () => ({ date: lastDay }),
    );
  } else {
    ok &&= await run(
      'report',
      'report sla',
      [{ argv: ['report', 'sla', '--from', lastDay, '--to', nextDay, '--interval', 'day', ...globals, '--format', 'table'], redirect: files.reportSla }],
      () => [files.reportSla],
      () => ({ date: lastDay }),
    );
  }

  const result: QuickstartResult = { dir: show(dir), db: show(db), seconds: (performance.now() - t0) / 1000, steps };
  if (ctx.format === 'json') ctx.out.write(renderJson(result));
  else ctx.out.write(renderText(result, ctx, spec.queues.length, zone, DATA_FILES.map(data)));
  return ok ? ExitCode.ok : ExitCode.failure;
}

function renderText(r: QuickstartResult, ctx: Context, queues: number, zone: string, data: string[]): string {
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const out: string[] = [tr('quickstart.head', { dir: r.dir, queues, zone, seconds: r.seconds.toFixed(1) })];
  r.steps.forEach((s, i) => {
    const n = `${i + 1}.`;
    if (s.status === 'pending') {
      out.push(`${n} ${tr(s.detail.present ? 'quickstart.pendingWire' : 'quickstart.pending', { step: s.step, command: String(s.detail.waitsFor) })}`);
      return;
    }
    const what = tr(`quickstart.step.${s.step}`, { ...s.detail, outputs: s.outputs.join(', ') });
    out.push(`${n} ${s.status === 'failed' ? tr('quickstart.failed', { step: s.step, code: s.detail.exitCode }) : what}`);
    for (const c of s.commands) out.push(`   $ ${c}`);
  });
  out.push(tr('quickstart.data', { files: data.join(', ') }));
  return out.join('\n') + '\n';
}
