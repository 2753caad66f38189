/**
 * `wfm roster` outputs that are plain data: the JSON document, the CSV, the proven bound on paid hours
 * and iCalendar files per agent. Times leave the engine as roster minutes and become instants here.
 * Pure (the table view is rendered by src/commands/roster-table.ts; files are written by src/app).
 */
import { renderCsv } from '../format.js';
import { tExact, type Lang } from '../i18n/index.js';
import { contractSpreads, paidMinutesOf, type ContractFairness, type Roster, type RosterRules } from '../solver/index.js';
import { buildIcs } from './ics.js';
import { clockOf, dayDate, minuteToDateTime, minuteToIso, MINUTES_PER_DAY, type RosterCalendar } from './time.js';

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
  /** Per contract: the least and most weekends worked, night shifts and unmet requests over its agents, and the spread. */
  fairness: ContractFairness[];
  /** With requests, shift-count cover or rotation rules (issue 18) only: the whole objective (hours),
   *  its proven lower bound, its parts and every request with whether it was met. */
  objective?: number;
  objectiveLowerBound?: number;
  parts?: { intervals: number; cover: number; requests: number };
  requests?: RequestRow[];
}

export interface RequestRow {
  agent: string;
  date: string;
  /** Template id, '' for the whole day. */
  shift: string;
  kind: 'on' | 'off';
  weight: number;
  met: boolean;
}

/** The roster's requests as rows (dates in the roster's calendar). */
export function requestRows(roster: Roster, cal: RosterCalendar): RequestRow[] {
  return (roster.requests ?? []).map((q) => ({ agent: q.agent, date: dayDate(cal, q.day), shift: q.template ?? '', kind: q.kind, weight: q.weight, met: q.met }));
}

/**
 * Lower bound on paid hours reported to people (hours). The engine proves LB_obj <= paid' + P u' for
 * every roster (P = understaffPenaltyHours, u' its short agent-intervals). So every roster short by at
 * most u agent-intervals pays at least LB_obj - P u; with u = 0 that is the bound on the paid hours of
 * any roster covering every interval. Never below 0.
 */
export function paidHoursBound(roster: Roster, rules: RosterRules): number {
  // the bound on paid + penalty x short alone: with requests or cover the roster's lowerBound also
  // holds their costs
  return Math.max(0, (roster.intervalLowerBound ?? roster.lowerBound) - rules.understaffPenaltyHours * roster.understaffed);
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
    fairness: contractSpreads(roster.fairness),
    ...(roster.parts ? { objective: roster.objective, objectiveLowerBound: roster.lowerBound, parts: roster.parts, requests: requestRows(roster, cal) } : {}),
  };
}

export const breaksText = (s: Roster['shifts'][number], day: number) =>
  s.breaks.map((b) => `${clockOf(b.start, day)}-${clockOf(b.end, day)}${b.paid ? '' : '*'}`).join(' ');

/** CSV: one row per shift. */
export function rosterCsv(roster: Roster, cal: RosterCalendar): string {
  const rows = roster.shifts.map((s) => {
    const d = Math.floor(s.start / MINUTES_PER_DAY);
    const paid = paidMinutesOf(s) / 60;
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
  if (!roster.requests?.length) return renderCsv(['agent', 'date', 'queue', 'template', 'start', 'end', 'paid_hours', 'breaks'], rows);
  // with requests: a first column tells shift rows from request rows (kind, weight, met)
  const all = [
    ...rows.map((r) => ({ record: 'shift', ...r, kind: '', weight: '', met: '' })),
    ...requestRows(roster, cal).map((q) => ({ record: 'request', agent: q.agent, date: q.date, queue: '', template: q.shift, start: '', end: '', paid_hours: '', breaks: '', kind: q.kind, weight: q.weight, met: q.met ? 'yes' : 'no' })),
  ];
  return renderCsv(['record', 'agent', 'date', 'queue', 'template', 'start', 'end', 'paid_hours', 'breaks', 'kind', 'weight', 'met'], all);
}

/** A file name safe on every system for an agent id (Agent/10001 -> Agent_10001). */
export function agentFileName(id: string): string {
  return id.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_') || '_';
}

/**
 * One iCalendar file per agent with shifts (name `<agent>.ics`, see agentFileName; a clash gets `_`s),
 * events named in `lang`; `name` (the roster's) goes into every event's UID, `stampMs` is DTSTAMP.
 */
export function icsFiles(roster: Roster, cal: RosterCalendar, lang: Lang, name: string, stampMs: number): { file: string; text: string }[] {
  const byAgent = new Map<string, Roster['shifts']>();
  for (const s of roster.shifts) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), s]);
  const files: { file: string; text: string }[] = [];
  const used = new Set<string>();
  for (const [agent, shifts] of [...byAgent].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let file = agentFileName(agent);
    while (used.has(file)) file += '_';
    used.add(file);
    const text = buildIcs({
      name: tExact(lang, 'roster.ics.calendar', { agent }),
      zone: cal.zone,
      stampMs,
      events: shifts.map((s) => {
        const d = Math.floor(s.start / MINUTES_PER_DAY);
        return {
          uid: `${name}-${agentFileName(agent)}-${minuteToDateTime(cal, s.start).toUTC().toFormat("yyyyMMdd'T'HHmm'Z'")}@wfm`,
          startMs: minuteToDateTime(cal, s.start).toMillis(),
          endMs: minuteToDateTime(cal, s.end).toMillis(),
          summary: tExact(lang, 'roster.ics.summary', { queue: s.queue }),
          description: s.breaks.length
            ? tExact(lang, s.breaks.some((b) => !b.paid) ? 'roster.ics.breaks' : 'roster.ics.breaksPaid', { breaks: breaksText(s, d) })
            : undefined,
          categories: [s.queue],
        };
      }),
    });
    files.push({ file: `${file}.ics`, text });
  }
  return files;
}
