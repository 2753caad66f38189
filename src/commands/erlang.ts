/**
 * `wfm erlang`: required agents for one interval, or the figures of a given headcount, with a
 * what-if table. Parse, call `calculate`, print.
 */
import { Option, type Command } from 'commander';
import { UsageError, ExitCode } from '../errors.js';
import { calculate, trafficFromCalls, TargetUnreachableError, type CalculatorResult } from '../queueing/index.js';
import { t } from '../i18n/index.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { parseIntervalMinutes, parseNonNegativeInt, parseNonNegativeNumber, parsePositiveNumber } from './options.js';
import { addTargetOptions, targetsFrom, type TargetOptions } from './targets.js';
import { requireFormat } from './output.js';

interface ErlangOptions extends TargetOptions {
  calls?: number;
  traffic?: number;
  interval: number;
  aht: number;
  agents?: number;
}

export function registerErlang(program: Command, r: Registrar): Command {
  const tr = (k: string, p?: Record<string, string | number>) => t(r.lang, k, p);
  const cmd = program
    .command('erlang')
    .description(tr('erlang.description'))
    .addOption(new Option('--calls <n>', tr('erlang.opt.calls')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--traffic <erlangs>', tr('erlang.opt.traffic')).argParser(parseNonNegativeNumber).conflicts('calls'))
    .addOption(new Option('--interval <minutes>', tr('erlang.opt.interval')).argParser(parseIntervalMinutes).default(30))
    .addOption(new Option('--aht <seconds>', tr('erlang.opt.aht')).argParser(parsePositiveNumber).makeOptionMandatory())
    .addOption(new Option('--agents <n>', tr('erlang.opt.agents')).argParser(parseNonNegativeInt));
  addTargetOptions(cmd, r.lang);
  cmd.addHelpText('after', '\n' + tr('erlang.help'));
  cmd.action(r.action<ErlangOptions>(runErlang));
  return cmd;
}

export function runErlang(opts: ErlangOptions, ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  if (opts.calls === undefined && opts.traffic === undefined) {
    throw new UsageError({ key: 'erlang.err.needCalls' }, 'give --calls (with --interval) or --traffic');
  }
  const traffic = opts.traffic ?? trafficFromCalls(opts.calls!, opts.aht, opts.interval);
  let result: CalculatorResult;
  try {
    result = calculate({
      trafficErlangs: traffic,
      ahtSeconds: opts.aht,
      patienceSeconds: opts.patience,
      targets: targetsFrom(opts),
      shrinkage: opts.shrinkage,
      agents: opts.agents,
    });
  } catch (err) {
    if (err instanceof TargetUnreachableError) {
      throw new UsageError({ key: 'err.unreachable', params: { bound: err.bound, traffic: fixed(traffic, 2) } }, err.message);
    }
    throw err;
  }
  ctx.out.write(render(result, opts, ctx));
  return ExitCode.ok;
}

function render(result: CalculatorResult, opts: ErlangOptions, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(result);
  const keys = ['agents', 'serviceLevel', 'asaSeconds', 'occupancy', 'probWait', 'probAbandon'] as const;
  if (ctx.format === 'csv') {
    const rows = result.table.map((row) => ({
      model: result.model,
      trafficErlangs: result.trafficErlangs,
      ...row,
      selected: row.agents === result.agents,
    }));
    return renderCsv(['model', 'trafficErlangs', ...keys, 'selected'], rows);
  }
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const erlangA = result.model === 'erlang-a';
  const lines: string[] = [];
  lines.push(
    tr(erlangA ? 'erlang.head.a' : 'erlang.head.c', {
      traffic: fixed(result.trafficErlangs, 2),
      aht: opts.aht,
      sl: percent(opts.sla.target, 0),
      t: opts.sla.seconds,
      patience: opts.patience ?? '',
    }),
  );
  lines.push(
    tr(opts.agents === undefined ? 'erlang.line.required' : 'erlang.line.given', {
      agents: result.agents,
      scheduled: result.scheduledAgents,
      shrinkage: percent(opts.shrinkage, 1),
    }),
  );
  lines.push(
    tr('erlang.line.figures', {
      sl: percent(result.serviceLevel, 1),
      asa: result.asaSeconds === null ? tr('value.unstable') : fixed(result.asaSeconds, 1) + ' s',
      occ: percent(result.occupancy, 1),
      pw: percent(result.probWait, 1),
    }) + (erlangA ? '  ' + tr('erlang.line.abandon', { pa: percent(result.probAbandon, 2) }) : ''),
  );
  type Row = (typeof result.table)[number] & { mark: string };
  const columns: Column<Row>[] = [
    { key: 'mark', header: '', align: 'left' },
    { key: 'agents', header: tr('col.agents'), align: 'right' },
    { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'asaSeconds', header: tr('col.asaSeconds'), align: 'right', show: (v) => (v === null ? '∞' : fixed(v, 1)) },
    { key: 'occupancy', header: tr('col.occupancy'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'probWait', header: tr('col.probWait'), align: 'right', show: (v) => percent(v, 1) },
  ];
  if (erlangA) columns.push({ key: 'probAbandon', header: tr('col.probAbandon'), align: 'right', show: (v) => percent(v, 2) });
  const rows: Row[] = result.table.map((row) => ({ ...row, mark: row.agents === result.agents ? '→' : '' }));
  return lines.join('\n') + '\n\n' + renderTable(columns, rows);
}
