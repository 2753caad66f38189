/**
 * The `wfm roster` table view (shifts per agent and day, coverage per queue, totals, fairness, short
 * intervals) and the choice between it, JSON and CSV.
 */
import { fixed, percent, renderJson, renderTable, safeText, type Column } from '../format.js';
import { paidMinutesOf, type Roster, type RosterRules } from '../solver/index.js';
import { rosterCsv, rosterJson, breaksText, requestRows, type RequestRow } from '../roster-io/output.js';
import { clockOf, dayDate, minuteToDateTime, minuteToIso, MINUTES_PER_DAY, type RosterCalendar } from '../roster-io/time.js';
import type { Context } from './context.js';

/** The table view: shifts per agent and day, coverage per queue, totals, fairness, short intervals. */
export function rosterTable(roster: Roster, rules: RosterRules, cal: RosterCalendar, ctx: Context, days: number): string {
  const tr = ctx.tr;
  const out: string[] = [];
  out.push(tr('roster.head', { from: dayDate(cal, 0), to: dayDate(cal, days - 1), zone: cal.zone, agents: roster.agents.length, shifts: roster.shifts.length }));
  out.push('');
  type S = { agent: string; date: string; start: string; end: string; breaks: string; queue: string; paid: number };
  const rows: S[] = [...roster.shifts]
    .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.start - b.start))
    .map((s) => {
      const d = Math.floor(s.start / MINUTES_PER_DAY);
      return {
        agent: s.agent,
        date: `${dayDate(cal, d)} ${minuteToDateTime(cal, s.start).setLocale(ctx.lang === 'zh-CN' ? 'zh-CN' : 'en').toFormat('ccc')}`,
        start: clockOf(s.start, d),
        end: clockOf(s.end, d),
        breaks: breaksText(s, d),
        queue: s.queue,
        paid: paidMinutesOf(s) / 60,
      };
    });
  const sc: Column<S>[] = [
    { key: 'agent', header: tr('roster.col.agent') },
    { key: 'date', header: tr('col.date') },
    { key: 'start', header: tr('roster.col.start') },
    { key: 'end', header: tr('roster.col.end') },
    { key: 'breaks', header: tr('roster.col.breaks') },
    { key: 'queue', header: tr('col.queue') },
    { key: 'paid', header: tr('roster.col.paidHours'), align: 'right', show: (v) => fixed(v, 2) },
  ];
  out.push(renderTable(sc, rows) + tr('roster.unpaidNote'));
  out.push('');
  // coverage per queue
  const g = roster.intervalMinutes / 60;
  type Q = { queue: string; required: number; scheduled: number; over: number; under: number; shortIntervals: number };
  const perQueue = new Map<string, Q>();
  for (const c of roster.coverage) {
    const q = perQueue.get(c.queue) ?? { queue: c.queue, required: 0, scheduled: 0, over: 0, under: 0, shortIntervals: 0 };
    q.required += c.required * g;
    q.scheduled += c.scheduled * g;
    if (c.scheduled > c.required) q.over += (c.scheduled - c.required) * g;
    if (c.scheduled < c.required) {
      q.under += c.required - c.scheduled;
      q.shortIntervals++;
    }
    perQueue.set(c.queue, q);
  }
  out.push(tr('roster.coverageTitle'));
  out.push(
    renderTable<Q>(
      [
        { key: 'queue', header: tr('col.queue') },
        { key: 'required', header: tr('roster.col.requiredHours'), align: 'right', show: (v) => fixed(v, 2) },
        { key: 'scheduled', header: tr('roster.col.scheduledHours'), align: 'right', show: (v) => fixed(v, 2) },
        { key: 'over', header: tr('roster.col.overHours'), align: 'right', show: (v) => fixed(v, 2) },
        { key: 'under', header: tr('roster.col.under'), align: 'right' },
        { key: 'shortIntervals', header: tr('roster.col.shortIntervals'), align: 'right' },
      ],
      [...perQueue.values()],
    ),
  );
  const j = rosterJson(roster, rules, cal);
  out.push(tr('roster.totalsTitle'));
  out.push(tr('roster.totals', {
    paid: fixed(roster.paidHours, 2),
    above: fixed(roster.hoursAbove, 2),
    under: roster.understaffed,
    bound: fixed(j.lowerBound, 2),
    gap: percent(j.gap, 2),
    solver: roster.solver,
    seconds: fixed(roster.seconds, 1),
  }));
  out.push(roster.understaffed > 0 ? tr('roster.boundNoteShort', { penalty: rules.understaffPenaltyHours, under: roster.understaffed }) : tr('roster.boundNote'));
  out.push('');
  if (roster.parts) {
    const met = (roster.requests ?? []).filter((q) => q.met).length;
    out.push(tr('roster.objectiveParts', { objective: fixed(roster.objective, 2), intervals: fixed(roster.parts.intervals, 2), cover: fixed(roster.parts.cover, 2), requests: fixed(roster.parts.requests, 2), bound: fixed(roster.lowerBound, 2), met, total: roster.requests?.length ?? 0 }));
    out.push('');
    if (roster.requests?.length) {
      out.push(tr('roster.requestsTitle'));
      out.push(
        renderTable<RequestRow>(
          [
            { key: 'agent', header: tr('roster.col.agent') },
            { key: 'date', header: tr('col.date') },
            { key: 'shift', header: tr('roster.col.shift') },
            { key: 'kind', header: tr('roster.col.kind') },
            { key: 'weight', header: tr('roster.col.weight'), align: 'right', show: (v) => fixed(v, 2) },
            { key: 'met', header: tr('roster.col.met'), show: (v) => tr(v ? 'roster.met.yes' : 'roster.met.no') },
          ],
          requestRows(roster, cal),
        ),
      );
    }
  }
  type F = Roster['fairness'][number];
  out.push(tr('roster.fairnessTitle'));
  out.push(
    renderTable<F>(
      [
        { key: 'agent', header: tr('roster.col.agent') },
        { key: 'days', header: tr('roster.col.days'), align: 'right' },
        { key: 'paidHours', header: tr('roster.col.paidHours'), align: 'right', show: (v) => fixed(v, 2) },
        { key: 'weekends', header: tr('roster.col.weekends'), align: 'right' },
        { key: 'nights', header: tr('roster.col.nights'), align: 'right' },
        { key: 'holidays', header: tr('roster.col.holidays'), align: 'right' },
      ],
      roster.fairness,
    ),
  );
  for (const c of j.fairness) {
    const range = (x: { min: number; max: number; spread: number }) => `${x.min}-${x.max} (${x.spread})`;
    out.push(tr('roster.fairnessSpread', { contract: safeText(c.contract), agents: c.agents, weekends: range(c.weekendsWorked), nights: range(c.nights), unmet: range(c.unmetRequests) }));
  }
  if (roster.shortIntervals.length) {
    out.push(tr('roster.shortTitle', { count: roster.shortIntervals.length }));
    type R = { queue: string; intervalStart: string; short: number };
    out.push(
      renderTable<R>(
        [
          { key: 'queue', header: tr('col.queue') },
          { key: 'intervalStart', header: tr('col.intervalStart') },
          { key: 'short', header: tr('roster.col.short'), align: 'right' },
        ],
        roster.shortIntervals.map((s) => ({ queue: s.queue, intervalStart: minuteToIso(cal, s.interval * roster.intervalMinutes), short: s.short })),
      ),
    );
  }
  return out.join('\n') + '\n';
}

export function renderRoster(roster: Roster, rules: RosterRules, cal: RosterCalendar, ctx: Context, days: number): string {
  if (ctx.format === 'json') return renderJson(rosterJson(roster, rules, cal));
  if (ctx.format === 'csv') return rosterCsv(roster, cal);
  return rosterTable(roster, rules, cal, ctx, days);
}
