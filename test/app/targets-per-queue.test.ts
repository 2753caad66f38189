/**
 * Each queue's own targets from wfm.yaml reach the alerts and the simulator, called directly as
 * use-cases: a VIP queue at 90/10 beside billing at the default 80/20 in one run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/app/config-file.js';
import { dayFigures } from '../../src/app/reports.js';
import { buildSimInput } from '../../src/app/simulate.js';
import { withStore } from '../../src/app/store.js';
import type { CallRecord } from '../../src/cdr/types.js';
import { testSession } from '../helpers/session.js';

const ms = (local: string) => DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: 'Asia/Shanghai' }).toMillis();
const config = parseConfig('queues:\n  vip:\n    sla: 90/10\n    patience: 240\n  billing:\n    patience: 120\n', '/site/wfm.yaml');

describe('alerts: service_level_below without a threshold uses each queue\'s target', () => {
  it('vip (2 of 4 within 10 s) fires against 90 %; billing (4 of 4 within 20 s) does not', async () => {
    const s = testSession({ config });
    const waits = { vip: [5, 10, 15, 25], billing: [5, 10, 15, 18] };
    const calls: CallRecord[] = Object.entries(waits).flatMap(([queue, w]) =>
      w.map((waitS, i) => ({ queue, callId: `${queue}-${i}`, enteredMs: ms('2026-12-07 09:00') + i * 60_000, outcome: 'answered' as const, waitS, agent: 'A', talkS: 100, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'test' })),
    );
    await withStore(s, 'write', async (store) => {
      await store.begin();
      await store.importCalls('default', calls, s.tz);
      await store.commit();
    });
    // the bundled rules: service_level_below has neither threshold nor seconds
    const [f] = await dayFigures({ period: { date: '2026-12-07' }, yesterday: false, interval: 30, shortBy: 1, overBy: 2, outlierZ: 3.5, within: 30 }, s);
    const sl = f.alerts.filter((a) => a.rule === 'service_level_below');
    expect(sl.map((a) => [a.queue, a.value, a.threshold, a.message.params?.seconds])).toEqual([['vip', 0.5, 0.9, 10]]);
    expect(Object.fromEntries(f.thresholds)).toEqual({ billing: 20, vip: 10 });
  });

  it('a rule with its own threshold and seconds applies them to every queue', async () => {
    const s = testSession({ config });
    const calls: CallRecord[] = [12, 12, 30, 30].map((waitS, i) => ({ queue: 'vip', callId: `v${i}`, enteredMs: ms('2026-12-07 10:00') + i * 1000, outcome: 'answered', waitS, agent: 'A', talkS: 60, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'test' }));
    await withStore(s, 'write', async (store) => {
      await store.begin();
      await store.importCalls('default', calls, s.tz);
      await store.commit();
    });
    writeFileSync(join(s.cwd, 'rules.yaml'), 'rules:\n  - rule: service_level_below\n    threshold: 40%\n    seconds: 15\n');
    const [f] = await dayFigures({ period: { date: '2026-12-07' }, yesterday: false, interval: 30, shortBy: 1, overBy: 2, outlierZ: 3.5, within: 30, rules: 'rules.yaml' }, s);
    // 2 of 4 within 15 s = 50 %: above 40 %, no alert, though the queue's own 90/10 would fire
    expect(f.alerts).toEqual([]);
  });
});

describe('simulate: threshold and patience per queue where the options say nothing', () => {
  it('from wfm.yaml, and an option overrides every queue', async () => {
    const s = testSession({ config });
    writeFileSync(join(s.cwd, 'demand.csv'), 'interval_start,queue,calls,aht\n2026-12-07 09:00,vip,10,200\n2026-12-07 09:00,billing,30,200\n');
    const q = (input: Awaited<ReturnType<typeof buildSimInput>>['input']) => Object.fromEntries(input.queues.map((x) => [x.name, [x.serviceLevelSeconds, x.patience]]));
    const own = await buildSimInput({ input: 'demand.csv', queue: 'default', agents: { all: 5 }, pauseLength: 300 }, s);
    expect(q(own.input)).toEqual({ billing: [20, { kind: 'exponential', mean: 120 }], vip: [10, { kind: 'exponential', mean: 240 }] });
    const flagged = await buildSimInput({ input: 'demand.csv', queue: 'default', agents: { all: 5 }, pauseLength: 300, slThreshold: 30, patience: 'none' }, s);
    expect(q(flagged.input)).toEqual({ billing: [30, { kind: 'none' }], vip: [30, { kind: 'none' }] });
  });
});
