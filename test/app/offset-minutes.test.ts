/**
 * offsetMinutes (src/app/intraday-roster.ts), the cached zone offset of intraday's hot loops, against
 * luxon's DateTime in the zone (Intl) at every 7 minutes 13 seconds through days with clock changes:
 * a whole-hour change (New York), a half-hour change at a half hour UTC (Lord Howe), a 45-minute
 * offset (Kathmandu), and a zone that dropped its change (Shanghai).
 */
import { describe, expect, it } from 'vitest';
import { DateTime, IANAZone } from 'luxon';
import { localMinute, offsetMinutes } from '../../src/app/intraday-roster.js';

const CASES: [string, string][] = [
  ['America/New_York', '2026-03-08'],
  ['America/New_York', '2026-11-01'],
  ['Australia/Lord_Howe', '2026-04-05'],
  ['Australia/Lord_Howe', '2026-10-04'],
  ['Asia/Kathmandu', '2026-03-02'],
  ['Asia/Shanghai', '2026-10-01'],
];

describe('offsetMinutes', () => {
  for (const [zone, date] of CASES) {
    it(`${zone} around ${date}: every instant as luxon says`, () => {
      const z = IANAZone.create(zone);
      const from = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
      const step = 7 * 60_000 + 13_000;
      let changes = 0;
      let last = NaN;
      for (let ms = from; ms < from + 3 * 86_400_000; ms += step) {
        const ref = DateTime.fromMillis(ms, { zone }).offset;
        expect(offsetMinutes(z, ms), `${zone} ${new Date(ms).toISOString()}`).toBe(ref);
        // twice: the second answer comes from the cache
        expect(offsetMinutes(z, ms)).toBe(ref);
        const lm = localMinute(z, ms);
        const local = DateTime.fromMillis(ms, { zone });
        expect(lm.minute).toBe(local.hour * 60 + local.minute);
        if (!Number.isNaN(last) && ref !== last) changes++;
        last = ref;
      }
      expect(changes).toBe(zone === 'Asia/Kathmandu' || zone === 'Asia/Shanghai' ? 0 : 1);
    });
  }
});
