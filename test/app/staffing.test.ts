/**
 * `wfm staff` as a use-case (src/app/staffing.ts), each queue against its own targets from wfm.yaml
 * in one run: a VIP queue at 90/10 with an occupancy cap and 35 % shrinkage beside billing at 80/20
 * with 30 %. The reference is independent of src/queueing: the smallest n whose Erlang C service
 * level 1 - C(n, a) e^{-(n - a) T / AHT} meets the target, with C(n, a) an exact BigInt fraction
 * (test/helpers/exact.ts), the occupancy cap a / n <= cap and the shrinkage ceiling in integers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/app/config-file.js';
import { erlangFigures } from '../../src/app/erlang.js';
import { staff } from '../../src/app/staffing.js';
import { InputError } from '../../src/errors.js';
import { erlangCExact, ratioToNumber } from '../helpers/exact.js';
import { testSession } from '../helpers/session.js';

/** Smallest n meeting SL >= target at T seconds (and a / n <= cap), traffic a = p/q Erlangs exactly. */
function required(p: number, q: number, aht: number, target: number, t: number, cap?: number): number {
  const a = p / q;
  for (let n = Math.floor(a) + 1; ; n++) {
    const c = erlangCExact(n, BigInt(p), BigInt(q));
    const sl = 1 - ratioToNumber(c.num, c.den) * Math.exp((-(n - a) * t) / aht);
    if (sl >= target && (cap === undefined || p * 100 <= Math.round(cap * 100) * n * q)) return n;
  }
}
/** ceil(n / (1 - s)) for a shrinkage s given in whole percent. */
const scheduled = (n: number, percent: number) => Math.ceil((n * 100) / (100 - percent));

const CONFIG = `defaults:
  sla: 80/20
  shrinkage: 30%
queues:
  vip:
    sla: 90/10
    max-occupancy: 85%
    shrinkage: 35%
`;
// vip: 60 calls x 300 s / 1800 s = 10 Erlangs; billing: 300 x 240 / 1800 = 40 Erlangs
const DEMAND = 'interval_start,queue,calls,aht\n2026-12-07 09:00,vip,60,300\n2026-12-07 09:30,vip,60,300\n2026-12-07 09:00,billing,300,240\n2026-12-07 09:30,billing,300,240\n';

describe('staff: each queue against its own targets', () => {
  const s = testSession({ config: parseConfig(CONFIG, '/site/wfm.yaml') });
  writeFileSync(join(s.cwd, 'demand.csv'), DEMAND);

  it('a VIP queue at 90/10 (85 % occupancy cap, 35 % shrinkage) beside billing at 80/20 (30 %), in one run', async () => {
    const a = await staff({ input: 'demand.csv', flags: {} }, s);
    const vip = required(10, 1, 300, 0.9, 10, 0.85);
    const billing = required(40, 1, 240, 0.8, 20);
    // by hand: C(14, 10) = 0.174 gives 1 - 0.174 e^{-4/30} = 84.8 % within 10 s; C(15, 10) = 0.094 gives 92.0 %
    expect(vip).toBe(15);
    for (const row of a.plan.intervals) {
      if (row.queue === 'vip') expect([row.agents, row.scheduledAgents]).toEqual([vip, scheduled(vip, 35)]);
      else expect([row.agents, row.scheduledAgents]).toEqual([billing, scheduled(billing, 30)]);
    }
    expect(a.targets.map((t) => [t.queue, t.sla.target, t.sla.seconds, t.shrinkage])).toEqual([
      ['billing', 0.8, 20, 0.3],
      ['vip', 0.9, 10, 0.35],
    ]);
    expect(a.rejects.count).toBe(0);
  });

  it('a target flag applies to every queue for that run (the file\'s other keys still hold)', async () => {
    const a = await staff({ input: 'demand.csv', flags: { sla: { target: 0.8, seconds: 20 } } }, s);
    const vip = a.plan.intervals.find((r) => r.queue === 'vip')!;
    expect(vip.agents).toBe(required(10, 1, 300, 0.8, 20, 0.85));
    expect(vip.scheduledAgents).toBe(scheduled(vip.agents, 35));
  });

  it('bad lines are rejections naming file, line and field; --strict turns them into an error', async () => {
    writeFileSync(join(s.cwd, 'dirty.csv'), DEMAND + '2026-12-07 10:00,vip,x,300\n2026-12-07 10:00,billing,10,\n');
    const a = await staff({ input: 'dirty.csv', flags: {}, rejects: 'rejects.csv' }, s);
    expect(a.rejects.count).toBe(2);
    expect(a.rejects.shown.map((r) => [r.file, r.line, r.field, r.reason.key])).toEqual([
      ['dirty.csv', 6, 'calls', 'input.badCount'],
      ['dirty.csv', 7, 'aht', 'input.missingAht'],
    ]);
    await expect(staff({ input: 'dirty.csv', flags: {}, strict: true }, s)).rejects.toThrow(InputError);
    // the rejects file may not be one of the inputs (it would destroy it)
    await expect(staff({ input: 'dirty.csv', flags: {}, rejects: 'dirty.csv' }, s)).rejects.toThrow(/rejects/i);
  });
});

describe('erlang: one interval, a queue\'s targets and AHT from wfm.yaml', () => {
  const s = testSession({ config: parseConfig(CONFIG + '    aht: 300\n', '/site/wfm.yaml') });
  it('--queue vip takes 90/10, the cap, 35 % and the AHT of the file', async () => {
    const a = erlangFigures({ calls: 60, intervalMinutes: 30, queue: 'vip', flags: {} }, s);
    expect(a.ahtSeconds).toBe(300);
    expect(a.result.agents).toBe(required(10, 1, 300, 0.9, 10, 0.85));
    expect(a.result.scheduledAgents).toBe(scheduled(a.result.agents, 35));
  });
  it('without --queue: the defaults section (80/20, 30 %); without any AHT: a usage error', async () => {
    const a = erlangFigures({ calls: 300, aht: 240, intervalMinutes: 30, flags: {} }, s);
    expect(a.result.agents).toBe(required(40, 1, 240, 0.8, 20));
    expect(a.result.scheduledAgents).toBe(scheduled(a.result.agents, 30));
    expect(() => erlangFigures({ calls: 300, intervalMinutes: 30, flags: {} }, s)).toThrow(/aht/i);
  });
});
