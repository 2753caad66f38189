/** A minimal, independent RFC 5545 reader for tests (no luxon): unfolds lines and converts each
 * VEVENT's DTSTART/DTEND to UTC with the offsets written in the file's own VTIMEZONE. */
import { expect } from 'vitest';

export function readIcsEvents(text: string): { start: number; end: number }[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const obs: { onsetLocal: number; from: number; to: number }[] = [];
  const off = (v: string) => (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(3, 5)));
  const local = (v: string) => Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8), +v.slice(9, 11), +v.slice(11, 13), +v.slice(13, 15));
  let cur: { onsetLocal: number; from: number; to: number } | null = null;
  const events: { start: number; end: number }[] = [];
  let ev: { start: number; end: number } | null = null;
  const toUtc = (prop: string) => {
    const [name, value] = [prop.slice(0, prop.indexOf(':')), prop.slice(prop.indexOf(':') + 1)];
    if (value.endsWith('Z')) return local(value);
    expect(name).toMatch(/;TZID=/);
    const l = local(value);
    // the last observance whose onset (in its TZOFFSETFROM) is not after this local time
    const before = obs.filter((o) => o.onsetLocal - o.from * 60000 <= l - o.to * 60000).sort((a, b) => a.onsetLocal - b.onsetLocal);
    return l - before[before.length - 1].to * 60000;
  };
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') cur = { onsetLocal: 0, from: 0, to: 0 };
    else if (cur && line.startsWith('DTSTART:')) cur.onsetLocal = local(line.slice(8));
    else if (cur && line.startsWith('TZOFFSETFROM:')) cur.from = off(line.slice(13));
    else if (cur && line.startsWith('TZOFFSETTO:')) cur.to = off(line.slice(11));
    else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      obs.push(cur!);
      cur = null;
    } else if (line === 'BEGIN:VEVENT') ev = { start: NaN, end: NaN };
    else if (ev && line.startsWith('DTSTART')) ev.start = toUtc(line);
    else if (ev && line.startsWith('DTEND')) ev.end = toUtc(line);
    else if (line === 'END:VEVENT') {
      events.push(ev!);
      ev = null;
    }
  }
  return events;
}
