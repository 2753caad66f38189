/**
 * `wfm alerts check [--date D] [--rules FILE]`: evaluate the KPI alert rules for a day (default:
 * yesterday) and print one line per alert (`--format json`: an array of {site, rule, queue, agent,
 * intervalStart, value, threshold, message}; csv: the same fields). Exit 5 when any alert fired, 0
 * when none - so cron can mail or page on it. Rules: --rules FILE, else wfm.yaml's alert-rules, else
 * data/alert-rules.yaml.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { renderCsv, renderJson, safeText } from '../format.js';
import { renderAlerts } from '../report/daily.js';
import { resolvePeriod } from '../app/period.js';
import { dayFigures } from '../app/reports.js';
import type { Registrar } from './context.js';
import { formatOption, groupFormatOption, TABLE_JSON_CSV } from './options.js';
import { csvOut } from './output.js';
import { excelOption, withFigures, withInputs, withPeriod } from './report-options.js';
import { siteRows, withSiteField } from './sites.js';

export const ALERT_FIELDS = ['rule', 'queue', 'agent', 'intervalStart', 'value', 'threshold', 'message'] as const;

export function registerAlerts(program: Command, r: Registrar): void {
  const { tr } = r;
  const group = program.command('alerts').description(tr('alerts.description')).addOption(groupFormatOption());
  const check = withFigures(withInputs(withPeriod(group.command('check').description(tr('alerts.check.description')), tr, true), tr), tr)
    .addOption(new Option('--rules <file>', tr('alerts.opt.rules')))
    .addOption(excelOption(tr))
    .addOption(formatOption(tr, TABLE_JSON_CSV, 'format.default.lines'))
    .addHelpText('after', '\n' + tr('alerts.check.help'));
  // off a terminal without --format: lines (cron mails them), not the JSON default of other commands
  r.act(
    check,
    async (o, ctx) => {
      const period = resolvePeriod(o, ctx, true);
      const parts = await dayFigures({ ...o, period: o, yesterday: true, queues: o.queue }, ctx);
      const multi = parts.length > 1;
      const alerts = siteRows(parts.map((f) => ({ site: f.site, rows: renderAlerts(ctx.lang, f.alerts) })));
      if (ctx.format === 'json') ctx.out.write(renderJson(alerts));
      else if (ctx.format === 'csv') ctx.out.write(csvOut(renderCsv(withSiteField(multi, ALERT_FIELDS), alerts), o.excel));
      else {
        const day = parts[0]?.period.fromDate ?? period.fromDate;
        for (const a of alerts) ctx.out.write(`${day} ${multi ? `${safeText(a.site)} ` : ''}${safeText(a.rule)}: ${safeText(a.message)}\n`);
        if (alerts.length === 0 && !ctx.quiet) ctx.err.write(ctx.tr('alerts.none', { date: period.fromDate }) + '\n');
      }
      return alerts.length > 0 ? ExitCode.alerts : ExitCode.ok;
    },
    'table',
  );
}
