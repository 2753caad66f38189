/**
 * The roster as `wfm intraday` works on it: a saved roster or a roster file as the action planner's
 * shifts (src/solver/intraday.ts, roster minutes), with the rules to check them against; and back, a
 * new saved roster version with the accepted actions applied. No store access here (src/app/intraday.ts
 * reads and writes); plain conversions.
 *
 * - Saved rosters carry their template ids and the validated rules they were made under (the
 *   snapshot's `rules`), which the actions are checked against. A roster file has neither: its
 *   shifts are matched to the templates of the rules (`--rules`, wfm.yaml's roster-rules, else the
 *   bundled ones) by length, start and breaks; a shift no template matches gets no action.
 * - A shift that serves another queue for a window is saved as one shift per part (the same template,
 *   abutting); reading a saved roster joins such parts of one agent back into one shift (two shifts of
 *   one agent cannot abut otherwise: the rest rule forbids it).
 * - Versions: a roster saved by `--apply NAME` records its parent in its `solver` field as
 *   `intraday:PARENT`. The version in force of a roster is its newest descendant.
 */
import { DateTime, IANAZone } from 'luxon';
import { dayNumber } from '../forecast/index.js';
import type { Shift } from '../formats/shifts.js';
import { minuteToDateTime, startWeekday, type RosterCalendar } from '../roster-io/time.js';
import type { Requirements, RosterRules } from '../solver/index.js';
import { matchTemplate, type PlanShift } from '../solver/intraday.js';
import type { RosterSnapshot, RosterSummary } from '../store/index.js';

/** The `solver` of a saved roster version: the parent's name after this prefix. */
export const VERSION_PREFIX = 'intraday:';

export interface RosterPlan {
  /** The saved name or the file. */
  name: string;
  kind: 'saved' | 'file';
  cal: RosterCalendar;
  days: number;
  /** Grid of the saved coverage (minutes). */
  intervalMinutes: number;
  rules: RosterRules;
  shifts: PlanShift[];
  /** Shifts no template of the rules matches (they get no action). */
  unmatched: number;
  /** Shifts that name no queue (counted for no queue). */
  noQueue: number;
  /** The saved roster, to derive a version from. */
  snapshot?: RosterSnapshot;
}

/** A saved roster's rules (the validated rules it was made under), or null when the text is not such an object. */
export function rulesOfSnapshot(text: string): RosterRules | null {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch {
    return null;
  }
  const o = r as Partial<RosterRules> | null;
  if (!o || typeof o !== 'object' || !Array.isArray(o.shifts) || !Array.isArray(o.contracts) || typeof o.minRestMinutes !== 'number') return null;
  const shapeOk = o.shifts.every((t) => t && typeof t.id === 'string' && typeof t.minutes === 'number' && Array.isArray(t.starts) && Array.isArray(t.breaks));
  return shapeOk ? (o as RosterRules) : null;
}

/**
 * The roster minute of an instant: local wall-clock minutes since local midnight of the roster's day 0
 * (as dateTimeToMinute of src/roster-io/time.ts, without building calendar objects: the zone's offset).
 */
function minuteOf(cal: RosterCalendar, ms: number): number {
  const local = ms + offsetMinutes(IANAZone.create(cal.zone), ms) * 60_000;
  return Math.floor(local / 60_000) - dayNumber(cal.startDate) * 1440;
}

/** A saved roster as plan shifts (parts of one agent's shift joined back, see the module comment). */
export function planFromSnapshot(snap: RosterSnapshot, rules: RosterRules): RosterPlan {
  const cal: RosterCalendar = { startDate: snap.startDate, zone: snap.tz };
  const sorted = [...snap.shifts].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.startMs - b.startMs));
  const shifts: PlanShift[] = [];
  let unmatched = 0;
  for (const x of sorted) {
    const start = minuteOf(cal, x.startMs);
    const end = minuteOf(cal, x.endMs);
    const breaks = x.breaks.map((b) => ({ start: minuteOf(cal, b.startMs), end: minuteOf(cal, b.endMs), paid: b.paid }));
    const prev = shifts[shifts.length - 1];
    if (prev && prev.agent === x.agent && prev.end === start && prev.template === (x.template || null)) {
      prev.end = end;
      prev.breaks.push(...breaks);
      const last = prev.parts[prev.parts.length - 1];
      if (last.queue === x.queue) last.end = end;
      else prev.parts.push({ start, end, queue: x.queue });
      continue;
    }
    shifts.push({ agent: x.agent, template: x.template || null, start, end, breaks, parts: [{ start, end, queue: x.queue }] });
  }
  for (const s of shifts) {
    s.breaks.sort((a, b) => a.start - b.start);
    const t = rules.shifts.find((u) => u.id === s.template);
    if (!t || t.minutes !== s.end - s.start) {
      // a template the rules do not have (or joined parts that do not make one): matched like a file's
      const m = matchTemplate(rules, s.start, s.end, s.breaks);
      s.template = m?.template ?? null;
      if (!m) unmatched++;
    }
  }
  return { name: snap.name, kind: 'saved', cal, days: snap.days, intervalMinutes: snap.intervalMinutes, rules, shifts, unmatched, noQueue: 0, snapshot: snap };
}

/**
 * A roster file's shifts as plan shifts on a calendar from the first shift's local date to the last
 * one's. A shift serves its first queue, or `onlyQueue` when it names none (null: counted for none).
 */
export function planFromFile(name: string, file: readonly Shift[], zone: string, rules: RosterRules, onlyQueue: string | null): RosterPlan {
  const dates = file.map((s) => DateTime.fromMillis(s.startMs, { zone }).toISODate()!).sort();
  const lastEnd = file.reduce((m, s) => Math.max(m, s.endMs), 0);
  const startDate = dates[0];
  const cal: RosterCalendar = { startDate, zone };
  const endDate = DateTime.fromMillis(lastEnd, { zone }).toISODate()!;
  const days = Math.max(1, Math.round(DateTime.fromISO(endDate, { zone: 'UTC' }).diff(DateTime.fromISO(startDate, { zone: 'UTC' }), 'days').days) + 1);
  let unmatched = 0;
  let noQueue = 0;
  const shifts: PlanShift[] = [];
  for (const s of file) {
    const queue = s.queues[0] ?? onlyQueue;
    if (queue === null) {
      noQueue++;
      continue;
    }
    const start = minuteOf(cal, s.startMs);
    const end = minuteOf(cal, s.endMs);
    const breaks = s.breaks.map((b) => ({ start: minuteOf(cal, b.startMs), end: minuteOf(cal, b.endMs), paid: b.paid }));
    const m = matchTemplate(rules, start, end, breaks);
    if (!m) unmatched++;
    shifts.push({
      agent: s.agent,
      template: m?.template ?? null,
      start,
      end,
      breaks: m ? m.breaks : breaks.map((b) => ({ ...b, paid: b.paid ?? true })).sort((a, b) => a.start - b.start),
      parts: [{ start, end, queue }],
    });
  }
  return { name, kind: 'file', cal, days, intervalMinutes: 15, rules, shifts, unmatched, noQueue };
}

/** The checker's requirements for a roster: its days and weekday on a 15-minute grid, every queue, nothing required. */
export function checkerRequirements(plan: RosterPlan, queues: readonly string[]): Requirements {
  const all = new Set(queues);
  for (const s of plan.shifts) for (const p of s.parts) all.add(p.queue);
  const n = (plan.days * 1440) / 15;
  return { intervalMinutes: 15, days: plan.days, startWeekday: startWeekday(plan.cal), queues: [...all].sort().map((queue) => ({ queue, required: new Array<number>(n).fill(0) })) };
}

/** The roster day index of a local date (may fall outside the roster). */
export function dayIndexOf(cal: RosterCalendar, date: string): number {
  return Math.round(DateTime.fromISO(date, { zone: 'UTC' }).diff(DateTime.fromISO(cal.startDate, { zone: 'UTC' }), 'days').days);
}

/** The parent a saved roster version names, or null (a roster made by `wfm roster`). */
export function parentOf(solver: string): string | null {
  return solver.startsWith(VERSION_PREFIX) ? solver.slice(VERSION_PREFIX.length) : null;
}

/**
 * The version of roster `name` in force: its newest descendant (`--apply` versions of it, of them, …)
 * saved at or before `atMs` (createdMs), else itself.
 */
export function versionInForce(rosters: readonly RosterSummary[], name: string, atMs = Infinity): string {
  const children = new Map<string, RosterSummary[]>();
  for (const r of rosters) {
    const p = parentOf(r.solver);
    if (p === null || r.createdMs > atMs) continue;
    let l = children.get(p);
    if (!l) children.set(p, (l = []));
    l.push(r);
  }
  let best = { name, createdMs: -Infinity };
  const seen = new Set<string>([name]);
  const stack = [name];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (seen.has(c.name)) continue;
      seen.add(c.name);
      if (c.createdMs > best.createdMs || (c.createdMs === best.createdMs && c.name > best.name)) best = c;
      stack.push(c.name);
    }
  }
  return best.name;
}

/**
 * The roster `wfm intraday` uses when none is named, or null: the newest root roster (one not saved by
 * `--apply`, see parentOf) whose days cover `date` (a local date), then its version in force at `atMs`
 * (versionInForce, as the live board). An `--apply` version is never chosen as the root, so a replay
 * does not take its own earlier output as its baseline.
 */
export function rosterCovering(rosters: readonly RosterSummary[], date: string, atMs = Infinity): string | null {
  let best: RosterSummary | null = null;
  for (const r of rosters) {
    if (parentOf(r.solver) !== null) continue;
    const d = dayIndexOf({ startDate: r.startDate, zone: r.tz }, date);
    if (d < 0 || d >= r.days) continue;
    if (!best || r.createdMs > best.createdMs || (r.createdMs === best.createdMs && r.name > best.name)) best = r;
  }
  return best ? versionInForce(rosters, best.name, atMs) : null;
}

/**
 * A new saved version of a roster with changed shifts: each part of a shift saved as one shift; the
 * coverage recounted on the roster's grid (per interval the fewest agents at work in any minute, as
 * `wfm roster` reports it) against the original's requirement; paid hours, understaffing and gap
 * recomputed (the original's lower bound kept: it bounds any roster for those requirements).
 */
export function versionSnapshot(plan: RosterPlan, shifts: readonly PlanShift[], name: string, createdMs: number): RosterSnapshot {
  const { cal, days } = plan;
  const g = plan.intervalMinutes;
  const ms = (m: number) => minuteToDateTime(cal, m).toMillis();
  const out: RosterSnapshot['shifts'] = [];
  for (const s of [...shifts].sort((a, b) => a.start - b.start || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0))) {
    for (const p of s.parts) {
      out.push({
        agent: s.agent,
        queue: p.queue,
        template: s.template ?? '',
        startMs: ms(p.start),
        endMs: ms(p.end),
        breaks: s.breaks.filter((b) => b.start >= p.start && b.start < p.end).map((b) => ({ startMs: ms(b.start), endMs: ms(b.end), paid: b.paid })),
      });
    }
  }
  // coverage: per queue and interval, the fewest agents at work in any minute
  const horizon = days * 1440;
  const required = new Map<string, number>();
  for (const c of plan.snapshot?.coverage ?? []) required.set(`${c.queue}\u0000${c.intervalStartMs}`, c.required);
  const queues = [...new Set([...(plan.snapshot?.coverage ?? []).map((c) => c.queue), ...shifts.flatMap((s) => s.parts.map((p) => p.queue))])].sort();
  const coverage: RosterSnapshot['coverage'] = [];
  let understaffed = 0;
  for (const queue of queues) {
    const perMinute = new Int32Array(horizon);
    for (const s of shifts) {
      for (const p of s.parts) {
        if (p.queue !== queue) continue;
        for (let m = Math.max(0, p.start); m < Math.min(horizon, p.end); m++) perMinute[m]++;
      }
      for (const b of s.breaks) {
        const q = s.parts.find((p) => b.start >= p.start && b.start < p.end)?.queue;
        if (q !== queue) continue;
        for (let m = Math.max(0, b.start); m < Math.min(horizon, b.end); m++) perMinute[m]--;
      }
    }
    for (let t = 0; t < horizon / g; t++) {
      let fewest = Infinity;
      for (let m = t * g; m < (t + 1) * g; m++) fewest = Math.min(fewest, perMinute[m]);
      const startMs = ms(t * g);
      const need = required.get(`${queue}\u0000${startMs}`) ?? 0;
      understaffed += Math.max(0, need - fewest);
      coverage.push({ queue, intervalStartMs: startMs, required: need, scheduled: fewest });
    }
  }
  let paid = 0;
  for (const s of shifts) {
    paid += s.end - s.start;
    for (const b of s.breaks) if (!b.paid) paid -= b.end - b.start;
  }
  const paidHours = paid / 60;
  const lowerBound = plan.snapshot?.lowerBound ?? 0;
  const objective = paidHours + plan.rules.understaffPenaltyHours * understaffed;
  return {
    name,
    createdMs,
    tz: cal.zone,
    startDate: cal.startDate,
    days,
    intervalMinutes: g,
    solver: VERSION_PREFIX + plan.name,
    paidHours,
    lowerBound,
    gap: objective > 0 ? Math.max(0, (objective - lowerBound) / objective) : 0,
    understaffed,
    seconds: 0,
    rules: JSON.stringify(plan.rules),
    shifts: out,
    coverage,
  };
}

/** Local date and minute of day of an instant (fast: the zone's offset, no calendar objects). */
export function localMinute(zone: IANAZone, ms: number): { day: number; minute: number } {
  const local = ms + offsetMinutes(zone, ms) * 60_000;
  const day = Math.floor(local / 86_400_000);
  return { day, minute: Math.floor((local - day * 86_400_000) / 60_000) };
}

/** Offsets (minutes) of zones per UTC hour, when the same at the hour's start and end. */
const hourOffsets = new Map<string, Map<number, number>>();
const HOUR_MS = 3_600_000;

/**
 * A zone's offset at an instant, minutes (as IANAZone.offset, which asks Intl and costs microseconds:
 * a day of a million calls and a roster of thousands of shifts asks it millions of times). Kept per
 * UTC hour when the offset at the hour's start equals that at its end (no change within it: zones
 * change at most once in an hour); an hour with a change is asked exactly every time.
 */
export function offsetMinutes(zone: IANAZone, ms: number): number {
  let byHour = hourOffsets.get(zone.name);
  if (!byHour) hourOffsets.set(zone.name, (byHour = new Map()));
  const h = Math.floor(ms / HOUR_MS);
  const known = byHour.get(h);
  if (known !== undefined) return known;
  const a = zone.offset(h * HOUR_MS);
  const b = zone.offset((h + 1) * HOUR_MS - 1);
  if (a !== b) return zone.offset(ms);
  if (byHour.size > 100_000) byHour.clear();
  byHour.set(h, a);
  return a;
}
