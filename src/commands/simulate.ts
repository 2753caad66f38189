/**
 * `wfm simulate`: the discrete-event simulator from the command line (src/app/simulate.ts builds the
 * input, src/app/sim-output.ts runs it). Arrivals from a demand CSV (`--input`), a saved forecast, a
 * flat rate (`--calls`) or the bundled sample spec (`--sample`); agents flat (`--agents`) or from a
 * roster (`--roster`). Writes what Asterisk writes (queue_log, and Master.csv on request), streamed,
 * so the result goes through `wfm import` like real data; or with `--summary` prints per interval
 * the simulated service level, ASA and abandon rate with 95% confidence intervals over
 * `--replications`, next to Erlang C / Erlang A for the same staffing.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { DateTime } from 'luxon';
import { ExitCode, UsageError } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import type { MessageKey } from '../i18n/index.js';
import type { SimInput } from '../sim/index.js';
import { checkOutputFile } from '../app/output-files.js';
import { buildSimInput, type AgentsSpec } from '../app/simulate.js';
import { runSimulation, summaryRows, type SimulateResult, type SummaryRow } from '../app/sim-output.js';
import type { Context, Registrar } from './context.js';
import {
  flag,
  formatOption,
  parseDateTime,
  parseIntervalMinutes,
  parseNonNegativeInt,
  parseNonNegativeNumber,
  parsePositiveInt,
  parsePositiveNumber,
  TABLE_JSON_CSV,
} from './options.js';
import { printRejections } from './output.js';
import * as values from '../values.js';

/** `--agents`: "12" or "billing=12,fault=8" (whole numbers >= 0). */
export function parseAgentsSpec(value: string): AgentsSpec {
  const text = value.trim();
  const bad = () => new values.ValueError('simulate.err.badAgents', { value });
  if (/^\d+$/.test(text)) return { all: Number(text) };
  const perQueue: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^=|]+?)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw bad();
    perQueue[m[1]] = Number(m[2]);
  }
  if (Object.keys(perQueue).length === 0) throw bad();
  return { perQueue };
}

/** `--patience`: seconds (> 0, exponential mean) or `none` (nobody abandons). */
export function parsePatienceSpec(value: string): number | 'none' {
  return value.trim().toLowerCase() === 'none' ? 'none' : values.parsePositiveNumber(value);
}

export function registerSimulate(program: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = program
    .command('simulate')
    .description(tr('simulate.description'))
    .addOption(new Option('-i, --input <file.csv>', tr('simulate.opt.input')))
    .addOption(new Option('--forecast <name>', tr('simulate.opt.forecast')))
    .addOption(new Option('--sample [spec.json]', tr('simulate.opt.sample')))
    .addOption(new Option('--calls <n>', tr('simulate.opt.calls')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--queue <name>', tr('simulate.opt.queue')).default('default'))
    .addOption(new Option('--interval <minutes>', tr('simulate.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--start <date>', tr('simulate.opt.start')).argParser(parseDateTime))
    .addOption(new Option('--days <n>', tr('simulate.opt.days')).argParser(parsePositiveInt))
    .addOption(new Option('--agents <n|queue=n,...>', tr('simulate.opt.agents')).argParser(flag(parseAgentsSpec)))
    .addOption(new Option('--roster <name|file>', tr('simulate.opt.roster')))
    .addOption(new Option('--aht <seconds>', tr('simulate.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--aht-cv <cv>', tr('simulate.opt.ahtCv')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--wrap <seconds>', tr('simulate.opt.wrap')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--patience <seconds|none>', tr('simulate.opt.patience')).argParser(flag(parsePatienceSpec)))
    .addOption(new Option('--pause-rate <per-hour>', tr('simulate.opt.pauseRate')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--pause-length <seconds>', tr('simulate.opt.pauseLength')).argParser(parsePositiveNumber).default(300))
    .addOption(new Option('--seed <n>', tr('simulate.opt.seed')).argParser(parseNonNegativeInt))
    .addOption(new Option('-o, --out <file>', tr('simulate.opt.out')))
    .addOption(new Option('--master-csv <file>', tr('simulate.opt.masterCsv')))
    .addOption(new Option('--summary', tr('simulate.opt.summary')))
    .addOption(new Option('--replications <n>', tr('simulate.opt.replications')).argParser(parsePositiveInt).default(10))
    .addOption(new Option('--by <what>', tr('simulate.opt.by')).choices(['interval', 'day', 'total'] as const).default('interval' as const))
    .addOption(new Option('--warmup <minutes>', tr('simulate.opt.warmup')).argParser(parseNonNegativeNumber).default(0))
    .addOption(new Option('--sl-threshold <seconds>', tr('simulate.opt.slThreshold')).argParser(parseNonNegativeNumber))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('simulate.help'));
  r.act(cmd, async (o, ctx) => {
    const usage = (key: MessageKey) => new UsageError({ key }, key);
    if (o.masterCsv && o.summary && (!o.out || o.out === '-')) throw usage('simulate.err.masterNeedsOut');
    if (o.summary && o.out === '-') throw usage('simulate.err.summaryAndStdout');
    // output files that cannot be written are refused before any input is read or any file created
    if (o.out && o.out !== '-') checkOutputFile(ctx, '--out', o.out);
    if (o.masterCsv) checkOutputFile(ctx, '--master-csv', o.masterCsv);
    const { input, days, rejects } = await buildSimInput(o, ctx, (r) => printRejections(ctx, r));
    const { result, reps } = await runSimulation(input, days, { out: o.out, masterCsv: o.masterCsv, stdout: ctx.out, summary: o.summary, replications: o.replications }, ctx);
    if (o.summary) {
      ctx.out.write(renderSummary(summaryRows(input, reps, o, ctx.tz), input, o, ctx));
      if (o.out && !ctx.quiet) ctx.err.write(ctx.tr('simulate.done', doneParams(result, ctx)) + '\n');
    } else if (o.out && o.out !== '-') {
      if (ctx.format === 'json') ctx.out.write(renderJson(result));
      else if (ctx.format === 'csv') ctx.out.write(renderCsv(Object.keys(result), [{ ...result, queues: result.queues.join(';') }]));
      else ctx.out.write(ctx.tr('simulate.done', doneParams(result, ctx)) + '\n');
    }
    return rejects.count ? ExitCode.partial : ExitCode.ok;
  });
}

function doneParams(r: SimulateResult, ctx: Context): Record<string, string | number> {
  return {
    calls: r.calls,
    answered: r.answered,
    abandoned: r.abandoned,
    queues: r.queues.join(', '),
    from: r.from,
    to: r.to,
    file: r.queueLog ?? '-',
    lines: r.queueLogLines,
    master: r.masterCsv ? ctx.tr('simulate.doneMaster', { file: r.masterCsv }) : '',
    seed: r.seed,
  };
}

const CSV_KEYS = [
  'queue',
  'intervalStart',
  'calls',
  'agents',
  'serviceLevel',
  'serviceLevelLow',
  'serviceLevelHigh',
  'asaSeconds',
  'asaLow',
  'asaHigh',
  'abandonRate',
  'abandonRateLow',
  'abandonRateHigh',
  'erlangServiceLevel',
  'erlangAsaSeconds',
  'erlangAbandonRate',
  'erlangModel',
  'expectedCalls',
];

function renderSummary(rows: SummaryRow[], input: SimInput, o: { by: string; replications: number }, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(rows);
  if (ctx.format === 'csv') {
    return renderCsv(
      CSV_KEYS,
      rows.map((r) => ({
        ...r,
        serviceLevelLow: r.serviceLevelCi?.[0] ?? null,
        serviceLevelHigh: r.serviceLevelCi?.[1] ?? null,
        asaLow: r.asaCi?.[0] ?? null,
        asaHigh: r.asaCi?.[1] ?? null,
        abandonRateLow: r.abandonRateCi?.[0] ?? null,
        abandonRateHigh: r.abandonRateCi?.[1] ?? null,
      })),
    );
  }
  const tr = ctx.tr;
  const ci = (c: unknown, f: (v: number) => string) => (Array.isArray(c) ? `${f(c[0])}-${f(c[1])}` : '');
  const when = (v: unknown) => {
    const dt = DateTime.fromISO(String(v), { setZone: true });
    return o.by === 'interval' ? dt.toFormat('yyyy-MM-dd HH:mm') : (dt.toISODate() ?? '');
  };
  const cols: Column<SummaryRow>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'intervalStart', header: tr(o.by === 'interval' ? 'col.intervalStart' : 'col.date'), show: when },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'agents', header: tr('col.agents'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'serviceLevel', header: tr('simulate.col.sl'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'serviceLevelCi', header: tr('simulate.col.ci'), align: 'right', show: (v) => ci(v, (x) => percent(x, 1)) },
    { key: 'erlangServiceLevel', header: tr('simulate.col.erlangSl'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'asaSeconds', header: tr('col.asaSeconds'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'asaCi', header: tr('simulate.col.ci'), align: 'right', show: (v) => ci(v, (x) => fixed(x, 1)) },
    { key: 'erlangAsaSeconds', header: tr('simulate.col.erlangAsa'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'abandonRate', header: tr('simulate.col.abandon'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'erlangAbandonRate', header: tr('simulate.col.erlangAbandon'), align: 'right', show: (v) => percent(v, 1) },
  ];
  const models = [...new Set(rows.map((r) => r.erlangModel))].join('/');
  const head = tr('simulate.head', {
    reps: o.replications,
    seed: input.seed,
    // each queue's threshold: one number when they agree, else "20 (billing), 10 (vip)"
    t: thresholdText(input),
    model: models || 'C',
  });
  return head + '\n\n' + renderTable(cols, rows);
}

/** The service-level threshold(s) of the queues for the heading. */
function thresholdText(input: SimInput): string {
  const secs = input.queues.map((q) => q.serviceLevelSeconds ?? input.serviceLevelSeconds ?? 20);
  if (new Set(secs).size <= 1) return String(secs[0] ?? input.serviceLevelSeconds ?? 20);
  return input.queues.map((q, i) => `${secs[i]} (${q.name})`).join(', ');
}
