/**
 * The readers and the store access of the application layer, called directly: the one roster-file
 * reader (src/formats/shifts.ts) and its "saved name or file" resolver (src/app/shifts.ts), the one
 * way to open the store (src/app/store.ts: reading needs a store and never creates one), and the
 * reports counting each queue with its own service-level threshold (src/app/reports.ts) against
 * calls counted by hand.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/app/config-file.js';
import { slaReport } from '../../src/app/reports.js';
import { loadShifts } from '../../src/app/shifts.js';
import { openStore, withStore } from '../../src/app/store.js';
import type { CallRecord } from '../../src/cdr/types.js';
import { InputError, UsageError } from '../../src/errors.js';
import { parseShifts, workSeconds } from '../../src/formats/shifts.js';
import { rosterFromShifts } from '../../src/live/roster.js';
import { testSession } from '../helpers/session.js';

const ms = (local: string) => DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: 'Asia/Shanghai' }).toMillis();

describe('roster files: one reader for JSON and CSV', () => {
  it('the JSON of `wfm roster --format json` (offsets), with paid and unpaid breaks', () => {
    const json = JSON.stringify({
      shifts: [
        { agent: 'A1', queue: 'billing', start: '2026-12-07T08:00:00+08:00', end: '2026-12-07T17:00:00+08:00', breaks: [{ start: '2026-12-07T12:00:00+08:00', end: '2026-12-07T12:30:00+08:00', paid: false }] },
      ],
    });
    const [s] = parseShifts(json, 'Asia/Shanghai', 'r.json');
    expect(s).toEqual({ agent: 'A1', queues: ['billing'], team: null, startMs: ms('2026-12-07 08:00'), endMs: ms('2026-12-07 17:00'), breaks: [{ startMs: ms('2026-12-07 12:00'), endMs: ms('2026-12-07 12:30'), paid: false, reason: null }], line: 1 });
    expect(workSeconds(s, s.startMs, s.endMs)).toBe(8.5 * 3600);
  });

  it('a live-board CSV (agent,start,end,breaks start~end,team) and the CSV of `wfm roster` (start/end paid|unpaid; queue)', () => {
    const live = parseShifts('agent,start,end,breaks,team\nA1,2026-12-07 09:00,2026-12-07 18:00,2026-12-07 12:00~2026-12-07 13:00,T1\n', 'Asia/Shanghai', 'live.csv');
    expect(live[0]).toMatchObject({ agent: 'A1', team: 'T1', queues: [], breaks: [{ startMs: ms('2026-12-07 12:00'), endMs: ms('2026-12-07 13:00'), paid: null }] });
    const roster = parseShifts(
      'agent,date,queue,template,start,end,paid_hours,breaks\nA2,2026-12-07,vip,early,2026-12-07T07:00:00+08:00,2026-12-07T15:00:00+08:00,7.5,2026-12-07T10:00:00+08:00/2026-12-07T10:15:00+08:00 paid; 2026-12-07T12:00:00+08:00/2026-12-07T12:30:00+08:00 unpaid\n',
      'Asia/Shanghai',
      'roster.csv',
    );
    expect(roster[0].queues).toEqual(['vip']);
    expect(roster[0].breaks.map((b) => b.paid)).toEqual([true, false]);
  });

  it('`queue` is one name (spaces kept), `queues` a list separated by `;`; CSV lines are file lines (blank lines counted)', () => {
    const j = parseShifts('[{"agent":"A","queue":"vip care","start":"2026-12-07 09:00","end":"2026-12-07 17:00"},{"agent":"B","queues":"vip care; billing","start":"2026-12-07 09:00","end":"2026-12-07 17:00"}]', 'UTC', 'r.json');
    expect(j.map((s) => s.queues)).toEqual([['vip care'], ['vip care', 'billing']]);
    const c = parseShifts('agent,queue,start,end\nA,vip care,2026-12-07 09:00,2026-12-07 17:00\n\nB,billing,2026-12-07 09:00,2026-12-07 17:00\n', 'UTC', 'r.csv');
    expect(c.map((s) => [s.agent, s.queues, s.line])).toEqual([
      ['A', ['vip care'], 2],
      ['B', ['billing'], 4],
    ]);
  });

  it('the first bad entry names the file, its line and the field', () => {
    const bad = (text: string) => {
      try {
        parseShifts(text, 'UTC', 'f');
      } catch (err) {
        if (err instanceof InputError) return [err.where.line, err.where.field, err.msg.key];
      }
      return null;
    };
    expect(bad('agent,start,end\n,2026-12-07 09:00,2026-12-07 17:00\n')).toEqual([2, 'agent', 'shifts.noAgent']);
    expect(bad('agent,start,end\nA,2026-12-07 09:00,2026-12-07 17:00\nB,2026-12-07 09:00,2026-12-07 08:00\n')).toEqual([3, 'end', 'shifts.order']);
    expect(bad('agent,start,end\nA,2026-12-07 09:00,2026-12-07 17:00\n\nB,2026-12-07 09:00,2026-12-07 08:00\n')).toEqual([4, 'end', 'shifts.order']);
    expect(bad('[{"agent":"A","start":"2026-12-07 09:00","end":"2026-12-07 17:00","breaks":[{"start":"2026-12-07 08:00","end":"2026-12-07 08:30"}]}]')).toEqual([1, 'breaks', 'shifts.break']);
    expect(bad('[{"agent":"A","start":"yesterday","end":"2026-12-07 17:00"}]')).toEqual([1, 'start', 'input.badTime']);
    expect(bad('{"shifts": 3}')).toEqual([undefined, 'shifts', 'shifts.shape']);
    expect(bad('[{')).toEqual([undefined, undefined, 'shifts.badJson']);
  });

  it('the live board groups the shifts per agent in time order', () => {
    const r = rosterFromShifts(parseShifts('agent,start,end,team\nA,2026-12-08 09:00,2026-12-08 17:00,\nA,2026-12-07 09:00,2026-12-07 17:00,T\n', 'UTC', 'x'));
    expect(r.get('A')!.team).toBe('T');
    expect(r.get('A')!.shifts.map((s) => s.startMs)).toEqual([Date.UTC(2026, 11, 7, 9), Date.UTC(2026, 11, 8, 9)]);
  });
});

describe('a saved roster or a roster file', () => {
  it('a file that exists is read; any other name is looked up in the store; neither is exit 2 naming the option', async () => {
    const s = testSession();
    await withStore(s, 'write', (store) =>
      store.saveRoster('default', {
        name: 'week-50',
        createdMs: 0,
        tz: 'Asia/Shanghai',
        startDate: '2026-12-07',
        days: 1,
        intervalMinutes: 30,
        solver: 'test',
        paidHours: 8.5,
        lowerBound: 8,
        gap: 0,
        understaffed: 0,
        seconds: 0,
        rules: '{}',
        shifts: [{ agent: 'A1', queue: 'billing', template: 'day', startMs: ms('2026-12-07 08:00'), endMs: ms('2026-12-07 17:00'), breaks: [{ startMs: ms('2026-12-07 12:00'), endMs: ms('2026-12-07 12:30'), paid: false }] }],
        coverage: [],
      }),
    );
    writeFileSync(join(s.cwd, 'week.csv'), 'agent,queue,start,end,breaks\nA1,billing,2026-12-07 08:00,2026-12-07 17:00,2026-12-07 12:00/2026-12-07 12:30 unpaid\n');
    const saved = await loadShifts(s, 'week-50');
    const file = await loadShifts(s, 'week.csv');
    expect(saved.source).toEqual({ kind: 'saved', name: 'week-50' });
    expect(file.source).toEqual({ kind: 'file', name: 'week.csv' });
    const strip = (x: typeof saved.shifts) => x.map(({ template: _t, line: _l, ...rest }) => rest);
    expect(strip(saved.shifts)).toEqual(strip(file.shifts));
    try {
      await loadShifts(s, 'nope', '--roster');
      throw new Error('found');
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).msg).toEqual({ key: 'shifts.notFound', params: { option: '--roster: ', name: 'nope', db: 'wfm.db' } });
    }
  });
});

describe('the store', () => {
  it('reading needs one (exit 2 naming it) and creates nothing; writing creates it', async () => {
    const s = testSession({ db: 'missing.db' });
    await expect(openStore(s, 'read')).rejects.toThrow(UsageError);
    expect(existsSync(join(s.cwd, 'missing.db'))).toBe(false);
    await withStore(s, 'write', async (store) => expect(await store.queues('default')).toEqual([]));
    expect(existsSync(join(s.cwd, 'missing.db'))).toBe(true);
    expect(await withStore(s, 'read', (store) => store.queues('default'))).toEqual([]);
  });
});

describe('report sla counts each queue with its own threshold (wfm.yaml)', () => {
  // waits 5, 10, 15 and 25 s in both queues, all answered at 09:00-09:30
  const calls: CallRecord[] = ['vip', 'billing'].flatMap((queue) =>
    [5, 10, 15, 25].map((waitS, i) => ({ queue, callId: `${queue}-${i}`, enteredMs: ms('2026-12-07 09:00') + i * 60_000, outcome: 'answered', waitS, agent: 'A', talkS: 100, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'test' })),
  );
  const config = parseConfig('queues:\n  vip:\n    sla: 90/10\n', '/site/wfm.yaml');

  it('vip at 10 s counts 2 of 4 within, billing at the default 20 s counts 3 of 4; a flag counts both alike', async () => {
    const s = testSession({ config });
    await withStore(s, 'write', async (store) => {
      await store.begin();
      await store.importCalls('default', calls, s.tz);
      await store.commit();
    });
    const within = async (flag?: number) => {
      const [a, ...more] = await slaReport({ from: { date: '2026-12-07' }, to: { date: '2026-12-07' }, interval: 'day', by: 'queue', slThreshold: flag }, s);
      if (a.by !== 'queue' || more.length) throw new Error('by queue, one site');
      return Object.fromEntries(a.rows.map((r) => [r.queue, [r.answeredWithin, r.serviceLevel]]));
    };
    expect(await within()).toEqual({ billing: [3, 0.75], vip: [2, 0.5] });
    expect(await within(15)).toEqual({ billing: [3, 0.75], vip: [3, 0.75] });
    expect(await within(5)).toEqual({ billing: [1, 0.25], vip: [1, 0.25] });
  });
});

describe('requirements from `wfm staff --format csv`', () => {
  it('are read from scheduledAgents (after shrinkage), not agents, whatever the column order', async () => {
    const { readIntervals } = await import('../../src/formats/intervals.js');
    const { parseCsvText } = await import('../../src/formats/csv.js');
    const t = parseCsvText('queue,intervalStart,calls,ahtSeconds,trafficErlangs,agents,scheduledAgents\nbilling,2026-12-07T09:00:00+08:00,300,240,40,48,69\n', 'req.csv');
    const r = readIntervals('req.csv', t.header, t.records, 'Asia/Shanghai', { defaultQueue: 'default', value: 'required' });
    expect([r.columns.required, r.rows[0].required]).toEqual(['scheduledagents', 69]);
  });
});
