/**
 * `wfm report ...`: reports from the store. This file declares the `report` group and `report sla`
 * (per queue and interval, or per agent); the other reports add their subcommands to the group.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode, UsageError } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { AGENT_FIELDS, SLA_FIELDS, type AgentRow, type SlaRow } from '../report/sla.js';
import { slaReport, type Counting } from '../app/reports.js';
import type { Context, Registrar } from './context.js';
import { formatOption, groupFormatOption, parseDateTime, parseReportInterval, TABLE_JSON_CSV } from './options.js';
import { withCounting } from './report-options.js';
import { siteRows, withSiteColumn, withSiteField, zonesText, type Sited } from './sites.js';
import { registerReportStaffing } from './report-staffing.js';
import { registerReportPeople } from './report-people.js';
import { registerReportDaily } from './report-daily.js';

export function registerReport(program: Command, r: Registrar): void {
  const { tr } = r;
  const group = program.command('report').description(tr('report.description')).addOption(groupFormatOption());
  const base = group
    .command('sla')
    .description(tr('sla.description'))
    .addOption(new Option('--from <date>', tr('sla.opt.from')).argParser(parseDateTime))
    .addOption(new Option('--to <date>', tr('sla.opt.to')).argParser(parseDateTime))
    .addOption(new Option('--interval <minutes|day>', tr('sla.opt.interval')).argParser(parseReportInterval).default(30 as number | 'day'))
    .addOption(new Option('--by <what>', tr('sla.opt.by')).choices(['queue', 'agent'] as const).default('queue' as const));
  const sla = withCounting(base, tr)
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('sla.help'));
  r.act(sla, async (o, ctx) => {
    if (!o.from || !o.to) throw new UsageError({ key: 'sla.err.needPeriod' }, 'give --from DATE and --to DATE');
    const text = (v: { date: string; time?: string }) => (v.time ? `${v.date} ${v.time}` : v.date);
    const parts = await slaReport({ from: o.from, to: o.to, interval: o.interval, by: o.by, queues: o.queue, slThreshold: o.slThreshold, shortAbandon: o.shortAbandon }, ctx);
    const multi = parts.length > 1;
    if (o.by === 'agent') ctx.out.write(renderAgents(siteRows(parts.map((p) => ({ site: p.site, rows: p.by === 'agent' ? p.rows : [] }))), multi, ctx));
    else {
      const counting = new Map<string, Counting>();
      for (const p of parts) if (p.by === 'queue') for (const [q, c] of p.counting) if (!counting.has(q)) counting.set(q, c);
      const rows = siteRows(parts.map((p) => ({ site: p.site, rows: p.by === 'queue' ? p.rows : [] })));
      ctx.out.write(renderSla(rows, { from: text(o.from), to: text(o.to), interval: o.interval, counting, zone: zonesText(parts, ctx.tz), multi }, ctx));
    }
    return ExitCode.ok;
  });
  registerReportStaffing(group, r);
  registerReportPeople(group, r);
  registerReportDaily(group, r);
}

/** "20" when every queue has the same value, else "20 (billing), 10 (vip)". */
export function perQueueText(values: Map<string, number>): string {
  const distinct = [...new Set(values.values())];
  if (distinct.length <= 1) return String(distinct[0] ?? '');
  return [...values].map(([q, s]) => `${s} (${q})`).join(', ');
}

function renderSla(
  rows: Sited<SlaRow>[],
  head: { from: string; to: string; interval: number | 'day'; counting: Map<string, Counting>; zone: string; multi: boolean },
  ctx: Context,
): string {
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') return renderCsv(withSiteField(head.multi, SLA_FIELDS), rows);
  const tr = ctx.tr;
  const title = tr('sla.head', {
    from: head.from,
    to: head.to,
    interval: head.interval === 'day' ? tr('sla.day') : String(head.interval),
    threshold: perQueueText(new Map([...head.counting].map(([q, c]) => [q, c.slThresholdS]))),
    short: perQueueText(new Map([...head.counting].map(([q, c]) => [q, c.shortAbandonS]))),
    zone: head.zone,
  });
  if (rows.length === 0) return title + '\n' + tr('sla.noCalls') + '\n';
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
  return title + '\n\n' + renderTable(withSiteColumn(ctx, head.multi, columns), rows);
}

function renderAgents(rows: Sited<AgentRow>[], multi: boolean, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') return renderCsv(withSiteField(multi, AGENT_FIELDS), rows);
  const tr = ctx.tr;
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
  return renderTable(withSiteColumn(ctx, multi, columns), rows);
}
