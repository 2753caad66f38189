/**
 * iCalendar (RFC 5545) text for one agent's shifts. Pure: strings and numbers in, text out.
 *
 * - VCALENDAR with VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH (RFC 5545 3.7).
 * - One VTIMEZONE (3.6.5) for the site zone, TZID = the IANA name, built from the zone's real offsets
 *   (luxon / the Intl time-zone data): an observance at the start of the covered window and one
 *   STANDARD or DAYLIGHT sub-component per offset change inside it, each with DTSTART = the local
 *   onset time in the offset in force before it (TZOFFSETFROM), TZOFFSETTO = the new offset. No RRULE:
 *   every transition the events need is listed explicitly, so a reader does not have to extrapolate.
 * - One VEVENT (3.6.1) per shift: UID, DTSTAMP (UTC), DTSTART/DTEND as local times with TZID (3.3.5
 *   form 3), SUMMARY, DESCRIPTION (breaks), CATEGORIES (queue).
 * - Lines end in CRLF and are folded at 75 octets (3.1); TEXT values (UID included) escape \ ; , and
 *   every line break, a lone CR too, and drop other control characters (3.3.11), so no name given
 *   to wfm (agent, queue, roster) can start a line of its own.
 */
import { DateTime } from 'luxon';

export interface IcsEvent {
  uid: string;
  /** UTC epoch milliseconds. */
  startMs: number;
  endMs: number;
  summary: string;
  description?: string;
  categories?: string[];
}

export interface IcsCalendar {
  /** Calendar name (X-WR-CALNAME). */
  name: string;
  zone: string;
  /** DTSTAMP: when the calendar was produced, UTC epoch ms. */
  stampMs: number;
  events: IcsEvent[];
}

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash, every line
 * break (CRLF, LF, and a lone CR, which some readers also end a line at) becomes `\n`, and the other
 * control characters, which TEXT cannot hold (TSAFE-CHAR), are left out; HTAB stays.
 */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '')
  );
}

/** Folds one content line at 75 octets (UTF-8), continuation lines starting with a space (3.1). */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let curLen = 0;
  let limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (curLen + n > limit) {
      parts.push(cur);
      cur = '';
      curLen = 0;
      limit = 74; // the leading space counts
    }
    cur += ch;
    curLen += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

const utcStamp = (ms: number) => DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
const localStamp = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyyMMdd'T'HHmmss");

/** UTC offset minutes as RFC 5545 utc-offset text (+0800, -0430). */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Offset changes of `zone` in [fromMs, toMs): instants (ms) with the offsets before and after. */
export function zoneTransitions(zone: string, fromMs: number, toMs: number): { atMs: number; from: number; to: number; dst: boolean }[] {
  const off = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const out: { atMs: number; from: number; to: number; dst: boolean }[] = [];
  const HOUR = 3_600_000;
  let prev = off(fromMs);
  for (let t = fromMs + HOUR; t <= toMs; t += HOUR) {
    const cur = off(t);
    if (cur === prev) continue;
    // the change happened in (t - 1 h, t]: find the first minute with the new offset
    let lo = t - HOUR;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (off(mid) === prev) lo = mid;
      else hi = mid;
    }
    out.push({ atMs: hi, from: prev, to: cur, dst: DateTime.fromMillis(hi, { zone }).isInDST });
    prev = cur;
  }
  return out;
}

/** The VTIMEZONE lines for `zone` covering [fromMs, toMs). */
export function vtimezone(zone: string, fromMs: number, toMs: number): string[] {
  const first = DateTime.fromMillis(fromMs, { zone });
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const obs = (dst: boolean, localStart: string, from: number, to: number) => {
    const kind = dst ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${localStart}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `END:${kind}`);
  };
  obs(first.isInDST, localStamp(fromMs, zone), first.offset, first.offset);
  for (const tr of zoneTransitions(zone, fromMs, toMs)) {
    // onset as local time in the offset in force before the change
    const onset = DateTime.fromMillis(tr.atMs + tr.from * 60_000, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss");
    obs(tr.dst, onset, tr.from, tr.to);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * DTSTART/DTEND: local time with TZID, unless that local time does not name the instant uniquely
 * (the repeated hour when clocks go back: RFC 5545 3.3.5 reads it as the first occurrence), then UTC.
 */
function dateTimeProp(name: string, ms: number, zone: string): string {
  const local = localStamp(ms, zone);
  const back = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss", { zone }).toMillis();
  return back === ms ? `${name};TZID=${zone}:${local}` : `${name}:${utcStamp(ms)}`;
}

/** The whole calendar text (CRLF line ends, folded). */
export function buildIcs(cal: IcsCalendar): string {
  const starts = cal.events.map((e) => e.startMs);
  const ends = cal.events.map((e) => e.endMs);
  const DAY = 86_400_000;
  // window: whole days around the events (a day before the first, a day after the last)
  const from = starts.length ? Math.min(...starts) - DAY : cal.stampMs;
  const to = ends.length ? Math.max(...ends) + DAY : cal.stampMs + DAY;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//wfm//roster//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${cal.zone}`,
    ...vtimezone(cal.zone, from, to),
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      // UID is TEXT too (3.8.4.7): escaped, so no name can break the line
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${utcStamp(cal.stampMs)}`,
      dateTimeProp('DTSTART', e.startMs, cal.zone),
      dateTimeProp('DTEND', e.endMs, cal.zone),
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
