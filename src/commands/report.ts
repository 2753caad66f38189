/**
 * `wfm report ...`: reports from the store. `registerReport` creates the `report` group and adds
 * `sla`; later reports add their subcommands to the returned group.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { requireFormat } from './output.js';
import { parseNonNegativeNumber } from './options.js';
import { openStore } from '../store/index.js';
import { parseLocalTime } from '../time.js';
import { AGENT_FIELDS, SLA_FIELDS, agentReport, intervalGrid, slaFromCells, type AgentRow, type SlaRow } from '../report/sla.js';
import { agentSpans } from '../cdr/sessions.js';
import { registerReportPeople } from './report-people.js';
import { registerReportStaffing } from './report-staffing.js';
import { registerReportDaily } from './report-daily.js';

interface SlaCliOptions {
  queue?: string[];
  from?: string;
  to?: string;
  interval: number | 'day';
  slThreshold: number;
  shortAbandon: number;
  by: 'queue' | 'agent';
}

/** Agent state before the period is looked up this far back (a week). */
const STATE_LOOKBACK_MS = 7 * 86_400_000;

export function registerReport(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const group = program.command('report').description(tr('report.description'));
  group
    .command('sla')
    .description(tr('sla.description'))
    .addOption(new Option('--queue <name>', tr('sla.opt.queue')).argParser(collectQueues))
    .addOption(new Option('--from <date>', tr('sla.opt.from')))
    .addOption(new Option('--to <date>', tr('sla.opt.to')))
    .addOption(new Option('--interval <minutes|day>', tr('sla.opt.interval')).argParser(parseReportInterval(r)).default(30))
    .addOption(new Option('--sl-threshold <seconds>', tr('sla.opt.slThreshold')).argParser(parseNonNegativeNumber).default(20))
    .addOption(new Option('--short-abandon <seconds>', tr('sla.opt.shortAbandon')).argParser(parseNonNegativeNumber).default(5))
    .addOption(new Option('--by <what>', tr('sla.opt.by')).choices(['queue', 'agent']).default('queue'))
    .addHelpText('after', '\n' + tr('sla.help'))
    .action(r.action<SlaCliOptions>(runReportSla));
  registerReportStaffing(group, r);
  registerReportPeople(group, r);
  registerReportDaily(group, r);
  return group;
}

function collectQueues(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

function parseReportInterval(r: Registrar) {
  return (value: string): number | 'day' => {
    const v = value.trim().toLowerCase();
    if (v === 'day' || v === '1440') return 'day';
    const n = Number(v.replace(/m(in)?$/, ''));
    if (![5, 10, 15, 20, 30, 60].includes(n)) throw new InvalidArgumentError(t(r.lang, 'sla.err.interval', { value }));
    return n;
  };
}

/** A --from/--to value: a local date (start of that day) or a local date-time / ISO with offset. */
function parseBound(value: string, zone: string, name: string, isEnd: boolean): number {
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = DateTime.fromISO(s, { zone });
    if (!d.isValid) throw new UsageError({ key: 'sla.err.date', params: { option: name, value } });
    // --to DATE is inclusive: the period ends at the next local midnight
    return (isEnd ? d.plus({ days: 1 }) : d).startOf('day').toMillis();
  }
  const p = parseLocalTime(s, zone);
  if (!p.ok) throw new UsageError({ key: 'sla.err.date', params: { option: name, value } });
  return p.time.toMillis();
}

export function runReportSla(opts: SlaCliOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  if (!opts.from || !opts.to) throw new UsageError({ key: 'sla.err.needPeriod' }, 'give --from DATE and --to DATE');
  const fromMs = parseBound(opts.from, ctx.tz, '--from', false);
  const toMs = parseBound(opts.to, ctx.tz, '--to', true);
  if (toMs <= fromMs) throw new UsageError({ key: 'sla.err.emptyPeriod', params: { from: opts.from, to: opts.to } });
  const dbPath = resolve(ctx.cwd, ctx.db);
  if (!existsSync(dbPath)) throw new UsageError({ key: 'store.missing', params: { path: ctx.db } }, `no store at ${ctx.db}`);
  const store = openStore(dbPath);
  try {
    const grid = intervalGrid(fromMs, toMs, ctx.tz, opts.interval);
    const query = { fromMs, toMs, queues: opts.queue };
    if (opts.by === 'agent') {
      const before = [...store.agentEventsBefore(fromMs, STATE_LOOKBACK_MS)];
      const during = store.agentEventsInRange(fromMs, toMs);
      const spans = agentSpans(chain(before, during), fromMs, Math.min(toMs, ctx.now().getTime()));
      // calls answered just before the period can still be talking in it: look back one hour
      const calls = store.callsInRange({ ...query, fromMs: fromMs - 3_600_000 });
      const rows = agentReport(calls, spans, grid);
      ctx.out.write(renderAgents(rows, ctx));
    } else {
      // counted by the store per queue and interval (SQL), not read call by call
      const cells = store.callCells({ starts: grid.starts, endMs: grid.endMs, fromMs, toMs, queues: opts.queue, slThresholdS: opts.slThreshold, shortAbandonS: opts.shortAbandon });
      const rows = slaFromCells(cells, grid, store.volumesInRange(query));
      ctx.out.write(renderSla(rows, opts, ctx));
    }
  } finally {
    store.close();
  }
  return ExitCode.ok;
}

function* chain<T>(a: Iterable<T>, b: Iterable<T>): IterableIterator<T> {
  yield* a;
  yield* b;
}

function renderSla(rows: SlaRow[], opts: SlaCliOptions, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') return renderCsv(SLA_FIELDS, rows);
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const head = tr('sla.head', {
    from: opts.from!,
    to: opts.to!,
    interval: opts.interval === 'day' ? tr('sla.day') : String(opts.interval),
    threshold: opts.slThreshold,
    short: opts.shortAbandon,
    zone: ctx.tz,
  });
  if (rows.length === 0) return head + '\n' + tr('sla.noCalls') + '\n';
  const total = tr('sla.total');
  const columns: Column<SlaRow>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'intervalStart', header: tr('col.intervalStart'), show: (v) => (v === null ? total : String(v).replace('T', ' ')) },
    { key: 'offered', header: tr('sla.col.offered'), align: 'right' },
    { key: 'answered', header: tr('sla.col.answered'), align: 'right' },
    { key: 'abandoned', header: tr('sla.col.abandoned'), align: 'right' },
    { key: 'shortAbandoned', header: tr('sla.col.shortAbandoned'), align: 'right' },
    { key: 'exited', header: tr('sla.col.exited'), align: 'right' },
    { key: 'answeredWithin', header: tr('sla.col.answeredWithin'), align: 'right' },
    { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'abandonRate', header: tr('sla.col.abandonRate'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'asaSeconds', header: tr('col.asaSeconds'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'ahtSeconds', header: tr('col.ahtSeconds'), align: 'right', show: (v) => fixed(v, 0) },
    { key: 'maxWaitSeconds', header: tr('sla.col.maxWait'), align: 'right', show: (v) => fixed(v, 0) },
  ];
  return head + '\n\n' + renderTable(columns, rows);
}

function renderAgents(rows: AgentRow[], ctx: Context): string {
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') return renderCsv(AGENT_FIELDS, rows);
  const tr = (k: string) => t(ctx.lang, k);
  if (rows.length === 0) return tr('sla.noAgents') + '\n';
  const total = tr('sla.total');
  const hours = (v: unknown) => (typeof v === 'number' ? (v / 3600).toFixed(2) : '');
  const columns: Column<AgentRow>[] = [
    { key: 'agent', header: tr('sla.col.agent') },
    { key: 'intervalStart', header: tr('col.intervalStart'), show: (v) => (v === null ? total : String(v).replace('T', ' ')) },
    { key: 'loggedInSeconds', header: tr('sla.col.loggedInHours'), align: 'right', show: hours },
    { key: 'pausedSeconds', header: tr('sla.col.pausedHours'), align: 'right', show: hours },
    { key: 'calls', header: tr('col.calls'), align: 'right' },
    { key: 'talkSeconds', header: tr('sla.col.talkHours'), align: 'right', show: hours },
    { key: 'occupancy', header: tr('col.occupancy'), align: 'right', show: (v) => percent(v, 1) },
  ];
  return renderTable(columns, rows);
}
