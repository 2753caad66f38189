/**
 * `wfm roster --requests FILE` and `--cover FILE` (issue 18): the CSVs read into the engine's rows
 * (src/roster-io/shift-counts.ts for the columns). A bad line is an input error naming the file, the
 * line and the field (exit 2): a request or cover row silently dropped would change the roster unseen.
 */
import { InputError, type Message } from '../errors.js';
import { COVER_COLUMNS, coverFromFields, REQUEST_COLUMNS, requestFromFields, type FieldError } from '../roster-io/shift-counts.js';
import { dayDate, type RosterCalendar } from '../roster-io/time.js';
import type { ShiftCover, ShiftRequest } from '../solver/index.js';
import { readCsv } from './files.js';
import type { Session } from './session.js';

/** A header name as the columns are written (under-weight, "under weight" -> under_weight). */
const column = (k: string) => k.replace(/[\s-]+/g, '_');

function rows<T>(s: Session, file: string, columns: string[], optional: string[], read: (f: Record<string, string>) => T | FieldError, once?: (x: T) => { key: string; message: Message }): T[] {
  const { header, records, syntaxRejections } = readCsv(s, file);
  const names = header.map(column);
  const missing = columns.filter((c) => !optional.includes(c) && !names.includes(c));
  if (missing.length) throw new InputError({ file, line: 1, field: missing[0] }, { key: 'input.missingColumn', params: { columns: missing.join(', ') } });
  const bad = syntaxRejections[0];
  if (bad) throw new InputError({ file, line: bad.line, field: bad.field }, bad.reason);
  const out: T[] = [];
  const seen = new Map<string, number>();
  for (const r of records) {
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.fields)) f[column(k)] = v;
    const x = read(f);
    if (x && typeof x === 'object' && 'key' in x && 'field' in x) throw new InputError({ file, line: r.line, field: x.field }, { key: x.key, params: x.params });
    if (once) {
      // a row whose key an earlier row has: refused, naming both lines
      const k = once(x as T);
      const first = seen.get(k.key);
      if (first !== undefined) throw new InputError({ file, line: r.line, field: 'shift' }, { ...k.message, params: { ...k.message.params, first } });
      seen.set(k.key, r.line);
    }
    out.push(x as T);
  }
  if (out.length === 0) throw new InputError({ file }, { key: 'input.noRows' });
  return out;
}

/** The requests CSV; `agents` null when the agents are anonymous (A001...: any id is taken). */
export function readRequests(s: Session, file: string, cal: RosterCalendar, days: number, agents: string[] | null, templates: string[]): ShiftRequest[] {
  const known = agents ? new Set(agents) : null;
  const t = new Set(templates);
  return rows(s, file, REQUEST_COLUMNS, ['shift'], (f) => requestFromFields(f, cal, days, known, t));
}

/** The shift-count cover CSV. */
export function readCover(s: Session, file: string, cal: RosterCalendar, days: number, templates: string[]): ShiftCover[] {
  const t = new Set(templates);
  return rows(
    s,
    file,
    COVER_COLUMNS,
    [],
    (f) => coverFromFields(f, cal, days, t),
    (c) => ({ key: `${c.day}\u0000${c.template}`, message: { key: 'roster.cover.duplicate', params: { shift: c.template, date: dayDate(cal, c.day) } } }),
  );
}
