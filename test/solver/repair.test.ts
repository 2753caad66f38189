/**
 * repairBreaks (stage 1 local search): short slots covered by moving other shifts' breaks, directly or
 * by a one-step ejection chain, on hand-built staffing where the answer is worked out below.
 */
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/solver/rules.js';
import { enumerateTypes, repairBreaks, Solution, type Stage1Input } from '../../src/solver/stage1/index.js';

const v = validateRules({
  shifts: [{ id: 'A', length: '4:00', starts: { from: '00:00', to: '23:45', every: 15 }, breaks: [{ name: 'b', length: 15, paid: true, window: ['1:30', '2:15'] }] }],
  rules: { understaffPenaltyHours: 2 },
});
if (!v.ok) throw new Error('rules');

/** One day, 15-min grid; `req` for the first slots, 0 after. Break offsets in slots (window: 6..9). */
function setup(req: number[], shifts: { startSlot: number; breakSlot: number }[]) {
  const required = new Array(96).fill(0);
  req.forEach((x, t) => (required[t] = x));
  // every type must exist, so the requirement is positive over the whole span used below
  const inp: Stage1Input = { rules: v.ok ? v.rules : (null as never), grid: 15, days: 1, startWeekday: 1, queues: ['q'], required: [required] };
  const types = enumerateTypes(inp);
  const sol = new Solution(inp, types);
  for (const s of shifts) {
    const j = types.findIndex((ty) => ty.s0 === s.startSlot);
    expect(j).toBeGreaterThanOrEqual(0);
    sol.add(j, [s.breakSlot - s.startSlot]);
  }
  return { sol, types, required };
}

/** Staffing recomputed from the shifts (independent of the incremental updates). */
function staffingOf(sol: Solution): number[] {
  const st = new Array(96).fill(0);
  for (const s of sol.shifts) {
    const ty = sol.types[s.j];
    for (let t = ty.s0; t < ty.s0 + ty.len; t++) st[t]++;
    st[ty.s0 + s.offs[0]]--;
  }
  return st;
}

describe('repairBreaks', () => {
  it('moves a break out of a short slot to the first position with a surplus', () => {
    // X, Y, Z start at slot 0 with breaks at 6, 9, 8: staffing 3 on 0..15 except 2 at 6, 8, 9.
    // Required 2 everywhere except 3 at slot 6 (one short); slot 7 has staffing 3 (surplus 1).
    const req = new Array(16).fill(2);
    req[6] = 3;
    const { sol, required } = setup(req, [
      { startSlot: 0, breakSlot: 6 },
      { startSlot: 0, breakSlot: 9 },
      { startSlot: 0, breakSlot: 8 },
    ]);
    expect(sol.short()).toBe(1);
    expect(repairBreaks(sol, 0, 0, 16, -1, new Uint8Array(3))).toBe(true);
    expect(sol.shifts.map((s) => s.offs[0])).toEqual([7, 9, 8]);
    expect(Array.from(sol.staffed[0])).toEqual(staffingOf(sol));
    expect(sol.short()).toBe(0);
    for (let t = 0; t < 16; t++) expect(sol.staffed[0][t]).toBeGreaterThanOrEqual(required[t]);
  });

  it('uses a one-step ejection chain when no direct move exists, and none with depth 0', () => {
    // X starts at 0 (break window slots 6..9), Y at 3 (window 9..12); breaks at 6 and 9.
    // Staffing: 0-2:1, 3-5:2, 6:1, 7-8:2, 9:1, 10-15:2, 16-18:1. Required equals staffing except
    // slot 6 (2: one short) and slot 10 (1: one surplus). X's other positions 7, 8, 9 have no
    // surplus; X -> 9 leaves slot 9 short, which Y's break moving 9 -> 10 covers.
    const st0 = [1, 1, 1, 2, 2, 2, 1, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1];
    const req = st0.slice();
    req[6] = 2;
    req[10] = 1;
    const shifts = [
      { startSlot: 0, breakSlot: 6 },
      { startSlot: 3, breakSlot: 9 },
    ];
    const a = setup(req, shifts);
    expect(Array.from(a.sol.staffed[0]).slice(0, 19)).toEqual(st0);
    const before = a.sol.shifts.map((s) => s.offs[0]);
    expect(repairBreaks(a.sol, 0, 0, 19, -1, new Uint8Array(2), 0)).toBe(false);
    expect(a.sol.shifts.map((s) => s.offs[0])).toEqual(before);
    expect(Array.from(a.sol.staffed[0])).toEqual(staffingOf(a.sol));

    const b = setup(req, shifts);
    expect(repairBreaks(b.sol, 0, 0, 19, -1, new Uint8Array(2), 1)).toBe(true);
    expect(b.sol.shifts.map((s) => s.offs[0])).toEqual([9, 7]);
    expect(Array.from(b.sol.staffed[0])).toEqual(staffingOf(b.sol));
    expect(b.sol.short()).toBe(0);
  });

  it('never moves the skipped or removed shifts', () => {
    const req = new Array(16).fill(2);
    req[6] = 3;
    const shifts = [
      { startSlot: 0, breakSlot: 6 },
      { startSlot: 0, breakSlot: 9 },
      { startSlot: 0, breakSlot: 8 },
    ];
    const a = setup(req, shifts);
    expect(repairBreaks(a.sol, 0, 0, 16, 0, new Uint8Array(3))).toBe(false);
    const b = setup(req, shifts);
    expect(repairBreaks(b.sol, 0, 0, 16, -1, Uint8Array.from([1, 0, 0]))).toBe(false);
    expect(b.sol.shifts.map((s) => s.offs[0])).toEqual([6, 9, 8]);
  });
});
