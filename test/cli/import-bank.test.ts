/**
 * A real month of call-level records (Anonymous Bank, February 1999) turned into a queue_log: the
 * report's per-queue totals equal the KPIs counted directly from the CSV columns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { BANK_CSV, bankCalls, bankQueueLog, bankTotals } from '../helpers/bank.js';

describe.skipIf(!existsSync(fileURLToPath(BANK_CSV)))('Anonymous Bank, February 1999', () => {
  beforeAll(() => ensureBuilt());

  it('per-queue totals match the CSV', () => {
    const calls = bankCalls();
    expect(calls.length).toBeGreaterThan(25_000);
    const dir = mkdtempSync(join(tmpdir(), 'wfm-bank-'));
    writeFileSync(join(dir, 'queue_log'), bankQueueLog(calls));
    const imp = wfm(['import', 'queue-log', 'queue_log', '--tz', 'Asia/Jerusalem', '--format', 'json'], dir);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout).calls).toBe(calls.length);
    const r = wfm(['report', 'sla', '--from', '1999-02-01', '--to', '1999-03-01', '--interval', 'day', '--format', 'json', '--tz', 'Asia/Jerusalem'], dir);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, number | string | null>[];
    const truth = bankTotals(calls, 20, 5);
    for (const [queue, e] of truth) {
      const total = rows.find((x) => x.queue === queue && x.intervalStart === null)!;
      const base = e.offered - e.shortAbandoned;
      expect(total).toMatchObject({
        offered: e.offered,
        answered: e.answered,
        abandoned: e.abandoned,
        shortAbandoned: e.shortAbandoned,
        exited: 0,
        answeredWithin: e.answeredWithin,
        maxWaitSeconds: e.maxWait,
      });
      expect(total.serviceLevel).toBeCloseTo(e.answeredWithin / base, 12);
      expect(total.asaSeconds).toBeCloseTo(e.waitSum / e.answered, 9);
      expect(total.ahtSeconds).toBeCloseTo(e.talkSum / e.answered, 9);
    }
    // day rows: Israeli local midnights (+02:00), and they add up to the totals
    const days = rows.filter((x) => x.queue === 'PS' && x.intervalStart !== null);
    expect(days[0].intervalStart).toMatch(/^1999-02-0\dT00:00:00\+02:00$/);
    expect(days.reduce((s, x) => s + (x.offered as number), 0)).toBe(truth.get('PS')!.offered);
  }, 120_000);
});
