/**
 * Fairness of a roster (issue 18): per agent (`fairnessRows`) the shifts on weekend days, the
 * weekends worked (a weekend counts when a shift starts on its Saturday or its Sunday; a Sunday on
 * day 0, or a Saturday on the last day, is a weekend of its own), the night shifts (at least
 * `rules.night.minMinutes` in the night window, as the checker counts them), holidays worked, days,
 * paid hours and the requests not met; per contract (`contractSpreads`) the least and the most of
 * weekends worked, night shifts and unmet requests over its agents and their difference, the spread
 * a planner compares. Every agent rostered counts, also one without a shift. Pure.
 */
import { nightMinutes, weekdayOf } from './stage2.js';
import { paidMinutesOf, type FairnessRow, type RequestOutcome, type RosterRules, type RosterShift } from './types.js';

export interface Spread {
  min: number;
  max: number;
  /** max - min. */
  spread: number;
}

export interface ContractFairness {
  contract: string;
  agents: number;
  weekendsWorked: Spread;
  nights: Spread;
  unmetRequests: Spread;
}


/** One row per agent of `agents` (id, contract; absent contract = the rules' default), in that order. */
export function fairnessRows(
  shifts: readonly RosterShift[],
  requests: readonly RequestOutcome[] | undefined,
  rules: RosterRules,
  agents: readonly { id: string; contract?: string }[],
  startWeekday: number,
  holidays: ReadonlySet<number>,
): FairnessRow[] {
  return agents.map((a) => {
    const mine = shifts.filter((s) => s.agent === a.id);
    const dayOf = (s: RosterShift) => Math.floor(s.start / 1440);
    // a weekend's key: the day index of its Saturday (-1 for a Sunday on day 0)
    const weekends = new Set<number>();
    let weekendDays = 0;
    for (const s of mine) {
      const wd = weekdayOf(startWeekday, dayOf(s));
      if (wd < 6) continue;
      weekendDays++;
      weekends.add(dayOf(s) - (wd - 6));
    }
    return {
      agent: a.id,
      contract: a.contract ?? rules.defaultContract,
      weekends: weekendDays,
      weekendsWorked: weekends.size,
      nights: mine.filter((s) => nightMinutes(rules, s.start, s.end) >= rules.night.minMinutes).length,
      holidays: mine.filter((s) => holidays.has(dayOf(s))).length,
      days: mine.length,
      paidHours: mine.reduce((x, s) => x + paidMinutesOf(s), 0) / 60,
      unmetRequests: (requests ?? []).filter((q) => q.agent === a.id && !q.met).length,
    };
  });
}

const spreadOf = (values: readonly number[]): Spread => {
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  return { min, max, spread: max - min };
};

/** Per contract (by id), the spread of weekends worked, night shifts and unmet requests over its agents. */
export function contractSpreads(rows: readonly FairnessRow[]): ContractFairness[] {
  const by = new Map<string, FairnessRow[]>();
  for (const r of rows) by.set(r.contract, [...(by.get(r.contract) ?? []), r]);
  return [...by.keys()].sort().map((contract) => {
    const rs = by.get(contract)!;
    return {
      contract,
      agents: rs.length,
      weekendsWorked: spreadOf(rs.map((r) => r.weekendsWorked)),
      nights: spreadOf(rs.map((r) => r.nights)),
      unmetRequests: spreadOf(rs.map((r) => r.unmetRequests)),
    };
  });
}
