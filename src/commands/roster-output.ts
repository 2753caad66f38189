/**
 * `wfm roster` outputs: the JSON document, the table and CSV views, iCalendar files per agent and
 * the stored snapshot. Times leave the engine as roster minutes and are turned into instants here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import { t } from '../i18n/index.js';
import type { Roster, RosterRules } from '../solver/index.js';
import { buildIcs } from '../roster-io/ics.js';
import { clockOf, dayDate, minuteToDateTime, minuteToIso, MINUTES_PER_DAY, type RosterCalendar } from '../roster-io/time.js';
import type { RosterSnapshot } from '../store/store.js';
import type { Context } from './context.js';

/** The documented `--format json` document. */
export interface RosterJson {
  shifts: { agent: string; queue: string; start: string; end: string; breaks: { start: string; end: string; paid: boolean }[] }[];
  coverage: { queue: string; intervalStart: string; required: number; scheduled: number }[];
  paidHours: number;
  lowerBound: number;
  gap: number;
  understaffed: number;
  solver: string;
  seconds: number;
}

/**
 * Lower bound on paid hours reported to people (hours). The engine proves LB_obj <= paid' + P u' for
 * every roster (P = understaffPenaltyHours, u' its short agent-intervals). So every roster short by at
 * most u agent-intervals pays at least LB_obj - P u; with u = 0 that is the bound on the paid hours of
 * any roster covering every interval. Never below 0.
 */
export function paidHoursBound(roster: Roster, rules: RosterRules): number {
  return Math.max(0, roster.lowerBound - rules.understaffPenaltyHours * roster.understaffed);
}

export function rosterJson(roster: Roster, rules: RosterRules, cal: RosterCalendar): RosterJson {
  const iso = (m: number) => minuteToIso(cal, m);
  const lowerBound = paidHoursBound(roster, rules);
  return {
    shifts: roster.shifts.map((s) => ({
      agent: s.agent,
      queue: s.queue,
      start: iso(s.start),
      end: iso(s.end),
      breaks: s.breaks.map((b) => ({ start: iso(b.start), end: iso(b.end), paid: b.paid })),
    })),
    coverage: roster.coverage.map((c) => ({ queue: c.queue, intervalStart: iso(c.interval * roster.intervalMinutes), required: c.required, scheduled: c.scheduled })),
    paidHours: roster.paidHours,
    lowerBound,
    gap: roster.paidHours > 0 ? Math.max(0, (roster.paidHours - lowerBound) / roster.paidHours) : 0,
    understaffed: roster.understaffed,
    solver: roster.solver,
    seconds: roster.seconds,
  };
}

const breaksText = (s: Roster['shifts'][number], day: number) =>
  s.breaks.map((b) => `${clockOf(b.start, day)}-${clockOf(b.end, day)}${b.paid ? '' : '*'}`).join(' ');

/** CSV: one row per shift. */
export function rosterCsv(roster: Roster, cal: RosterCalendar): string {
  const rows = roster.shifts.map((s) => {
    const d = Math.floor(s.start / MINUTES_PER_DAY);
    const paid = (s.end - s.start - s.breaks.filter((b) => !b.paid).reduce((x, b) => x + b.end - b.start, 0)) / 60;
    return {
      agent: s.agent,
      date: dayDate(cal, d),
      queue: s.queue,
      template: s.template,
      start: minuteToIso(cal, s.start),
      end: minuteToIso(cal, s.end),
      paid_hours: paid,
      breaks: s.breaks.map((b) => `${minuteToIso(cal, b.start)}/${minuteToIso(cal, b.end)} ${b.paid ? 'paid' : 'unpaid'}`).join('; '),
    };
  });
  return renderCsv(['agent', 'date', 'queue', 'template', 'start', 'end', 'paid_hours', 'breaks'], rows);
}

/** The table view: shifts per agent and day, coverage per queue, totals, fairness, short intervals. */
export function rosterTable(roster: Roster, rules: RosterRules, cal: RosterCalendar, ctx: Context, days: number): string {
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
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
        paid: (s.end - s.start - s.breaks.filter((b) => !b.paid).reduce((x, b) => x + b.end - b.start, 0)) / 60,
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

/** A file name safe on every system for an agent id (Agent/10001 -> Agent_10001). */
export function agentFileName(id: string): string {
  return id.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_') || '_';
}

/** Writes DIR/<agent>.ics for every agent with shifts; returns the paths. */
export function writeIcsFiles(dir: string, roster: Roster, cal: RosterCalendar, ctx: Context, name: string): string[] {
  mkdirSync(dir, { recursive: true });
  const byAgent = new Map<string, Roster['shifts']>();
  for (const s of roster.shifts) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), s]);
  const stampMs = ctx.now().getTime();
  const paths: string[] = [];
  const used = new Set<string>();
  for (const [agent, shifts] of [...byAgent].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let file = agentFileName(agent);
    while (used.has(file)) file += '_';
    used.add(file);
    const text = buildIcs({
      name: t(ctx.lang, 'roster.ics.calendar', { agent }),
      zone: cal.zone,
      stampMs,
      events: shifts.map((s) => {
        const d = Math.floor(s.start / MINUTES_PER_DAY);
        return {
          uid: `${name}-${agentFileName(agent)}-${minuteToDateTime(cal, s.start).toUTC().toFormat("yyyyMMdd'T'HHmm'Z'")}@wfm`,
          startMs: minuteToDateTime(cal, s.start).toMillis(),
          endMs: minuteToDateTime(cal, s.end).toMillis(),
          summary: t(ctx.lang, 'roster.ics.summary', { queue: s.queue }),
          description: s.breaks.length
            ? t(ctx.lang, s.breaks.some((b) => !b.paid) ? 'roster.ics.breaks' : 'roster.ics.breaksPaid', { breaks: breaksText(s, d) })
            : undefined,
          categories: [s.queue],
        };
      }),
    });
    const path = join(dir, `${file}.ics`);
    writeFileSync(path, text);
    paths.push(path);
  }
  return paths;
}

/** The store snapshot of a roster. */
export function rosterSnapshot(name: string, roster: Roster, rules: RosterRules, cal: RosterCalendar, days: number, createdMs: number): RosterSnapshot {
  const ms = (m: number) => minuteToDateTime(cal, m).toMillis();
  const j = rosterJson(roster, rules, cal);
  return {
    name,
    createdMs,
    tz: cal.zone,
    startDate: cal.startDate,
    days,
    intervalMinutes: roster.intervalMinutes,
    solver: roster.solver,
    paidHours: roster.paidHours,
    lowerBound: j.lowerBound,
    gap: j.gap,
    understaffed: roster.understaffed,
    seconds: roster.seconds,
    rules: JSON.stringify(rules),
    shifts: roster.shifts.map((s) => ({
      agent: s.agent,
      queue: s.queue,
      template: s.template,
      startMs: ms(s.start),
      endMs: ms(s.end),
      breaks: s.breaks.map((b) => ({ startMs: ms(b.start), endMs: ms(b.end), paid: b.paid })),
    })),
    coverage: roster.coverage.map((c) => ({ queue: c.queue, intervalStartMs: ms(c.interval * roster.intervalMinutes), required: c.required, scheduled: c.scheduled })),
  };
}
