/**
 * "A saved roster or a roster file": the one resolver behind `wfm live --roster`, `wfm simulate
 * --roster`, the reports' `--roster`/`--roster-file`, `wfm roster --previous` and `wfm roster diff`.
 * A path that names an existing file is read (src/formats/shifts.ts); anything else is looked up
 * among the rosters saved with `wfm roster --save NAME` in the store.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { parseShifts, type Shift } from '../formats/shifts.js';
import type { RosterSnapshot, RosterSummary, Store } from '../store/index.js';
import { readText } from './files.js';
import type { Session } from './session.js';
import { snapshotSite } from './sites.js';
import { storeExists, withStore } from './store.js';

export interface ShiftSource {
  kind: 'file' | 'saved';
  name: string;
}

/** Whether `ref` names an existing file (relative to the session's cwd). */
export function isFile(s: Pick<Session, 'cwd'>, ref: string): boolean {
  const path = resolve(s.cwd, ref);
  return existsSync(path) && statSync(path).isFile();
}

/** The shifts of a roster file. */
export function readShiftFile(s: Pick<Session, 'cwd' | 'tz'>, file: string): Shift[] {
  return parseShifts(readText(s, file), s.tz, file);
}

/** The shifts of a saved roster snapshot. */
export function snapshotShifts(snap: RosterSnapshot): Shift[] {
  return snap.shifts.map((x) => ({
    agent: x.agent,
    queues: x.queue ? [x.queue] : [],
    team: null,
    template: x.template,
    startMs: x.startMs,
    endMs: x.endMs,
    breaks: x.breaks.map((b) => ({ startMs: b.startMs, endMs: b.endMs, paid: b.paid, reason: null })),
  }));
}

/**
 * The shifts `ref` names: a roster file, else a roster saved in the store (opened for reading, or the
 * `store` already open). Exit 2 naming both places (and `option`, the option that named it) when
 * neither has it.
 */
export async function loadShifts(
  s: Pick<Session, 'cwd' | 'tz' | 'db' | 'site'>,
  ref: string,
  option = '',
  store?: Store,
): Promise<{ shifts: Shift[]; source: ShiftSource }> {
  if (isFile(s, ref)) return { shifts: readShiftFile(s, ref), source: { kind: 'file', name: ref } };
  const lookup = async (st: Store) => {
    const site = await snapshotSite(s, st, 'roster', ref);
    return site === null ? null : st.roster(site, ref);
  };
  const snap = store ? await lookup(store) : storeExists(s) ? await withStore(s, 'read', lookup) : null;
  if (!snap) throw new UsageError({ key: 'shifts.notFound', params: { option: option ? `${option}: ` : '', name: ref, db: s.db } }, `no roster file or saved roster named ${ref}`);
  return { shifts: snapshotShifts(snap), source: { kind: 'saved', name: ref } };
}

/** The rosters saved in the store (`wfm roster list`), newest first; the store must exist. */
export async function savedRosters(s: Pick<Session, 'cwd' | 'db' | 'site'>): Promise<RosterSummary[]> {
  return withStore(s, 'read', (store) => store.listRosters(s.site));
}
