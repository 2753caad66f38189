/**
 * `wfm intraday`: as of a minute of a day, the rest of the day re-forecast from the calls so far,
 * staffed against the roster, and the actions that lift the service level (src/app/intraday.ts).
 * Exit 5 when a queue's projected rest-of-day service level falls below its target (for cron).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode, UsageError } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { runIntraday, type IntradayActionJson, type IntradayAnswer, type IntradayInterval, type IntradayQueue } from '../app/intraday.js';
import { actionWords } from '../live/intraday.js';
import { parseAt, parseRanks } from '../values.js';
import type { Context, Registrar } from './context.js';
import { collectList, flag, formatOption, parseDate, parseIntervalMinutes, parseNonNegativeInt, TABLE_JSON_CSV, targetFlags, withTargets } from './options.js';

export function registerIntraday(program: Command, r: Registrar): void {
  const { tr } = r;
  const base = program
    .command('intraday')
    .description(tr('intraday.description'))
    .addOption(new Option('--date <YYYY-MM-DD>', tr('intraday.opt.date')).argParser(parseDate))
    .addOption(new Option('--at <HH:MM|now>', tr('intraday.opt.at')).argParser(flag(parseAt)))
    .addOption(new Option('--queue <names>', tr('intraday.opt.queue')).argParser(collectList))
    .addOption(new Option('--forecast <name>', tr('intraday.opt.forecast')))
    .addOption(new Option('--roster <name|file>', tr('intraday.opt.roster')))
    .addOption(new Option('--rules <file>', tr('intraday.opt.rules')))
    .addOption(new Option('--interval <minutes>', tr('intraday.opt.interval')).argParser(parseIntervalMinutes))
    .addOption(new Option('--max-actions <n>', tr('intraday.opt.maxActions')).argParser(parseNonNegativeInt).default(10))
    .addOption(new Option('--apply <name>', tr('intraday.opt.apply')))
    .addOption(new Option('--accept <numbers>', tr('intraday.opt.accept')).argParser(flag(parseRanks)));
  const cmd = withTargets(base, tr)
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('intraday.help'));
  r.act(cmd, async (o, ctx) => {
    if (o.accept && o.apply === undefined) throw new UsageError({ key: 'intraday.err.acceptNeedsApply' });
    const answer = await runIntraday(
      {
        date: o.date,
        at: o.at,
        queues: o.queue,
        forecast: o.forecast,
        roster: o.roster,
        rules: o.rules,
        interval: o.interval,
        flags: targetFlags(o),
        maxActions: o.maxActions,
        apply: o.apply,
        accept: o.accept,
      },
      ctx,
    );
    for (const n of answer.notes) ctx.note(n);
    ctx.out.write(render(answer, ctx));
    if (answer.applied) ctx.note({ key: 'intraday.note.applied', params: { actions: answer.applied.actions, name: answer.applied.name, from: answer.roster?.name ?? '' } });
    return answer.below.length ? ExitCode.alerts : ExitCode.ok;
  });
}

/** The interval columns of the CSV (the JSON's, with the queue and the gap). */
const CSV_KEYS = [
  'queue', 'intervalStart', 'forecastCalls', 'actualCalls', 'reforecastCalls', 'reforecastLow', 'reforecastHigh', 'requiredAgents', 'scheduledAgents', 'gap',
  'projectedServiceLevel', 'projectedAbandonRate',
] as const;

/** scheduled − required (null without a roster). */
const gapOf = (iv: IntradayInterval) => (iv.scheduledAgents === null ? null : Math.round((iv.scheduledAgents - iv.requiredAgents) * 100) / 100);

/** "HH:MM" of an ISO time. */
const hhmm = (iso: string) => iso.slice(11, 16);

function render(a: IntradayAnswer, ctx: Context): string {
  if (ctx.format === 'json') return renderJson(a.json);
  if (ctx.format === 'csv') return renderCsv(CSV_KEYS, a.json.queues.flatMap((q) => q.intervals.map((iv) => ({ queue: q.queue, ...iv, gap: gapOf(iv) }))));
  const tr = ctx.tr;
  const at = a.json.at.slice(0, 16).replace('T', ' ') + a.json.at.slice(19);
  const out = [a.roster ? tr('intraday.head', { date: a.json.date, at, roster: `${a.roster.name}` }) : tr('intraday.head.noRoster', { date: a.json.date, at }), ''];
  for (const q of a.json.queues) out.push(queueBlock(q, ctx), '');
  out.push(tr('intraday.actions'), '');
  out.push(a.json.actions.length ? renderTable(actionColumns(ctx), a.json.actions).trimEnd() : tr('intraday.actions.none'));
  return out.join('\n') + '\n';
}

const calls = (v: number) => fixed(v, 0);

function queueBlock(q: IntradayQueue, ctx: Context): string {
  const tr = ctx.tr;
  const d = q.day;
  const change = d.forecastSoFar > 0 ? `${d.callsSoFar >= d.forecastSoFar ? '+' : ''}${fixed((100 * (d.callsSoFar - d.forecastSoFar)) / d.forecastSoFar, 1)}%` : '-';
  const rest = q.restOfDay;
  const head = [
    tr('intraday.queue.head', {
      queue: q.queue, forecast: calls(d.forecastCalls), method: q.morningForecast, soFar: calls(d.callsSoFar), forecastSoFar: calls(d.forecastSoFar), change,
      calls: calls(d.reforecastCalls), low: calls(d.reforecastLow), high: calls(d.reforecastHigh),
    }),
    tr('intraday.queue.rest', {
      calls: calls(rest.reforecastCalls), low: calls(rest.reforecastLow), high: calls(rest.reforecastHigh), sl: percent(rest.projectedServiceLevel, 1) || '-',
      target: `${percent(q.serviceLevelTarget.share, 0)}/${q.serviceLevelTarget.seconds}`, below: rest.belowTarget ? tr('intraday.queue.below') : '',
      withActions: percent(rest.projectedServiceLevelWithActions, 1) || '-', abandon: percent(rest.projectedAbandonRate, 1) || '-',
    }),
  ];
  // the intervals with anything to show: forecast, calls or agents
  const rows = q.intervals.filter((iv) => iv.forecastCalls > 0 || (iv.actualCalls ?? 0) > 0 || iv.reforecastCalls > 0 || (iv.scheduledAgents ?? 0) > 0);
  const cols: Column<IntradayInterval>[] = [
    { key: 'intervalStart', header: tr('intraday.col.time'), show: (v) => hhmm(String(v)) },
    { key: 'forecastCalls', header: tr('intraday.col.forecast'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'actualCalls', header: tr('intraday.col.actual'), align: 'right', show: (v) => fixed(v, 0) },
    { key: 'reforecastCalls', header: tr('intraday.col.reforecast'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'reforecastLow', header: tr('intraday.col.band'), align: 'right', show: (_v, iv) => (iv.actualCalls === null ? `${fixed(iv.reforecastLow, 0)}-${fixed(iv.reforecastHigh, 0)}` : '') },
    { key: 'requiredAgents', header: tr('intraday.col.required'), align: 'right' },
    { key: 'scheduledAgents', header: tr('intraday.col.scheduled'), align: 'right', show: (v) => fixed(v, 1) },
    { key: 'scheduledAgents', header: tr('intraday.col.gap'), align: 'right', show: (_v, iv) => fixed(gapOf(iv), 1) },
    { key: 'projectedServiceLevel', header: tr('intraday.col.sl'), align: 'right', show: (v) => percent(v, 1) },
    { key: 'projectedAbandonRate', header: tr('intraday.col.abandon'), align: 'right', show: (v) => percent(v, 1) },
  ];
  return head.join('\n') + '\n\n' + renderTable(cols, rows).trimEnd();
}

/** An action in words (the catalogue's sentence for its kind, as on the live board's panel). */
function actionText(x: IntradayActionJson, ctx: Context): string {
  const view = { ...x, start: hhmm(x.start), end: hhmm(x.end), from: x.from ? `${hhmm(x.from.start)}-${hhmm(x.from.end)}` : null, lift: x.serviceLevelLift };
  return actionWords(ctx.lang, view);
}

function actionColumns(ctx: Context): Column<IntradayActionJson>[] {
  const tr = ctx.tr;
  return [
    { key: 'rank', header: tr('intraday.col.rank'), align: 'right' },
    { key: 'kind', header: tr('intraday.col.action'), align: 'left', show: (_v, x) => actionText(x, ctx) },
    {
      key: 'effects', header: tr('intraday.col.effect'), align: 'left',
      show: (_v, x) => x.effects.map((e) => tr('intraday.effect', { queue: e.queue, before: percent(e.serviceLevelBefore, 1), after: percent(e.serviceLevelAfter, 1) })).join('; '),
    },
    { key: 'serviceLevelLift', header: tr('intraday.col.lift'), align: 'right', show: (v) => `${(v as number) >= 0 ? '+' : ''}${fixed(v, 2)} pt` },
    { key: 'liftPerAgentHour', header: tr('intraday.col.perHour'), align: 'right', show: (v, x) => `${fixed(v, 2)} (${fixed(x.agentHours, 2)} h)` },
  ];
}
