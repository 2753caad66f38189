/**
 * `wfm roster --requests` and `--cover` CSV rows -> engine rows (src/solver ShiftRequest, ShiftCover).
 * Pure: fields in, a row or the field that is wrong out (the caller names file and line).
 *
 * Requests: agent,date,shift,kind,weight
 *   agent   an agent id of the roster
 *   date    YYYY-MM-DD inside the roster
 *   shift   a shift template id of the rules, or empty for the whole day
 *   kind    on (wants to work it) or off (wants not to)
 *   weight  the cost when not met, in hours of pay (objective units), a number above 0, at most MAX_WEIGHT
 * Cover: date,shift,required,under_weight,over_weight
 *   so many agents (0 to MAX_REQUIRED) on template `shift` that date (a shift counts on the date it
 *   starts); each one short costs under_weight, each one above over_weight (numbers, 0 to MAX_WEIGHT).
 *   One row per date and shift (the reader refuses a second).
 */
import { DateTime } from 'luxon';
import type { Message } from '../errors.js';
import type { ShiftCover, ShiftRequest } from '../solver/index.js';
import type { RosterCalendar } from './time.js';

export interface FieldError {
  field: string;
  key: Message['key'];
  params?: Message['params'];
}

/** The most agents a cover row may ask for, and the largest weight (hours): a typo must not make the solver build millions of agents. */
export const MAX_REQUIRED = 10_000;
export const MAX_WEIGHT = 100_000;

export const REQUEST_COLUMNS = ['agent', 'date', 'shift', 'kind', 'weight'];
export const COVER_COLUMNS = ['date', 'shift', 'required', 'under_weight', 'over_weight'];

/** Day index of a YYYY-MM-DD date in the roster, or null (not a date, or outside the roster). */
function dayOf(cal: RosterCalendar, days: number, text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const dt = DateTime.fromISO(text, { zone: 'UTC' });
  if (!dt.isValid) return null;
  const d = Math.round(dt.diff(DateTime.fromISO(cal.startDate, { zone: 'UTC' }), 'days').days);
  return d >= 0 && d < days ? d : null;
}

function number(text: string | undefined): number | null {
  const t = (text ?? '').trim();
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** A requests CSV row (see the file comment); `agents` and `templates` are the known ids. */
export function requestFromFields(f: Record<string, string>, cal: RosterCalendar, days: number, agents: Set<string> | null, templates: Set<string>): ShiftRequest | FieldError {
  const agent = (f.agent ?? '').trim();
  if (!agent) return { field: 'agent', key: 'roster.requests.noAgent' };
  if (agents && !agents.has(agent)) return { field: 'agent', key: 'roster.requests.unknownAgent', params: { value: agent } };
  const day = dayOf(cal, days, (f.date ?? '').trim());
  if (day === null) return { field: 'date', key: 'roster.requests.badDate', params: { value: f.date ?? '', first: cal.startDate, days } };
  const shift = (f.shift ?? '').trim();
  if (shift && !templates.has(shift)) return { field: 'shift', key: 'roster.requests.unknownShift', params: { value: shift, known: [...templates].join(', ') } };
  const kind = (f.kind ?? '').trim().toLowerCase();
  if (kind !== 'on' && kind !== 'off') return { field: 'kind', key: 'roster.requests.badKind', params: { value: f.kind ?? '' } };
  const weight = number(f.weight);
  if (weight === null || weight <= 0 || weight > MAX_WEIGHT) return { field: 'weight', key: 'roster.requests.badWeight', params: { value: f.weight ?? '' } };
  return { agent, day, template: shift || null, kind, weight };
}

/** A cover CSV row (see the file comment). */
export function coverFromFields(f: Record<string, string>, cal: RosterCalendar, days: number, templates: Set<string>): ShiftCover | FieldError {
  const day = dayOf(cal, days, (f.date ?? '').trim());
  if (day === null) return { field: 'date', key: 'roster.requests.badDate', params: { value: f.date ?? '', first: cal.startDate, days } };
  const template = (f.shift ?? '').trim();
  if (!templates.has(template)) return { field: 'shift', key: 'roster.requests.unknownShift', params: { value: template, known: [...templates].join(', ') } };
  const required = number(f.required);
  if (required === null || !Number.isInteger(required) || required > MAX_REQUIRED) return { field: 'required', key: 'roster.cover.badRequired', params: { value: f.required ?? '' } };
  const under = number(f.under_weight);
  if (under === null || under > MAX_WEIGHT) return { field: 'under_weight', key: 'roster.cover.badWeight', params: { value: f.under_weight ?? '' } };
  const over = number(f.over_weight);
  if (over === null || over > MAX_WEIGHT) return { field: 'over_weight', key: 'roster.cover.badWeight', params: { value: f.over_weight ?? '' } };
  return { day, template, required, underWeight: under, overWeight: over };
}
