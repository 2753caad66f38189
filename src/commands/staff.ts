/**
 * `wfm staff`: requirements per queue and interval from a demand CSV, with day totals.
 */
import { Option, type Command } from 'commander';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { TargetUnreachableError } from '../queueing/index.js';
import { planStaffing, type StaffPlan } from '../staff/plan.js';
import { inferIntervalMinutes, missingColumns, readDemand } from '../staff/input.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { parseIntervalMinutes, parsePositiveNumber } from './options.js';
import { addTargetOptions, targetsFrom, type TargetOptions } from './targets.js';
import { requireFormat } from './output.js';
import { readCsvFile } from './csv-input.js';
import { planFromForecast } from './forecast-plan.js';
import { reportRejections } from './rejects.js';

interface StaffOptions extends TargetOptions {
  input?: string;
  forecast?: string;
  aht?: number;
  interval?: number;
  strict?: boolean;
  rejects?: string;
  by: 'interval' | 'day';
}

export function registerStaff(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const cmd = program
    .command('staff')
    .description(tr('staff.description'))
    .addOption(new Option('-i, --input <file.csv>', tr('staff.opt.input')))
    .addOption(new Option('--forecast <name>', tr('staff.opt.forecast')).conflicts('input'))
    .addOption(new Option('--aht <seconds>', tr('staff.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--interval <minutes>', tr('staff.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--by <what>', tr('staff.opt.by')).choices(['interval', 'day']).default('interval'))
    .option('--strict', tr('opt.strict'))
    .option('--rejects <file>', tr('opt.rejects'));
  addTargetOptions(cmd, r.lang);
  cmd.addHelpText('after', '\n' + tr('staff.help'));
  cmd.action(r.action<StaffOptions>(runStaff));
  return cmd;
}

export function runStaff(opts: StaffOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  if (!opts.input && !opts.forecast) throw new UsageError({ key: 'staff.err.needInput' }, 'give --input FILE.csv or --forecast NAME');
  const targets = targetsFrom(opts);
  if (opts.forecast) {
    const { plan, intervalMinutes } = planFromForecast(opts.forecast, { ...opts, targets }, ctx);
    ctx.out.write(render(plan, opts, ctx, intervalMinutes));
    return ExitCode.ok;
  }
  const input: string = opts.input!;
  const { header, records, syntaxRejections } = readCsvFile(input);
  const missing = missingColumns(header);
  if (missing.length) {
    throw new InputError({ file: input, line: 1, field: missing[0] }, { key: 'input.missingColumn', params: { columns: missing.join(', ') } });
  }
  const demand = readDemand(input, header, records, ctx.tz);
  const rows = demand.rows;
  const rejections = [...syntaxRejections, ...demand.rejections].sort((a, b) => a.line - b.line);
  if (rejections.length && opts.strict) {
    reportRejections(ctx, rejections, opts.rejects);
    throw new InputError({ file: opts.input }, { key: 'input.strictRejected', params: { count: rejections.length } });
  }
  reportRejections(ctx, rejections, opts.rejects);
  if (rows.length === 0) throw new InputError({ file: opts.input }, { key: 'input.noRows' }, 'no usable rows');
  const intervalMinutes = opts.interval ?? inferIntervalMinutes(rows);
  if (!intervalMinutes) throw new UsageError({ key: 'staff.err.needInterval' }, 'cannot infer the interval: give --interval');
  rows.sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : a.instant - b.instant));
  let plan: StaffPlan;
  try {
    plan = planStaffing(rows, { intervalMinutes, targets, shrinkage: opts.shrinkage, patienceSeconds: opts.patience });
  } catch (err) {
    if (err instanceof TargetUnreachableError) {
      throw new UsageError({ key: 'err.unreachable', params: { bound: err.bound, traffic: fixed(err.trafficErlangs, 2) } }, err.message);
    }
    throw err;
  }
  ctx.out.write(render(plan, opts, ctx, intervalMinutes));
  return rejections.length ? ExitCode.partial : ExitCode.ok;
}

const INTERVAL_KEYS = ['queue', 'intervalStart', 'calls', 'ahtSeconds', 'trafficErlangs', 'agents', 'scheduledAgents', 'serviceLevel', 'asaSeconds', 'occupancy'];
const DAY_KEYS = ['queue', 'date', 'calls', 'agentHours', 'scheduledHours', 'peakAgents', 'peakScheduledAgents', 'serviceLevel'];

function render(plan: StaffPlan, opts: StaffOptions, ctx: Context, intervalMinutes: number): string {
  const erlangA = opts.patience !== undefined;
  if (ctx.format === 'json') return renderJson(plan);
  if (ctx.format === 'csv') {
    return opts.by === 'day'
      ? renderCsv(DAY_KEYS, plan.days)
      : renderCsv(erlangA ? [...INTERVAL_KEYS, 'probAbandon'] : INTERVAL_KEYS, plan.intervals);
  }
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  type I = StaffPlan['intervals'][number];
  const ic: Column<I>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'intervalStart', header: tr('col.intervalStart') },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1).replace(/\.0$/, '') },
    { key: 'ahtSeconds', header: tr('col.ahtSeconds'), align: 'right', show: (v) => fixed(v, 0) },
    { key: 'trafficErlangs', header: tr('col.trafficErlangs'), align: 'right', show: (v) => fixed(v, 2) },
    { key: 'agents', header: tr('col.agents'), align: 'right' },
    { key: 'scheduledAgents', header: tr('col.scheduledAgents'), align: 'right' },
    { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'asaSeconds', header: tr('col.asaSeconds'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'occupancy', header: tr('col.occupancy'), align: 'right', show: (v) => percent(v, 1) },
  ];
  if (erlangA) ic.push({ key: 'probAbandon', header: tr('col.probAbandon'), align: 'right', show: (v) => percent(v, 2) });
  type D = StaffPlan['days'][number];
  const dc: Column<D>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'date', header: tr('col.date') },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1).replace(/\.0$/, '') },
    { key: 'agentHours', header: tr('col.agentHours'), align: 'right', show: (v) => fixed(v, 2) },
    { key: 'scheduledHours', header: tr('col.scheduledHours'), align: 'right', show: (v) => fixed(v, 2) },
    { key: 'peakAgents', header: tr('col.peakAgents'), align: 'right' },
    { key: 'peakScheduledAgents', header: tr('col.peakScheduledAgents'), align: 'right' },
    { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
  ];
  const head = tr(erlangA ? 'staff.head.a' : 'staff.head.c', {
    interval: intervalMinutes,
    sl: percent(opts.sla.target, 0),
    t: opts.sla.seconds,
    shrinkage: percent(opts.shrinkage, 1),
    patience: opts.patience ?? '',
  });
  if (opts.by === 'day') return head + '\n\n' + renderTable(dc, plan.days);
  return head + '\n\n' + renderTable(ic, plan.intervals) + '\n' + tr('staff.daysTitle') + '\n' + renderTable(dc, plan.days);
}
