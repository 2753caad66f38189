/**
 * Roster files: agents' shifts with breaks. The one reader behind `wfm live --roster`,
 * `wfm simulate --roster`, the reports' `--roster-file`, `wfm roster --previous` and
 * `wfm roster diff` (src/app/shifts.ts resolves "a saved roster name or a file" to these shifts).
 * Pure: text in, shifts out; the first bad entry is an InputError naming the file, line and field.
 *
 * JSON (text starting with `[` or `{`): an array of shifts, or `{ "shifts": [...] }` as
 * `wfm roster --format json` prints. A shift: `agent`; `queue` (one name, taken whole) or `queues` (a
 * list, or a text separated by `;`), optional; `team`, optional; `start`, `end`; `breaks`:
 * `[{ "start", "end", "paid"?, "reason"? }]`. The line of an entry is its position in the list
 * (1-based). CSV: a header with agent, start, end and optionally queue (one name) or queues / skills
 * (separated by `;`), team and breaks: items separated by `;`, each `start~end` or
 * `start/end [paid|unpaid]` (the CSV of `wfm roster`; its other columns are ignored, and so are its
 * rows whose `record` is not `shift`: the requests). The line of a row is its line in the file.
 * Times: local "YYYY-MM-DD HH:MM[:SS]" in the site's zone, or ISO 8601 with an offset.
 */
import { InputError } from '../errors.js';
import { parseLocalTime } from '../time.js';
import { parseCsvText } from './csv.js';

export interface ShiftBreak {
  /** UTC epoch milliseconds. */
  startMs: number;
  endMs: number;
  /** Whether the break is paid; null when the file does not say. */
  paid: boolean | null;
  /** A reason the file gives (e.g. "Lunch"), or null. */
  reason: string | null;
}

/** One shift of one agent. */
export interface Shift {
  agent: string;
  /** Queues the shift serves; empty when the roster does not say. */
  queues: string[];
  team: string | null;
  /** Shift template id, when known (saved rosters). */
  template?: string;
  startMs: number;
  endMs: number;
  /** Inside the shift, ordered by start. */
  breaks: ShiftBreak[];
  /** Where the shift was read: its line in a CSV file, its position in a JSON list (absent for saved rosters). */
  line?: number;
}

interface RawBreak {
  start?: unknown;
  end?: unknown;
  paid?: unknown;
  reason?: unknown;
}

interface RawShift {
  agent?: unknown;
  team?: unknown;
  queue?: unknown;
  queues?: unknown;
  start?: unknown;
  end?: unknown;
  breaks?: unknown;
}

/** Parse a roster file's text (see the file comment). `file` names it in errors. */
export function parseShifts(text: string, zone: string, file: string): Shift[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[') || body.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (err) {
      throw new InputError({ file }, { key: 'shifts.badJson', params: { message: (err as Error).message.slice(0, 80) } });
    }
    const list = Array.isArray(json) ? json : (json as { shifts?: unknown } | null)?.shifts;
    if (!Array.isArray(list)) throw new InputError({ file, field: 'shifts' }, { key: 'shifts.shape' });
    return list.map((raw, i) => shiftOf((raw ?? {}) as RawShift, zone, file, i + 1));
  }
  const table = parseCsvText(body, file);
  const broken = table.syntaxRejections[0];
  if (broken) throw new InputError({ file, line: broken.line }, broken.reason);
  // `wfm roster --requests --format csv` lists the requests after the shifts (record column): skipped
  return table.records.filter(({ fields: row }) => row.record === undefined || row.record === 'shift').map(({ fields: row, line }) =>
    shiftOf(
      {
        agent: row.agent,
        team: row.team,
        queue: row.queue,
        queues: row.queues ?? row.skills,
        start: row.start,
        end: row.end,
        breaks: (row.breaks ?? '')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
          .map(csvBreak),
      },
      zone,
      file,
      line,
    ),
  );
}

/** A CSV break item: `start~end` (live rosters) or `start/end [paid|unpaid]` (wfm roster --format csv). */
function csvBreak(item: string): RawBreak {
  const m = (item.includes('~') ? /^(.*?)\s*~\s*(.+?)(?:\s+(paid|unpaid))?$/i : /^(.*?)\s*\/\s*(.+?)(?:\s+(paid|unpaid))?$/i).exec(item);
  if (!m) return { start: item, end: '' };
  return { start: m[1], end: m[2], ...(m[3] ? { paid: m[3].toLowerCase() === 'paid' } : {}) };
}

function shiftOf(raw: RawShift, zone: string, file: string, line: number): Shift {
  const time = (v: unknown, field: string): number => {
    const p = typeof v === 'string' ? parseLocalTime(v, zone) : undefined;
    if (!p?.ok) throw new InputError({ file, line, field }, { key: 'input.badTime', params: { value: String(v ?? '').slice(0, 40), zone } });
    return p.time.toMillis();
  };
  if (typeof raw.agent !== 'string' || raw.agent.trim() === '') throw new InputError({ file, line, field: 'agent' }, { key: 'shifts.noAgent' });
  const startMs = time(raw.start, 'start');
  const endMs = time(raw.end, 'end');
  if (endMs <= startMs) throw new InputError({ file, line, field: 'end' }, { key: 'shifts.order' });
  const breaks: ShiftBreak[] = [];
  for (const b of Array.isArray(raw.breaks) ? (raw.breaks as RawBreak[]) : []) {
    const bs = time(b?.start, 'breaks');
    const be = time(b?.end, 'breaks');
    if (be <= bs || bs < startMs || be > endMs) throw new InputError({ file, line, field: 'breaks' }, { key: 'shifts.break' });
    breaks.push({ startMs: bs, endMs: be, paid: typeof b.paid === 'boolean' ? b.paid : null, reason: typeof b.reason === 'string' && b.reason.trim() ? b.reason.trim() : null });
  }
  breaks.sort((a, b) => a.startMs - b.startMs);
  // `queues`: a list, or names separated by `;`; `queue`: one name, taken whole (it may have spaces)
  const list = Array.isArray(raw.queues) ? raw.queues.map(String) : typeof raw.queues === 'string' && raw.queues.trim() !== '' ? raw.queues.split(';') : typeof raw.queue === 'string' ? [raw.queue] : [];
  const queues = list.map((x) => x.trim()).filter(Boolean);
  const team = typeof raw.team === 'string' && raw.team.trim() !== '' ? raw.team.trim() : null;
  return { agent: raw.agent.trim(), queues: [...new Set(queues)], team, startMs, endMs, breaks, line };
}

/** Seconds of [startMs, endMs) that a shift is at work (inside the shift, outside its breaks). */
export function workSeconds(shift: Pick<Shift, 'startMs' | 'endMs' | 'breaks'>, startMs: number, endMs: number): number {
  const a = Math.max(startMs, shift.startMs);
  const b = Math.min(endMs, shift.endMs);
  if (b <= a) return 0;
  let ms = b - a;
  for (const br of shift.breaks) {
    const x = Math.max(a, br.startMs);
    const y = Math.min(b, br.endMs);
    if (y > x) ms -= y - x;
  }
  return ms / 1000;
}
