import { dateOf, dayNumber, weekdayOf } from '../../src/forecast/calendar.js';
import type { SeriesInput } from '../../src/forecast/types.js';

/**
 * Synthetic series: `days` days from `first`, interval 60 min; value(date, weekday, slot) gives the
 * calls, or null for a closed interval.
 */
export function synth(first: string, days: number, value: (date: string, wd: number, slot: number) => number | null, aht?: (date: string, slot: number) => number): SeriesInput {
  const s: SeriesInput = { intervalMinutes: 60, dates: [], slots: [], calls: [], ...(aht ? { aht: [] } : {}) };
  const d0 = dayNumber(first);
  for (let d = d0; d < d0 + days; d++) {
    const date = dateOf(d);
    for (let slot = 0; slot < 24; slot++) {
      const v = value(date, weekdayOf(d), slot);
      if (v === null) continue;
      s.dates.push(date);
      s.slots.push(slot);
      s.calls.push(v);
      if (aht) s.aht!.push(aht(date, slot));
    }
  }
  return s;
}

/** A weekly pattern: open 08:00–17:00 (slots 8..17) every day, volume depends on weekday and slot. */
export function weeklyPattern(wd: number, slot: number): number | null {
  if (slot < 8 || slot > 17) return null;
  const dayLevel = [40, 100, 90, 85, 80, 95, 50][wd];
  const shape = 1 + 0.5 * Math.sin(((slot - 8) / 9) * Math.PI) + (wd === 1 && slot === 9 ? 0.4 : 0);
  return dayLevel * shape;
}
