/**
 * Agents CSV fields -> engine agents (`src/solver` Agent). Pure: text in, spans in roster minutes out.
 *
 * Columns (header names, case-insensitive; others such as name or supervisor are ignored):
 *   id            required, unique
 *   team          optional
 *   skills        queues the agent may serve, separated by ";" or "|" (a "skill:level" suffix is
 *                 dropped, as in `wfm import agents`); empty = every queue of the requirements
 *   contract      a contract id of the rules file; empty = the rules' defaultContract
 *   availability  when the agent can work: entries separated by ";", each "DAYS HH:MM-HH:MM" where
 *                 DAYS is Mon..Sun, a range "Mon-Fri", a list "Sat,Sun", "daily", or a date
 *                 "2026-12-08"; an end at or before the start ends the next day; empty = always.
 *                 A shift must lie inside one (merged) available span.
 *   leave         approved leave, entries separated by ";": a date "2026-12-08", a date range
 *                 "2026-12-08..2026-12-10" (whole days, inclusive), or a time range
 *                 "2026-12-08 09:00..2026-12-08 13:00"; no working minute may fall inside.
 *   days_off      approved day-off requests, separated by ";" or ",": dates or weekday names;
 *                 no shift may start on those days.
 * All times are local wall-clock times in the site zone.
 */
import { DateTime } from 'luxon';
import type { Message } from '../errors.js';
import type { Agent, Span } from '../solver/index.js';
import { dateTimeToMinute, MINUTES_PER_DAY, startWeekday, type RosterCalendar } from './time.js';

export interface AgentFieldError {
  field: string;
  key: Message['key'];
  params?: Message['params'];
}

const DAY_NAMES: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
  '周一': 1, '周二': 2, '周三': 3, '周四': 4, '周五': 5, '周六': 6, '周日': 7, '周天': 7,
};

function weekdayOfName(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  return DAY_NAMES[t] ?? null;
}

/** Weekday set of "Mon-Fri", "Sat,Sun", "daily", "1-5"; null when unreadable. */
export function parseWeekdays(text: string): Set<number> | null {
  const t = text.trim().toLowerCase();
  if (t === 'daily' || t === 'all' || t === '*' || t === 'mon-sun') return new Set([1, 2, 3, 4, 5, 6, 7]);
  const out = new Set<number>();
  for (const part of t.split(',')) {
    const range = part.split('-');
    if (range.length === 1) {
      const d = weekdayOfName(range[0]);
      if (d === null) return null;
      out.add(d);
    } else if (range.length === 2) {
      const a = weekdayOfName(range[0]);
      const b = weekdayOfName(range[1]);
      if (a === null || b === null) return null;
      for (let d = a; ; d = (d % 7) + 1) {
        out.add(d);
        if (d === b) break;
      }
    } else return null;
  }
  return out;
}

function clock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[2]) > 59) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= MINUTES_PER_DAY ? v : null;
}

function isoDate(text: string): string | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return null;
  const dt = DateTime.fromISO(t, { zone: 'UTC' });
  return dt.isValid ? t : null;
}

function dayIndex(cal: RosterCalendar, date: string): number {
  return Math.round(DateTime.fromISO(date, { zone: 'UTC' }).diff(DateTime.fromISO(cal.startDate, { zone: 'UTC' }), 'days').days);
}

/** Merge overlapping or touching spans (sorted result). */
export function mergeSpans(spans: Span[]): Span[] {
  const s = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push({ ...p });
  }
  return out;
}

const split = (text: string, seps: RegExp) => text.split(seps).map((x) => x.trim()).filter(Boolean);

/** Availability text -> spans (roster minutes) over days -1..days (see the file comment). */
export function parseAvailability(text: string, cal: RosterCalendar, days: number): Span[] | AgentFieldError {
  const spans: Span[] = [];
  const wd0 = startWeekday(cal);
  for (const entry of split(text, /;/)) {
    const m = /^(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(entry);
    const err: AgentFieldError = { field: 'availability', key: 'roster.agents.badAvailability', params: { value: entry } };
    if (!m) return err;
    const from = clock(m[2]);
    const to = clock(m[3]);
    if (from === null || to === null || from >= MINUTES_PER_DAY) return err;
    const end = to <= from ? to + MINUTES_PER_DAY : to;
    const date = isoDate(m[1]);
    if (date) {
      const d = dayIndex(cal, date);
      spans.push({ start: d * MINUTES_PER_DAY + from, end: d * MINUTES_PER_DAY + end });
      continue;
    }
    const set = parseWeekdays(m[1]);
    if (!set) return err;
    for (let d = -1; d <= days; d++) {
      const wd = ((((wd0 - 1 + d) % 7) + 7) % 7) + 1;
      if (set.has(wd)) spans.push({ start: d * MINUTES_PER_DAY + from, end: d * MINUTES_PER_DAY + end });
    }
  }
  return mergeSpans(spans);
}

/** Leave text -> spans (roster minutes). */
export function parseLeave(text: string, cal: RosterCalendar): Span[] | AgentFieldError {
  const spans: Span[] = [];
  for (const entry of split(text, /;/)) {
    const err: AgentFieldError = { field: 'leave', key: 'roster.agents.badLeave', params: { value: entry } };
    const [a, b] = entry.split('..').map((x) => x.trim());
    const da = isoDate(a);
    if (da && (b === undefined || isoDate(b))) {
      const d0 = dayIndex(cal, da);
      const d1 = b === undefined ? d0 : dayIndex(cal, b);
      if (d1 < d0) return err;
      spans.push({ start: d0 * MINUTES_PER_DAY, end: (d1 + 1) * MINUTES_PER_DAY });
      continue;
    }
    if (b === undefined) return err;
    const pa = DateTime.fromISO(a.replace(' ', 'T'), { zone: cal.zone });
    const pb = DateTime.fromISO(b.replace(' ', 'T'), { zone: cal.zone });
    if (!pa.isValid || !pb.isValid || !/\d:\d\d/.test(a) || !/\d:\d\d/.test(b)) return err;
    const s = dateTimeToMinute(cal, pa);
    const e = dateTimeToMinute(cal, pb);
    if (e <= s) return err;
    spans.push({ start: s, end: e });
  }
  return mergeSpans(spans);
}

/** Day-off text -> roster day indexes within [0, days). */
export function parseDaysOff(text: string, cal: RosterCalendar, days: number): number[] | AgentFieldError {
  const out = new Set<number>();
  const wd0 = startWeekday(cal);
  for (const entry of split(text, /[;,]/)) {
    const date = isoDate(entry);
    if (date) {
      const d = dayIndex(cal, date);
      if (d >= 0 && d < days) out.add(d);
      continue;
    }
    const wd = weekdayOfName(entry);
    if (wd === null) return { field: 'days_off', key: 'roster.agents.badDayOff', params: { value: entry } };
    for (let d = 0; d < days; d++) if (((wd0 - 1 + d) % 7) + 1 === wd) out.add(d);
  }
  return [...out].sort((x, y) => x - y);
}

/** Skills text -> queue names ("billing:4;vip" -> billing, vip). */
export function parseSkills(text: string): string[] {
  return [...new Set(split(text, /[;|]/).map((s) => s.replace(/:[^:]*$/, '').trim()).filter(Boolean))];
}

/** Contract ids listed in the message for an unknown one. */
const KNOWN_SHOWN = 10;

/**
 * One CSV record -> an Agent, or the first field error. `queues` are the requirement queues (the
 * default skill set), `contracts` the ids the rules define (a set when there are many agents: each
 * record looks its contract up once).
 */
export function agentFromFields(
  f: Record<string, string | undefined>,
  cal: RosterCalendar,
  days: number,
  queues: string[],
  contracts: readonly string[] | ReadonlySet<string>,
): Agent | AgentFieldError {
  const id = (f.id ?? '').trim();
  if (!id) return { field: 'id', key: 'roster.agents.noId' };
  const skillsText = (f.skills ?? '').trim();
  const skills = skillsText ? parseSkills(skillsText) : [...queues];
  const unknown = skills.filter((s) => !queues.includes(s));
  // a skill for a queue the requirements do not mention is harmless: drop it
  const usable = skills.filter((s) => queues.includes(s));
  if (skillsText && usable.length === 0) return { field: 'skills', key: 'roster.agents.noUsableSkill', params: { skills: unknown.join(', ') } };
  const agent: Agent = { id, skills: usable };
  const team = (f.team ?? '').trim();
  if (team) agent.team = team;
  const contract = (f.contract ?? '').trim();
  if (contract) {
    if (!('has' in contracts ? contracts.has(contract) : contracts.includes(contract))) {
      const ids: string[] = [];
      for (const k of contracts) if (ids.push(k) > KNOWN_SHOWN) break;
      const known = ids.slice(0, KNOWN_SHOWN).join(', ') + (ids.length > KNOWN_SHOWN ? ', ...' : '');
      return { field: 'contract', key: 'roster.agents.unknownContract', params: { value: contract, known } };
    }
    agent.contract = contract;
  }
  const av = (f.availability ?? '').trim();
  if (av) {
    const r = parseAvailability(av, cal, days);
    if (!Array.isArray(r)) return r;
    agent.availability = r;
  }
  const lv = (f.leave ?? '').trim();
  if (lv) {
    const r = parseLeave(lv, cal);
    if (!Array.isArray(r)) return r;
    agent.leave = r;
  }
  const dof = (f.days_off ?? f.daysoff ?? f['days off'] ?? '').trim();
  if (dof) {
    const r = parseDaysOff(dof, cal, days);
    if (!Array.isArray(r)) return r;
    if (r.length) agent.daysOff = r;
  }
  return agent;
}
