/**
 * `wfm report daily [--date D] [--format md|html|json|csv] [--out DIR]`: the morning report.
 * Without --date: yesterday in the site's zone (what a cron job at 06:00 wants). The forecast:
 * --forecast NAME or --forecast-file FILE, else the most recently saved forecast covering the day. --out DIR writes
 * `wfm-daily-YYYY-MM-DD[.LANG].EXT` (the date is the report's day, so another day's file is never
 * overwritten; a re-run for the same day replaces that day's file atomically) and prints its path.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { renderJson } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { addFigureOptions, addInputOptions, addPeriodOptions, csvOut, figuresFor, resolvePeriod, type FigureCliOptions } from './report-inputs.js';
import { renderAlerts, renderDailyCsv, renderDailyMarkdown, type DailyReport } from '../report/daily.js';
import { renderDailyHtml } from '../report/html.js';

interface DailyOptions extends FigureCliOptions {
  out?: string;
  excel?: boolean;
}

export function registerReportDaily(group: Command, r: Registrar): void {
  const tr = (k: string) => t(r.lang, k);
  const cmd = group.command('daily').description(tr('reports.daily.description'));
  addPeriodOptions(cmd, r.lang, true);
  addInputOptions(cmd, r.lang);
  addFigureOptions(cmd, r.lang);
  cmd
    .addOption(new Option('--rules <file>', tr('alerts.opt.rules')))
    .addOption(new Option('--out <dir>', tr('reports.opt.out')))
    .addOption(new Option('--excel', tr('reports.opt.excel')))
    .addHelpText('after', '\n' + tr('reports.daily.help'))
    .action(r.action<DailyOptions>(runReportDaily));
}

const EXT: Record<string, string> = { md: 'md', html: 'html', json: 'json', csv: 'csv' };

export function runReportDaily(opts: DailyOptions, ctx: Context): number {
  const format: string = ctx.formatGiven ? ctx.format : 'md';
  if (!(format in EXT)) {
    throw new UsageError({ key: 'err.formatUnsupported', params: { format, supported: Object.keys(EXT).join(', ') } });
  }
  const period = resolvePeriod(opts, ctx, true);
  if (period.fromDate !== period.toDate) throw new UsageError({ key: 'reports.err.oneDay' }, 'the daily report covers one day: give --date');
  // without --forecast/--forecast-file: the latest saved forecast covering the day, named in the report
  const f = figuresFor(opts, ctx, period, true);
  const report: DailyReport = {
    date: period.fromDate,
    zone: ctx.tz,
    slThresholdSeconds: opts.slThreshold,
    sla: f.sla,
    forecastSource: f.forecastSource,
    forecastAccuracy: f.accuracy,
    staffing: f.staffing,
    outliers: f.outliers,
    examFailures: f.examFailures,
    certificates: f.certificates,
    alerts: renderAlerts(ctx.lang, f.alerts),
  };
  let text: string;
  switch (format) {
    case 'html':
      text = renderDailyHtml(report, ctx.lang);
      break;
    case 'json':
      text = renderJson(report);
      break;
    case 'csv':
      text = csvOut(renderDailyCsv(report), opts.excel);
      break;
    default:
      text = renderDailyMarkdown(report, ctx.lang);
  }
  if (opts.out) {
    const dir = resolve(ctx.cwd, opts.out);
    mkdirSync(dir, { recursive: true });
    const name = `wfm-daily-${period.fromDate}${ctx.lang === 'en' ? '' : '.' + ctx.lang}.${EXT[format]}`;
    const path = join(dir, name);
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    if (!ctx.quiet) ctx.out.write(path + '\n');
  } else ctx.out.write(text);
  return ExitCode.ok;
}
