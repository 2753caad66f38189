/**
 * iCalendar text from hostile names (issue 15, item 9): a bare CR in an agent id or a queue, a line
 * break in the roster's name (it goes into every UID) must not start a line of its own. Checked with
 * the RFC 5545 grammar written out here: after unfolding (3.1), every content line is
 * `name *(";" param) ":" value` with no CR, LF or other control character but HTAB (3.1, 3.3.11), and
 * the calendar has exactly the components wfm wrote.
 */
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText } from '../../src/roster-io/ics.js';
import { icsFiles } from '../../src/roster-io/output.js';
import type { Roster, RosterShift } from '../../src/solver/types.js';

/** Content lines after unfolding; fails when a line does not end in CRLF or holds a bare CR/LF. */
function contentLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  // a CR not followed by LF, or an LF not preceded by CR, is a line break RFC 5545 does not know
  expect(text).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

const NAME = /^[A-Za-z0-9-]+$/;
// eslint-disable-next-line no-control-regex
const CTL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** Property name and raw value of a content line (RFC 5545 3.1: params may hold quoted ':'). */
function split(line: string): { name: string; value: string } {
  const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/s.exec(line);
  expect(m, `not a content line: ${JSON.stringify(line)}`).not.toBeNull();
  return { name: m![1], value: m![3] };
}

/** TEXT value back to text (3.3.11), rejecting an unescaped ; , or a lone backslash. */
function unescapeText(v: string): string {
  expect(v).not.toMatch(/(?<!\\)(\\\\)*[;,]/);
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const shift = (agent: string, queue: string, day: number): RosterShift => ({
  agent,
  queue,
  template: 'S8',
  start: day * 1440 + 8 * 60,
  end: day * 1440 + 16 * 60,
  breaks: [{ start: day * 1440 + 12 * 60, end: day * 1440 + 13 * 60, paid: false }],
});

function roster(shifts: RosterShift[]): Roster {
  return {
    intervalMinutes: 30,
    shifts,
    coverage: [],
    paidHours: 0,
    objective: 0,
    lowerBound: 0,
    gap: 0,
    understaffed: 0,
    shortIntervals: [],
    hoursAbove: 0,
    solver: 'highs',
    seconds: 0,
    fairness: [],
    agents: [...new Set(shifts.map((s) => s.agent))],
    unassigned: [],
  } as Roster;
}

describe('TEXT escaping (RFC 5545 3.3.11)', () => {
  it('backslash, semicolon, comma and every line break - CRLF, LF and a lone CR - are escaped; other controls go', () => {
    expect(escapeText('a\rb')).toBe('a\\nb');
    expect(escapeText('a\r\nb\nc\r')).toBe('a\\nb\\nc\\n');
    expect(escapeText('x\\;y,z')).toBe('x\\\\\\;y\\,z');
    expect(escapeText('tab\there')).toBe('tab\there');
    expect(escapeText('bell\u0007 esc\u001b[31m del\u007f nul\u0000')).toBe('bell esc[31m del nul');
  });
});

describe('hostile names in the calendars of a roster', () => {
  const cal = { startDate: '2026-12-07', zone: 'Asia/Shanghai' };
  const agents = ['A1\rBEGIN:VEVENT', 'B2\r\nX-INJECTED:1', 'C3\nEND:VCALENDAR', 'D4;x,y\\'];
  const queue = 'billing\rSUMMARY:evil';
  const r = roster(agents.flatMap((a) => [shift(a, queue, 0), shift(a, queue, 1)]));
  const files = icsFiles(r, cal, 'en', 'week-50\r\nUID:forged', Date.UTC(2026, 11, 1));

  it('every content line is well formed; each file has one calendar, one time zone and two events', () => {
    expect(files).toHaveLength(4);
    for (const f of files) {
      const lines = contentLines(f.text).map(split);
      for (const l of lines) {
        expect(l.name).toMatch(NAME);
        expect(l.value).not.toMatch(CTL);
      }
      const count = (v: string) => lines.filter((l) => l.name === 'BEGIN' && l.value === v).length;
      expect([count('VCALENDAR'), count('VTIMEZONE'), count('VEVENT')]).toEqual([1, 1, 2]);
      expect(lines.filter((l) => l.name === 'END' && l.value === 'VCALENDAR')).toHaveLength(1);
      expect(lines.some((l) => l.name.startsWith('X-INJECTED'))).toBe(false);
      expect(lines.filter((l) => l.name === 'SUMMARY').map((l) => unescapeText(l.value))).toEqual(['Shift: billing\nSUMMARY:evil', 'Shift: billing\nSUMMARY:evil']);
      expect(lines.filter((l) => l.name === 'CATEGORIES').map((l) => unescapeText(l.value))).toEqual([queue.replace('\r', '\n'), queue.replace('\r', '\n')]);
    }
  });

  it('the calendar name keeps the agent id (line breaks as \\n); the UIDs hold no line break, are distinct and escaped', () => {
    const names = files.map((f) => contentLines(f.text).map(split).find((l) => l.name === 'X-WR-CALNAME')!.value);
    expect(names.map(unescapeText).sort()).toEqual(agents.map((a) => `Shifts of ${a.replace(/\r\n|\r/g, '\n')}`).sort());
    const uids = files.flatMap((f) => contentLines(f.text).map(split).filter((l) => l.name === 'UID').map((l) => l.value));
    expect(uids).toHaveLength(8);
    expect(new Set(uids).size).toBe(8);
    for (const u of uids) {
      expect(u).not.toMatch(CTL);
      expect(unescapeText(u)).toMatch(/^week-50\nUID:forged-/);
    }
  });

  it('a UID given with a line break or a control character is escaped and cleaned too', () => {
    const text = buildIcs({ name: 'n', zone: 'UTC', stampMs: 0, events: [{ uid: 'a\rb;c\u0000@x', startMs: 3_600_000, endMs: 7_200_000, summary: 's' }] });
    const uid = contentLines(text).map(split).find((l) => l.name === 'UID')!;
    expect(uid.value).toBe('a\\nb\\;c@x');
  });
});
