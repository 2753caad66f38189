/**
 * The roster `wfm intraday` takes when none is named (src/app/intraday-roster.ts rosterCovering): a
 * root roster covering the day (never an `--apply` version), then its version in force at the cut.
 */
import { describe, expect, it } from 'vitest';
import { rosterCovering } from '../../src/app/intraday-roster.js';
import type { RosterSummary } from '../../src/store/index.js';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

function summary(name: string, solver: string, createdMs: number, startDate = '2026-03-02', days = 7): RosterSummary {
  return {
    name, createdMs, solver, startDate, days, tz: 'UTC', intervalMinutes: 30, paidHours: 0, lowerBound: 0, gap: 0, understaffed: 0, seconds: 0,
    site: 'default', shiftCount: 0, agentCount: 0,
  };
}

describe('rosterCovering', () => {
  const week = summary('week', 'highs', T0 - 72 * H);
  // saved by --apply at 10:05 and 12:05 of the day, the second a version of the first
  const v1 = summary('week-1000', 'intraday:week', T0 + 10 * H + 5 * 60_000);
  const v2 = summary('week-1200', 'intraday:week-1000', T0 + 12 * H + 5 * 60_000);

  it('never takes an --apply version as the root, however new', () => {
    // before any version was saved the root itself; a replay at 10:00 the same after both were saved
    expect(rosterCovering([week], '2026-03-02', T0 + 10 * H)).toBe('week');
    expect(rosterCovering([week, v1, v2], '2026-03-02', T0 + 10 * H)).toBe('week');
  });

  it('takes the version in force at the cut (the newest descendant saved by then)', () => {
    expect(rosterCovering([week, v1, v2], '2026-03-02', T0 + 11 * H)).toBe('week-1000');
    expect(rosterCovering([week, v1, v2], '2026-03-02', T0 + 13 * H)).toBe('week-1200');
    expect(rosterCovering([week, v1, v2], '2026-03-02')).toBe('week-1200');
  });

  it('the newest root covering the day; none covering it gives null', () => {
    const older = summary('old', 'highs', T0 - 200 * H);
    const other = summary('next-week', 'highs', T0 - H, '2026-03-09');
    expect(rosterCovering([older, week, other, v1], '2026-03-02', T0 + 10 * H)).toBe('week');
    expect(rosterCovering([older, week, other], '2026-03-10')).toBe('next-week');
    expect(rosterCovering([week, v1], '2026-03-20')).toBeNull();
  });
});
