/**
 * `wfm report staffing` (per queue and interval: forecast vs actual, required vs scheduled vs
 * logged-in, gap, service level, flags) and `wfm report agents` (per agent: logged-in, paused by
 * reason, calls, AHT, occupancy, adherence, conformance). Figures from dayFigures (src/app/reports.ts);
 * definitions in `--help`.
 */
import type { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { STAFFING_FIELDS, type StaffingRow } from '../report/staffing.js';
import { AGENT_DAY_FIELDS, type AgentDayRow } from '../report/agents.js';
import { resolvePeriod, type Period } from '../app/period.js';
import { dayFigures, type DayFigures } from '../app/reports.js';
import type { Context, Registrar } from './context.js';
import { formatOption, TABLE_JSON_CSV } from './options.js';
import { csvOut } from './output.js';
import { excelOption, withFigures, withInputs, withPeriod } from './report-options.js';
import { siteRows, withSiteColumn, withSiteField, zonesText } from './sites.js';

export function registerReportStaffing(group: Command, r: Registrar): void {
  const { tr } = r;
  for (const name of ['staffing', 'agents'] as const) {
    const cmd = withFigures(withInputs(withPeriod(group.command(name).description(tr(`reports.${name}.description`)), tr, false), tr), tr)
      .addOption(excelOption(tr))
      .addOption(formatOption(tr, TABLE_JSON_CSV))
      .addHelpText('after', '\n' + tr(`reports.${name}.help`));
    r.act(cmd, async (o, ctx) => {
      const period = resolvePeriod(o, ctx, false);
      const parts = await dayFigures({ ...o, period: o, yesterday: false, queues: o.queue }, ctx);
      ctx.out.write(name === 'staffing' ? renderStaffing(parts, parts[0]?.period ?? period, o.interval, o.excel, ctx) : renderAgents(parts, o.excel, ctx));
      return ExitCode.ok;
    });
  }
}

function renderStaffing(parts: DayFigures[], p: Period, interval: number, excel: boolean | undefined, ctx: Context): string {
  const multi = parts.length > 1;
  const rows = siteRows(parts.map((f) => ({ site: f.site, rows: f.staffing })));
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') return csvOut(renderCsv(withSiteField(multi, STAFFING_FIELDS), rows), excel);
  const tr = ctx.tr;
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
    { key: 'flag', header: tr('reports.col.flag'), show: (_v, row) => (row.intervalStart === null ? tr('reports.flagCounts', { short: row.shortIntervals ?? 0, over: row.overIntervals ?? 0 }) : row.flag ? tr(`reports.flag.${row.flag}`) : '') },
  ];
  const head = tr('reports.staffing.head', { from: p.fromDate, to: p.toDate, interval, zone: zonesText(parts, ctx.tz) });
  return head + '\n\n' + (rows.length ? renderTable(withSiteColumn(ctx, multi, cols), rows) : tr('sla.noCalls') + '\n');
}

function renderAgents(parts: DayFigures[], excel: boolean | undefined, ctx: Context): string {
  const multi = parts.length > 1;
  const rows = siteRows(parts.map((f) => ({ site: f.site, rows: f.agents })));
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') {
    const flat = rows.map((r) => ({ ...r, pausedByReason: r.pausedByReason === null ? null : Object.entries(r.pausedByReason).map(([k, v]) => `${k || '-'}:${Math.round(v)}`).join(';') }));
    return csvOut(renderCsv(withSiteField(multi, AGENT_DAY_FIELDS), flat), excel);
  }
  const tr = ctx.tr;
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
  return rows.length ? renderTable(withSiteColumn(ctx, multi, cols), rows) : tr('sla.noAgents') + '\n';
}
