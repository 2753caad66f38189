import { describe, expect, it } from 'vitest';
import { agentDayReport } from '../../src/report/agents.js';

const H = 3_600_000;
const from = Date.UTC(2026, 9, 25);
const to = from + 24 * H;

describe('agent day report', () => {
  it('computes logged-in, paused by reason and occupancy from sessions (hand-worked)', () => {
    // logged in 08:00-16:00, paused 12:00-13:00 ("lunch"); 60 calls of 240 s handled
    const rows = agentDayReport(
      [{ agent: 'A', queue: 'billing', enteredCalls: 60, answeredCalls: 60, handleS: 60 * 240 }],
      [
        { agent: 'A', startMs: from + 8 * H, endMs: from + 12 * H, loggedIn: true, paused: false, reason: null },
        { agent: 'A', startMs: from + 12 * H, endMs: from + 13 * H, loggedIn: true, paused: true, reason: 'lunch' },
        { agent: 'A', startMs: from + 13 * H, endMs: from + 16 * H, loggedIn: true, paused: false, reason: null },
      ],
      from,
      to,
      [],
      null,
    );
    expect(rows[0]).toMatchObject({ loggedInSeconds: 8 * 3600, pausedSeconds: 3600, pausedByReason: { lunch: 3600 }, calls: 60, ahtSeconds: 240 });
    expect(rows[0].occupancy).toBeCloseTo((60 * 240) / (7 * 3600), 12);
  });

  it('leaves logged-in time unknown (null, not 0) for an agent whose sessions the data do not show', () => {
    // a static queue member: calls answered, no ADDMEMBER/AGENTLOGIN in the log
    const rows = agentDayReport([{ agent: 'S', queue: 'billing', enteredCalls: 5, answeredCalls: 5, handleS: 1000 }], [], from, to, [], null);
    expect(rows[0]).toMatchObject({ agent: 'S', calls: 5, ahtSeconds: 200, loggedInSeconds: null, pausedSeconds: null, pausedByReason: null, occupancy: null });
  });
});
