/**
 * A small rostering instance of issue 18 and the optimum of every roster of it, by enumeration, with
 * the rules evaluated here from their definitions (not from the engine's code). Shared by the solver
 * test (test/solver/roster-rotation.test.ts) and the CLI test (test/cli/roster-requests.test.ts).
 */
import type { ShiftCover, ShiftRequest } from '../../src/solver/types.js';

// E 08:00-12:00, L 18:00-22:00 (4 h paid each); rest 11 h forbids L then E; the rules forbid E then L
export const raw = {
  shifts: [
    { id: 'E', length: '4:00', starts: ['08:00'] },
    { id: 'L', length: '4:00', starts: ['18:00'] },
  ],
  rules: { minRestHours: 11, maxConsecutiveDays: 6, forbiddenSuccessions: [['E', 'L']], understaffPenaltyHours: 1 },
  contracts: [{ id: 'c', maxWeeklyHours: 40, maxDaysPerWeek: 5, rotation: { minConsecutiveDays: 2, maxConsecutiveDays: 3, minConsecutiveDaysOff: 2, maxWeekends: 1, maxShifts: { L: 2 } } }],
};
export const DAYS = 5;
export const START_WEEKDAY = 5; // day 0 is a Friday: days 1 and 2 are a weekend

/** Every rule of the instance, from the definitions (not the engine's code). */
export function feasible(rows: number[][]): boolean {
  for (const row of rows) {
    for (let d = 0; d + 1 < DAYS; d++) {
      if (row[d] === 2 && row[d + 1] === 1) return false; // L then E: 10 h rest
      if (row[d] === 1 && row[d + 1] === 2) return false; // E then L: forbidden succession
    }
    if (row.filter((x) => x === 2).length > 2) return false;
    if (row.filter((x) => x > 0).length > 5) return false;
    // maxWeekends 1: days 1 and 2 are the only weekend of the 5 days, so it always holds
    // runs
    let start = 0;
    for (let d = 1; d <= DAYS; d++) {
      if (d < DAYS && row[d] > 0 === row[start] > 0) continue;
      const len = d - start;
      const interior = start > 0 && d < DAYS;
      if (row[start] > 0 && len > 3) return false;
      if (row[start] > 0 && interior && len < 2) return false;
      if (row[start] === 0 && interior && len < 2) return false;
      start = d;
    }
  }
  return true;
}

export function cost(rows: number[][], agents: string[], cover: ShiftCover[], requests: ShiftRequest[]): number {
  let c = 0;
  for (const row of rows) c += row.filter((x) => x > 0).length * 4;
  for (const k of cover) {
    const t = k.template === 'E' ? 1 : 2;
    const n = rows.filter((row) => row[k.day] === t).length;
    c += n < k.required ? (k.required - n) * k.underWeight : (n - k.required) * k.overWeight;
  }
  for (const q of requests) {
    const x = rows[agents.indexOf(q.agent)][q.day];
    const works = q.template === null ? x > 0 : x === (q.template === 'E' ? 1 : 2);
    if (works !== (q.kind === 'on')) c += q.weight;
  }
  return c;
}

export function bruteForce(agents: string[], cover: ShiftCover[], requests: ShiftRequest[]): number {
  const n = agents.length * DAYS;
  let best = Infinity;
  for (let code = 0; code < 3 ** n; code++) {
    let v = code;
    const rows = agents.map(() => new Array<number>(DAYS).fill(0));
    for (let i = 0; i < n; i++) {
      rows[Math.floor(i / DAYS)][i % DAYS] = v % 3;
      v = Math.floor(v / 3);
    }
    if (!feasible(rows)) continue;
    best = Math.min(best, cost(rows, agents, cover, requests));
  }
  return best;
}


/** The instance's rules as YAML (the same as `raw`). */
export const RULES_YAML = `version: 1
shifts:
  - { id: E, length: "4:00", starts: ["08:00"] }
  - { id: L, length: "4:00", starts: ["18:00"] }
rules:
  minRestHours: 11
  maxConsecutiveDays: 6
  forbiddenSuccessions: [[E, L]]
  understaffPenaltyHours: 1
contracts:
  - id: c
    maxWeeklyHours: 40
    maxDaysPerWeek: 5
    rotation: { minConsecutiveDays: 2, maxConsecutiveDays: 3, minConsecutiveDaysOff: 2, maxWeekends: 1, maxShifts: { L: 2 } }
`;
