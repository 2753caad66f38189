/**
 * Reader of the Curtois & Qu employee shift scheduling benchmark's text format (schedulingbenchmarks.org;
 * the 24 instances in shared/data/curtois) into a shift-count roster problem (src/solver/rotation):
 * sections SECTION_HORIZON (days; day 0 a Monday), SECTION_SHIFTS (id, minutes, ids that may not follow
 * the next day, `|` separated), SECTION_STAFF (id, max shifts per type `ID=n|...`, max total minutes,
 * min total minutes, max consecutive shifts, min consecutive shifts, min consecutive days off, max
 * weekends), SECTION_DAYS_OFF (id, day indexes), SECTION_SHIFT_ON_REQUESTS / SECTION_SHIFT_OFF_REQUESTS
 * (id, day, shift, weight), SECTION_COVER (day, shift, requirement, under weight, over weight).
 * `#` starts a comment. Every problem throws an InputError naming the file, line and field.
 * `curtoisRosterInput` turns the problem into the ordinary roster engine's input (solveRoster). Pure.
 */
import { InputError } from '../errors.js';
import type { Agent, Contract, CountProblem, RosterInput, RotationRules, ShiftTemplate } from '../solver/index.js';

const SECTIONS = ['SECTION_HORIZON', 'SECTION_SHIFTS', 'SECTION_STAFF', 'SECTION_DAYS_OFF', 'SECTION_SHIFT_ON_REQUESTS', 'SECTION_SHIFT_OFF_REQUESTS', 'SECTION_COVER'] as const;
type Section = (typeof SECTIONS)[number];

/** Parses an instance's text (`file` names it in errors). */
export function parseCurtois(text: string, file: string): CountProblem {
  const lines: Record<Section, { line: number; fields: string[] }[]> = {
    SECTION_HORIZON: [],
    SECTION_SHIFTS: [],
    SECTION_STAFF: [],
    SECTION_DAYS_OFF: [],
    SECTION_SHIFT_ON_REQUESTS: [],
    SECTION_SHIFT_OFF_REQUESTS: [],
    SECTION_COVER: [],
  };
  let section: Section | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    if (/^SECTION_/.test(line)) {
      if (!(SECTIONS as readonly string[]).includes(line)) throw bad(file, i + 1, 'section', line);
      section = line as Section;
      return;
    }
    if (section === null) throw bad(file, i + 1, 'section', line);
    lines[section].push({ line: i + 1, fields: line.split(',').map((f) => f.trim()) });
  });
  const int = (v: string | undefined, line: number, field: string, min = 0): number => {
    const n = Number(v);
    if (v === undefined || v === '' || !Number.isInteger(n) || n < min) throw bad(file, line, field, v ?? '');
    return n;
  };
  const h = lines.SECTION_HORIZON;
  if (h.length !== 1) throw bad(file, h[1]?.line ?? 1, 'SECTION_HORIZON', String(h.length));
  const days = int(h[0].fields[0], h[0].line, 'horizon', 1);

  const shiftIndex = new Map<string, number>();
  const shifts = lines.SECTION_SHIFTS.map(({ line, fields }, s) => {
    const id = fields[0];
    if (!id || shiftIndex.has(id)) throw bad(file, line, 'shift id', id ?? '');
    shiftIndex.set(id, s);
    return { id, minutes: int(fields[1], line, 'length', 1) };
  });
  if (shifts.length === 0) throw bad(file, 1, 'SECTION_SHIFTS', '');
  const shiftOf = (v: string | undefined, line: number, field: string): number => {
    const s = v === undefined ? undefined : shiftIndex.get(v);
    if (s === undefined) throw bad(file, line, field, v ?? '');
    return s;
  };
  const forbidden: [number, number][] = [];
  lines.SECTION_SHIFTS.forEach(({ line, fields }, s) => {
    for (const t of (fields[2] ?? '').split('|').filter((x) => x !== '')) forbidden.push([s, shiftOf(t, line, 'forbidden successor')]);
  });

  const agentIndex = new Map<string, number>();
  const agents = lines.SECTION_STAFF.map(({ line, fields }, e) => {
    const id = fields[0];
    if (!id || agentIndex.has(id)) throw bad(file, line, 'staff id', id ?? '');
    agentIndex.set(id, e);
    const maxShifts: Record<string, number> = {};
    for (const part of (fields[1] ?? '').split('|').filter((x) => x !== '')) {
      const [sid, n] = part.split('=');
      shiftOf(sid, line, 'max shifts');
      maxShifts[sid] = int(n, line, 'max shifts');
    }
    const rules: RotationRules = {
      maxShifts,
      maxTotalMinutes: int(fields[2], line, 'max total minutes'),
      minTotalMinutes: int(fields[3], line, 'min total minutes'),
      maxConsecutiveDays: int(fields[4], line, 'max consecutive shifts', 1),
      minConsecutiveDays: int(fields[5], line, 'min consecutive shifts'),
      minConsecutiveDaysOff: int(fields[6], line, 'min consecutive days off'),
      maxWeekends: int(fields[7], line, 'max weekends'),
    };
    return { id, rules, daysOff: [] as number[] };
  });
  const agentOf = (v: string | undefined, line: number): number => {
    const e = v === undefined ? undefined : agentIndex.get(v);
    if (e === undefined) throw bad(file, line, 'staff id', v ?? '');
    return e;
  };
  const day = (v: string | undefined, line: number, field: string): number => {
    const d = int(v, line, field);
    if (d >= days) throw bad(file, line, field, v ?? '');
    return d;
  };
  for (const { line, fields } of lines.SECTION_DAYS_OFF) {
    const e = agentOf(fields[0], line);
    for (const v of fields.slice(1)) if (v !== '') agents[e].daysOff.push(day(v, line, 'day'));
  }
  const requests: CountProblem['requests'] = [];
  for (const [sec, kind] of [
    ['SECTION_SHIFT_ON_REQUESTS', 'on'],
    ['SECTION_SHIFT_OFF_REQUESTS', 'off'],
  ] as const)
    for (const { line, fields } of lines[sec])
      requests.push({ agent: agentOf(fields[0], line), day: day(fields[1], line, 'day'), shift: shiftOf(fields[2], line, 'shift'), kind, weight: int(fields[3], line, 'weight', 1) });
  const seen = new Set<string>();
  const cover = lines.SECTION_COVER.map(({ line, fields }) => {
    const c = { day: day(fields[0], line, 'day'), shift: shiftOf(fields[1], line, 'shift'), required: int(fields[2], line, 'requirement'), underWeight: int(fields[3], line, 'under weight'), overWeight: int(fields[4], line, 'over weight') };
    const key = `${c.day} ${c.shift}`;
    if (seen.has(key)) throw bad(file, line, 'day', fields[0]);
    seen.add(key);
    return c;
  });
  return { days, startWeekday: 1, shifts, forbidden, agents, cover, requests };
}

function bad(file: string, line: number, field: string, value: string): InputError {
  return new InputError({ file, line, field }, { key: 'roster.curtois.bad', params: { field, value } }, `${file}:${line}: bad ${field} "${value}"`);
}

/** The queue of every shift of a benchmark instance (it has no interval requirements). */
export const CURTOIS_QUEUE = 'default';

/**
 * The ordinary roster engine's input for a benchmark instance: one template per shift with the file's
 * length and a nominal start at midnight (no break; lengths up to a day, so with the rest rule off
 * no succession is illegal but those the file forbids), one contract per employee holding its rotation
 * rules (no weekly limits), its days off as approved days off, the on/off requests, the cover rows as
 * shift-count cover, nothing required per interval, and paid hours weighing nothing in the objective
 * (the benchmark's objective is the cover and request costs alone). Day 0 is a Monday.
 */
export function curtoisRosterInput(p: CountProblem): RosterInput {
  const shifts: ShiftTemplate[] = p.shifts.map((s) => ({ id: s.id, minutes: s.minutes, starts: [0], breaks: [], paidMinutes: s.minutes }));
  const contracts: Contract[] = p.agents.map((a) => ({ id: a.id, minWeeklyHours: 0, maxWeeklyHours: 168, maxDaysPerWeek: 7, rotation: a.rules }));
  const agents: Agent[] = p.agents.map((a) => ({ id: a.id, skills: [CURTOIS_QUEUE], contract: a.id, daysOff: [...new Set(a.daysOff ?? [])].sort((x, y) => x - y) }));
  const id = (s: number) => p.shifts[s].id;
  return {
    rules: {
      openingHours: '24x7',
      shifts,
      minRestMinutes: 0,
      maxConsecutiveDays: p.days,
      maxDaysPerWeek: 7,
      // no shift counts as a night shift
      night: { start: 0, end: 360, minMinutes: 1441 },
      maxNightsPerWeek: null,
      maxWeekendDaysPerWeek: null,
      contracts,
      defaultContract: contracts[0]?.id ?? '',
      understaffPenaltyHours: 0,
      forbiddenSuccessions: p.forbidden.map(([x, y]): [string, string] => [id(x), id(y)]),
      paidHoursWeight: 0,
    },
    requirements: { intervalMinutes: 30, days: p.days, startWeekday: p.startWeekday, queues: [{ queue: CURTOIS_QUEUE, required: new Array<number>(p.days * 48).fill(0) }] },
    agents,
    requests: p.requests.map((q) => ({ agent: p.agents[q.agent].id, day: q.day, template: q.shift === null ? null : id(q.shift), kind: q.kind, weight: q.weight })),
    cover: p.cover.map((c) => ({ day: c.day, template: id(c.shift), required: c.required, underWeight: c.underWeight, overWeight: c.overWeight })),
  };
}
