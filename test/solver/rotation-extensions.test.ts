/**
 * The rotation engine's additions for `wfm roster` (banned cells, limits per block of days, cover rows
 * and requests over a set of templates, what came before day 0): one agent's cheapest schedule
 * (dp.ts) and the engine's checker (check.ts) against enumeration of every schedule with the rules
 * evaluated here from their definitions; the whole engine (solve.ts) on two agents against enumeration.
 */
import { describe, expect, it } from 'vitest';
import { bestSchedule, checkCount, countCost, highsSolver, solveCount, type CountProblem } from '../../src/solver/index.js';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const H = 8;
const S = 2;

/** Every hard rule of agent e from the definitions. */
function keeps(p: CountProblem, e: number, row: number[]): boolean {
  const a = p.agents[e];
  const r = a.rules;
  const bad = new Set(a.banned ?? []);
  if (row.some((s, d) => s >= 0 && (bad.has(d * S + s) || (a.daysOff ?? []).includes(d)))) return false;
  const forbidden = new Set(p.forbidden.map(([x, y]) => `${x},${y}`));
  for (let d = 0; d + 1 < H; d++) if (row[d] >= 0 && row[d + 1] >= 0 && forbidden.has(`${row[d]},${row[d + 1]}`)) return false;
  if (a.before && a.before.run > 0 && a.before.last >= 0 && row[0] >= 0 && forbidden.has(`${a.before.last},${row[0]}`)) return false;
  for (const lim of r.blockLimits ?? []) {
    const len = lim.days ?? 7;
    for (let b = 0; b < H; b += len) {
      let used = 0;
      for (let d = b; d < Math.min(H, b + len); d++) if (row[d] >= 0 && (!lim.weekendOnly || (d + p.startWeekday - 1) % 7 >= 5)) used += lim.weight[row[d]];
      if (used > lim.max) return false;
    }
  }
  // runs, with the days before day 0 prepended when known
  const carried = a.before?.run ?? 0;
  const known = a.before !== undefined;
  const full = [...new Array<number>(carried).fill(0), ...row];
  const first = carried; // index of day 0 in `full`
  let start = 0;
  for (let i = 1; i <= full.length; i++) {
    if (i < full.length && full[i] >= 0 === full[start] >= 0) continue;
    const len = i - start;
    const work = full[start] >= 0;
    // runs wholly before day 0 are the previous roster's; a run from the first known day is closed
    // on the left when it is work (the day before it was off) and open when it is rest (length unknown)
    if (i > first) {
      const closed = (start > 0 || (known && work)) && i < full.length;
      if (work && r.maxConsecutiveDays !== undefined && len > r.maxConsecutiveDays) return false;
      if (work && closed && r.minConsecutiveDays !== undefined && len < r.minConsecutiveDays) return false;
      if (!work && closed && r.minConsecutiveDaysOff !== undefined && len < r.minConsecutiveDaysOff) return false;
    }
    start = i;
  }
  return true;
}

function randomProblem(seed: number, agents: number): CountProblem {
  const r = rng(seed);
  const p: CountProblem = {
    days: H,
    startWeekday: 1 + Math.floor(r() * 7),
    shifts: [
      { id: 'A', minutes: 480 },
      { id: 'B', minutes: 300 },
    ],
    forbidden: r() < 0.5 ? [[1, 0]] : [],
    agents: [],
    cover: [],
    requests: [],
  };
  for (let e = 0; e < agents; e++) {
    const banned: number[] = [];
    for (let c = 0; c < H * S; c++) if (r() < 0.15) banned.push(c);
    const agent: CountProblem['agents'][number] = {
      id: `a${e}`,
      rules: {
        maxConsecutiveDays: 3 + Math.floor(r() * 2),
        minConsecutiveDays: 1 + Math.floor(r() * 2),
        minConsecutiveDaysOff: 1 + Math.floor(r() * 2),
        blockLimits: [
          { weight: [1, 1], max: 4 + Math.floor(r() * 2) },
          { weight: [480, 300], max: 1800 + Math.floor(r() * 4) * 300 },
          { weight: [0, 1], max: 1 + Math.floor(r() * 2), days: H },
          { weight: [1, 1], max: 1, weekendOnly: true },
        ],
      },
      banned,
    };
    if (r() < 0.6) agent.before = { run: Math.floor(r() * 3), last: r() < 0.5 ? 1 : -1 };
    p.agents.push(agent);
  }
  for (let d = 0; d < H; d++) {
    if (r() < 0.7) p.cover.push({ day: d, shift: 0, shifts: [0, 1], required: 1 + Math.floor(r() * agents), underWeight: 4 + Math.floor(r() * 4), overWeight: 1 });
    if (r() < 0.5) p.cover.push({ day: d, shift: 1, required: 1, underWeight: 2, overWeight: 2 });
  }
  for (let k = 0; k < 4; k++) {
    const t = r();
    p.requests.push({ agent: Math.floor(r() * agents), day: Math.floor(r() * H), shift: t < 0.3 ? null : 0, ...(t >= 0.6 ? { shifts: [0, 1] } : {}), kind: r() < 0.5 ? 'on' : 'off', weight: 1 + Math.floor(r() * 5) });
  }
  return p;
}

function rows(n: number): number[][] {
  const out: number[][] = [];
  for (let code = 0; code < 3 ** n; code++) {
    let v = code;
    const row: number[] = [];
    for (let d = 0; d < n; d++) {
      row.push((v % 3) - 1);
      v = Math.floor(v / 3);
    }
    out.push(row);
  }
  return out;
}
const ALL = rows(H);

describe('rotation engine additions against enumeration', () => {
  for (let seed = 1; seed <= 12; seed++)
    it(`one agent, case ${seed}: the checker agrees with the rules on every schedule; the DP finds the cheapest`, () => {
      const p = randomProblem(seed, 1);
      const r = rng(seed * 7);
      const cost = new Float64Array(H * (S + 1));
      for (let i = 0; i < cost.length; i++) cost[i] = Math.round(r() * 20 - 10);
      let best = Infinity;
      for (const row of ALL) {
        const ok = keeps(p, 0, row);
        expect(checkCount(p, [row]).length === 0, JSON.stringify(row)).toBe(ok);
        if (ok) best = Math.min(best, row.reduce((x, s, d) => x + cost[d * (S + 1) + s + 1], 0));
      }
      const b = bestSchedule(p, 0, cost);
      expect(b.exact).toBe(true);
      expect(b.cost).toBe(best);
      if (b.row) expect(keeps(p, 0, b.row)).toBe(true);
    });

  for (let seed = 1; seed <= 3; seed++)
    it(`two agents, case ${seed}: solveCount reaches the enumerated optimum (cover and requests over sets)`, async () => {
      const p = randomProblem(100 + seed, 2);
      const feasible = ALL.map((row, i) => i).filter((i) => keeps(p, 0, ALL[i]));
      const feasible1 = ALL.map((row, i) => i).filter((i) => keeps(p, 1, ALL[i]));
      let best = Infinity;
      for (const i of feasible) for (const j of feasible1) best = Math.min(best, countCost(p, [ALL[i], ALL[j]]).total);
      const res = await solveCount(p, { solver: highsSolver, timeLimitSeconds: 5, clock: () => performance.now() });
      expect(checkCount(p, res.assignment)).toEqual([]);
      expect(res.cost.total).toBe(best);
    }, 30_000);
});

describe('a run carried from before day 0 on a horizon shorter than the most consecutive days', () => {
  it('5 days worked before, at most 6 in a row, 3 days where working pays: two of the three days at most (enumerated)', () => {
    const p: CountProblem = {
      days: 3, startWeekday: 1, shifts: [{ id: 'A', minutes: 480 }], forbidden: [], cover: [], requests: [],
      agents: [{ id: 'a', rules: { maxConsecutiveDays: 6 }, before: { run: 5, last: -1 } }],
    };
    // cost per (day, off|A): working pays 10, resting costs 0
    const cost = new Float64Array(3 * 2);
    for (let d = 0; d < 3; d++) cost[d * 2 + 1] = -10;
    let best = Infinity;
    for (let code = 0; code < 8; code++) {
      const row: number[] = [0, 1, 2].map((d) => ((code >> d) & 1 ? 0 : -1));
      // the run through day 0: 5 carried + the days worked from day 0 on without a break
      let run = 5;
      let ok = true;
      for (const s of row) {
        run = s >= 0 ? run + 1 : 0;
        if (run > 6) ok = false;
      }
      expect(checkCount(p, [row]).length === 0, JSON.stringify(row)).toBe(ok);
      if (ok) best = Math.min(best, row.reduce((x, s, d) => x + cost[d * 2 + s + 1], 0));
    }
    expect(best).toBe(-20); // [A, off, A] or [off, A, A]
    const b = bestSchedule(p, 0, cost);
    expect(b.cost).toBe(best);
    expect(checkCount(p, [b.row as number[]])).toEqual([]);
  });
});
