import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/solver/rules.js';
import { buildModel, enumerateTypes, type Stage1Input } from '../../src/solver/stage1/index.js';
import { highsSolver } from '../../src/solver/lp.js';
import { priceBound, shiftValue } from '../../src/solver/stage1/bounds.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const v = validateRules({
  shifts: [
    { id: 'A', length: '4:00', starts: { from: '00:00', to: '22:00', every: 60 }, breaks: [{ name: 'b', length: 15, paid: true, window: ['1:30', '2:15'] }] },
    { id: 'B', length: '8:00', starts: { from: '00:00', to: '22:00', every: 60 }, breaks: [{ name: 'l', length: 30, paid: false, window: ['3:00', '4:30'] }] },
  ],
  rules: { understaffPenaltyHours: 3 },
});
if (!v.ok) throw new Error('rules');
const rules = v.rules;

function instance(seed: number, days: number): Stage1Input {
  const r = rng(seed);
  const required = Array.from({ length: days * 96 }, (_, t) => ((t % 96) >= 28 && (t % 96) < 84 ? 1 + Math.floor(r() * 4) : Math.floor(r() * 2)));
  return { rules, grid: 15, days, startWeekday: 1, queues: ['q'], required: [required] };
}

describe('price (Lagrangian) bound', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: with the LP duals it equals the LP optimum; any prices give at most the MIP optimum`, async () => {
      const inp = instance(seed, 2);
      const types = enumerateTypes(inp);
      const built = buildModel(inp, types);
      const lp = await highsSolver.solve(built.model, { relax: true });
      expect(lp.status).toBe('optimal');
      const y = new Float64Array(inp.required[0].length);
      for (let t = 0; t < y.length; t++) if (built.covRow[0][t] >= 0) y[t] = lp.rowDual![built.covRow[0][t]];
      const fromDuals = priceBound(types, inp.required, [y], 3);
      expect(fromDuals.bound).toBeCloseTo(lp.objective, 6);
      // every type prices out after the repair (the condition that makes L(y) a bound)
      for (const ty of types) expect(shiftValue(ty, fromDuals.prices[0], y.length)).toBeLessThanOrEqual(ty.paid + 1e-9);
      const mip = await highsSolver.solve(built.model, { mipRelGap: 0, timeLimitSeconds: 30 });
      const r = rng(seed + 100);
      for (let k = 0; k < 5; k++) {
        const rand = Float64Array.from(y, () => r() * 1.5);
        const b = priceBound(types, inp.required, [rand], 3).bound;
        expect(b).toBeLessThanOrEqual(lp.objective + 1e-6);
        expect(b).toBeLessThanOrEqual(mip.objective + 1e-6);
        expect(b).toBeGreaterThanOrEqual(0);
      }
    });
  }
});

describe('stage 1 with day windows', () => {
  it('reports a bound no higher than the week LP and a roster no lower than its bound', async () => {
    const { solveStage1 } = await import('../../src/solver/stage1/index.js');
    const inp = instance(7, 3);
    const built = buildModel(inp, enumerateTypes(inp));
    const lp = await highsSolver.solve(built.model, { relax: true });
    const res = await solveStage1(inp, { solver: highsSolver, timeLimitSeconds: 30, clock: () => performance.now(), decompose: 'windows', windowMinCols: 0 });
    expect(res.lowerBound).toBeLessThanOrEqual(lp.objective + 1e-6);
    expect(res.lowerBound).toBeGreaterThan(0.9 * lp.objective);
    expect(res.objective).toBeGreaterThanOrEqual(res.lowerBound - 1e-9);
  });
});

describe('stage 1 with several queues', () => {
  it('per-queue LPs give the joint LP bound (no capacity rows), below the MIP optimum; the constant-price bound is below both', async () => {
    const { solveStage1 } = await import('../../src/solver/stage1/index.js');
    const a = instance(11, 2);
    const b = instance(12, 2);
    const inp: Stage1Input = { ...a, queues: ['a', 'b'], required: [a.required[0], b.required[0].map((x) => x * 2)] };
    const types = enumerateTypes(inp);
    const built = buildModel(inp, types);
    // the joint model solved here in one piece, independently of queueLps
    const lp = await highsSolver.solve(built.model, { relax: true });
    const mip = await highsSolver.solve(built.model, { mipRelGap: 0, timeLimitSeconds: 60 });
    expect(lp.status).toBe('optimal');
    const logs: string[] = [];
    const res = await solveStage1(inp, { solver: highsSolver, timeLimitSeconds: 20, clock: () => performance.now(), log: (m) => logs.push(m) });
    expect(logs.some((m) => /queue LPs \(2 of 2 solved\)/.test(m))).toBe(true);
    expect(res.lpBound).toBeLessThanOrEqual(lp.objective + 1e-6);
    expect(res.lpBound).toBeCloseTo(lp.objective, 3);
    expect(res.lowerBound).toBeLessThanOrEqual(mip.objective + 1e-6);
    expect(res.objective).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    // the always-available bound: c_q = least paid hours per worked slot (here type A: 4 h / 15 slots
    // for 'a' and 'b' alike, B: 7.5 h / 30 slots = 0.25 is less), times the required agent-slots
    const constant = Number(/constant-price bound ([\d.]+)/.exec(logs.join('\n'))![1]);
    const slots = inp.required.flat().reduce((s, x) => s + x, 0);
    expect(constant).toBeCloseTo(0.25 * slots, 1);
    expect(constant).toBeLessThanOrEqual(lp.objective + 1e-6);
  });
});
