/**
 * The options the reports and alerts share, declared once: the period (--date, or --from/--to), the
 * forecast and roster inputs, and what the day figures are computed with.
 */
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { collectList, intervalFlag, parseDate, parseDays, parseNonNegativeNumber, parsePositiveNumber, parseSla, REPORT_INTERVALS, type Tr } from './options.js';

/** --date (default yesterday when `yesterday`), or --from and --to (whole local days). */
export function withPeriod<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr, yesterday: boolean) {
  return cmd
    .addOption(new Option('--date <date>', tr(yesterday ? 'reports.opt.dateYesterday' : 'reports.opt.date')).argParser(parseDate))
    .addOption(new Option('--from <date>', tr('reports.opt.from')).argParser(parseDate))
    .addOption(new Option('--to <date>', tr('reports.opt.to')).argParser(parseDate));
}

/** --forecast NAME / --forecast-file FILE and --roster NAME|FILE / --roster-file FILE. */
export function withInputs<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr) {
  return cmd
    .addOption(new Option('--forecast <name>', tr('reports.opt.forecast')))
    .addOption(new Option('--forecast-file <file.csv>', tr('reports.opt.forecastFile')))
    .addOption(new Option('--roster <name|file>', tr('reports.opt.roster')))
    .addOption(new Option('--roster-file <file>', tr('reports.opt.rosterFile')));
}

/** The service-level threshold, short abandons and the queue filter (report sla and the day figures). */
export function withCounting<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr) {
  return cmd
    .addOption(new Option('--sl-threshold <seconds>', tr('sla.opt.slThreshold')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--short-abandon <seconds>', tr('sla.opt.shortAbandon')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--queue <name>', tr('sla.opt.queue')).argParser(collectList));
}

/** What the day figures (staffing, agents, daily, alerts) are computed with. */
export function withFigures<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr) {
  return withCounting(cmd, tr)
    .addOption(new Option('--interval <minutes>', tr('reports.opt.interval')).argParser(intervalFlag({ choices: REPORT_INTERVALS })).default(30))
    .addOption(new Option('--sla <X/T>', tr('reports.opt.sla')).argParser(parseSla))
    .addOption(new Option('--short-by <agents>', tr('reports.opt.shortBy')).argParser(parsePositiveNumber).default(1))
    .addOption(new Option('--over-by <agents>', tr('reports.opt.overBy')).argParser(parsePositiveNumber).default(2))
    .addOption(new Option('--outlier-z <z>', tr('reports.opt.outlierZ')).argParser(parsePositiveNumber).default(3.5))
    .addOption(new Option('--within <days>', tr('reports.opt.within')).argParser(parseDays).default(30, '30d'));
}

/** --excel: CSV with a byte-order mark. */
export function excelOption(tr: Tr) {
  return new Option('--excel', tr('reports.opt.excel'));
}
