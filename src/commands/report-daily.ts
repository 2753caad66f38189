/**
 * `wfm report daily [--date D] [--format md|html|json|csv] [--out DIR]`: the morning report.
 * Without --date: yesterday in the site's zone (what a cron job at 06:00 wants). The forecast:
 * --forecast NAME or --forecast-file FILE, else the most recently saved forecast covering the day.
 * --out DIR writes `wfm-daily-YYYY-MM-DD[.LANG].EXT` (the date is the report's day, so another day's
 * file is never overwritten; a re-run for the same day replaces that day's file atomically) and
 * prints its path. Over several sites (no --site): one report per site, each in its zone - Markdown
 * one after the other, CSV with a site column, JSON an array, HTML only into --out (a file per site,
 * `wfm-daily-YYYY-MM-DD.SITE[.LANG].EXT`).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode, UsageError } from '../errors.js';
import { csvField, renderJson } from '../format.js';
import { renderAlerts, renderDailyCsv, renderDailyMarkdown, type DailyReport } from '../report/daily.js';
import { renderDailyHtml } from '../report/html.js';
import { checkOutputDir, writeInto } from '../app/output-files.js';
import { resolvePeriod } from '../app/period.js';
import { dayFigures, type DayFigures } from '../app/reports.js';
import type { Context, Registrar } from './context.js';
import { formatOption } from './options.js';
import { csvOut } from './output.js';
import { excelOption, withFigures, withInputs, withPeriod } from './report-options.js';

const EXT = { md: 'md', html: 'html', json: 'json', csv: 'csv' } as const;

/** The daily report of one site's figures (its site named when the run covers several). */
function dailyReport(f: DayFigures, slThreshold: number | undefined, ctx: Context, multi: boolean): DailyReport {
  const thresholds = [...f.thresholds.values()];
  return {
    ...(multi ? { site: f.site } : {}),
    date: f.period.fromDate,
    zone: f.tz,
    slThresholdSeconds: thresholds[0] ?? slThreshold ?? 20,
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
}

/** Several sites' daily CSVs as one, a site column first. */
function sitedCsv(reports: DailyReport[]): string {
  const out: string[] = [];
  reports.forEach((r, i) => {
    const [header, ...lines] = renderDailyCsv(r).trimEnd().split('\n');
    if (i === 0) out.push(`site,${header}`);
    for (const l of lines) out.push(`${csvField(r.site ?? '')},${l}`);
  });
  return out.join('\n') + '\n';
}

/** A site's name in a file name: characters other than letters, digits, `-` and `_` as `_`. */
function fileSafe(site: string): string {
  return site.replace(/[^\p{L}\p{N}_-]/gu, '_');
}

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
    async (o, ctx) => {
      const period = resolvePeriod(o, ctx, true);
      if (period.fromDate !== period.toDate) throw new UsageError({ key: 'reports.err.oneDay' }, 'the daily report covers one day: give --date');
      // a folder that cannot be written is refused before the store is read
      if (o.out) checkOutputDir(ctx, '--out', o.out);
      // without --forecast/--forecast-file: the latest saved forecast covering the day, named in the report
      const parts = await dayFigures({ ...o, period: o, yesterday: true, queues: o.queue, latestForecast: true }, ctx);
      const multi = parts.length > 1;
      const format = ctx.format as keyof typeof EXT;
      if (multi && format === 'html' && !o.out) throw new UsageError({ key: 'reports.err.htmlSites', params: { sites: parts.map((p) => p.site).join(', ') } });
      const reports = parts.map((f) => dailyReport(f, o.slThreshold, ctx, multi));
      const render = (r: DailyReport) =>
        format === 'html' ? renderDailyHtml(r, ctx.lang) : format === 'json' ? renderJson(r) : format === 'csv' ? renderDailyCsv(r) : renderDailyMarkdown(r, ctx.lang);
      const lang = ctx.lang === 'en' ? '' : '.' + ctx.lang;
      if (o.out && (multi || format === 'html')) {
        // a file per site (one report: the name it always had)
        for (const r of reports) {
          const name = `wfm-daily-${r.date}${multi ? '.' + fileSafe(r.site!) : ''}${lang}.${EXT[format]}`;
          const text = format === 'csv' ? csvOut(render(r), o.excel) : render(r);
          const path = writeInto(ctx, '--out', o.out, name, text);
          if (!ctx.quiet) ctx.out.write(path + '\n');
        }
        return ExitCode.ok;
      }
      const text =
        format === 'json'
          ? renderJson(multi ? reports : reports[0])
          : format === 'csv'
            ? csvOut(multi ? sitedCsv(reports) : renderDailyCsv(reports[0]), o.excel)
            : reports.map(render).join('\n---\n\n');
      if (o.out) {
        const path = writeInto(ctx, '--out', o.out, `wfm-daily-${reports[0].date}${lang}.${EXT[format]}`, text);
        if (!ctx.quiet) ctx.out.write(path + '\n');
      } else ctx.out.write(text);
      return ExitCode.ok;
    },
    'md',
  );
}
