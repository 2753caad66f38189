import chineseDays from 'chinese-days';
import type { DayInfo, HolidayLookup } from './types.js';

/**
 * Chinese public holidays and official make-up working days (调休) from the `chinese-days`
 * package (data through 2026; https://github.com/vsme/chinese-days). A date listed as a holiday
 * (including weekend days inside a holiday block) returns `{kind:'holiday', name}` where name is
 * the English festival name ("Spring Festival", "National Day", …); a weekend day declared a
 * working day returns `{kind:'workday', name}`; any other date (ordinary weekday or weekend)
 * returns null. Pure lookup in bundled data.
 */
export const cnHolidays: HolidayLookup = (date: string): DayInfo | null => {
  const detail = chineseDays.getDayDetail(date) as { work: boolean; name: string };
  const name = detail.name.split(',')[0] ?? detail.name;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = wd === 0 || wd === 6;
  const festival = detail.name.includes(',');
  if (!detail.work && festival) return { kind: 'holiday', name };
  if (detail.work && weekend) return { kind: 'workday', name };
  return null;
};

/** The empty holiday calendar. */
export const noHolidays: HolidayLookup = () => null;

/** A lookup from explicit sets (for tests and user calendars). */
export function holidaySet(holidays: Record<string, string>, workdays: Record<string, string> = {}): HolidayLookup {
  return (date) => {
    if (date in holidays) return { kind: 'holiday', name: holidays[date] };
    if (date in workdays) return { kind: 'workday', name: workdays[date] };
    return null;
  };
}
