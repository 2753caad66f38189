import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wfm, wfmJson } from '../helpers/cli.js';
import { erlangCExact, ratioToNumber } from '../helpers/exact.js';

interface StaffJson {
  intervals: Record<string, number | string | null>[];
  days: Record<string, number | string | null>[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wfm-staff-'));
});
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('wfm staff', () => {
  it('computes requirements per interval and day totals with the documented fields', () => {
    const p = file(
      'demand.csv',
      'interval_start,queue,calls,aht\n2026-12-07 09:00,billing,300,180\n2026-12-07 09:30,billing,360,180\n2026-12-07 10:00,billing,0,\n2026-12-07 09:00,vip,12,300\n',
    );
    const { code, json } = wfmJson<StaffJson>(['staff', '--input', p, '--tz', 'Asia/Shanghai', '--shrinkage', '30%']);
    expect(code).toBe(0);
    expect(Object.keys(json.intervals[0]).sort()).toEqual(
      ['queue', 'intervalStart', 'calls', 'ahtSeconds', 'trafficErlangs', 'agents', 'scheduledAgents', 'serviceLevel', 'asaSeconds', 'occupancy'].sort(),
    );
    const first = json.intervals[0];
    expect(first.intervalStart).toBe('2026-12-07T09:00:00+08:00');
    expect(first.trafficErlangs).toBe(30); // 300 x 180 / 1800
    // exact check of the answer: SL(n-1) < 0.8 <= SL(n) with C from rational arithmetic
    const n = first.agents as number;
    const sl = (k: number) => {
      const c = erlangCExact(k, 30n, 1n);
      return 1 - ratioToNumber(c.num, c.den) * Math.exp((-(k - 30) * 20) / 180);
    };
    expect(sl(n)).toBeGreaterThanOrEqual(0.8);
    expect(sl(n - 1)).toBeLessThan(0.8);
    expect(first.scheduledAgents).toBe(Math.ceil((n * 10) / 7 - 1e-9));
    const closed = json.intervals.find((r) => r.calls === 0)!;
    expect(closed.agents).toBe(0);
    expect(closed.ahtSeconds).toBeNull();
    // day totals: agent-hours = sum of agents x 0.5 h, peak = max
    const billing = json.intervals.filter((r) => r.queue === 'billing');
    const day = json.days.find((d) => d.queue === 'billing')!;
    expect(day.agentHours).toBeCloseTo(billing.reduce((s, r) => s + (r.agents as number) * 0.5, 0), 12);
    expect(day.peakAgents).toBe(Math.max(...billing.map((r) => r.agents as number)));
    expect(day.calls).toBe(660);
    expect(json.days).toHaveLength(2);
  });

  it('infers 15-minute intervals across closed hours and DST, and rejects a time the clock skipped', () => {
    const p = file(
      'dst.csv',
      'interval_start,queue,calls,aht\n2026-03-07 23:45,q,10,200\n2026-03-08 01:30,q,10,200\n2026-03-08 01:45,q,10,200\n2026-03-08 02:30,q,10,200\n2026-03-08 03:00,q,10,200\n',
    );
    const r = wfm(['staff', '--input', p, '--tz', 'America/New_York', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${p}:5: field interval_start`);
    const json = JSON.parse(r.stdout) as StaffJson;
    expect(json.intervals.map((i) => i.intervalStart)).toEqual([
      '2026-03-07T23:45:00-05:00',
      '2026-03-08T01:30:00-05:00',
      '2026-03-08T01:45:00-05:00',
      '2026-03-08T03:00:00-04:00', // 01:45 -> 03:00 is 15 real minutes
    ]);
    // 10 calls x 200 s in 15 minutes = 2.222 Erlangs
    expect(json.intervals[0].trafficErlangs).toBeCloseTo(2000 / 900, 12);
  });

  it('reports each bad row with file, line and field, keeps the good ones (exit 3), or rejects all with --strict (exit 2)', () => {
    const p = file(
      'bad.csv',
      'interval_start,queue,calls,aht\n2026-12-07 09:00,billing,300,180\nyesterday,billing,10,180\n2026-12-07 10:00,billing,-4,180\n2026-12-07 10:30,billing,20,\n2026-12-07 09:00,billing,5,100\n2026-12-07 11:00,billing,20,180\n',
    );
    const rejects = join(dir, 'rejects.csv');
    const r = wfm(['staff', '--input', p, '--format', 'json', '--rejects', rejects]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${p}:3: field interval_start`);
    expect(r.stderr).toContain(`${p}:4: field calls`);
    expect(r.stderr).toContain(`${p}:5: field aht`);
    expect(r.stderr).toMatch(new RegExp(`${p}:6: field interval_start.*line 2`));
    expect((JSON.parse(r.stdout) as StaffJson).intervals).toHaveLength(2);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,line,field,reason,text');
    expect(lines).toHaveLength(5);

    const strict = wfm(['staff', '--input', p, '--format', 'json', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
  });

  it('names a missing column, a missing file, and refuses formula injection in CSV output', () => {
    const p = file('nocalls.csv', 'interval_start,queue,aht\n2026-12-07 09:00,q,100\n');
    const r = wfm(['staff', '--input', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('calls');
    const m = wfm(['staff', '--input', join(dir, 'absent.csv')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('absent.csv');
    const evil = file('evil.csv', 'interval_start,queue,calls,aht\n2026-12-07 09:00,"=HYPERLINK(""x"")",10,100\n2026-12-07 09:30,"=HYPERLINK(""x"")",10,100\n2026-12-07 10:00,"=broken,10,100\n');
    const c = wfm(['staff', '--input', evil, '--format', 'csv']);
    expect(c.code).toBe(3); // the unbalanced quote on line 4 is rejected, the rest is used
    expect(c.stderr).toContain(`${evil}:4:`);
    expect(c.stdout.split('\n')[1].startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
  });
});
