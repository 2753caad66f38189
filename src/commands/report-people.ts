/**
 * `wfm report exams` and `wfm report training`: from the people data in the store (`wfm import
 * agents|exams|training|skills`). Table: every part; JSON: an object of parts; CSV: one part
 * (`--part`), UTF-8, with `--excel` a byte-order mark.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { EXAM_FINDING_FIELDS, EXAM_SUMMARY_FIELDS, type ExamFindingRow, type ExamReport, type ExamSummaryRow } from '../report/exams.js';
import { CERTIFICATE_FIELDS, COVERAGE_FIELDS, TRAINING_HOURS_FIELDS, type CertificateRow, type CoverageRow, type TrainingHoursRow, type TrainingReport } from '../report/training.js';
import { resolvePeriod, type Period } from '../app/period.js';
import { examsReport, trainingFor } from '../app/reports.js';
import type { Context, Registrar } from './context.js';
import { formatOption, parseDays, parseNonNegativeNumber, TABLE_JSON_CSV } from './options.js';
import { csvOut } from './output.js';
import { excelOption, withPeriod } from './report-options.js';
import { siteRows, withSiteColumn, withSiteField, type Sited } from './sites.js';

export function registerReportPeople(group: Command, r: Registrar): void {
  const { tr } = r;
  const exams = withPeriod(group.command('exams').description(tr('reports.exams.description')), tr, false)
    .addOption(new Option('--part <part>', tr('reports.opt.part')).choices(['summary', 'findings'] as const).default('summary' as const))
    .addOption(excelOption(tr))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('reports.exams.help'));
  r.act(exams, async (o, ctx) => {
    const p = resolvePeriod(o, ctx, false);
    const parts = await examsReport(o, ctx);
    const rep = {
      summary: siteRows(parts.map((x) => ({ site: x.site, rows: x.report.summary }))),
      findings: siteRows(parts.map((x) => ({ site: x.site, rows: x.report.findings }))),
    };
    ctx.out.write(renderExams(rep, parts[0]?.period ?? p, parts.length > 1, o.part, o.excel, ctx));
    return ExitCode.ok;
  });
  const training = withPeriod(group.command('training').description(tr('reports.training.description')), tr, false)
    .addOption(new Option('--within <days>', tr('reports.opt.within')).argParser(parseDays).default(30, '30d'))
    .addOption(new Option('--required-hours <hours>', tr('reports.opt.requiredHours')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--roster <name|file>', tr('reports.opt.roster')))
    .addOption(new Option('--roster-file <file>', tr('reports.opt.rosterFile')))
    .addOption(new Option('--part <part>', tr('reports.opt.part')).choices(['hours', 'certificates', 'coverage'] as const).default('hours' as const))
    .addOption(excelOption(tr))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('reports.training.help'));
  r.act(training, async (o, ctx) => {
    const p = resolvePeriod(o, ctx, false);
    const parts = await trainingFor(o, o, ctx);
    const rep = {
      hours: siteRows(parts.map((x) => ({ site: x.site, rows: x.report.hours }))),
      certificates: siteRows(parts.map((x) => ({ site: x.site, rows: x.report.certificates }))),
      coverage: siteRows(parts.map((x) => ({ site: x.site, rows: x.report.coverage }))),
    };
    ctx.out.write(renderTraining(rep, parts[0]?.period ?? p, parts.length > 1, o.part, o.within, o.excel, ctx));
    return ExitCode.ok;
  });
}

type SitedReport<T> = { [K in keyof T]: T[K] extends (infer R)[] ? Sited<R>[] : never };

function renderExams(rep: SitedReport<ExamReport>, p: Period, multi: boolean, part: 'summary' | 'findings', excel: boolean | undefined, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(rep);
  if (ctx.format === 'csv') {
    return csvOut(part === 'findings' ? renderCsv(withSiteField(multi, EXAM_FINDING_FIELDS), rep.findings) : renderCsv(withSiteField(multi, EXAM_SUMMARY_FIELDS), rep.summary), excel);
  }
  const tr = ctx.tr;
  const all = tr('reports.allTeams');
  const sum: Column<ExamSummaryRow>[] = [
    { key: 'exam', header: tr('reports.col.exam') },
    { key: 'team', header: tr('reports.col.team'), show: (v, row) => (row.level === 'exam' ? all : v === null ? '' : String(v)) },
    { key: 'sittings', header: tr('reports.col.sittings'), align: 'right' },
    { key: 'agents', header: tr('reports.col.agents'), align: 'right' },
    { key: 'passRate', header: tr('reports.col.passRate'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'firstTimePassRate', header: tr('reports.col.firstTimePassRate'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'meanScore', header: tr('reports.col.meanScore'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'medianScore', header: tr('reports.col.medianScore'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'retakes', header: tr('reports.col.retakes'), align: 'right' },
    { key: 'lt60', header: '<60', align: 'right' },
    { key: '60to69', header: '60-69', align: 'right' },
    { key: '70to79', header: '70-79', align: 'right' },
    { key: '80to89', header: '80-89', align: 'right' },
    { key: 'ge90', header: '>=90', align: 'right' },
  ];
  const fin: Column<ExamFindingRow>[] = [
    { key: 'agent', header: tr('reports.col.agent') },
    { key: 'name', header: tr('reports.col.name') },
    { key: 'team', header: tr('reports.col.team') },
    { key: 'exam', header: tr('reports.col.exam') },
    { key: 'status', header: tr('reports.col.status'), show: (_v, row) => tr(`reports.status.${row.status}`) },
    { key: 'lastDate', header: tr('reports.col.date') },
    { key: 'lastScore', header: tr('reports.col.score'), align: 'right' },
    { key: 'passMark', header: tr('reports.col.passMark'), align: 'right' },
    { key: 'attempts', header: tr('reports.col.attempts'), align: 'right' },
    { key: 'skills', header: tr('reports.col.skills') },
  ];
  return (
    tr('reports.exams.head', { from: p.fromDate, to: p.toDate }) +
    '\n\n' +
    (rep.summary.length ? renderTable(withSiteColumn(ctx, multi, sum), rep.summary) : tr('reports.exams.noSittings') + '\n') +
    '\n' +
    tr('reports.exams.findings') +
    '\n\n' +
    (rep.findings.length ? renderTable(withSiteColumn(ctx, multi, fin), rep.findings) : tr('reports.none') + '\n')
  );
}

function renderTraining(
  rep: SitedReport<TrainingReport>,
  p: Period,
  multi: boolean,
  part: 'hours' | 'certificates' | 'coverage',
  within: number,
  excel: boolean | undefined,
  ctx: Context,
): string {
  if (ctx.format === 'json') return renderJson(rep);
  if (ctx.format === 'csv') {
    const text =
      part === 'certificates'
        ? renderCsv(withSiteField(multi, CERTIFICATE_FIELDS), rep.certificates)
        : part === 'coverage'
          ? renderCsv(withSiteField(multi, COVERAGE_FIELDS), rep.coverage)
          : renderCsv(withSiteField(multi, TRAINING_HOURS_FIELDS), rep.hours);
    return csvOut(text, excel);
  }
  const tr = ctx.tr;
  const yesNo = (v: unknown) => (v === null || v === undefined ? '' : v ? tr('reports.yes') : tr('reports.no'));
  const hours: Column<TrainingHoursRow>[] = [
    { key: 'agent', header: tr('reports.col.agent') },
    { key: 'name', header: tr('reports.col.name') },
    { key: 'team', header: tr('reports.col.team') },
    { key: 'hours', header: tr('reports.col.hours'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'required', header: tr('reports.col.requiredTrainingHours'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'shortfall', header: tr('reports.col.shortfall'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'met', header: tr('reports.col.met'), show: yesNo },
  ];
  const certs: Column<CertificateRow>[] = [
    { key: 'agent', header: tr('reports.col.agent') },
    { key: 'name', header: tr('reports.col.name') },
    { key: 'team', header: tr('reports.col.team') },
    { key: 'course', header: tr('reports.col.course') },
    { key: 'expiry', header: tr('reports.col.expiry') },
    { key: 'daysLeft', header: tr('reports.col.daysLeft'), align: 'right' },
    { key: 'status', header: tr('reports.col.status'), show: (_v, row) => tr(`reports.status.${row.status}`) },
    { key: 'skills', header: tr('reports.col.skills') },
  ];
  const cov: Column<CoverageRow>[] = [
    { key: 'skill', header: tr('reports.col.skill') },
    { key: 'certificate', header: tr('reports.col.course') },
    { key: 'agentsWithSkill', header: tr('reports.col.agentsWithSkill'), align: 'right' },
    { key: 'agentsLosing', header: tr('reports.col.agentsLosing'), align: 'right' },
    { key: 'scheduledHoursAtRisk', header: tr('reports.col.hoursAtRisk'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'scheduledHours', header: tr('reports.col.scheduledHours'), align: 'right', show: (v) => fixed(v, 1) },
  ];
  return [
    tr('reports.training.head', { from: p.fromDate, to: p.toDate, within }) + '\n\n',
    rep.hours.length ? renderTable(withSiteColumn(ctx, multi, hours), rep.hours) : tr('reports.none') + '\n',
    '\n' + tr('reports.training.certificates', { within }) + '\n\n',
    rep.certificates.length ? renderTable(withSiteColumn(ctx, multi, certs), rep.certificates) : tr('reports.none') + '\n',
    '\n' + tr('reports.training.coverage') + '\n\n',
    rep.coverage.length ? renderTable(withSiteColumn(ctx, multi, cov), rep.coverage) : tr('reports.none') + '\n',
  ].join('');
}
