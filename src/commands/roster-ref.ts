/**
 * A roster named on the command line: a file written by `wfm roster --format json` (when the path
 * exists) or a name saved with `wfm roster --save` in --db. Used by `wfm roster diff` and
 * `wfm roster --previous`. Times are instants (epoch milliseconds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { InputError, UsageError } from '../errors.js';
import type { DiffShift } from '../roster-io/diff.js';
import { openStore } from '../store/index.js';
import type { Context } from './context.js';

export function loadRosterShifts(ctx: Context, ref: string): DiffShift[] {
  const path = resolve(ctx.cwd, ref);
  if (existsSync(path)) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new InputError({ file: ref }, { key: 'roster.diff.badJson', params: { message: (err as Error).message } });
    }
    const shifts = (doc as { shifts?: unknown }).shifts;
    if (!Array.isArray(shifts)) throw new InputError({ file: ref, field: 'shifts' }, { key: 'roster.diff.noShifts' });
    const ms = (v: unknown, field: string, i: number) => {
      const dt = typeof v === 'string' ? DateTime.fromISO(v, { setZone: true }) : null;
      if (!dt || !dt.isValid) throw new InputError({ file: ref, field: `shifts[${i}].${field}` }, { key: 'roster.diff.badTime', params: { value: String(v) } });
      return dt.toMillis();
    };
    return shifts.map((s: Record<string, unknown>, i: number) => ({
      agent: String(s.agent),
      queue: String(s.queue),
      startMs: ms(s.start, 'start', i),
      endMs: ms(s.end, 'end', i),
      breaks: (Array.isArray(s.breaks) ? s.breaks : []).map((b: Record<string, unknown>) => ({ startMs: ms(b.start, 'breaks.start', i), endMs: ms(b.end, 'breaks.end', i), paid: Boolean(b.paid) })),
    }));
  }
  const store = openStore(ctx.db);
  try {
    const snap = store.roster(ref);
    if (!snap) throw new UsageError({ key: 'roster.diff.notFound', params: { name: ref, db: ctx.db } });
    return snap.shifts.map((s) => ({ agent: s.agent, queue: s.queue, startMs: s.startMs, endMs: s.endMs, breaks: s.breaks }));
  } finally {
    store.close();
  }
}
