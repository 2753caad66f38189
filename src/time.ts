/**
 * Local wall-clock times in the site's zone. Pure (luxon only; the zone is a parameter).
 */
import { DateTime } from 'luxon';

export type ParsedTime = { ok: true; time: DateTime } | { ok: false; reason: 'format' | 'nonexistent' };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Read an interval start: "YYYY-MM-DD HH:MM[:SS]" or with "T", in the site's zone; or with an explicit
 * offset or Z, converted to the site's zone. A local time that does not exist (skipped by a DST
 * change) is rejected rather than shifted.
 */
export function parseLocalTime(text: string, zone: string): ParsedTime {
  const s = text.trim();
  if (ZONED.test(s)) {
    const dt = DateTime.fromISO(s.replace(' ', 'T'), { setZone: true });
    return dt.isValid ? { ok: true, time: dt.setZone(zone) } : { ok: false, reason: 'format' };
  }
  const m = LOCAL.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi, second: sec }, { zone });
  if (!dt.isValid) return { ok: false, reason: 'format' };
  if (dt.hour !== h || dt.minute !== mi || dt.day !== d) return { ok: false, reason: 'nonexistent' };
  return { ok: true, time: dt };
}

/** ISO 8601 with the zone's offset, no milliseconds: 2026-12-01T08:30:00+08:00. */
export function isoWithOffset(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true })!;
}
