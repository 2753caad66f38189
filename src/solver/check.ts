/**
 * Independent checker: re-verifies a roster against requirements, rules and agents, with no code
 * shared with the model builder or the tour heuristic (it works minute by minute where the engine
 * works on grid slots). Returns every violation found; an empty list means the roster keeps every
 * rule and its reported figures (coverage, paid hours, understaffing, objective) are exact.
 */
import { paidMinutesOf, shiftBeforeDay0, type Agent, type Contract, type Requirements, type Roster, type RosterRules, type RosterShift, type ShiftCover, type ShiftRequest } from './types.js';

export type ViolationCode =
  | 'unknown-template'
  | 'shift-length'
  | 'start-not-allowed'
  | 'outside-opening-hours'
  | 'break-count'
  | 'break-length'
  | 'break-paid'
  | 'break-window'
  | 'break-overlap'
  | 'unknown-agent'
  | 'unknown-queue'
  | 'skill'
  | 'availability'
  | 'leave'
  | 'day-off'
  | 'overlap'
  | 'two-shifts-one-day'
  | 'rest'
  | 'consecutive-days'
  | 'days-per-week'
  | 'max-weekly-hours'
  | 'min-weekly-hours'
  | 'nights-per-week'
  | 'weekend-days-per-week'
  | 'coverage-mismatch'
  | 'coverage-missing'
  | 'paid-hours-mismatch'
  | 'understaffed-mismatch'
  | 'objective-mismatch'
  | 'succession'
  | 'start-change'
  | 'rotation-max-run'
  | 'rotation-min-run'
  | 'rotation-min-days-off'
  | 'rotation-max-weekends'
  | 'rotation-min-total'
  | 'rotation-max-total'
  | 'rotation-max-shifts';

export interface Violation {
  code: ViolationCode;
  /** Index into roster.shifts, when the violation is about one shift. */
  shift?: number;
  agent?: string;
  queue?: string;
  interval?: number;
  day?: number;
  expected?: number;
  actual?: number;
}

export interface CheckInput {
  rules: RosterRules;
  requirements: Requirements;
  /** Named agents; when absent every agent is anonymous under the default contract with all skills. */
  agents?: Agent[];
  /** Requests and shift-count cover (issue 18): their soft costs are part of the objective. */
  requests?: ShiftRequest[];
  cover?: ShiftCover[];
}

type Checked = Pick<Roster, 'intervalMinutes' | 'shifts'> & Partial<Pick<Roster, 'coverage' | 'paidHours' | 'understaffed' | 'objective'>>;

const MIN_PER_DAY = 24 * 60;

/** Is minute-of-day m inside [from, to) of a window that may wrap past midnight? */
function inWindow(m: number, from: number, to: number): boolean {
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** Minute of day of an absolute minute (roster start is local midnight). */
function clock(m: number): number {
  return ((m % MIN_PER_DAY) + MIN_PER_DAY) % MIN_PER_DAY;
}

/** Is the person working at absolute minute m of shift s (inside the shift and on no break)? */
function workingAt(s: RosterShift, m: number): boolean {
  if (m < s.start || m >= s.end) return false;
  for (const b of s.breaks) if (m >= b.start && m < b.end) return false;
  return true;
}

/**
 * The checker's own reading of two definitions (kept apart from the solver's code in types.ts, so a
 * mistake in one is caught by the other):
 *  - owed minutes in 7-day block w: minWeeklyHours x 60 x (7 - leave days) / 7, rounded, where a
 *    leave day has at least 240 minutes inside the agent's leave; 0 for a block past the horizon;
 *  - carried days: the days in a row, ending the day before day 0, with an earlier shift starting.
 */
function owedMinutes(contract: Contract, agent: Agent | undefined, w: number, days: number): number {
  if (w * 7 + 7 > days || !(contract.minWeeklyHours > 0)) return 0;
  const leaveMinutes = new Array(7).fill(0);
  for (const p of agent?.leave ?? [])
    for (let m = Math.max(p.start, w * 7 * MIN_PER_DAY); m < Math.min(p.end, (w * 7 + 7) * MIN_PER_DAY); m++) leaveMinutes[Math.floor(m / MIN_PER_DAY) - w * 7]++;
  const working = leaveMinutes.filter((m) => m < 240).length;
  return Math.round((contract.minWeeklyHours * 60 * working) / 7);
}
function carriedDays(agent: Agent | undefined): number {
  const days = [...new Set((agent?.before ?? []).map((p) => Math.floor(p.start / MIN_PER_DAY)))].sort((x, y) => y - x);
  let n = 0;
  for (const d of days) if (d === -1 - n) n++;
  return n;
}

/** Checks a roster; see the file comment. */
export function checkRoster(input: CheckInput, roster: Checked): Violation[] {
  const { rules, requirements: req } = input;
  const out: Violation[] = [];
  const g = roster.intervalMinutes;
  const queues = req.queues.map((q) => q.queue);
  const agentById = new Map<string, Agent>();
  for (const a of input.agents ?? []) agentById.set(a.id, a);

  // ---- every shift against its template, opening hours and agent
  roster.shifts.forEach((s, i) => {
    const tpl = rules.shifts.find((t) => t.id === s.template);
    if (!queues.includes(s.queue)) out.push({ code: 'unknown-queue', shift: i, queue: s.queue });
    if (!tpl) {
      out.push({ code: 'unknown-template', shift: i });
      return;
    }
    if (s.end - s.start !== tpl.minutes) out.push({ code: 'shift-length', shift: i, expected: tpl.minutes, actual: s.end - s.start });
    const dayIdx = Math.floor(s.start / MIN_PER_DAY);
    if (!tpl.starts.includes(s.start - dayIdx * MIN_PER_DAY)) out.push({ code: 'start-not-allowed', shift: i, actual: clock(s.start) });
    if (rules.openingHours !== '24x7') {
      // every minute of the shift must fall inside one period that opened on the shift's day
      const wd = new Date(Date.UTC(2024, 0, 1 + (req.startWeekday - 1) + dayIdx)).getUTCDay() || 7; // 2024-01-01 is a Monday
      const ok = rules.openingHours.some((p) => {
        if (!p.weekdays.includes(wd)) return false;
        const open = dayIdx * MIN_PER_DAY + p.open;
        const close = dayIdx * MIN_PER_DAY + (p.close > p.open ? p.close : p.close + MIN_PER_DAY);
        return s.start >= open && s.end <= close;
      });
      if (!ok) out.push({ code: 'outside-opening-hours', shift: i });
    }
    if (s.breaks.length !== tpl.breaks.length) out.push({ code: 'break-count', shift: i, expected: tpl.breaks.length, actual: s.breaks.length });
    else {
      const sorted = [...s.breaks].sort((a, b) => a.start - b.start);
      sorted.forEach((b, k) => {
        const rule = tpl.breaks[k];
        if (b.end - b.start !== rule.minutes) out.push({ code: 'break-length', shift: i, expected: rule.minutes, actual: b.end - b.start });
        if (b.paid !== rule.paid) out.push({ code: 'break-paid', shift: i });
        const off = b.start - s.start;
        if (off < rule.earliest || off > rule.latest || b.end > s.end) out.push({ code: 'break-window', shift: i, actual: off });
        if (k > 0 && b.start < sorted[k - 1].end) out.push({ code: 'break-overlap', shift: i });
      });
    }
    if (input.agents) {
      const a = agentById.get(s.agent);
      if (!a) out.push({ code: 'unknown-agent', shift: i, agent: s.agent });
      else {
        if (!a.skills.includes(s.queue)) out.push({ code: 'skill', shift: i, agent: a.id, queue: s.queue });
        else {
          // per-day skill gates: every calendar day from the first to the last working minute allowed
          const allowed = a.skillDays?.[s.queue];
          if (allowed)
            for (let d = Math.floor(s.start / MIN_PER_DAY); d * MIN_PER_DAY < s.end; d++)
              if (!allowed.includes(d)) {
                out.push({ code: 'skill', shift: i, agent: a.id, queue: s.queue, day: d });
                break;
              }
        }
        if (a.availability && !a.availability.some((p) => p.start <= s.start && s.end <= p.end)) out.push({ code: 'availability', shift: i, agent: a.id });
        if (a.leave?.some((p) => p.start < s.end && s.start < p.end)) out.push({ code: 'leave', shift: i, agent: a.id });
        if (a.daysOff?.includes(dayIdx)) out.push({ code: 'day-off', shift: i, agent: a.id, day: dayIdx });
      }
    }
  });

  // ---- per agent: rest, days, hours, nights, weekends
  const byAgent = new Map<string, number[]>();
  roster.shifts.forEach((s, i) => {
    const l = byAgent.get(s.agent) ?? [];
    l.push(i);
    byAgent.set(s.agent, l);
  });
  const weeks = Math.ceil(req.days / 7);
  for (const [agentId, idx] of byAgent) {
    const a = agentById.get(agentId);
    const contract = rules.contracts.find((k) => k.id === (a?.contract ?? rules.defaultContract));
    const list = idx.map((i) => ({ i, s: roster.shifts[i] })).sort((p, q) => p.s.start - q.s.start);
    const worked = new Set<number>();
    // shifts worked before the roster (agent.before): rest from the last one, and its days in a row
    const before = a?.before ?? [];
    const carried = carriedDays(a);
    for (let n = 0; n < list.length; n++) {
      const { i, s } = list[n];
      const day = Math.floor(s.start / MIN_PER_DAY);
      if (worked.has(day)) out.push({ code: 'two-shifts-one-day', shift: i, agent: agentId, day });
      worked.add(day);
      // every shift against every earlier one (not only the first against the last)
      for (const p of before) {
        if (p.start >= s.end) continue;
        if (s.start < p.end) out.push({ code: 'overlap', shift: i, agent: agentId });
        else if (s.start - p.end < rules.minRestMinutes) out.push({ code: 'rest', shift: i, agent: agentId, expected: rules.minRestMinutes, actual: s.start - p.end });
      }
      if (n > 0) {
        const prev = list[n - 1].s;
        if (s.start < prev.end) out.push({ code: 'overlap', shift: i, agent: agentId });
        else if (s.start - prev.end < rules.minRestMinutes) out.push({ code: 'rest', shift: i, agent: agentId, expected: rules.minRestMinutes, actual: s.start - prev.end });
      }
    }
    // consecutive days: longest run of worked day indexes
    let run = carried;
    for (let d = 0; d < req.days; d++) {
      run = worked.has(d) ? run + 1 : 0;
      if (run === rules.maxConsecutiveDays + 1) out.push({ code: 'consecutive-days', agent: agentId, day: d, expected: rules.maxConsecutiveDays, actual: run });
    }
    for (let w = 0; w < weeks; w++) {
      const inWeek = list.filter(({ s }) => Math.floor(s.start / MIN_PER_DAY / 7) === w);
      const daysWorked = new Set(inWeek.map(({ s }) => Math.floor(s.start / MIN_PER_DAY))).size;
      const maxDays = Math.min(rules.maxDaysPerWeek, contract?.maxDaysPerWeek ?? 7);
      if (daysWorked > maxDays) out.push({ code: 'days-per-week', agent: agentId, day: w * 7, expected: maxDays, actual: daysWorked });
      let paidMin = 0;
      let nights = 0;
      let weekendDays = 0;
      for (const { s } of inWeek) {
        let unpaid = 0;
        for (const b of s.breaks) if (!b.paid) unpaid += b.end - b.start;
        paidMin += s.end - s.start - unpaid;
        let nm = 0;
        for (let m = s.start; m < s.end; m++) if (inWindow(clock(m), rules.night.start, rules.night.end)) nm++;
        if (nm >= rules.night.minMinutes) nights++;
        const wd = new Date(Date.UTC(2024, 0, 1 + (req.startWeekday - 1) + Math.floor(s.start / MIN_PER_DAY))).getUTCDay();
        if (wd === 0 || wd === 6) weekendDays++;
      }
      if (contract) {
        if (paidMin > contract.maxWeeklyHours * 60 + 1e-9) out.push({ code: 'max-weekly-hours', agent: agentId, day: w * 7, expected: contract.maxWeeklyHours, actual: paidMin / 60 });
        const owed = owedMinutes(contract, agentById.get(agentId), w, req.days);
        if (paidMin < owed - 1e-9) out.push({ code: 'min-weekly-hours', agent: agentId, day: w * 7, expected: owed / 60, actual: paidMin / 60 });
      }
      if (rules.maxNightsPerWeek !== null && nights > rules.maxNightsPerWeek) out.push({ code: 'nights-per-week', agent: agentId, day: w * 7, expected: rules.maxNightsPerWeek, actual: nights });
      if (rules.maxWeekendDaysPerWeek !== null && weekendDays > rules.maxWeekendDaysPerWeek)
        out.push({ code: 'weekend-days-per-week', agent: agentId, day: w * 7, expected: rules.maxWeekendDaysPerWeek, actual: weekendDays });
    }
  }
  out.push(...rotationViolations(input, roster.shifts, [...new Set([...(input.agents ?? []).map((a) => a.id), ...byAgent.keys()])]));
  // named agents with no shift still owe their contract minimum
  if (input.agents)
    for (const a of input.agents) {
      if (byAgent.has(a.id)) continue;
      const contract = rules.contracts.find((k) => k.id === (a.contract ?? rules.defaultContract));
      if (contract)
        for (let w = 0; (w + 1) * 7 <= req.days; w++) {
          const owed = owedMinutes(contract, a, w, req.days);
          if (owed > 0) out.push({ code: 'min-weekly-hours', agent: a.id, day: w * 7, expected: owed / 60, actual: 0 });
        }
    }

  // ---- coverage, minute by minute: scheduled in an interval = fewest people working in any minute
  const horizon = req.days * MIN_PER_DAY;
  const reported = new Map<string, { required: number; scheduled: number }>();
  for (const c of roster.coverage ?? []) reported.set(`${c.queue}\u0000${c.interval}`, c);
  let understaffed = 0;
  for (const q of req.queues) {
    const perMinute = new Int32Array(horizon);
    for (const s of roster.shifts) {
      if (s.queue !== q.queue) continue;
      for (let m = Math.max(0, s.start); m < Math.min(horizon, s.end); m++) if (workingAt(s, m)) perMinute[m]++;
    }
    const n = horizon / g;
    for (let t = 0; t < n; t++) {
      let fewest = Infinity;
      for (let m = t * g; m < (t + 1) * g; m++) fewest = Math.min(fewest, perMinute[m]);
      // requirement of the interval containing minute t*g on the requirement grid
      const need = q.required[Math.floor((t * g) / req.intervalMinutes)];
      if (fewest < need) understaffed += need - fewest;
      if (roster.coverage) {
        const c = reported.get(`${q.queue}\u0000${t}`);
        if (!c) out.push({ code: 'coverage-missing', queue: q.queue, interval: t });
        else if (c.required !== need || c.scheduled !== fewest) out.push({ code: 'coverage-mismatch', queue: q.queue, interval: t, expected: fewest, actual: c.scheduled });
      }
    }
  }
  let paidMinutes = 0;
  for (const s of roster.shifts) {
    paidMinutes += s.end - s.start;
    for (const b of s.breaks) if (!b.paid) paidMinutes -= b.end - b.start;
  }
  if (roster.paidHours !== undefined && Math.abs(roster.paidHours - paidMinutes / 60) > 1e-6)
    out.push({ code: 'paid-hours-mismatch', expected: paidMinutes / 60, actual: roster.paidHours });
  if (roster.understaffed !== undefined && roster.understaffed !== understaffed) out.push({ code: 'understaffed-mismatch', expected: understaffed, actual: roster.understaffed });
  let objective = (rules.paidHoursWeight ?? 1) * (paidMinutes / 60) + rules.understaffPenaltyHours * understaffed;
  if (input.requests || input.cover) objective += softCost(input, roster.shifts);
  if (roster.objective !== undefined && Math.abs(roster.objective - objective) > 1e-6) out.push({ code: 'objective-mismatch', expected: objective, actual: roster.objective });
  return out;
}

/**
 * Soft costs of issue 18, read from the shifts: each request not met (on: no shift of its template,
 * or none at all, starting that day; off: one that does) costs its weight; each --cover row costs
 * under x underWeight or over x overWeight, counting the shifts of its template starting that day.
 */
function softCost(input: CheckInput, shifts: RosterShift[]): number {
  let cost = 0;
  for (const q of input.requests ?? []) {
    const mine = shifts.filter((s) => s.agent === q.agent && Math.floor(s.start / MIN_PER_DAY) === q.day && (q.template === null || s.template === q.template));
    if ((mine.length > 0) !== (q.kind === 'on')) cost += q.weight;
  }
  for (const c of input.cover ?? []) {
    const n = shifts.filter((s) => s.template === c.template && Math.floor(s.start / MIN_PER_DAY) === c.day).length;
    cost += n < c.required ? (c.required - n) * c.underWeight : (n - c.required) * c.overWeight;
  }
  return cost;
}

/**
 * Forbidden successions and the contracts' rotation rules (issue 18), per agent, from the days on which
 * its shifts start. A run of working days or days off touching the first or last day is exempt from
 * the minimum lengths, except a run of work from day 0 when the days before are known (agent.before:
 * then it continues the days carried in). Weekends: a Saturday or Sunday worked makes its weekend count.
 */
function rotationViolations(input: CheckInput, shifts: RosterShift[], agentIds: string[]): Violation[] {
  const { rules, requirements: req } = input;
  const out: Violation[] = [];
  const pairs = new Set((rules.forbiddenSuccessions ?? []).map(([x, y]) => `${x}>${y}`));
  const H = req.days;
  for (const id of agentIds) {
    const a = input.agents?.find((x) => x.id === id);
    const contract = rules.contracts.find((k) => k.id === (a?.contract ?? rules.defaultContract));
    const byDay = new Map<number, RosterShift>();
    for (const s of shifts) if (s.agent === id) byDay.set(Math.floor(s.start / MIN_PER_DAY), s);
    // day -1 (the roster before, agent.before) to day 0
    const prev = shiftBeforeDay0(a, rules);
    const first = byDay.get(0);
    if (prev && first) {
      if (prev.template !== null && pairs.has(`${prev.template}>${first.template}`)) out.push({ code: 'succession', agent: id, day: 0 });
      const moved = Math.abs(first.start - prev.clock);
      if (rules.maxStartChangeMinutes !== undefined && moved > rules.maxStartChangeMinutes) out.push({ code: 'start-change', agent: id, day: 0, expected: rules.maxStartChangeMinutes / 60, actual: moved / 60 });
    }
    for (const [d, s] of byDay) {
      const next = byDay.get(d + 1);
      if (next && pairs.has(`${s.template}>${next.template}`)) out.push({ code: 'succession', agent: id, day: d + 1 });
      const clockOf = (x: RosterShift) => x.start - Math.floor(x.start / MIN_PER_DAY) * MIN_PER_DAY;
      if (next && rules.maxStartChangeMinutes !== undefined && Math.abs(clockOf(next) - clockOf(s)) > rules.maxStartChangeMinutes)
        out.push({ code: 'start-change', agent: id, day: d + 1, expected: rules.maxStartChangeMinutes / 60, actual: Math.abs(clockOf(next) - clockOf(s)) / 60 });
    }
    const rot = contract?.rotation;
    if (!rot) continue;
    let paid = 0;
    const perTemplate = new Map<string, number>();
    for (const s of byDay.values()) {
      paid += paidMinutesOf(s);
      perTemplate.set(s.template, (perTemplate.get(s.template) ?? 0) + 1);
    }
    if (rot.maxTotalMinutes !== undefined && paid > rot.maxTotalMinutes) out.push({ code: 'rotation-max-total', agent: id, expected: rot.maxTotalMinutes / 60, actual: paid / 60 });
    if (rot.minTotalMinutes !== undefined && paid < rot.minTotalMinutes) out.push({ code: 'rotation-min-total', agent: id, expected: rot.minTotalMinutes / 60, actual: paid / 60 });
    for (const [t, m] of Object.entries(rot.maxShifts ?? {})) if ((perTemplate.get(t) ?? 0) > m) out.push({ code: 'rotation-max-shifts', agent: id, expected: m, actual: perTemplate.get(t) });
    // runs: walk the days, closing a run when the state changes or the horizon ends
    const known = a?.before !== undefined;
    const carried = carriedDays(a);
    let runStart = 0;
    for (let d = 1; d <= H; d++) {
      const working = byDay.has(runStart);
      if (d < H && byDay.has(d) === working) continue;
      const length = d - runStart + (runStart === 0 && working ? carried : 0);
      const leftClosed = runStart > 0 || (known && (working || carried > 0));
      const rightClosed = d < H;
      if (working && rot.maxConsecutiveDays !== undefined && length > rot.maxConsecutiveDays) out.push({ code: 'rotation-max-run', agent: id, day: runStart, expected: rot.maxConsecutiveDays, actual: length });
      if (working && leftClosed && rightClosed && rot.minConsecutiveDays !== undefined && length < rot.minConsecutiveDays)
        out.push({ code: 'rotation-min-run', agent: id, day: runStart, expected: rot.minConsecutiveDays, actual: length });
      if (!working && leftClosed && rightClosed && rot.minConsecutiveDaysOff !== undefined && length < rot.minConsecutiveDaysOff)
        out.push({ code: 'rotation-min-days-off', agent: id, day: runStart, expected: rot.minConsecutiveDaysOff, actual: length });
      runStart = d;
    }
    if (rot.maxWeekends !== undefined) {
      const weekends = new Set<number>();
      for (const d of byDay.keys()) {
        const wd = (((req.startWeekday - 1 + d) % 7) + 7) % 7; // 0 = Monday
        if (wd >= 5) weekends.add(d - wd);
      }
      if (weekends.size > rot.maxWeekends) out.push({ code: 'rotation-max-weekends', agent: id, expected: rot.maxWeekends, actual: weekends.size });
    }
  }
  return out;
}
