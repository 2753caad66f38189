/**
 * `wfm report exams` and `wfm report training`: from the people data in the store (`wfm import
 * agents|exams|training|skills`). Table: every part; JSON: an object of parts; CSV: one part
 * (`--part`), UTF-8, with `--excel` a byte-order mark.
 */
import { Option, type Command } from 'commander';
import { ExitCode } from '../errors.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { requireFormat } from './output.js';
import { parseNonNegativeNumber } from './options.js';
import { addPeriodOptions, csvOut, openExisting, parseDays, readRoster, readRosterInput, resolvePeriod, type PeriodOptions } from './report-inputs.js';
import { EXAM_FINDING_FIELDS, EXAM_SUMMARY_FIELDS, examReport, type ExamFindingRow, type ExamSummaryRow } from '../report/exams.js';
import { CERTIFICATE_FIELDS, COVERAGE_FIELDS, TRAINING_HOURS_FIELDS, trainingReport, type CertificateRow, type CoverageRow, type TrainingHoursRow } from '../report/training.js';

interface ExamOptions extends PeriodOptions {
  part: 'summary' | 'findings';
  excel?: boolean;
}
interface TrainingOptions extends PeriodOptions {
  part: 'hours' | 'certificates' | 'coverage';
  within: number;
  requiredHours?: number;
  roster?: string;
  rosterFile?: string;
  excel?: boolean;
}

export function registerReportPeople(group: Command, r: Registrar): void {
  const tr = (k: string) => t(r.lang, k);
  const exams = group.command('exams').description(tr('reports.exams.description'));
  addPeriodOptions(exams, r.lang, false)
    .addOption(new Option('--part <part>', tr('reports.opt.part')).choices(['summary', 'findings']).default('summary'))
    .addOption(new Option('--excel', tr('reports.opt.excel')))
    .addHelpText('after', '\n' + tr('reports.exams.help'))
    .action(r.action<ExamOptions>(runReportExams));
  const training = group.command('training').description(tr('reports.training.description'));
  addPeriodOptions(training, r.lang, false)
    .addOption(new Option('--within <days>', tr('reports.opt.within')).argParser(parseDays).default(30, '30d'))
    .addOption(new Option('--required-hours <hours>', tr('reports.opt.requiredHours')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--roster <name>', tr('reports.opt.roster')))
    .addOption(new Option('--roster-file <file.json>', tr('reports.opt.rosterFile')))
    .addOption(new Option('--part <part>', tr('reports.opt.part')).choices(['hours', 'certificates', 'coverage']).default('hours'))
    .addOption(new Option('--excel', tr('reports.opt.excel')))
    .addHelpText('after', '\n' + tr('reports.training.help'))
    .action(r.action<TrainingOptions>(runReportTraining));
}

export function runReportExams(opts: ExamOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const p = resolvePeriod(opts, ctx, false);
  const store = openExisting(ctx);
  let rep;
  try {
    rep = examReport(store.exams(undefined, p.toDate), store.agents(), store.skillRequirements(), p.fromDate, p.toDate);
  } finally {
    store.close();
  }
  if (ctx.format === 'json') ctx.out.write(renderJson(rep));
  else if (ctx.format === 'csv') {
    ctx.out.write(csvOut(opts.part === 'findings' ? renderCsv(EXAM_FINDING_FIELDS, rep.findings) : renderCsv(EXAM_SUMMARY_FIELDS, rep.summary), opts.excel));
  } else {
    const tr = (k: string, q?: Record<string, string | number>) => t(ctx.lang, k, q);
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
      { key: 'status', header: tr('reports.col.status'), show: (v) => tr(`reports.status.${String(v)}`) },
      { key: 'lastDate', header: tr('reports.col.date') },
      { key: 'lastScore', header: tr('reports.col.score'), align: 'right' },
      { key: 'passMark', header: tr('reports.col.passMark'), align: 'right' },
      { key: 'attempts', header: tr('reports.col.attempts'), align: 'right' },
      { key: 'skills', header: tr('reports.col.skills') },
    ];
    ctx.out.write(tr('reports.exams.head', { from: p.fromDate, to: p.toDate }) + '\n\n');
    ctx.out.write(rep.summary.length ? renderTable(sum, rep.summary) : tr('reports.exams.noSittings') + '\n');
    ctx.out.write('\n' + tr('reports.exams.findings') + '\n\n');
    ctx.out.write(rep.findings.length ? renderTable(fin, rep.findings) : tr('reports.none') + '\n');
  }
  return ExitCode.ok;
}

export function runReportTraining(opts: TrainingOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const p = resolvePeriod(opts, ctx, false);
  const fileShifts = opts.roster ? null : readRoster(ctx, opts.rosterFile);
  const store = openExisting(ctx);
  let rep;
  try {
    const shifts = opts.roster ? readRosterInput(ctx, store, opts) : fileShifts;
    rep = trainingReport(store.training(), store.agents(), store.skillRequirements(), {
      fromDate: p.fromDate,
      toDate: p.toDate,
      asOf: p.toDate,
      withinDays: opts.within,
      requiredHours: opts.requiredHours ?? null,
      shifts,
      zone: ctx.tz,
    });
  } finally {
    store.close();
  }
  if (ctx.format === 'json') ctx.out.write(renderJson(rep));
  else if (ctx.format === 'csv') {
    const text =
      opts.part === 'certificates'
        ? renderCsv(CERTIFICATE_FIELDS, rep.certificates)
        : opts.part === 'coverage'
          ? renderCsv(COVERAGE_FIELDS, rep.coverage)
          : renderCsv(TRAINING_HOURS_FIELDS, rep.hours);
    ctx.out.write(csvOut(text, opts.excel));
  } else {
    const tr = (k: string, q?: Record<string, string | number>) => t(ctx.lang, k, q);
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
      { key: 'status', header: tr('reports.col.status'), show: (v) => tr(`reports.status.${String(v)}`) },
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
    ctx.out.write(tr('reports.training.head', { from: p.fromDate, to: p.toDate, within: opts.within }) + '\n\n');
    ctx.out.write(rep.hours.length ? renderTable(hours, rep.hours) : tr('reports.none') + '\n');
    ctx.out.write('\n' + tr('reports.training.certificates', { within: opts.within }) + '\n\n');
    ctx.out.write(rep.certificates.length ? renderTable(certs, rep.certificates) : tr('reports.none') + '\n');
    ctx.out.write('\n' + tr('reports.training.coverage') + '\n\n');
    ctx.out.write(rep.coverage.length ? renderTable(cov, rep.coverage) : tr('reports.none') + '\n');
  }
  return ExitCode.ok;
}
