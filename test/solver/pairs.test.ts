/**
 * pairSearch (stage 1 re-pairing moves): two back-to-back 4 h shifts merged into one 8 h shift whose
 * unpaid lunch lands on over-covered slots, and refused when the lunch could only land on needed
 * slots; the objectives are worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/solver/rules.js';
import { enumerateTypes, Solution, type Stage1Input } from '../../src/solver/stage1/index.js';
import { pairSearch, typeIndex } from '../../src/solver/stage1/pairs.js';

const v = validateRules({
  shifts: [
    { id: 'H', length: '4:00', starts: { from: '00:00', to: '23:45', every: 15 } },
    { id: 'F', length: '8:00', starts: { from: '00:00', to: '23:45', every: 15 }, breaks: [{ name: 'lunch', length: 30, paid: false, window: ['3:00', '4:30'] }] },
  ],
  rules: { understaffPenaltyHours: 2 },
});
if (!v.ok) throw new Error(JSON.stringify(v.errors));

/** One day, 15-min grid; H shifts at the given start slots. */
function setup(required: number[], starts: number[]) {
  const inp: Stage1Input = { rules: v.ok ? v.rules : (null as never), grid: 15, days: 1, startWeekday: 1, queues: ['q'], required: [required] };
  const types = enumerateTypes(inp);
  const sol = new Solution(inp, types);
  for (const s0 of starts) {
    const j = types.findIndex((ty) => ty.tpl === 0 && ty.s0 === s0);
    expect(j).toBeGreaterThanOrEqual(0);
    sol.add(j, []);
  }
  return { sol, types };
}

/** Staffing recomputed from the shifts (independent of the incremental updates). */
function staffingOf(sol: Solution): number[] {
  const st = new Array(96).fill(0);
  for (const s of sol.shifts) {
    const ty = sol.types[s.j];
    for (let t = ty.s0; t < ty.s0 + ty.len; t++) st[t]++;
    ty.brk.forEach((b, k) => {
      for (let t = ty.s0 + s.offs[k]; t < ty.s0 + s.offs[k] + b.len; t++) st[t]--;
    });
  }
  return st;
}

const never = () => false;
const rand = () => 0.5;

describe('pairSearch', () => {
  it('merges two back-to-back 4 h shifts into an 8 h shift with its lunch on a surplus', () => {
    // A = H 00:00-04:00 (slots 0-15), B = H 04:00-08:00 (16-31), C = H 03:00-07:00 (12-27).
    // Required 1 on 0-31 and 2 on 20-27: staffing 2 on 12-27, so slots 12-19 have one agent spare.
    // A + B (8 paid hours) -> F 00:00-08:00 (7.5 paid hours, lunch of 2 slots at offsets 12-18):
    // the lunch fits in 12-19, nothing goes short; objective 12 -> 11.5 (4 + 7.5).
    const required = new Array(96).fill(0);
    for (let t = 0; t < 32; t++) required[t] = t >= 20 && t < 28 ? 2 : 1;
    const { sol, types } = setup(required, [0, 16, 12]);
    expect(sol.objective()).toBe(12);
    expect(pairSearch(sol, typeIndex(types), never, 0, rand, 6)).toBe(1);
    expect(sol.objective()).toBe(11.5);
    expect(sol.short()).toBe(0);
    const placed = sol.shifts.map((s) => ({ tpl: types[s.j].tpl, s0: types[s.j].s0, offs: s.offs })).sort((a, b) => a.s0 - b.s0);
    expect(placed.map((p) => [p.tpl, p.s0])).toEqual([
      [1, 0],
      [0, 12],
    ]);
    expect(placed[0].offs[0]).toBeGreaterThanOrEqual(12);
    expect(placed[0].offs[0]).toBeLessThanOrEqual(18);
    expect(Array.from(sol.staffed[0])).toEqual(staffingOf(sol));
  });

  it('keeps the two shifts when the lunch could only land on needed slots', () => {
    // Only A and B, required 1 on 0-31: the merged shift's lunch leaves 2 slots short (2 x 2 = 4
    // penalty hours against 0.5 paid hours saved) and no other shift has a break to move.
    const required = new Array(96).fill(0);
    for (let t = 0; t < 32; t++) required[t] = 1;
    const { sol, types } = setup(required, [0, 16]);
    expect(pairSearch(sol, typeIndex(types), never, 1, rand, 6)).toBe(0);
    expect(sol.objective()).toBe(8);
    expect(sol.shifts.map((s) => types[s.j].s0)).toEqual([0, 16]);
    expect(Array.from(sol.staffed[0])).toEqual(staffingOf(sol));
  });
});
