/**
 * `wfm alerts check [--date D] [--rules FILE]`: evaluate the KPI alert rules for a day (default:
 * yesterday) and print one line per alert (`--format json`: an array of {rule, queue, agent,
 * intervalStart, value, threshold, message}; csv: the same fields). Exit 5 when any alert fired, 0
 * when none - so cron can mail or page on it. Rules default to data/alert-rules.yaml.
 */
import { Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { renderCsv, renderJson } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { addFigureOptions, addInputOptions, addPeriodOptions, csvOut, figuresFor, resolvePeriod, type FigureCliOptions } from './report-inputs.js';
import { renderAlerts } from '../report/daily.js';

interface AlertsOptions extends FigureCliOptions {
  excel?: boolean;
}

export const ALERT_FIELDS = ['rule', 'queue', 'agent', 'intervalStart', 'value', 'threshold', 'message'] as const;

export function registerAlerts(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const group = program.command('alerts').description(tr('alerts.description'));
  const check = group.command('check').description(tr('alerts.check.description'));
  addPeriodOptions(check, r.lang, true);
  addInputOptions(check, r.lang);
  addFigureOptions(check, r.lang);
  check
    .addOption(new Option('--rules <file>', tr('alerts.opt.rules')))
    .addOption(new Option('--excel', tr('reports.opt.excel')))
    .addHelpText('after', '\n' + tr('alerts.check.help'))
    .action(r.action<AlertsOptions>(runAlertsCheck));
  return group;
}

export function runAlertsCheck(opts: AlertsOptions, ctx: Context): number {
  if (!['table', 'json', 'csv'].includes(ctx.format)) {
    throw new UsageError({ key: 'err.formatUnsupported', params: { format: ctx.format, supported: 'table, json, csv' } });
  }
  const period = resolvePeriod(opts, ctx, true);
  const f = figuresFor(opts, ctx, period);
  const alerts = renderAlerts(ctx.lang, f.alerts);
  // off a terminal without --format, lines (cron mails them) rather than the JSON default of other commands
  const format = ctx.formatGiven ? ctx.format : 'table';
  if (format === 'json') ctx.out.write(renderJson(alerts));
  else if (format === 'csv') ctx.out.write(csvOut(renderCsv(ALERT_FIELDS, alerts), opts.excel));
  else {
    for (const a of alerts) ctx.out.write(`${period.fromDate} ${a.rule}: ${a.message}\n`);
    if (alerts.length === 0 && !ctx.quiet) ctx.err.write(t(ctx.lang, 'alerts.none', { date: period.fromDate }) + '\n');
  }
  return alerts.length > 0 ? ExitCode.alerts : ExitCode.ok;
}
