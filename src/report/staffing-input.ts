/**
 * Roster shifts and forecast rows as the reports take them (inputs of staffing, agents, training and
 * daily). Pure: the parsers take file text; times are resolved in the site's zone.
 *
 * Roster JSON (as `wfm roster --format json` prints): an array, or `{ "shifts": [...] }`, of
 * `{ "agent", "queue" (or "queues": [..], first one used), "start", "end",
 *    "breaks": [{ "start", "end", "paid" }] }`; times local "YYYY-MM-DD HH:MM" or ISO 8601 with offset.
 * Forecast CSV (as `wfm forecast --format csv` prints): columns interval_start (or intervalStart),
 * queue (optional: "default"), calls, aht (optional, seconds).
 */
import { parseLocalTime } from '../time.js';
import { splitCsvLine } from '../cdr/csv-line.js';
import type { Message } from '../errors.js';

export interface ShiftBreak {
  startMs: number;
  endMs: number;
  paid: boolean;
}

export interface RosterShiftInput {
  agent: string;
  /** The queue (skill) the shift works; null when the roster does not say. */
  queue: string | null;
  startMs: number;
  endMs: number;
  breaks: ShiftBreak[];
}

export interface ForecastRow {
  queue: string;
  intervalStartMs: number;
  calls: number;
  /** Seconds; null when the forecast has none. */
  ahtS: number | null;
}

/** A parse problem: line (1-based; for JSON the shift's index + 1), field and message. */
export interface InputProblem {
  line: number;
  field?: string;
  reason: Message;
}

/** Seconds of [startMs, endMs) that a shift is at work (inside the shift, outside its breaks). */
export function workSeconds(shift: RosterShiftInput, startMs: number, endMs: number): number {
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

function time(value: unknown, zone: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const p = parseLocalTime(value, zone);
  return p.ok ? p.time.toMillis() : undefined;
}

/** Parse roster JSON text into shifts, or the first problem. */
export function parseRosterJson(text: string, zone: string): RosterShiftInput[] | InputProblem {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { line: 1, reason: { key: 'reports.err.rosterJson', params: { message: (err as Error).message.slice(0, 80) } } };
  }
  const list = Array.isArray(json) ? json : (json as { shifts?: unknown })?.shifts;
  if (!Array.isArray(list)) return { line: 1, reason: { key: 'reports.err.rosterShape' } };
  const out: RosterShiftInput[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i] as Record<string, unknown>;
    const line = i + 1;
    if (!raw || typeof raw.agent !== 'string' || !raw.agent.trim()) return { line, field: 'agent', reason: { key: 'reports.err.rosterField', params: { field: 'agent' } } };
    const startMs = time(raw.start, zone);
    const endMs = time(raw.end, zone);
    if (startMs === undefined) return { line, field: 'start', reason: { key: 'reports.err.rosterField', params: { field: 'start' } } };
    if (endMs === undefined || endMs <= startMs) return { line, field: 'end', reason: { key: 'reports.err.rosterField', params: { field: 'end' } } };
    const queue = typeof raw.queue === 'string' && raw.queue ? raw.queue : Array.isArray(raw.queues) && typeof raw.queues[0] === 'string' ? (raw.queues[0] as string) : null;
    const breaks: ShiftBreak[] = [];
    for (const b of Array.isArray(raw.breaks) ? (raw.breaks as Record<string, unknown>[]) : []) {
      const bs = time(b?.start, zone);
      const be = time(b?.end, zone);
      if (bs === undefined || be === undefined || be <= bs) return { line, field: 'breaks', reason: { key: 'reports.err.rosterField', params: { field: 'breaks' } } };
      breaks.push({ startMs: bs, endMs: be, paid: b.paid === true });
    }
    out.push({ agent: raw.agent.trim(), queue, startMs, endMs, breaks });
  }
  return out;
}

/** Parse forecast CSV text into rows, or the first problem. */
export function parseForecastCsv(text: string, zone: string): ForecastRow[] | InputProblem {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase().replace(/_/g, ''));
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const iStart = col(['intervalstart', 'interval', 'start']);
  const iQueue = col(['queue']);
  const iCalls = col(['calls', 'forecast', 'offered']);
  const iAht = col(['aht', 'ahts', 'ahtseconds']);
  if (iStart < 0 || iCalls < 0) return { line: 1, reason: { key: 'input.missingColumn', params: { columns: [iStart < 0 ? 'interval_start' : '', iCalls < 0 ? 'calls' : ''].filter(Boolean).join(', ') } } };
  const out: ForecastRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const f = splitCsvLine(lines[i]);
    const p = parseLocalTime(f[iStart] ?? '', zone);
    if (!p.ok) return { line: i + 1, field: 'interval_start', reason: { key: 'input.badTime', params: { value: (f[iStart] ?? '').slice(0, 40) } } };
    const calls = Number(f[iCalls]);
    if (!(f[iCalls] ?? '').trim() || !Number.isFinite(calls) || calls < 0) return { line: i + 1, field: 'calls', reason: { key: 'input.badCount', params: { value: (f[iCalls] ?? '').slice(0, 40) } } };
    const ahtText = iAht >= 0 ? (f[iAht] ?? '').trim() : '';
    const aht = ahtText === '' ? null : Number(ahtText);
    if (aht !== null && !(aht > 0)) return { line: i + 1, field: 'aht', reason: { key: 'input.badAht', params: { value: ahtText.slice(0, 40) } } };
    out.push({ queue: iQueue >= 0 && f[iQueue] ? f[iQueue] : 'default', intervalStartMs: p.time.toMillis(), calls, ahtS: aht });
  }
  return out;
}
