/**
 * One agent's cheapest schedule (src/solver/rotation/dp.ts) against brute force over every schedule of
 * a short horizon, with pseudo-random costs and several rule sets; feasibility by the test evaluator
 * (curtois-evaluator.ts) on the instance text the rules are written as.
 */
import { describe, expect, it } from 'vitest';
import { parseCurtois } from '../../src/roster-io/curtois.js';
import { bestSchedule } from '../../src/solver/index.js';
import { evaluateCurtois } from './curtois-evaluator.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const SHIFTS = ['E', 'L'];
// staff line: max shifts, max minutes, min minutes, max run, min run, min rest, max weekends
const CASES = [
  { days: 7, staff: 'E=7|L=7,3360,0,7,1,1,1', forbid: '' },
  { days: 8, staff: 'E=3|L=2,2880,1440,3,2,2,1', forbid: 'E' },
  { days: 8, staff: 'E=8|L=1,3000,960,4,1,2,0', forbid: 'E' },
  { days: 9, staff: 'E=4|L=4,2400,1920,5,3,1,1', forbid: '' },
];

describe('bestSchedule equals the brute-force optimum', () => {
  CASES.forEach((c, k) =>
    it(`case ${k}: ${c.days} days, ${c.staff}`, () => {
      const text = `SECTION_HORIZON\n${c.days}\nSECTION_SHIFTS\nE,480,\nL,600,${c.forbid}\nSECTION_STAFF\nA,${c.staff}\nSECTION_DAYS_OFF\nA,2\n`;
      const p = parseCurtois(text, 'x.txt');
      const r = rng(k + 1);
      for (let trial = 0; trial < 3; trial++) {
        const cost = new Float64Array(c.days * 3);
        for (let i = 0; i < cost.length; i++) cost[i] = Math.round(r() * 20 - 10);
        let best = Infinity;
        for (let code = 0; code < 3 ** c.days; code++) {
          let v = code;
          let total = 0;
          const list: { employee: string; day: number; shift: string }[] = [];
          for (let d = 0; d < c.days; d++) {
            const x = v % 3;
            v = Math.floor(v / 3);
            total += cost[d * 3 + x];
            if (x > 0) list.push({ employee: 'A', day: d, shift: SHIFTS[x - 1] });
          }
          if (total < best && evaluateCurtois(text, list).violations.length === 0) best = total;
        }
        const b = bestSchedule(p, 0, cost);
        expect(b.exact).toBe(true);
        expect(b.cost).toBe(best);
        const list = (b.row as number[]).flatMap((x, d) => (x >= 0 ? [{ employee: 'A', day: d, shift: SHIFTS[x] }] : []));
        expect(evaluateCurtois(text, list).violations).toEqual([]);
      }
    }, 60_000),
  );
});
