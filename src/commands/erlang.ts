/**
 * `wfm erlang`: required agents for one interval, or the figures of a given headcount, with a
 * what-if table. Declares its options, calls erlangFigures (src/app/staffing.ts), prints.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { erlangFigures, type ErlangAnswer } from '../app/erlang.js';
import type { Context, Registrar } from './context.js';
import { formatOption, parseIntervalMinutes, parseNonNegativeInt, parseNonNegativeNumber, parsePositiveNumber, TABLE_JSON_CSV, targetFlags, withTargets } from './options.js';

export function registerErlang(program: Command, r: Registrar): void {
  const { tr } = r;
  const base = program
    .command('erlang')
    .description(tr('erlang.description'))
    .addOption(new Option('--calls <n>', tr('erlang.opt.calls')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--traffic <erlangs>', tr('erlang.opt.traffic')).argParser(parseNonNegativeNumber).conflicts('calls'))
    .addOption(new Option('--interval <minutes>', tr('erlang.opt.interval')).argParser(parseIntervalMinutes).default(30))
    .addOption(new Option('--aht <seconds>', tr('erlang.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--agents <n>', tr('erlang.opt.agents')).argParser(parseNonNegativeInt))
    .addOption(new Option('--queue <name>', tr('erlang.opt.queue')));
  const cmd = withTargets(base, tr)
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('erlang.help'));
  r.act(cmd, (o, ctx) => {
    const answer = erlangFigures(
      {
        calls: o.calls,
        traffic: o.traffic,
        intervalMinutes: o.interval,
        aht: o.aht,
        agents: o.agents,
        queue: o.queue,
        flags: targetFlags(o),
      },
      ctx,
    );
    ctx.out.write(render(answer, o.agents !== undefined, ctx));
    return ExitCode.ok;
  });
}

function render({ result, targets, ahtSeconds }: ErlangAnswer, given: boolean, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(result);
  const keys = ['agents', 'serviceLevel', 'asaSeconds', 'occupancy', 'probWait', 'probAbandon'] as const;
  if (ctx.format === 'csv') {
    const rows = result.table.map((row) => ({ model: result.model, trafficErlangs: result.trafficErlangs, ...row, selected: row.agents === result.agents }));
    return renderCsv(['model', 'trafficErlangs', ...keys, 'selected'], rows);
  }
  const tr: Context['tr'] = (k, p) => ctx.tr(k, p);
  const erlangA = result.model === 'erlang-a';
  const lines: string[] = [];
  lines.push(tr(erlangA ? 'erlang.head.a' : 'erlang.head.c', { traffic: fixed(result.trafficErlangs, 2), aht: ahtSeconds, sl: percent(targets.sla.target, 0), t: targets.sla.seconds, patience: targets.patience ?? '' }));
  lines.push(tr(given ? 'erlang.line.given' : 'erlang.line.required', { agents: result.agents, scheduled: result.scheduledAgents, shrinkage: percent(targets.shrinkage, 1) }));
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
