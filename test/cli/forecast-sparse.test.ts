/**
 * `wfm forecast` from the store on a sparse queue: 3 calls a day, all in the 08:00 half hour (UTC),
 * for 8 weeks. The history is counted from calls, so every interval fits it; the forecast of the next
 * day is 3 calls at 08:00 and none elsewhere (every method forecasts a constant series as itself).
 * (Before: the store's quarter-hour counts made the history look "daily at 08:00" and --interval 30
 * was refused, exit 2.) The same from `wfm intraday`'s default morning forecast.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { openStore } from '../../src/store/index.js';
import type { CallRecord } from '../../src/cdr/types.js';

const DAY0 = Date.UTC(2026, 8, 7); // Monday 7 September 2026
let dir = '';

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-sparse-'));
  const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
  try {
    await store.saveSite({ name: 'default', tz: 'UTC' });
    const calls: CallRecord[] = [];
    for (let d = 0; d < 56; d++) {
      for (let k = 0; k < 3; k++) {
        calls.push({ queue: 'vip', callId: `c${d}-${k}`, enteredMs: DAY0 + d * 86_400_000 + 8 * 3_600_000 + k * 60_000 + 17_000, outcome: 'answered', waitS: 4, agent: 'A', talkS: 100, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'queue_log' });
      }
    }
    await store.begin();
    await store.importCalls('default', calls, 'UTC');
    await store.commit();
  } finally {
    await store.close();
  }
}, 60_000);

describe('a sparse queue in the store', () => {
  it('wfm forecast --interval 30 (the default) forecasts 3 calls at 08:00 of the next day, none elsewhere', () => {
    const r = wfm(['forecast', '--start', '2026-11-02', '--days', '1', '--format', 'json'], dir);
    expect(r.stderr).not.toMatch(/does not fit/);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { intervalStart: string; calls: number }[];
    const at8 = list.filter((x) => x.intervalStart.startsWith('2026-11-02T08:00'));
    expect(at8).toHaveLength(1);
    expect(at8[0].calls).toBeCloseTo(3, 6);
    expect(list.filter((x) => !x.intervalStart.startsWith('2026-11-02T08:00')).every((x) => Math.abs(x.calls) < 1e-6)).toBe(true);
  });
});
