/**
 * What changed between two rosters, per agent and local day: a shift added, removed, or changed
 * (start, end, queue or breaks). Pure: shifts in, rows out; the day of a shift is the local date of
 * its start in the given zone.
 */
import { DateTime } from 'luxon';
import type { Shift } from '../formats/shifts.js';

/** A shift as compared: the roster file's or saved roster's (see src/formats/shifts.ts). */
export type DiffShift = Pick<Shift, 'agent' | 'queues' | 'startMs' | 'endMs' | 'breaks'>;

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffRow {
  agent: string;
  /** Local date YYYY-MM-DD of the shift start. */
  date: string;
  kind: DiffKind;
  /** Shifts of that agent and day in A and in B (empty when none). */
  before: DiffShift[];
  after: DiffShift[];
  /** Which fields differ for `changed`: start, end, queue, breaks. */
  fields: ('start' | 'end' | 'queue' | 'breaks')[];
}

export interface RosterDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

function key(s: DiffShift): string {
  // a break whose paid status the file does not give compares as unpaid (saved rosters always say)
  return [s.queues.join(';'), s.startMs, s.endMs, ...s.breaks.map((b) => `${b.startMs}-${b.endMs}-${b.paid ? 1 : 0}`)].join('|');
}

/** Compares roster A with roster B (see the file comment); rows ordered by agent, then date. */
export function diffRosters(a: readonly DiffShift[], b: readonly DiffShift[], zone: string): RosterDiff {
  const group = (list: readonly DiffShift[]) => {
    const m = new Map<string, DiffShift[]>();
    for (const s of list) {
      const date = DateTime.fromMillis(s.startMs, { zone }).toISODate()!;
      const k = `${s.agent}\u0000${date}`;
      const l = m.get(k) ?? [];
      l.push(s);
      m.set(k, l);
    }
    for (const l of m.values()) l.sort((x, y) => x.startMs - y.startMs);
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  const keys = [...new Set([...ga.keys(), ...gb.keys()])].sort((x, y) => {
    const [ax, dx] = x.split('\u0000');
    const [ay, dy] = y.split('\u0000');
    return ax < ay ? -1 : ax > ay ? 1 : dx < dy ? -1 : dx > dy ? 1 : 0;
  });
  const out: RosterDiff = { rows: [], added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const k of keys) {
    const [agent, date] = k.split('\u0000');
    const before = ga.get(k) ?? [];
    const after = gb.get(k) ?? [];
    if (before.length === 0) {
      out.rows.push({ agent, date, kind: 'added', before, after, fields: [] });
      out.added++;
    } else if (after.length === 0) {
      out.rows.push({ agent, date, kind: 'removed', before, after, fields: [] });
      out.removed++;
    } else if (before.map(key).join('#') === after.map(key).join('#')) out.unchanged++;
    else {
      const fields: DiffRow['fields'] = [];
      const x = before[0];
      const y = after[0];
      if (before.length !== after.length || x.startMs !== y.startMs) fields.push('start');
      if (before.length !== after.length || x.endMs !== y.endMs) fields.push('end');
      if (before.map((s) => s.queues.join(';')).join() !== after.map((s) => s.queues.join(';')).join()) fields.push('queue');
      const br = (l: DiffShift[]) => l.map((s) => s.breaks.map((q) => `${q.startMs}-${q.endMs}-${q.paid === true}`).join(',')).join('#');
      if (br(before) !== br(after)) fields.push('breaks');
      out.rows.push({ agent, date, kind: 'changed', before, after, fields });
      out.changed++;
    }
  }
  return out;
}
