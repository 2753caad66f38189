/**
 * Cost and hard-rule check of a shift-count roster (see types.ts): the engine's own verifier, run on
 * every answer it returns. Works on whole blocks of days (runs of work and of rest), not on the model's
 * rows, so a modelling slip in model.ts shows up here.
 */
import type { CountAssignment, CountCost, CountCover, CountProblem, CountRequest, RotationViolation } from './types.js';

/** Whether working template s (-1: off) is what request q is about (q.kind aside). */
export function requestWorks(q: CountRequest, s: number): boolean {
  return q.shift === null ? s >= 0 : q.shifts ? q.shifts.includes(s) : s === q.shift;
}

/** The templates a cover row counts. */
export function coverShifts(c: CountCover): number[] {
  return c.shifts ?? [c.shift];
}

/** Whether day `d` of a roster whose day 0 has ISO weekday `startWeekday` is a Saturday or Sunday. */
export function isWeekend(startWeekday: number, d: number): boolean {
  return (d + startWeekday - 1) % 7 >= 5;
}

/** The Monday-based week index of day `d` (Saturday and Sunday of one weekend share it). */
export function weekOf(startWeekday: number, d: number): number {
  return Math.floor((d + startWeekday - 1) / 7);
}

/** The objective and its parts (cover under / over, requests). */
export function countCost(p: CountProblem, a: CountAssignment): CountCost {
  const count = new Map<number, number>();
  a.forEach((row) => row.forEach((s, d) => s >= 0 && count.set(d * p.shifts.length + s, (count.get(d * p.shifts.length + s) ?? 0) + 1)));
  let under = 0;
  let over = 0;
  for (const c of p.cover) {
    let n = 0;
    for (const s of coverShifts(c)) n += count.get(c.day * p.shifts.length + s) ?? 0;
    if (n < c.required) under += (c.required - n) * c.underWeight;
    else over += (n - c.required) * c.overWeight;
  }
  let requests = 0;
  for (const r of p.requests) {
    if (requestWorks(r, a[r.agent][r.day]) !== (r.kind === 'on')) requests += r.weight;
  }
  return { total: under + over + requests, under, over, requests };
}

/** Whether request r is met by the assignment. */
export function requestMet(p: CountProblem, a: CountAssignment, r: CountProblem['requests'][number]): boolean {
  return requestWorks(r, a[r.agent][r.day]) === (r.kind === 'on');
}

/** Every hard rule broken (empty: the roster keeps them all). */
export function checkCount(p: CountProblem, a: CountAssignment): RotationViolation[] {
  const out: RotationViolation[] = [];
  const H = p.days;
  const forbidden = new Set(p.forbidden.map(([x, y]) => `${x} ${y}`));
  p.agents.forEach((ag, e) => {
    const row = a[e];
    const agent = ag.id;
    if (!row || row.length !== H || row.some((s) => !Number.isInteger(s) || s < -1 || s >= p.shifts.length)) {
      out.push({ code: 'bad-value', agent });
      return;
    }
    const r = ag.rules;
    for (const d of ag.daysOff ?? []) if (d >= 0 && d < H && row[d] >= 0) out.push({ code: 'day-off', agent, day: d });
    const banned = new Set(ag.banned ?? []);
    row.forEach((s, d) => s >= 0 && banned.has(d * p.shifts.length + s) && out.push({ code: 'banned', agent, day: d }));
    const before = ag.before;
    if (before && before.run > 0 && before.last >= 0 && row[0] >= 0 && forbidden.has(`${before.last} ${row[0]}`)) out.push({ code: 'succession', agent, day: 0 });
    for (const lim of r.blockLimits ?? [])
      for (let b0 = 0, len = lim.days ?? 7; b0 < H; b0 += len) {
        let used = 0;
        for (let d = b0; d < Math.min(H, b0 + len); d++) if (row[d] >= 0 && (!lim.weekendOnly || isWeekend(p.startWeekday, d))) used += lim.weight[row[d]];
        if (used > lim.max + 1e-9) out.push({ code: 'block-limit', agent, day: b0, expected: lim.max, actual: used });
      }
    for (let d = 0; d + 1 < H; d++) if (row[d] >= 0 && row[d + 1] >= 0 && forbidden.has(`${row[d]} ${row[d + 1]}`)) out.push({ code: 'succession', agent, day: d + 1 });
    const perShift = new Array(p.shifts.length).fill(0);
    let minutes = 0;
    for (const s of row)
      if (s >= 0) {
        perShift[s]++;
        minutes += p.shifts[s].minutes;
      }
    p.shifts.forEach((sh, s) => {
      const m = r.maxShifts?.[sh.id];
      if (m !== undefined && perShift[s] > m) out.push({ code: 'max-shifts', agent, expected: m, actual: perShift[s] });
    });
    if (r.maxTotalMinutes !== undefined && minutes > r.maxTotalMinutes) out.push({ code: 'max-total-minutes', agent, expected: r.maxTotalMinutes, actual: minutes });
    if (r.minTotalMinutes !== undefined && minutes < r.minTotalMinutes) out.push({ code: 'min-total-minutes', agent, expected: r.minTotalMinutes, actual: minutes });
    // blocks of equal working state
    let start = 0;
    for (let d = 1; d <= H; d++) {
      if (d < H && row[d] >= 0 === row[start] >= 0) continue;
      const work = row[start] >= 0;
      // a work block from day 0 continues the days worked before (when known: then not exempt)
      const carried = start === 0 && work && before ? before.run : 0;
      const len = d - start + carried;
      const interior = (start > 0 || (before !== undefined && (work || before.run > 0))) && d < H;
      if (work && r.maxConsecutiveDays !== undefined && len > r.maxConsecutiveDays) out.push({ code: 'max-consecutive-days', agent, day: start, expected: r.maxConsecutiveDays, actual: len });
      if (work && interior && r.minConsecutiveDays !== undefined && len < r.minConsecutiveDays) out.push({ code: 'min-consecutive-days', agent, day: start, expected: r.minConsecutiveDays, actual: len });
      if (!work && interior && r.minConsecutiveDaysOff !== undefined && len < r.minConsecutiveDaysOff)
        out.push({ code: 'min-consecutive-days-off', agent, day: start, expected: r.minConsecutiveDaysOff, actual: len });
      start = d;
    }
    if (r.maxWeekends !== undefined) {
      const weeks = new Set<number>();
      for (let d = 0; d < H; d++) if (row[d] >= 0 && isWeekend(p.startWeekday, d)) weeks.add(weekOf(p.startWeekday, d));
      if (weeks.size > r.maxWeekends) out.push({ code: 'max-weekends', agent, expected: r.maxWeekends, actual: weeks.size });
    }
  });
  return out;
}
