/**
 * Validation of a rostering rules object (parsed from YAML or JSON by the caller) into
 * {@link RosterRules}. Every problem is returned with the key path that holds it, e.g.
 * `shifts[2].breaks[0].window`, and a machine code the CLI translates; nothing is thrown.
 *
 * File shape (all keys but `shifts` optional; see data/roster-rules.yaml for the commented default):
 *   openingHours: 24x7 | [{ days: [1..7], open: "HH:MM", close: "HH:MM" }]
 *   shifts: [{ id, length, starts: ["HH:MM", ...] | { from, to, every },
 *              breaks: [{ name, length, paid, window: [earliest, latest] }] }]
 *   rules: { minRestHours, maxConsecutiveDays, maxDaysPerWeek,
 *            nights: { from, to, minMinutes, maxPerWeek }, weekends: { maxDaysPerWeek },
 *            understaffPenaltyHours }
 *            forbiddenSuccessions: [[X, Y], ...] (template X one day may not be followed by Y the next),
 *            maxStartChangeHours (most a start may move, clock time, from one working day to the next)
 *   contracts: [{ id, minWeeklyHours, maxWeeklyHours, maxDaysPerWeek,
 *                 rotation: { minConsecutiveDays, maxConsecutiveDays, minConsecutiveDaysOff, maxWeekends,
 *                             minTotalHours, maxTotalHours, maxShifts: { templateId: n } } }]
 *   defaultContract: id
 * Durations (`length`, `window`) are minutes (number) or "H:MM"; times of day are "HH:MM".
 * Break windows are the earliest and latest break start relative to the shift start.
 */
import type { RotationRules } from './rotation/types.js';
import type { BreakRule, Contract, OpeningPeriod, RosterRules, ShiftTemplate } from './types.js';

/** One validation problem: where (key path) and what (code + parameters for the message catalogue). */
export interface RuleError {
  path: string;
  code:
    | 'required'
    | 'type'
    | 'range'
    | 'granularity'
    | 'duplicate'
    | 'unknown-key'
    | 'window-outside-shift'
    | 'windows-overlap'
    | 'unknown-contract'
    | 'unknown-shift'
    | 'min-above-max';
  params?: Record<string, string | number>;
}

export type RulesValidation = { ok: true; rules: RosterRules } | { ok: false; errors: RuleError[] };

/** Granularity of every duration and time in the rules file, minutes. */
export const RULES_GRANULARITY = 15;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Ctx {
  errors: RuleError[] = [];
  err(path: string, code: RuleError['code'], params?: Record<string, string | number>): undefined {
    this.errors.push(params ? { path, code, params } : { path, code });
    return undefined;
  }
  keys(o: Obj, path: string, allowed: string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.err(join(path, k), 'unknown-key');
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** "HH:MM" (00:00..24:00) to minutes after midnight. */
function parseClock(v: unknown, path: string, c: Ctx, allow24 = false): number | undefined {
  if (typeof v !== 'string') return c.err(path, 'type', { expected: 'HH:MM' });
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (!m) return c.err(path, 'type', { expected: 'HH:MM' });
  const min = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || min > (allow24 ? 1440 : 1439)) return c.err(path, 'range', { value: v });
  if (min % RULES_GRANULARITY !== 0) return c.err(path, 'granularity', { minutes: RULES_GRANULARITY });
  return min;
}

/** Minutes (number) or "H:MM" to minutes. */
function parseDuration(v: unknown, path: string, c: Ctx, min = 0, max = 24 * 60): number | undefined {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\d{1,2}:\d{2}$/.test(v.trim())) {
    const [h, m] = v.trim().split(':').map(Number);
    if (m > 59) return c.err(path, 'range', { value: v });
    n = h * 60 + m;
  } else return c.err(path, 'type', { expected: 'minutes or H:MM' });
  if (!Number.isInteger(n)) return c.err(path, 'type', { expected: 'whole minutes' });
  if (n < min || n > max) return c.err(path, 'range', { min, max, value: n });
  if (n % RULES_GRANULARITY !== 0) return c.err(path, 'granularity', { minutes: RULES_GRANULARITY });
  return n;
}

function parseNumber(v: unknown, path: string, c: Ctx, min: number, max: number, integer = false): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return c.err(path, 'type', { expected: 'number' });
  if (integer && !Number.isInteger(v)) return c.err(path, 'type', { expected: 'integer' });
  if (v < min || v > max) return c.err(path, 'range', { min, max, value: v });
  return v;
}

function parseId(v: unknown, path: string, c: Ctx): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return c.err(path, 'type', { expected: 'non-empty string' });
  return v.trim();
}

function parseWeekdays(v: unknown, path: string, c: Ctx): number[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return c.err(path, 'type', { expected: 'list of weekdays 1..7' });
  const out: number[] = [];
  v.forEach((d, i) => {
    const n = parseNumber(d, join(path, i), c, 1, 7, true);
    if (n !== undefined) out.push(n);
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

function parseStarts(v: unknown, path: string, c: Ctx): number[] | undefined {
  if (v === undefined) return c.err(path, 'required');
  if (Array.isArray(v)) {
    if (v.length === 0) return c.err(path, 'range', { min: 1 });
    const out: number[] = [];
    v.forEach((s, i) => {
      const m = parseClock(s, join(path, i), c);
      if (m !== undefined) out.push(m);
    });
    return [...new Set(out)].sort((a, b) => a - b);
  }
  if (!isObj(v)) return c.err(path, 'type', { expected: 'list of HH:MM or {from, to, every}' });
  c.keys(v, path, ['from', 'to', 'every']);
  const from = v.from === undefined ? 0 : parseClock(v.from, join(path, 'from'), c);
  const to = v.to === undefined ? 1440 - RULES_GRANULARITY : parseClock(v.to, join(path, 'to'), c);
  const every = v.every === undefined ? 30 : parseDuration(v.every, join(path, 'every'), c, 15, 1440);
  if (from === undefined || to === undefined || every === undefined) return undefined;
  if (to < from) return c.err(join(path, 'to'), 'range', { min: v.from as string });
  const out: number[] = [];
  for (let m = from; m <= to; m += every) out.push(m);
  return out;
}

function parseBreak(v: unknown, path: string, c: Ctx, shiftMinutes: number | undefined): BreakRule | undefined {
  if (!isObj(v)) return c.err(path, 'type', { expected: 'object' });
  c.keys(v, path, ['name', 'length', 'paid', 'window']);
  const name = v.name === undefined ? 'break' : parseId(v.name, join(path, 'name'), c);
  const minutes = v.length === undefined ? c.err(join(path, 'length'), 'required') : parseDuration(v.length, join(path, 'length'), c, 15, 240);
  let paid: boolean | undefined;
  if (v.paid === undefined) c.err(join(path, 'paid'), 'required');
  else if (typeof v.paid !== 'boolean') c.err(join(path, 'paid'), 'type', { expected: 'true or false' });
  else paid = v.paid;
  const wp = join(path, 'window');
  let earliest: number | undefined;
  let latest: number | undefined;
  if (v.window === undefined) c.err(wp, 'required');
  else if (!Array.isArray(v.window) || v.window.length !== 2) c.err(wp, 'type', { expected: '[earliest, latest]' });
  else {
    earliest = parseDuration(v.window[0], join(wp, 0), c, 0, 1440);
    latest = parseDuration(v.window[1], join(wp, 1), c, 0, 1440);
    if (earliest !== undefined && latest !== undefined && latest < earliest) {
      c.err(wp, 'range', { earliest, latest });
      earliest = undefined;
    }
  }
  if (earliest === undefined || latest === undefined || minutes === undefined || paid === undefined || name === undefined) return undefined;
  if (shiftMinutes !== undefined && (earliest < RULES_GRANULARITY || latest + minutes > shiftMinutes - RULES_GRANULARITY)) {
    return c.err(wp, 'window-outside-shift', { shiftMinutes });
  }
  return { name, minutes, paid, earliest, latest };
}

function parseShift(v: unknown, path: string, c: Ctx): ShiftTemplate | undefined {
  if (!isObj(v)) return c.err(path, 'type', { expected: 'object' });
  c.keys(v, path, ['id', 'length', 'starts', 'breaks']);
  const id = v.id === undefined ? c.err(join(path, 'id'), 'required') : parseId(v.id, join(path, 'id'), c);
  const minutes = v.length === undefined ? c.err(join(path, 'length'), 'required') : parseDuration(v.length, join(path, 'length'), c, 60, 16 * 60);
  const starts = parseStarts(v.starts, join(path, 'starts'), c);
  const breaks: BreakRule[] = [];
  let breaksOk = true;
  if (v.breaks !== undefined) {
    if (!Array.isArray(v.breaks)) {
      c.err(join(path, 'breaks'), 'type', { expected: 'list' });
      breaksOk = false;
    } else {
      v.breaks.forEach((b, i) => {
        const r = parseBreak(b, join(join(path, 'breaks'), i), c, minutes);
        if (r) breaks.push(r);
        else breaksOk = false;
      });
      if (breaksOk) {
        const order = breaks.map((b, i) => ({ b, i })).sort((p, q) => p.b.earliest - q.b.earliest);
        for (let k = 1; k < order.length; k++) {
          const prev = order[k - 1].b;
          // every position of the earlier break must end before the later break's earliest start
          if (prev.latest + prev.minutes > order[k].b.earliest) {
            c.err(join(join(join(path, 'breaks'), order[k].i), 'window'), 'windows-overlap', { other: `${path}.breaks[${order[k - 1].i}]` });
            breaksOk = false;
          }
        }
        breaks.splice(0, breaks.length, ...order.map((o) => o.b));
      }
    }
  }
  if (id === undefined || minutes === undefined || starts === undefined || !breaksOk) return undefined;
  const unpaid = breaks.filter((b) => !b.paid).reduce((s, b) => s + b.minutes, 0);
  return { id, minutes, starts, breaks, paidMinutes: minutes - unpaid };
}

/**
 * Validates a parsed rules object and fills defaults (11 h rest, 6 consecutive days, 6 days per
 * 7-day block, night window 22:00-06:00 counting a shift with >= 60 night minutes, understaffing
 * penalty 12 h per agent-interval, contract `standard` 0-40 h and 5 days when none is given).
 * Returns the normalised rules or every error found (key path + code).
 */
export function validateRules(raw: unknown): RulesValidation {
  const c = new Ctx();
  if (!isObj(raw)) {
    c.err('', 'type', { expected: 'object' });
    return { ok: false, errors: c.errors };
  }
  c.keys(raw, '', ['version', 'openingHours', 'shifts', 'rules', 'contracts', 'defaultContract']);

  let openingHours: RosterRules['openingHours'] = '24x7';
  if (raw.openingHours !== undefined && raw.openingHours !== '24x7') {
    if (!Array.isArray(raw.openingHours)) c.err('openingHours', 'type', { expected: '24x7 or list' });
    else {
      const periods: OpeningPeriod[] = [];
      raw.openingHours.forEach((p, i) => {
        const path = join('openingHours', i);
        if (!isObj(p)) return c.err(path, 'type', { expected: 'object' });
        c.keys(p, path, ['days', 'open', 'close']);
        const weekdays = p.days === undefined ? [1, 2, 3, 4, 5, 6, 7] : parseWeekdays(p.days, join(path, 'days'), c);
        const open = parseClock(p.open, join(path, 'open'), c);
        const close = parseClock(p.close, join(path, 'close'), c, true);
        if (weekdays && open !== undefined && close !== undefined) periods.push({ weekdays, open, close });
      });
      openingHours = periods;
    }
  }

  // duplicate ids are found with sets (a rules file may hold many thousands of entries)
  const shifts: ShiftTemplate[] = [];
  const shiftIds = new Set<string>();
  if (raw.shifts === undefined) c.err('shifts', 'required');
  else if (!Array.isArray(raw.shifts) || raw.shifts.length === 0) c.err('shifts', 'type', { expected: 'non-empty list' });
  else
    raw.shifts.forEach((s, i) => {
      const t = parseShift(s, join('shifts', i), c);
      if (t) {
        if (shiftIds.has(t.id)) c.err(join(join('shifts', i), 'id'), 'duplicate', { id: t.id });
        else {
          shiftIds.add(t.id);
          shifts.push(t);
        }
      }
    });

  const r = raw.rules === undefined ? {} : raw.rules;
  let minRestMinutes = 660;
  let maxConsecutiveDays = 6;
  let maxDaysPerWeek = 6;
  let night = { start: 22 * 60, end: 6 * 60, minMinutes: 60 };
  let maxNightsPerWeek: number | null = null;
  let maxWeekendDaysPerWeek: number | null = null;
  let understaffPenaltyHours = 12;
  let forbiddenSuccessions: [string, string][] | undefined;
  let maxStartChangeMinutes: number | undefined;
  if (!isObj(r)) c.err('rules', 'type', { expected: 'object' });
  else {
    c.keys(r, 'rules', ['minRestHours', 'maxConsecutiveDays', 'maxDaysPerWeek', 'nights', 'weekends', 'understaffPenaltyHours', 'forbiddenSuccessions', 'maxStartChangeHours']);
    if (r.maxStartChangeHours !== undefined) {
      const h = parseNumber(r.maxStartChangeHours, 'rules.maxStartChangeHours', c, 0, 24);
      if (h !== undefined) {
        if (!Number.isInteger(h * 4)) c.err('rules.maxStartChangeHours', 'granularity', { minutes: 15 });
        else maxStartChangeMinutes = h * 60;
      }
    }
    if (r.forbiddenSuccessions !== undefined) {
      if (!Array.isArray(r.forbiddenSuccessions)) c.err('rules.forbiddenSuccessions', 'type', { expected: 'list of [X, Y]' });
      else {
        forbiddenSuccessions = [];
        r.forbiddenSuccessions.forEach((pair, i) => {
          const path = join('rules.forbiddenSuccessions', i);
          if (!Array.isArray(pair) || pair.length !== 2) return c.err(path, 'type', { expected: '[X, Y]' });
          const ids = pair.map((v, k) => {
            const id = parseId(v, join(path, k), c);
            if (id !== undefined && !shiftIds.has(id)) c.err(join(path, k), 'unknown-shift', { id });
            return id;
          });
          if (ids[0] !== undefined && ids[1] !== undefined) forbiddenSuccessions?.push([ids[0], ids[1]]);
        });
      }
    }
    if (r.minRestHours !== undefined) {
      const h = parseNumber(r.minRestHours, 'rules.minRestHours', c, 0, 48);
      if (h !== undefined) {
        if (!Number.isInteger(h * 4)) c.err('rules.minRestHours', 'granularity', { minutes: 15 });
        else minRestMinutes = h * 60;
      }
    }
    if (r.maxConsecutiveDays !== undefined) maxConsecutiveDays = parseNumber(r.maxConsecutiveDays, 'rules.maxConsecutiveDays', c, 1, 31, true) ?? maxConsecutiveDays;
    if (r.maxDaysPerWeek !== undefined) maxDaysPerWeek = parseNumber(r.maxDaysPerWeek, 'rules.maxDaysPerWeek', c, 1, 7, true) ?? maxDaysPerWeek;
    if (r.understaffPenaltyHours !== undefined)
      understaffPenaltyHours = parseNumber(r.understaffPenaltyHours, 'rules.understaffPenaltyHours', c, 0.25, 1000) ?? understaffPenaltyHours;
    if (r.nights !== undefined) {
      if (!isObj(r.nights)) c.err('rules.nights', 'type', { expected: 'object' });
      else {
        const n = r.nights;
        c.keys(n, 'rules.nights', ['from', 'to', 'minMinutes', 'maxPerWeek']);
        const start = n.from === undefined ? night.start : parseClock(n.from, 'rules.nights.from', c);
        const end = n.to === undefined ? night.end : parseClock(n.to, 'rules.nights.to', c);
        const minMinutes = n.minMinutes === undefined ? night.minMinutes : parseNumber(n.minMinutes, 'rules.nights.minMinutes', c, 1, 1440, true);
        if (start !== undefined && end !== undefined && minMinutes !== undefined) night = { start, end, minMinutes };
        if (n.maxPerWeek !== undefined && n.maxPerWeek !== null) maxNightsPerWeek = parseNumber(n.maxPerWeek, 'rules.nights.maxPerWeek', c, 0, 7, true) ?? null;
      }
    }
    if (r.weekends !== undefined) {
      if (!isObj(r.weekends)) c.err('rules.weekends', 'type', { expected: 'object' });
      else {
        c.keys(r.weekends, 'rules.weekends', ['maxDaysPerWeek']);
        const w = r.weekends.maxDaysPerWeek;
        if (w !== undefined && w !== null) maxWeekendDaysPerWeek = parseNumber(w, 'rules.weekends.maxDaysPerWeek', c, 0, 2, true) ?? null;
      }
    }
  }

  const contracts: Contract[] = [];
  const contractIds = new Set<string>();
  if (raw.contracts === undefined) contracts.push({ id: 'standard', minWeeklyHours: 0, maxWeeklyHours: 40, maxDaysPerWeek: 5 });
  else if (!Array.isArray(raw.contracts) || raw.contracts.length === 0) c.err('contracts', 'type', { expected: 'non-empty list' });
  else
    raw.contracts.forEach((k, i) => {
      const path = join('contracts', i);
      if (!isObj(k)) return c.err(path, 'type', { expected: 'object' });
      c.keys(k, path, ['id', 'minWeeklyHours', 'maxWeeklyHours', 'maxDaysPerWeek', 'rotation']);
      const rotation = k.rotation === undefined ? undefined : parseRotation(k.rotation, join(path, 'rotation'), c, shiftIds);
      const id = k.id === undefined ? c.err(join(path, 'id'), 'required') : parseId(k.id, join(path, 'id'), c);
      const minH = k.minWeeklyHours === undefined ? 0 : parseNumber(k.minWeeklyHours, join(path, 'minWeeklyHours'), c, 0, 168);
      const maxH = k.maxWeeklyHours === undefined ? c.err(join(path, 'maxWeeklyHours'), 'required') : parseNumber(k.maxWeeklyHours, join(path, 'maxWeeklyHours'), c, 0, 168);
      const maxD = k.maxDaysPerWeek === undefined ? maxDaysPerWeek : parseNumber(k.maxDaysPerWeek, join(path, 'maxDaysPerWeek'), c, 0, 7, true);
      if (minH !== undefined && maxH !== undefined && minH > maxH) c.err(join(path, 'minWeeklyHours'), 'min-above-max', { min: minH, max: maxH });
      else if (id !== undefined && minH !== undefined && maxH !== undefined && maxD !== undefined) {
        if (contractIds.has(id)) c.err(join(path, 'id'), 'duplicate', { id });
        else {
          contractIds.add(id);
          contracts.push(rotation ? { id, minWeeklyHours: minH, maxWeeklyHours: maxH, maxDaysPerWeek: maxD, rotation } : { id, minWeeklyHours: minH, maxWeeklyHours: maxH, maxDaysPerWeek: maxD });
        }
      }
    });
  let defaultContract = contracts[0]?.id ?? 'standard';
  if (raw.defaultContract !== undefined) {
    const id = parseId(raw.defaultContract, 'defaultContract', c);
    if (id !== undefined) {
      if (!contractIds.has(id) && Array.isArray(raw.contracts)) c.err('defaultContract', 'unknown-contract', { id });
      defaultContract = id;
    }
  }

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    rules: {
      openingHours,
      shifts,
      minRestMinutes,
      maxConsecutiveDays,
      maxDaysPerWeek,
      night,
      maxNightsPerWeek,
      maxWeekendDaysPerWeek,
      contracts,
      defaultContract,
      understaffPenaltyHours,
      ...(forbiddenSuccessions ? { forbiddenSuccessions } : {}),
      ...(maxStartChangeMinutes !== undefined ? { maxStartChangeMinutes } : {}),
    },
  };
}

/** A contract's rotation rules (see the file comment); hours become minutes. */
function parseRotation(v: unknown, path: string, c: Ctx, shiftIds: Set<string>): RotationRules | undefined {
  if (!isObj(v)) return c.err(path, 'type', { expected: 'object' });
  c.keys(v, path, ['minConsecutiveDays', 'maxConsecutiveDays', 'minConsecutiveDaysOff', 'maxWeekends', 'minTotalHours', 'maxTotalHours', 'maxShifts']);
  const out: RotationRules = {};
  for (const key of ['minConsecutiveDays', 'maxConsecutiveDays', 'minConsecutiveDaysOff', 'maxWeekends'] as const) {
    if (v[key] === undefined) continue;
    const n = parseNumber(v[key], join(path, key), c, key === 'maxWeekends' ? 0 : 1, 366, true);
    if (n !== undefined) out[key] = n;
  }
  for (const [key, into] of [
    ['minTotalHours', 'minTotalMinutes'],
    ['maxTotalHours', 'maxTotalMinutes'],
  ] as const) {
    if (v[key] === undefined) continue;
    const h = parseNumber(v[key], join(path, key), c, 0, 10000);
    if (h !== undefined) out[into] = Math.round(h * 60);
  }
  if (out.minConsecutiveDays !== undefined && out.maxConsecutiveDays !== undefined && out.minConsecutiveDays > out.maxConsecutiveDays)
    c.err(join(path, 'minConsecutiveDays'), 'min-above-max', { min: out.minConsecutiveDays, max: out.maxConsecutiveDays });
  if (out.minTotalMinutes !== undefined && out.maxTotalMinutes !== undefined && out.minTotalMinutes > out.maxTotalMinutes)
    c.err(join(path, 'minTotalHours'), 'min-above-max', { min: out.minTotalMinutes / 60, max: out.maxTotalMinutes / 60 });
  if (v.maxShifts !== undefined) {
    if (!isObj(v.maxShifts)) c.err(join(path, 'maxShifts'), 'type', { expected: 'object' });
    else {
      out.maxShifts = {};
      for (const [id, n] of Object.entries(v.maxShifts)) {
        if (!shiftIds.has(id)) c.err(join(join(path, 'maxShifts'), id), 'unknown-shift', { id });
        const m = parseNumber(n, join(join(path, 'maxShifts'), id), c, 0, 366, true);
        if (m !== undefined) out.maxShifts[id] = m;
      }
    }
  }
  return out;
}
