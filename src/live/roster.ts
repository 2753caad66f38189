/**
 * The schedule the seat board compares against (adherence): agent shifts with breaks, from the roster
 * given with `--roster` (a saved roster or a roster file, read by src/formats/shifts.ts).
 *
 * Adherence (a common WFM definition, e.g. Reynolds, "The Call Center Handbook"): the scheduled
 * activity now (work, break, off) against the actual seat state. In adherence: work with the seat
 * available, ringing, talking or in wrap-up; break with the seat paused or logged out; off with the
 * seat logged out. The current mismatch is timed from the later of the state change and the start
 * of the scheduled activity.
 */
import type { Shift } from '../formats/shifts.js';
import type { AdherenceView, Scheduled, SeatState } from './types.js';

/** A shift as the board compares against it (src/formats/shifts.ts has the whole Shift). */
export type RosterShift = Pick<Shift, 'startMs' | 'endMs' | 'breaks'>;

export interface RosterAgent {
  agent: string;
  team: string | null;
  shifts: RosterShift[];
}

export type Roster = Map<string, RosterAgent>;

/** The board's roster from a roster's shifts (src/formats/shifts.ts): per agent, shifts by start. */
export function rosterFromShifts(shifts: readonly Shift[]): Roster {
  const roster: Roster = new Map();
  for (const sh of shifts) {
    let r = roster.get(sh.agent);
    if (!r) roster.set(sh.agent, (r = { agent: sh.agent, team: null, shifts: [] }));
    if (sh.team) r.team = sh.team;
    r.shifts.push({ startMs: sh.startMs, endMs: sh.endMs, breaks: sh.breaks });
  }
  for (const r of roster.values()) r.shifts.sort((a, b) => a.startMs - b.startMs);
  return roster;
}

/** The scheduled activity at `nowMs` and when it began (epoch ms; -Infinity when unknown). */
export function scheduledAt(r: RosterAgent, nowMs: number): { activity: Scheduled; startMs: number } {
  let lastEnd = -Infinity;
  for (const s of r.shifts) {
    if (nowMs >= s.startMs && nowMs < s.endMs) {
      let segStart = s.startMs;
      for (const b of s.breaks) {
        if (nowMs >= b.startMs && nowMs < b.endMs) return { activity: 'break', startMs: b.startMs };
        if (b.endMs <= nowMs) segStart = Math.max(segStart, b.endMs);
      }
      return { activity: 'work', startMs: segStart };
    }
    if (s.endMs <= nowMs) lastEnd = Math.max(lastEnd, s.endMs);
  }
  return { activity: 'off', startMs: lastEnd };
}

const WORKING: ReadonlySet<SeatState> = new Set(['available', 'ringing', 'talking', 'wrapup']);

/** Whether a seat state matches a scheduled activity (see the module comment). */
export function isAdherent(activity: Scheduled, state: SeatState): boolean {
  if (activity === 'work') return WORKING.has(state);
  if (activity === 'break') return state === 'paused' || state === 'loggedOut';
  return state === 'loggedOut';
}

/** Adherence of one agent at `nowMs`, its state having started at `stateSinceMs`. */
export function adherenceAt(r: RosterAgent, state: SeatState, stateSinceMs: number, nowMs: number): AdherenceView {
  const s = scheduledAt(r, nowMs);
  const adherent = isAdherent(s.activity, state);
  const from = Math.max(stateSinceMs, s.startMs);
  return { scheduled: s.activity, adherent, outSeconds: adherent ? 0 : Math.max(0, Math.floor((nowMs - from) / 1000)) };
}
