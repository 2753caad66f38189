/**
 * The schedule the seat board compares against (adherence): agent shifts with breaks, read from a
 * JSON or CSV file given with `--roster`. Parsing is pure (text in); the command reads the file.
 *
 * JSON: an array of `{ "agent": "Agent/1001", "team": "A", "start": "2026-03-02 08:00",
 *   "end": "2026-03-02 17:00", "breaks": [{ "start": "...", "end": "..." }] }` (one entry per shift;
 *   team and breaks optional).
 * CSV: header `agent,start,end[,breaks][,team]`; breaks as `start~end` pairs separated by `;`.
 * Times are local "YYYY-MM-DD HH:MM[:SS]" in the site's zone, or ISO 8601 with an offset.
 *
 * Adherence (a common WFM definition, e.g. Reynolds, "The Call Center Handbook"): the scheduled
 * activity now (work, break, off) against the actual seat state. In adherence: work with the seat
 * available, ringing, talking or in wrap-up; break with the seat paused or logged out; off with the
 * seat logged out. The current mismatch is timed from the later of the state change and the start
 * of the scheduled activity.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { parseLocalTime } from '../time.js';
import type { AdherenceView, Scheduled, SeatState } from './types.js';

export interface RosterShift {
  startMs: number;
  endMs: number;
  breaks: { startMs: number; endMs: number }[];
}

export interface RosterAgent {
  agent: string;
  team: string | null;
  shifts: RosterShift[];
}

export type Roster = Map<string, RosterAgent>;

interface RawShift {
  agent?: unknown;
  team?: unknown;
  start?: unknown;
  end?: unknown;
  breaks?: unknown;
}

function time(value: unknown, zone: string, file: string, line: number, field: string): number {
  if (typeof value !== 'string') throw new InputError({ file, line, field }, { key: 'live.err.rosterField', params: { field } });
  const p = parseLocalTime(value, zone);
  if (!p.ok) throw new InputError({ file, line, field }, { key: 'live.err.rosterTime', params: { value: value.slice(0, 40) } });
  return p.time.toMillis();
}

function add(roster: Roster, raw: RawShift, zone: string, file: string, line: number): void {
  if (typeof raw.agent !== 'string' || raw.agent.trim() === '') {
    throw new InputError({ file, line, field: 'agent' }, { key: 'live.err.rosterField', params: { field: 'agent' } });
  }
  const agent = raw.agent.trim();
  const startMs = time(raw.start, zone, file, line, 'start');
  const endMs = time(raw.end, zone, file, line, 'end');
  if (endMs <= startMs) throw new InputError({ file, line, field: 'end' }, { key: 'live.err.rosterOrder' });
  const breaks: RosterShift['breaks'] = [];
  if (Array.isArray(raw.breaks)) {
    for (const b of raw.breaks as { start?: unknown; end?: unknown }[]) {
      const bs = time(b?.start, zone, file, line, 'breaks');
      const be = time(b?.end, zone, file, line, 'breaks');
      if (be <= bs || bs < startMs || be > endMs) throw new InputError({ file, line, field: 'breaks' }, { key: 'live.err.rosterBreak' });
      breaks.push({ startMs: bs, endMs: be });
    }
  }
  breaks.sort((a, b) => a.startMs - b.startMs);
  let r = roster.get(agent);
  if (!r) {
    r = { agent, team: null, shifts: [] };
    roster.set(agent, r);
  }
  if (typeof raw.team === 'string' && raw.team.trim() !== '') r.team = raw.team.trim();
  r.shifts.push({ startMs, endMs, breaks });
  r.shifts.sort((a, b) => a.startMs - b.startMs);
}

/** Parse a roster file's text (JSON when it starts with `[`, else CSV). Throws InputError naming file, line and field. */
export function parseRoster(text: string, zone: string, file: string): Roster {
  const roster: Roster = new Map();
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new InputError({ file }, { key: 'live.err.rosterJson' });
    }
    (json as RawShift[]).forEach((raw, i) => add(roster, raw ?? {}, zone, file, i + 1));
    return roster;
  }
  const rows = parseCsv(body, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  rows.forEach((row, i) => {
    const breaks = (row.breaks ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const [start, end] = pair.split('~');
        return { start, end };
      });
    add(roster, { agent: row.agent, team: row.team, start: row.start, end: row.end, breaks }, zone, file, i + 2);
  });
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
