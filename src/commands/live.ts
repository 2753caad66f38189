/**
 * `wfm live`: live seat status for supervisors. On a terminal an Ink screen (src/tui) fed by a
 * source (src/app/live.ts: a queue_log followed as it grows, the Asterisk Manager Interface, or the
 * simulator). Not on a terminal (or with --format or --at) it prints one snapshot and exits.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode, UsageError } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { DEFAULT_THRESHOLDS } from '../live/alerts.js';
import { AMI_TIMEOUT_MS } from '../live/ami.js';
import { MAX_TRACKED_CALLS_PER_QUEUE } from '../live/reducer.js';
import { isoAt, snapshotJson } from '../live/output.js';
import type { AgentView, LiveSnapshot, QueueView } from '../live/types.js';
import { alertText } from '../tui/text.js';
import { liveError, liveSnapshot, openLive } from '../app/live.js';
import type { Context, Registrar } from './context.js';
import {
  formatOption,
  parseDateTime,
  parseDuration,
  parseIntervalMinutes,
  parseNonNegativeInt,
  parseNonNegativeNumber,
  parsePositiveInt,
  parsePositiveNumber,
  parseSla,
  parseSpeed,
  TABLE_JSON_CSV,
} from './options.js';

export function registerLive(program: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = program
    .command('live')
    .description(tr('live.description'))
    .addOption(new Option('--source <source>', tr('live.opt.source')).makeOptionMandatory())
    .addOption(new Option('--window <duration>', tr('live.opt.window')).argParser(parseDuration).default(8 * 3_600_000, '8h'))
    .addOption(new Option('--at <time>', tr('live.opt.at')).argParser(parseDateTime))
    .addOption(new Option('--sla <X/T>', tr('live.opt.sla')).argParser(parseSla))
    .addOption(new Option('--short-abandon <seconds>', tr('live.opt.shortAbandon')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--wrapup <seconds>', tr('live.opt.wrapup')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--interval <minutes>', tr('live.opt.interval')).argParser(parseIntervalMinutes).default(30))
    .addOption(new Option('--roster <name|file>', tr('live.opt.roster')))
    .addOption(new Option('--max-wait <seconds>', tr('live.opt.maxWait')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.maxWaitS))
    .addOption(new Option('--max-pause <seconds>', tr('live.opt.maxPause')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.maxPauseS))
    .addOption(new Option('--max-talk <seconds>', tr('live.opt.maxTalk')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.maxTalkS))
    .addOption(new Option('--adherence-tolerance <seconds>', tr('live.opt.tolerance')).argParser(parseNonNegativeNumber).default(DEFAULT_THRESHOLDS.adherenceToleranceS))
    .addOption(new Option('--speed <factor>', tr('live.opt.speed')).argParser(parseSpeed).default(1))
    .addOption(new Option('--seed <n>', tr('live.opt.seed')).argParser(parseNonNegativeInt).default(1))
    .addOption(new Option('--seats <n>', tr('live.opt.seats')).argParser(parsePositiveInt).default(60))
    .addOption(new Option('--timeout <seconds>', tr('live.opt.timeout')).argParser(parsePositiveNumber).default(AMI_TIMEOUT_MS / 1000))
    .addOption(formatOption(tr, TABLE_JSON_CSV, 'format.default.live'))
    .addHelpText('after', '\n' + tr('live.help'));
  r.act(cmd, async (o, ctx) => {
    const interactive = ctx.out.isTTY && Boolean(process.stdin.isTTY) && !ctx.formatGiven && o.at === undefined;
    const secret = async () => {
      const env = ctx.env.WFM_AMI_SECRET;
      if (env !== undefined && env !== '') return env;
      if (!interactive) throw new UsageError({ key: 'live.err.noSecret' }, 'set WFM_AMI_SECRET');
      const { password } = await import('@inquirer/prompts');
      return password({ message: ctx.tr('live.prompt.secret'), mask: '*' });
    };
    const setup = await openLive({ ...o, windowMs: o.window, interactive, secret }, ctx);
    if (interactive) {
      const { runTui } = await import('../tui/run.js');
      try {
        return await runTui({ source: setup.source, clock: setup.clock, roster: setup.roster, thresholds: setup.thresholds, lang: ctx.lang, zone: ctx.tz, env: ctx.env });
      } catch (err) {
        return liveError(err);
      }
    }
    const snap = await liveSnapshot(setup);
    if (snap.untracked > 0) ctx.warn({ key: 'live.warn.untracked', params: { count: snap.untracked, cap: MAX_TRACKED_CALLS_PER_QUEUE } });
    ctx.out.write(renderSnapshot(snap, ctx));
    return ExitCode.ok;
  });
}

/** The one-shot snapshot in the chosen format. */
export function renderSnapshot(snap: LiveSnapshot, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(snapshotJson(snap, ctx.tz));
  const json = snapshotJson(snap, ctx.tz);
  if (ctx.format === 'csv') {
    return renderCsv(['agent', 'state', 'since', 'queue', 'pauseReason', 'calls', 'ahtSeconds'], json.agents);
  }
  const tr = ctx.tr;
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
    { key: 'state', header: tr('live.col.state'), align: 'left', show: (_v, a) => tr(`live.state.${a.state}`) + (a.pauseReason ? ` (${a.pauseReason})` : '') },
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
  return lines.join('\n') + '\n';
}

function stateCounts(q: QueueView, ctx: Context): string {
  const a = q.agents;
  return (['available', 'ringing', 'talking', 'wrapup', 'paused', 'loggedOut'] as const)
    .filter((s) => a[s] > 0)
    .map((s) => `${ctx.tr(`live.state.${s}`)} ${a[s]}`)
    .join(', ');
}
