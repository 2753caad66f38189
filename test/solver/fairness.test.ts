/**
 * Fairness figures of a roster (src/solver/fairness.ts), by hand: weekends worked count weekends,
 * not weekend shifts; a Sunday on day 0 is a weekend of its own; night shifts as the checker counts
 * them; unmet requests per agent; per contract the least, the most and the spread, agents without a
 * shift included.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { contractSpreads } from '../../src/solver/index.js';
import { fairnessRows } from '../../src/solver/fairness.js';
import { validateRules } from '../../src/solver/rules.js';
import type { RosterShift } from '../../src/solver/types.js';

const RULES = (() => {
  const v = validateRules(parseYaml(readFileSync(new URL('../../data/roster-rules.yaml', import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('bundled rules');
  return v.rules;
})();

/** A shift of `agent` on day d from hh to hh + len hours, no breaks. */
const sh = (agent: string, d: number, hh: number, len = 8): RosterShift => ({ agent, queue: 'q', template: 'S8', start: d * 1440 + hh * 60, end: d * 1440 + (hh + len) * 60, breaks: [] });

describe('fairness', () => {
  it('weekends worked, nights, unmet requests per agent; spreads per contract', () => {
    // day 0 is a Sunday (startWeekday 7): days 6 and 7 are the next Saturday and Sunday
    const shifts = [sh('a', 0, 8), sh('a', 6, 8), sh('a', 7, 8), sh('b', 6, 22), sh('b', 2, 23), sh('c', 3, 9)];
    const requests = [
      { agent: 'a', day: 1, template: null, kind: 'off' as const, weight: 1, met: true },
      { agent: 'b', day: 1, template: null, kind: 'off' as const, weight: 1, met: false },
      { agent: 'b', day: 4, template: 'S8', kind: 'on' as const, weight: 2, met: false },
    ];
    const agents = [{ id: 'a' }, { id: 'b' }, { id: 'c', contract: 'part-time' }, { id: 'd', contract: 'part-time' }];
    const rows = fairnessRows(shifts, requests, RULES, agents, 7, new Set([3]));
    expect(rows.map((r) => [r.agent, r.contract, r.weekends, r.weekendsWorked, r.nights, r.holidays, r.days, r.paidHours, r.unmetRequests])).toEqual([
      // a: Sun 0 (a weekend alone), Sat 6 + Sun 7 (one weekend): 3 weekend shifts, 2 weekends
      ['a', 'full-time', 3, 2, 0, 0, 3, 24, 0],
      // b: Sat 6 22:00-06:00 and Tue 2 23:00-07:00: 2 nights, 1 weekend
      ['b', 'full-time', 1, 1, 2, 0, 2, 16, 2],
      ['c', 'part-time', 0, 0, 0, 1, 1, 8, 0],
      ['d', 'part-time', 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(contractSpreads(rows)).toEqual([
      { contract: 'full-time', agents: 2, weekendsWorked: { min: 1, max: 2, spread: 1 }, nights: { min: 0, max: 2, spread: 2 }, unmetRequests: { min: 0, max: 2, spread: 2 } },
      { contract: 'part-time', agents: 2, weekendsWorked: { min: 0, max: 0, spread: 0 }, nights: { min: 0, max: 0, spread: 0 }, unmetRequests: { min: 0, max: 0, spread: 0 } },
    ]);
  });
});
