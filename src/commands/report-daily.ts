/**
 * `wfm report daily [--date D] [--format md|html|json|csv] [--out DIR]`: the morning report.
 * Without --date: yesterday in the site's zone (what a cron job at 06:00 wants). The forecast:
 * --forecast NAME or --forecast-file FILE, else the most recently saved forecast covering the day.
 * --out DIR writes `wfm-daily-YYYY-MM-DD[.LANG].EXT` (the date is the report's day, so another day's
 * file is never overwritten; a re-run for the same day replaces that day's file atomically) and
 * prints its path.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode, UsageError } from '../errors.js';
import { renderJson } from '../format.js';
import { renderAlerts, renderDailyCsv, renderDailyMarkdown, type DailyReport } from '../report/daily.js';
import { renderDailyHtml } from '../report/html.js';
import { checkOutputDir, writeInto } from '../app/output-files.js';
import { resolvePeriod } from '../app/period.js';
import { dayFigures } from '../app/reports.js';
import type { Registrar } from './context.js';
import { formatOption } from './options.js';
import { csvOut } from './output.js';
import { excelOption, withFigures, withInputs, withPeriod } from './report-options.js';

const EXT = { md: 'md', html: 'html', json: 'json', csv: 'csv' } as const;

export function registerReportDaily(group: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = withFigures(withInputs(withPeriod(group.command('daily').description(tr('reports.daily.description')), tr, true), tr), tr)
    .addOption(new Option('--rules <file>', tr('alerts.opt.rules')))
    .addOption(new Option('--out <dir>', tr('reports.opt.out')))
    .addOption(excelOption(tr))
    .addOption(formatOption(tr, ['md', 'html', 'json', 'csv'] as const, 'format.default.md'))
    .addHelpText('after', '\n' + tr('reports.daily.help'));
  r.act(
    cmd,
    (o, ctx) => {
      const period = resolvePeriod(o, ctx, true);
      if (period.fromDate !== period.toDate) throw new UsageError({ key: 'reports.err.oneDay' }, 'the daily report covers one day: give --date');
      // a folder that cannot be written is refused before the store is read
      if (o.out) checkOutputDir(ctx, '--out', o.out);
      // without --forecast/--forecast-file: the latest saved forecast covering the day, named in the report
      const f = dayFigures({ ...o, period, queues: o.queue, latestForecast: true }, ctx);
      const thresholds = [...f.thresholds.values()];
      const report: DailyReport = {
        date: period.fromDate,
        zone: ctx.tz,
        slThresholdSeconds: thresholds[0] ?? o.slThreshold ?? 20,
        ...(new Set(thresholds).size > 1 ? { slThresholdByQueue: Object.fromEntries(f.thresholds) } : {}),
        sla: f.sla,
        forecastSource: f.forecastSource,
        forecastAccuracy: f.accuracy,
        staffing: f.staffing,
        outliers: f.outliers,
        examFailures: f.examFailures,
        certificates: f.certificates,
        alerts: renderAlerts(ctx.lang, f.alerts),
      };
      const format = ctx.format as keyof typeof EXT;
      const text =
        format === 'html'
          ? renderDailyHtml(report, ctx.lang)
          : format === 'json'
            ? renderJson(report)
            : format === 'csv'
              ? csvOut(renderDailyCsv(report), o.excel)
              : renderDailyMarkdown(report, ctx.lang);
      if (o.out) {
        const path = writeInto(ctx, '--out', o.out, `wfm-daily-${period.fromDate}${ctx.lang === 'en' ? '' : '.' + ctx.lang}.${EXT[format]}`, text);
        if (!ctx.quiet) ctx.out.write(path + '\n');
      } else ctx.out.write(text);
      return ExitCode.ok;
    },
    'md',
  );
}
