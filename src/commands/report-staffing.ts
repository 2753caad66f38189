/**
 * `wfm report staffing` (per queue and interval: forecast vs actual, required vs scheduled vs
 * logged-in, gap, service level, flags) and `wfm report agents` (per agent: logged-in, paused by
 * reason, calls, AHT, occupancy, adherence, conformance). Forecast and roster from
 * --forecast-file / --roster-file (see report-inputs.ts); definitions in `--help`.
 */
import { Option, type Command } from 'commander';
import { ExitCode } from '../errors.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { requireFormat } from './output.js';
import { addFigureOptions, addInputOptions, addPeriodOptions, csvOut, figuresFor, resolvePeriod, type FigureCliOptions } from './report-inputs.js';
import { STAFFING_FIELDS, type StaffingRow } from '../report/staffing.js';
import { AGENT_DAY_FIELDS, type AgentDayRow } from '../report/agents.js';

interface StaffingCliOptions extends FigureCliOptions {
  excel?: boolean;
}

export function registerReportStaffing(group: Command, r: Registrar): void {
  const tr = (k: string) => t(r.lang, k);
  for (const name of ['staffing', 'agents'] as const) {
    const cmd = group.command(name).description(tr(`reports.${name}.description`));
    addPeriodOptions(cmd, r.lang, false);
    addInputOptions(cmd, r.lang);
    addFigureOptions(cmd, r.lang);
    cmd
      .addOption(new Option('--excel', tr('reports.opt.excel')))
      .addHelpText('after', '\n' + tr(`reports.${name}.help`))
      .action(r.action<StaffingCliOptions>(name === 'staffing' ? runReportStaffing : runReportAgents));
  }
}

export function runReportStaffing(opts: StaffingCliOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const p = resolvePeriod(opts, ctx, false);
  const f = figuresFor(opts, ctx, p);
  const rows = f.staffing;
  if (ctx.format === 'json') ctx.out.write(renderJson(rows));
  else if (ctx.format === 'csv') ctx.out.write(csvOut(renderCsv(STAFFING_FIELDS, rows), opts.excel));
  else {
    const tr = (k: string, q?: Record<string, string | number>) => t(ctx.lang, k, q);
    const total = tr('sla.total');
    const cols: Column<StaffingRow>[] = [
      { key: 'queue', header: tr('col.queue') },
      { key: 'intervalStart', header: tr('col.intervalStart'), show: (v) => (v === null ? total : String(v).replace('T', ' ').slice(0, 16)) },
      { key: 'forecastCalls', header: tr('reports.col.forecastCalls'), align: 'right', show: (v) => fixed(v, 0) },
      { key: 'actualCalls', header: tr('reports.col.actualCalls'), align: 'right', show: (v) => fixed(v, 0) },
      { key: 'required', header: tr('reports.col.required'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'scheduled', header: tr('reports.col.scheduled'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'loggedIn', header: tr('reports.col.loggedIn'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'gap', header: tr('reports.col.gap'), align: 'right', show: (v) => fixed(v, 1) },
      { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
      { key: 'flag', header: tr('reports.col.flag'), show: (v, row) => (row.intervalStart === null ? tr('reports.flagCounts', { short: row.shortIntervals ?? 0, over: row.overIntervals ?? 0 }) : v ? tr(`reports.flag.${String(v)}`) : '') },
    ];
    ctx.out.write(tr('reports.staffing.head', { from: p.fromDate, to: p.toDate, interval: opts.interval, zone: ctx.tz }) + '\n\n');
    ctx.out.write(rows.length ? renderTable(cols, rows) : tr('sla.noCalls') + '\n');
  }
  return ExitCode.ok;
}

export function runReportAgents(opts: StaffingCliOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const p = resolvePeriod(opts, ctx, false);
  const f = figuresFor(opts, ctx, p);
  const rows = f.agents;
  if (ctx.format === 'json') ctx.out.write(renderJson(rows));
  else if (ctx.format === 'csv') {
    const flat = rows.map((r) => ({ ...r, pausedByReason: r.pausedByReason === null ? null : Object.entries(r.pausedByReason).map(([k, v]) => `${k || '-'}:${Math.round(v)}`).join(';') }));
    ctx.out.write(csvOut(renderCsv(AGENT_DAY_FIELDS, flat), opts.excel));
  } else {
    const tr = (k: string, q?: Record<string, string | number>) => t(ctx.lang, k, q);
    const hours = (v: unknown) => (typeof v === 'number' ? (v / 3600).toFixed(2) : '');
    const cols: Column<AgentDayRow>[] = [
      { key: 'agent', header: tr('reports.col.agent') },
      { key: 'team', header: tr('reports.col.team') },
      { key: 'loggedInSeconds', header: tr('sla.col.loggedInHours'), align: 'right', show: hours },
      { key: 'pausedSeconds', header: tr('sla.col.pausedHours'), align: 'right', show: hours },
      { key: 'pausedByReason', header: tr('reports.col.pauseReasons'), show: (v) => (v === null ? '' : Object.entries(v as Record<string, number>).map(([k, s]) => `${k || '-'} ${(s / 60).toFixed(0)}m`).join(', ')) },
      { key: 'calls', header: tr('col.calls'), align: 'right' },
      { key: 'handleSeconds', header: tr('sla.col.talkHours'), align: 'right', show: hours },
      { key: 'ahtSeconds', header: tr('col.ahtSeconds'), align: 'right', show: (v) => fixed(v, 0) },
      { key: 'occupancy', header: tr('col.occupancy'), align: 'right', show: (v) => percent(v, 1) },
      { key: 'adherence', header: tr('reports.col.adherence'), align: 'right', show: (v) => percent(v, 1) },
      { key: 'conformance', header: tr('reports.col.conformance'), align: 'right', show: (v) => percent(v, 1) },
    ];
    ctx.out.write(rows.length ? renderTable(cols, rows) : tr('sla.noAgents') + '\n');
  }
  return ExitCode.ok;
}
