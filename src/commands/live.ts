/**
 * `wfm live`: live seat status for supervisors. On a terminal an Ink screen (src/tui) fed by a
 * source (src/live): a queue_log followed as it grows, the Asterisk Manager Interface, or the
 * simulator. Not on a terminal (or with --format) it prints one snapshot and exits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { requireFormat } from './output.js';
import { parseIntervalMinutes, parseNonNegativeNumber, parseNumber, parseSla, parsePositiveInt, parseNonNegativeInt } from './options.js';
import { parseLocalTime } from '../time.js';
import type { ServiceLevelTarget } from '../queueing/index.js';
import { QueueLogSource } from '../live/queue-log-source.js';
import { AmiAuthError, AmiSource, parseAmiUrl } from '../live/ami.js';
import { SimSource } from '../live/sim-source.js';
import { sourceClock, type LiveSource } from '../live/source.js';
import { parseRoster, type Roster } from '../live/roster.js';
import { DEFAULT_THRESHOLDS, type AlertThresholds } from '../live/alerts.js';
import { isoAt, snapshotJson } from '../live/output.js';
import type { LiveOptions } from '../live/reducer.js';
import type { AgentView, LiveSnapshot, QueueView } from '../live/types.js';
import { alertText } from '../tui/text.js';

export interface LiveCliOptions {
  source: string;
  window: number;
  at?: string;
  sla: ServiceLevelTarget;
  shortAbandon: number;
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
}

/** A duration: "8h", "90m", "45s" or a bare number of hours. Returns ms. */
export function parseDurationMs(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(h|m|min|s)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError(`"${value}"`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  const ms = unit === 'h' ? n * 3_600_000 : unit === 's' ? n * 1000 : n * 60_000;
  if (!(ms > 0)) throw new InvalidArgumentError(`"${value}"`);
  return ms;
}

/** A speed factor: "10", "10x", "0.5x" (> 0). */
export function parseSpeed(value: string): number {
  const n = parseNumber(value.trim().replace(/x$/i, ''));
  if (!(n > 0)) throw new InvalidArgumentError(`"${value}"`);
  return n;
}

export function registerLive(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const dur = (v: string) => {
    try {
      return parseDurationMs(v);
    } catch {
      throw new InvalidArgumentError(t(r.lang, 'live.err.duration', { value: v }));
    }
  };
  const speed = (v: string) => {
    try {
      return parseSpeed(v);
    } catch {
      throw new InvalidArgumentError(t(r.lang, 'live.err.speed', { value: v }));
    }
  };
  const cmd = program
    .command('live')
    .description(tr('live.description'))
    .addOption(new Option('--source <source>', tr('live.opt.source')).makeOptionMandatory())
    .addOption(new Option('--window <duration>', tr('live.opt.window')).argParser(dur).default(8 * 3_600_000, '8h'))
    .addOption(new Option('--at <time>', tr('live.opt.at')))
    .addOption(new Option('--sla <X/T>', tr('opt.sla')).argParser(parseSla).default({ target: 0.8, seconds: 20 }, '80/20'))
    .addOption(new Option('--short-abandon <seconds>', tr('live.opt.shortAbandon')).argParser(parseNonNegativeNumber).default(5))
    .addOption(new Option('--wrapup <seconds>', tr('live.opt.wrapup')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--interval <minutes>', tr('live.opt.interval')).argParser(parseIntervalMinutes).default(30))
    .addOption(new Option('--roster <file>', tr('live.opt.roster')))
    .addOption(new Option('--max-wait <seconds>', tr('live.opt.maxWait')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.maxWaitS))
    .addOption(new Option('--max-pause <seconds>', tr('live.opt.maxPause')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.maxPauseS))
    .addOption(new Option('--max-talk <seconds>', tr('live.opt.maxTalk')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.maxTalkS))
    .addOption(
      new Option('--adherence-tolerance <seconds>', tr('live.opt.tolerance')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.adherenceToleranceS),
    )
    .addOption(new Option('--speed <factor>', tr('live.opt.speed')).argParser(speed).default(1))
    .addOption(new Option('--seed <n>', tr('live.opt.seed')).argParser(parseNonNegativeInt).default(1))
    .addOption(new Option('--seats <n>', tr('live.opt.seats')).argParser(parsePositiveInt).default(60));
  cmd.addHelpText('after', '\n' + tr('live.help'));
  cmd.action(r.action<LiveCliOptions>(runLive));
  return cmd;
}

type SourceSpec = { kind: 'queue-log'; path: string } | { kind: 'ami'; url: string } | { kind: 'sim' };

function parseSourceSpec(spec: string): SourceSpec {
  if (spec === 'sim') return { kind: 'sim' };
  if (spec.startsWith('queue-log:') && spec.length > 'queue-log:'.length) return { kind: 'queue-log', path: spec.slice('queue-log:'.length) };
  if (spec.startsWith('ami://')) return { kind: 'ami', url: spec };
  throw new UsageError({ key: 'live.err.source', params: { value: spec } }, `unknown --source ${spec}`);
}

async function amiSecret(ctx: Context, interactive: boolean): Promise<string> {
  const env = ctx.env.WFM_AMI_SECRET;
  if (env !== undefined && env !== '') return env;
  if (!interactive) throw new UsageError({ key: 'live.err.noSecret' }, 'set WFM_AMI_SECRET');
  const { password } = await import('@inquirer/prompts');
  return password({ message: t(ctx.lang, 'live.prompt.secret'), mask: '*' });
}

export async function runLive(opts: LiveCliOptions, ctx: Context): Promise<number> {
  const interactive = ctx.out.isTTY && Boolean(process.stdin.isTTY) && !ctx.formatGiven && opts.at === undefined;
  if (!interactive) requireFormat(ctx, ['table', 'json', 'csv']);
  const spec = parseSourceSpec(opts.source);
  const wall = () => ctx.now().getTime();
  let untilMs: number | undefined;
  if (opts.at !== undefined) {
    if (spec.kind !== 'queue-log') throw new UsageError({ key: 'live.err.atNeedsLog' }, '--at needs a queue-log source');
    const p = parseLocalTime(opts.at, ctx.tz);
    if (!p.ok) throw new UsageError({ key: 'live.err.at', params: { value: opts.at } }, `bad --at ${opts.at}`);
    untilMs = p.time.toMillis();
  }
  let roster: Roster | undefined;
  if (opts.roster) {
    const path = resolve(ctx.cwd, opts.roster);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'EIO';
      throw new InputError({ file: opts.roster }, { key: 'input.cannotRead', params: { code } }, `cannot read ${opts.roster}`);
    }
    roster = parseRoster(text, ctx.tz, opts.roster);
  }
  const live: Partial<LiveOptions> & { zone: string } = {
    windowMs: opts.window,
    slThresholdS: opts.sla.seconds,
    shortAbandonS: opts.shortAbandon,
    intervalMinutes: opts.interval,
    zone: ctx.tz,
  };
  if (opts.wrapup !== undefined) live.wrapupS = opts.wrapup;
  const thresholds: AlertThresholds = {
    ...DEFAULT_THRESHOLDS,
    slTarget: opts.sla.target,
    maxWaitS: opts.maxWait,
    maxPauseS: opts.maxPause,
    maxTalkS: opts.maxTalk,
    adherenceToleranceS: opts.adherenceTolerance,
  };

  let source: LiveSource;
  if (spec.kind === 'queue-log') {
    const path = resolve(ctx.cwd, spec.path);
    if (!interactive && !existsSync(path)) {
      throw new InputError({ file: spec.path }, { key: 'input.cannotRead', params: { code: 'ENOENT' } }, `cannot read ${spec.path}`);
    }
    source = new QueueLogSource({ path, live, now: wall, untilMs, follow: interactive });
  } else if (spec.kind === 'ami') {
    const target = parseAmiUrl(spec.url);
    if (!target) throw new UsageError({ key: 'live.err.source', params: { value: spec.url } }, `bad AMI address ${spec.url}`);
    const secret = await amiSecret(ctx, interactive);
    source = new AmiSource({ target, secret, live, now: wall, failFast: !interactive });
  } else {
    source = new SimSource({ live, now: wall, speed: opts.speed, seed: opts.seed, agents: opts.seats });
  }

  if (interactive) {
    const { runTui } = await import('../tui/run.js');
    try {
      return await runTui({ source, clock: sourceClock(source, wall), roster, thresholds, lang: ctx.lang, zone: ctx.tz, env: ctx.env });
    } catch (err) {
      if (err instanceof AmiAuthError) throw new UsageError({ key: 'live.err.amiAuth' }, 'AMI login refused');
      throw err;
    }
  }

  try {
    await source.start();
  } catch (err) {
    await source.close();
    if (err instanceof AmiAuthError) throw new UsageError({ key: 'live.err.amiAuth' }, 'AMI login refused');
    throw new UsageError({ key: 'live.err.connect', params: { message: (err as Error).message } }, (err as Error).message);
  }
  const at = untilMs ?? sourceClock(source, wall)();
  const snap = source.snapshot(at, { roster, thresholds });
  await source.close();
  ctx.out.write(renderSnapshot(snap, ctx, thresholds));
  return ExitCode.ok;
}

/** The one-shot snapshot in the chosen format. */
export function renderSnapshot(snap: LiveSnapshot, ctx: Context, th: AlertThresholds): string {
  if (ctx.format === 'json') return renderJson(snapshotJson(snap, ctx.tz));
  const json = snapshotJson(snap, ctx.tz);
  if (ctx.format === 'csv') {
    return renderCsv(['agent', 'state', 'since', 'queue', 'pauseReason', 'calls', 'ahtSeconds'], json.agents);
  }
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const lines: string[] = [tr('live.snapshot.head', { at: json.at, window: fixed(snap.windowMs / 3_600_000, 1) })];
  const qCols: Column<QueueView>[] = [
    { key: 'queue', header: tr('live.col.queue'), align: 'left' },
    { key: 'waiting', header: tr('live.col.waiting'), align: 'right' },
    { key: 'longestWaitSeconds', header: tr('live.col.longestWait'), align: 'right' },
    { key: 'window', header: tr('live.col.offered'), align: 'right', show: (_v, q) => String(q.window.offered) },
    { key: 'window', header: tr('live.col.answered'), align: 'right', show: (_v, q) => String(q.window.answered) },
    { key: 'window', header: tr('live.col.abandoned'), align: 'right', show: (_v, q) => String(q.window.abandoned) },
    { key: 'window', header: tr('live.col.sl'), align: 'right', show: (_v, q) => percent(q.window.serviceLevel, 1) || '-' },
    { key: 'interval', header: tr('live.col.slInterval'), align: 'right', show: (_v, q) => percent(q.interval.serviceLevel, 1) || '-' },
    { key: 'agents', header: tr('live.col.agentsByState'), align: 'left', show: (_v, q) => stateCounts(q, ctx) },
  ];
  lines.push('', renderTable(qCols, snap.queues).trimEnd());
  const aCols: Column<AgentView>[] = [
    { key: 'agent', header: tr('live.col.agent'), align: 'left' },
    { key: 'state', header: tr('live.col.state'), align: 'left', show: (v, a) => tr(`live.state.${String(v)}`) + (a.pauseReason ? ` (${a.pauseReason})` : '') },
    { key: 'sinceMs', header: tr('live.col.since'), align: 'left', show: (v) => isoAt(v as number, ctx.tz) },
    { key: 'queue', header: tr('live.col.queue'), align: 'left' },
    { key: 'calls', header: tr('live.col.calls'), align: 'right' },
    { key: 'ahtSeconds', header: tr('live.col.aht'), align: 'right', show: (v) => fixed(v, 0) },
  ];
  lines.push('', renderTable(aCols, snap.agents).trimEnd());
  if (snap.alerts.length) {
    lines.push('', tr('live.alerts'));
    for (const a of snap.alerts) lines.push('  ' + alertText(a, ctx.lang));
  }
  void th;
  return lines.join('\n') + '\n';
}

function stateCounts(q: QueueView, ctx: Context): string {
  const a = q.agents;
  return (['available', 'ringing', 'talking', 'wrapup', 'paused', 'loggedOut'] as const)
    .filter((s) => a[s] > 0)
    .map((s) => `${t(ctx.lang, `live.state.${s}`)} ${a[s]}`)
    .join(', ');
}
