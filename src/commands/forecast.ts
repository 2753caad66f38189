/**
 * `wfm forecast`: calls and AHT per queue and interval with an 80 % band, from a history CSV or the
 * store, and `wfm forecast backtest`: rolling-origin accuracy of every method (src/app/forecast.ts).
 */
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { fixed, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { FORECAST_FIELDS, makeForecast, METHOD_CHOICES, runBacktest, type BacktestAnswer, type ForecastAnswer, type HistoryRequest } from '../app/forecast.js';
import type { Context, Registrar } from './context.js';
import {
  collectList,
  formatOption,
  parseDate,
  parseDateList,
  parseDateRange,
  parseIntervalMinutes,
  parsePercentChange,
  parsePositiveInt,
  rejectsOption,
  strictOption,
  TABLE_JSON_CSV,
  type Tr,
} from './options.js';
import { printRejections } from './output.js';

/** The history options both commands take. */
function withHistory<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr) {
  return cmd
    .addOption(new Option('-i, --input <file.csv>', tr('forecast.opt.input')))
    .addOption(new Option('--queue <names>', tr('forecast.opt.queue')).argParser(collectList))
    .addOption(new Option('--interval <minutes>', tr('forecast.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--history <from..to>', tr('forecast.opt.history')).argParser(parseDateRange))
    .addOption(new Option('--holidays <calendar>', tr('forecast.opt.holidays')).choices(['cn', 'none'] as const))
    .addOption(new Option('--special-days <file.csv>', tr('forecast.opt.specialDays')))
    .addOption(new Option('--calibration-weeks <n>', tr('forecast.opt.calibrationWeeks')).argParser(parsePositiveInt))
    .addOption(strictOption(tr))
    .addOption(rejectsOption(tr));
}

/** The history options' values, as withHistory declares them. */
type HistoryOpts = ReturnType<ReturnType<typeof withHistory<[], Record<never, never>, Record<never, never>>>['opts']>;

function historyRequest(o: HistoryOpts): HistoryRequest {
  return { ...o, queues: o.queue };
}

export function registerForecast(program: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = withHistory(program.command('forecast').description(tr('forecast.description')), tr)
    .addOption(new Option('--start <date>', tr('forecast.opt.start')).argParser(parseDate))
    .addOption(new Option('--days <n>', tr('forecast.opt.days')).argParser(parsePositiveInt))
    .addOption(new Option('--method <name>', tr('forecast.opt.method')).choices(METHOD_CHOICES))
    .addOption(new Option('--adjust <percent>', tr('forecast.opt.adjust')).argParser(parsePercentChange))
    .addOption(new Option('--save <name>', tr('forecast.opt.save')))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('forecast.help'));
  r.act(cmd, async (o, ctx) => {
    const answer = await makeForecast({ ...historyRequest(o), start: o.start, days: o.days, method: o.method, adjust: o.adjust, save: o.save }, ctx, (rejects) => printRejections(ctx, rejects));
    notes(answer, ctx);
    ctx.out.write(renderForecast(answer, ctx));
    return answer.rejects.count ? ExitCode.partial : ExitCode.ok;
  });

  const bt = withHistory(cmd.command('backtest').description(tr('forecast.backtest.description')), tr)
    .addOption(new Option('--weeks <n>', tr('forecast.opt.weeks')).argParser(parsePositiveInt))
    .addOption(new Option('--methods <list>', tr('forecast.opt.methods')).argParser(collectList))
    .addOption(new Option('--origins <dates>', tr('forecast.opt.origins')).argParser(parseDateList))
    .addOption(new Option('--test-end <date>', tr('forecast.opt.testEnd')).argParser(parseDate))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('forecast.backtest.help') + '\n\n' + tr('forecast.help'));
  // `forecast` parses the options it also knows wherever they are written (before or after
  // `backtest`: commander gives a parent's options precedence): merge both
  r.act(bt, async (o, ctx) => {
    const parent = cmd.opts();
    const merged = { ...parent, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as HistoryOpts & typeof o;
    const answer = await runBacktest({ ...historyRequest(merged), weeks: merged.weeks, methods: merged.methods, origins: merged.origins, testEnd: merged.testEnd }, ctx, (rejects) => printRejections(ctx, rejects));
    ctx.out.write(renderBacktest(answer, ctx));
    return answer.rejects.count ? ExitCode.partial : ExitCode.ok;
  });
}

/** The chosen method's backtest figures, for the notes and the table head. */
function detail(res: ForecastAnswer['results'][number]['res'], ctx: Context): string {
  const cal = res.calibration.find((c) => c.method === res.method);
  return cal && Number.isFinite(cal.wape) ? ctx.tr('forecast.note.methodDetail', { wape: cal.wape.toFixed(1), weeks: cal.weeks }) : '';
}

/** Notes on stderr, per queue: the method chosen (when the output has no head), special days, no rows; then the save. */
function notes(a: ForecastAnswer, ctx: Context): void {
  if (ctx.quiet) return;
  const say = (text: string) => ctx.err.write(`wfm: ${text}\n`);
  for (const { queue, res, rows } of a.results) {
    if (ctx.format !== 'table') say(ctx.tr('forecast.note.method', { queue, method: res.method, detail: detail(res, ctx) }));
    for (const d of res.days) {
      if (d.treatment === 'normal') continue;
      say(ctx.tr('forecast.note.days', { queue, date: d.date, treatment: ctx.tr(`forecast.treatment.${d.treatment}`), label: d.label ? ` (${d.label})` : '' }));
    }
    if (rows.length === 0) say(ctx.tr('forecast.note.noRows', { queue }));
  }
  if (a.saved) say(ctx.tr('forecast.note.saved', { name: a.saved.name, rows: a.saved.rows, db: ctx.db }));
}

function renderForecast(a: ForecastAnswer, ctx: Context): string {
  const tr = ctx.tr;
  if (ctx.format !== 'table') return ctx.format === 'json' ? renderJson(a.rows) : renderCsv(FORECAST_FIELDS, a.rows);
  const cols: Column<(typeof a.rows)[number]>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'intervalStart', header: tr('col.intervalStart') },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'callsLow', header: tr('forecast.col.low'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'callsHigh', header: tr('forecast.col.high'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'aht', header: tr('col.ahtSeconds'), align: 'right', show: (v) => fixed(v, 0) },
  ];
  const heads = a.results.map(({ queue, res }) => tr('forecast.head', { queue, method: res.method + detail(res, ctx), interval: a.intervalMinutes, start: a.start, days: a.days }));
  return heads.join('\n') + '\n\n' + renderTable(cols, a.rows);
}

export const BACKTEST_FIELDS = ['method', 'wape', 'mape', 'rmse', 'mase', 'bias', 'dayWape', 'weekWape', 'coverage', 'runtimeMs', 'missing'] as const;

function renderBacktest({ queue, intervalMinutes, result: res }: BacktestAnswer, ctx: Context): string {
  const rows = res.methods.map((m) => ({
    method: m.method,
    wape: m.wape,
    mape: m.mape,
    rmse: m.rmse,
    mase: m.mase,
    bias: m.bias,
    dayWape: m.dayWape,
    weekWape: m.weekWape,
    coverage: m.coverage,
    runtimeMs: m.runtimeMs === null ? null : Math.round(m.runtimeMs * 10) / 10,
    missing: m.missing,
    foldWape: m.foldWape,
    ...(m.chosen ? { chosen: m.chosen } : {}),
  }));
  if (ctx.format === 'json') {
    return renderJson({ queue, intervalMinutes, testStart: res.testStart, testEnd: res.testEnd, origins: res.origins, scoredIntervals: res.methods[0]?.n ?? 0, maseScale: res.maseScale, methods: rows });
  }
  if (ctx.format === 'csv') return renderCsv(['queue', ...BACKTEST_FIELDS], rows.map((x) => ({ queue, ...x })));
  const tr = ctx.tr;
  type R = (typeof rows)[number];
  const num = (d: number) => (v: unknown) => fixed(v, d);
  const cols: Column<R>[] = [
    { key: 'method', header: tr('forecast.col.method') },
    { key: 'wape', header: tr('forecast.col.wape'), align: 'right', show: num(2) },
    { key: 'mape', header: tr('forecast.col.mape'), align: 'right', show: num(2) },
    { key: 'rmse', header: tr('forecast.col.rmse'), align: 'right', show: num(2) },
    { key: 'mase', header: tr('forecast.col.mase'), align: 'right', show: num(3) },
    { key: 'bias', header: tr('forecast.col.bias'), align: 'right', show: num(2) },
    { key: 'dayWape', header: tr('forecast.col.dayWape'), align: 'right', show: num(2) },
    { key: 'coverage', header: tr('forecast.col.coverage'), align: 'right', show: num(1) },
    { key: 'runtimeMs', header: tr('forecast.col.runtime'), align: 'right', show: num(0) },
    { key: 'chosen', header: tr('forecast.col.chosen'), show: (v) => (Array.isArray(v) ? v.join(',') : '') },
  ];
  const head = tr('forecast.backtest.head', { queue, interval: intervalMinutes, from: res.testStart, to: res.testEnd, folds: res.origins.length, scale: res.maseScale.toFixed(3) });
  return head + '\n\n' + renderTable(cols, [...rows].sort((x, y) => x.wape - y.wape));
}
