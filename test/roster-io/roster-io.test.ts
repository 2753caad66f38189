import { describe, expect, it } from 'vitest';
import { buildIcs, foldLine, escapeText, zoneTransitions } from '../../src/roster-io/ics.js';
import { minuteToIso, dateTimeToMinute, minuteToDateTime, clockOf } from '../../src/roster-io/time.js';
import { agentFromFields, parseAvailability, parseDaysOff, parseLeave, parseWeekdays } from '../../src/roster-io/agents.js';
import { diffRosters } from '../../src/roster-io/diff.js';
import { readIcsEvents } from './ics-reader.js';

describe('roster minutes <-> instants', () => {
  it('Asia/Shanghai: fixed +08:00, a night shift ends on the next date', () => {
    const cal = { startDate: '2026-12-07', zone: 'Asia/Shanghai' };
    expect(minuteToIso(cal, 0)).toBe('2026-12-07T00:00:00+08:00');
    expect(minuteToIso(cal, 1440 + 22 * 60)).toBe('2026-12-08T22:00:00+08:00');
    expect(minuteToIso(cal, 2 * 1440 + 6 * 60 + 15)).toBe('2026-12-09T06:15:00+08:00');
    expect(clockOf(1440 + 30, 0)).toBe('00:30+1');
  });
  it('Europe/Berlin across the 2026-10-25 change: wall clock kept, offsets +02:00 then +01:00', () => {
    // EU rule: clocks go back at 01:00 UTC on the last Sunday of October (2026-10-25)
    const cal = { startDate: '2026-10-24', zone: 'Europe/Berlin' };
    expect(minuteToIso(cal, 8 * 60)).toBe('2026-10-24T08:00:00+02:00');
    expect(minuteToIso(cal, 2 * 1440 + 8 * 60)).toBe('2026-10-26T08:00:00+01:00');
    // 24 wall-clock hours from Saturday 08:00 to Sunday 08:00 are 25 real hours
    expect(minuteToDateTime(cal, 1440 + 480).toMillis() - minuteToDateTime(cal, 480).toMillis()).toBe(25 * 3600000);
    expect(dateTimeToMinute(cal, minuteToDateTime(cal, 2 * 1440 + 8 * 60))).toBe(2 * 1440 + 480);
  });
});

describe('iCalendar text (RFC 5545)', () => {
  it('escapes TEXT and folds at 75 octets without splitting a UTF-8 character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'DESCRIPTION:' + '休息'.repeat(40);
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });
  it('Europe/Berlin: the VTIMEZONE lists the October change and events read back to the right UTC instants', () => {
    // hand-computed: 2026-10-24 08:00 CEST = 06:00Z; 2026-10-26 08:00 CET = 07:00Z
    const ev = [
      { uid: 'a@x', startMs: Date.UTC(2026, 9, 24, 6), endMs: Date.UTC(2026, 9, 24, 14), summary: 'Shift' },
      { uid: 'b@x', startMs: Date.UTC(2026, 9, 26, 7), endMs: Date.UTC(2026, 9, 26, 15), summary: 'Shift' },
    ];
    const text = buildIcs({ name: 'x', zone: 'Europe/Berlin', stampMs: Date.UTC(2026, 9, 1), events: ev });
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20261024T080000');
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20261026T080000');
    // the STANDARD onset: 03:00 local summer time = 01:00 UTC, from +0200 to +0100
    expect(text).toMatch(/BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
    expect(readIcsEvents(text)).toEqual(ev.map((e) => ({ start: e.startMs, end: e.endMs })));
    for (const k of ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:', 'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'DTSTAMP:20261001T000000Z', 'END:VCALENDAR']) expect(text).toContain(k);
  });
  it('America/New_York spring forward is found to the minute (2026-03-08 07:00 UTC)', () => {
    const tr = zoneTransitions('America/New_York', Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 15));
    expect(tr).toEqual([{ atMs: Date.UTC(2026, 2, 8, 7), from: -300, to: -240, dst: true }]);
  });
});

describe('agents CSV fields', () => {
  const cal = { startDate: '2026-12-07', zone: 'Asia/Shanghai' }; // a Monday
  it('weekday sets', () => {
    expect([...parseWeekdays('Mon-Fri')!]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseWeekdays('Sat,Sun')!].sort()).toEqual([6, 7]);
    expect([...parseWeekdays('Fri-Mon')!].sort()).toEqual([1, 5, 6, 7]);
    expect(parseWeekdays('Xyz')).toBeNull();
  });
  it('availability: overnight windows, merged touching spans', () => {
    expect(parseAvailability('2026-12-08 22:00-06:00', cal, 7)).toEqual([{ start: 1440 + 1320, end: 2880 + 360 }]);
    const daily = parseAvailability('daily 00:00-24:00', cal, 2);
    expect(daily).toEqual([{ start: -1440, end: 3 * 1440 }]);
    expect(parseAvailability('Mon 8-12', cal, 7)).toMatchObject({ field: 'availability' });
  });
  it('leave and days off', () => {
    expect(parseLeave('2026-12-08..2026-12-09', cal)).toEqual([{ start: 1440, end: 3 * 1440 }]);
    expect(parseLeave('2026-12-07 09:00..2026-12-07 13:00', cal)).toEqual([{ start: 540, end: 780 }]);
    expect(parseDaysOff('Sun; 2026-12-08', cal, 7)).toEqual([1, 6]);
  });
  it('one record: skills with levels, unknown contract rejected with its field', () => {
    const a = agentFromFields({ id: 'x', skills: 'billing:4;vip|other' }, cal, 7, ['billing', 'vip'], ['full-time']);
    expect(a).toEqual({ id: 'x', skills: ['billing', 'vip'] });
    expect(agentFromFields({ id: 'x', contract: 'gig' }, cal, 7, ['billing'], ['full-time'])).toMatchObject({ field: 'contract' });
    expect(agentFromFields({ id: 'x', skills: 'other' }, cal, 7, ['billing'], ['full-time'])).toMatchObject({ field: 'skills' });
    // many contracts: looked up in a set; the message lists the first ten
    const many = new Set(Array.from({ length: 50_000 }, (_, i) => `c${i}`));
    expect(agentFromFields({ id: 'x', contract: 'c49999' }, cal, 7, ['billing'], many)).toMatchObject({ id: 'x', contract: 'c49999' });
    expect(agentFromFields({ id: 'x', contract: 'gig' }, cal, 7, ['billing'], many)).toEqual({
      field: 'contract',
      key: 'roster.agents.unknownContract',
      params: { value: 'gig', known: 'c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, ...' },
    });
  });
});

describe('roster diff', () => {
  const s = (agent: string, h: number, queue = 'q') => ({ agent, queues: [queue], startMs: Date.UTC(2026, 11, 7, h), endMs: Date.UTC(2026, 11, 7, h + 8), breaks: [] });
  it('added, removed, changed and unchanged agent-days', () => {
    const d = diffRosters([s('a', 1), s('b', 1), s('c', 1)], [s('a', 1), s('b', 2), s('d', 1)], 'UTC');
    expect(d.rows.map((r) => [r.agent, r.kind, r.fields.join()])).toEqual([
      ['b', 'changed', 'start,end'],
      ['c', 'removed', ''],
      ['d', 'added', ''],
    ]);
    expect([d.added, d.removed, d.changed, d.unchanged]).toEqual([1, 1, 1, 1]);
  });
  it('the day is the local date of the start in the zone', () => {
    const d = diffRosters([], [s('a', 20)], 'Asia/Shanghai');
    expect(d.rows[0].date).toBe('2026-12-08'); // 20:00Z = 04:00 next day in Shanghai
  });
});
