/**
 * The differenced (flow) stage-1 model of buildModel against the plain interval-coverage model
 * (Aykin 1996 with implicit breaks), written out here independently: same LP optimum and the same
 * MIP optimum on random small instances with two queues, breaks and a penalty.
 */
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/solver/rules.js';
import { buildModel, enumerateTypes, type Stage1Input } from '../../src/solver/stage1/index.js';
import { highsSolver, ModelBuilder } from '../../src/solver/lp.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const v = validateRules({
  shifts: [
    { id: 'A', length: '4:00', starts: { from: '00:00', to: '23:00', every: 60 }, breaks: [{ name: 'b', length: 15, paid: true, window: ['1:30', '2:15'] }] },
    { id: 'B', length: '8:00', starts: { from: '00:00', to: '23:00', every: 60 }, breaks: [{ name: 'l', length: 30, paid: false, window: ['3:00', '4:30'] }, { name: 'b', length: 15, paid: true, window: ['5:30', '6:30'] }] },
  ],
  rules: { understaffPenaltyHours: 2 },
});
if (!v.ok) throw new Error('rules');
const rules = v.rules;

/** Interval form: row per (queue, slot) with r > 0: sum of working shifts - shifts on break + u >= r. */
function intervalModel(inp: Stage1Input) {
  const types = enumerateTypes(inp);
  const T = inp.required[0].length;
  const mb = new ModelBuilder();
  const row = inp.required.map((r) => r.map((x) => (x > 0 ? mb.addRow(x, Infinity) : -1)));
  for (const ty of types) {
    const links = ty.brk.map(() => mb.addRow(0, 0));
    const rows: number[] = [];
    for (let t = ty.s0; t < Math.min(T, ty.s0 + ty.len); t++) if (row[ty.q][t] >= 0) rows.push(row[ty.q][t]);
    mb.addCol(ty.paid, 0, Infinity, true, [...rows, ...links], [...rows.map(() => 1), ...links.map(() => -1)]);
    ty.brk.forEach((b, k) =>
      b.offs.forEach((o) => {
        const rr: number[] = [];
        for (let t = ty.s0 + o; t < Math.min(T, ty.s0 + o + b.len); t++) if (row[ty.q][t] >= 0) rr.push(row[ty.q][t]);
        mb.addCol(0, 0, Infinity, true, [links[k], ...rr], [1, ...rr.map(() => -1)]);
      }),
    );
  }
  inp.required.forEach((r, q) => r.forEach((x, t) => x > 0 && mb.addCol(2, 0, x, false, [row[q][t]], [1])));
  return mb.build();
}

describe('stage-1 model in flow form', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: LP and MIP optima equal those of the interval-coverage model`, async () => {
      const r = rng(seed);
      const req = () => Array.from({ length: 96 }, (_, t) => (t >= 28 && t < 80 ? Math.floor(r() * 4) : Math.floor(r() * 1.5)));
      const inp: Stage1Input = { rules, grid: 15, days: 1, startWeekday: 2, queues: ['a', 'b'], required: [req(), req()] };
      const flow = buildModel(inp, enumerateTypes(inp)).model;
      const plain = intervalModel(inp);
      const lpF = await highsSolver.solve(flow, { relax: true });
      const lpP = await highsSolver.solve(plain, { relax: true });
      expect(lpF.status).toBe('optimal');
      expect(lpF.objective).toBeCloseTo(lpP.objective, 6);
      const mipF = await highsSolver.solve(flow, { mipRelGap: 0, timeLimitSeconds: 60 });
      const mipP = await highsSolver.solve(plain, { mipRelGap: 0, timeLimitSeconds: 60 });
      expect(mipF.status).toBe('optimal');
      expect(mipP.status).toBe('optimal');
      expect(mipF.objective).toBeCloseTo(mipP.objective, 6);
      expect(mipF.objective).toBeGreaterThanOrEqual(lpF.objective - 1e-6);
    });
  }
});
