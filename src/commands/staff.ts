/**
 * `wfm staff`: requirements per queue and interval from a demand CSV or a saved forecast, with day
 * totals; each queue against its own targets (flags, else wfm.yaml, else 80/20).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import type { StaffPlan } from '../staff/plan.js';
import { staff, type StaffAnswer } from '../app/staffing.js';
import type { Context, Registrar } from './context.js';
import { formatOption, parseIntervalMinutes, parsePositiveNumber, rejectsOption, strictOption, TABLE_JSON_CSV, targetFlags, withTargets } from './options.js';
import { printRejections } from './output.js';

export function registerStaff(program: Command, r: Registrar): void {
  const { tr } = r;
  const base = program
    .command('staff')
    .description(tr('staff.description'))
    .addOption(new Option('-i, --input <file.csv>', tr('staff.opt.input')))
    .addOption(new Option('--forecast <name>', tr('staff.opt.forecast')).conflicts('input'))
    .addOption(new Option('--aht <seconds>', tr('staff.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--interval <minutes>', tr('staff.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--by <what>', tr('staff.opt.by')).choices(['interval', 'day'] as const).default('interval' as const))
    .addOption(strictOption(tr))
    .addOption(rejectsOption(tr));
  const cmd = withTargets(base, tr)
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('staff.help'));
  r.act(cmd, async (o, ctx) => {
    const answer = await staff(
      { input: o.input, forecast: o.forecast, aht: o.aht, intervalMinutes: o.interval, flags: targetFlags(o), strict: o.strict, rejects: o.rejects },
      ctx,
      (rejects) => printRejections(ctx, rejects),
    );
    ctx.out.write(render(answer, o.by, ctx));
    return answer.rejects.count ? ExitCode.partial : ExitCode.ok;
  });
}

const INTERVAL_KEYS = ['queue', 'intervalStart', 'calls', 'ahtSeconds', 'trafficErlangs', 'agents', 'scheduledAgents', 'serviceLevel', 'asaSeconds', 'occupancy'];
const DAY_KEYS = ['queue', 'date', 'calls', 'agentHours', 'scheduledHours', 'peakAgents', 'peakScheduledAgents', 'serviceLevel'];

function render({ plan, intervalMinutes, targets }: StaffAnswer, by: 'interval' | 'day', ctx: Context): string {
  const erlangA = targets.some((q) => q.patience !== undefined);
  if (ctx.format === 'json') return renderJson(plan);
  if (ctx.format === 'csv') {
    return by === 'day' ? renderCsv(DAY_KEYS, plan.days) : renderCsv(erlangA ? [...INTERVAL_KEYS, 'probAbandon'] : INTERVAL_KEYS, plan.intervals);
  }
  const tr = ctx.tr;
  type I = StaffPlan['intervals'][number];
  const ic: Column<I>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'intervalStart', header: tr('col.intervalStart') },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1).replace(/\.0$/, '') },
    { key: 'ahtSeconds', header: tr('col.ahtSeconds'), align: 'right', show: (v) => fixed(v, 0) },
    { key: 'trafficErlangs', header: tr('col.trafficErlangs'), align: 'right', show: (v) => fixed(v, 2) },
    { key: 'agents', header: tr('col.agents'), align: 'right' },
    { key: 'scheduledAgents', header: tr('col.scheduledAgents'), align: 'right' },
    { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'asaSeconds', header: tr('col.asaSeconds'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'occupancy', header: tr('col.occupancy'), align: 'right', show: (v) => percent(v, 1) },
  ];
  if (erlangA) ic.push({ key: 'probAbandon', header: tr('col.probAbandon'), align: 'right', show: (v) => percent(v, 2) });
  type D = StaffPlan['days'][number];
  const dc: Column<D>[] = [
    { key: 'queue', header: tr('col.queue') },
    { key: 'date', header: tr('col.date') },
    { key: 'calls', header: tr('col.calls'), align: 'right', show: (v) => fixed(v, 1).replace(/\.0$/, '') },
    { key: 'agentHours', header: tr('col.agentHours'), align: 'right', show: (v) => fixed(v, 2) },
    { key: 'scheduledHours', header: tr('col.scheduledHours'), align: 'right', show: (v) => fixed(v, 2) },
    { key: 'peakAgents', header: tr('col.peakAgents'), align: 'right' },
    { key: 'peakScheduledAgents', header: tr('col.peakScheduledAgents'), align: 'right' },
    { key: 'serviceLevel', header: tr('col.serviceLevel'), align: 'right', show: (v) => percent(v, 1) },
  ];
  // one head line when every queue has the same targets, else one per queue
  const heads = targets.map((q) =>
    tr(q.patience !== undefined ? 'staff.head.a' : 'staff.head.c', { interval: intervalMinutes, sl: percent(q.sla.target, 0), t: q.sla.seconds, shrinkage: percent(q.shrinkage, 1), patience: q.patience ?? '' }),
  );
  const distinct = [...new Set(heads)];
  const head = distinct.length <= 1 ? (distinct[0] ?? '') : targets.map((q, i) => `${q.queue}: ${heads[i]}`).join('\n');
  if (by === 'day') return head + '\n\n' + renderTable(dc, plan.days);
  return head + '\n\n' + renderTable(ic, plan.intervals) + '\n' + tr('staff.daysTitle') + '\n' + renderTable(dc, plan.days);
}
