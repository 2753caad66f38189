/**
 * Report periods: whole local days (`--date D`, or `--from D --to D` inclusive; yesterday by
 * default for the morning report and alerts), or for `report sla` any local date-times.
 */
import { DateTime } from 'luxon';
import { UsageError } from '../errors.js';
import type { LocalDateTime } from '../values.js';
import { parseLocalTime } from '../time.js';
import type { Session } from './session.js';

export interface Period {
  /** First and last local day, YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  fromMs: number;
  /** Exclusive: the local midnight after toDate. */
  toMs: number;
}

export interface PeriodOptions {
  date?: string;
  from?: string;
  to?: string;
}

/** The period of whole days from --date D, or --from D --to D (inclusive); yesterday when allowed and neither is given. */
export function resolvePeriod(o: PeriodOptions, s: Pick<Session, 'tz' | 'now'>, defaultYesterday: boolean): Period {
  const day = (d: string) => DateTime.fromISO(d, { zone: s.tz }).startOf('day');
  let from: DateTime;
  let to: DateTime;
  if (o.date) {
    if (o.from || o.to) throw new UsageError({ key: 'reports.err.dateOrRange' }, 'give --date or --from/--to, not both');
    from = to = day(o.date);
  } else if (o.from || o.to) {
    if (!o.from || !o.to) throw new UsageError({ key: 'sla.err.needPeriod' }, 'give --from DATE and --to DATE');
    from = day(o.from);
    to = day(o.to);
    if (to < from) throw new UsageError({ key: 'sla.err.emptyPeriod', params: { from: o.from, to: o.to } });
  } else if (defaultYesterday) {
    from = to = DateTime.fromJSDate(s.now(), { zone: s.tz }).startOf('day').minus({ days: 1 });
  } else throw new UsageError({ key: 'reports.err.needDate' }, 'give --date DATE or --from DATE --to DATE');
  return { fromDate: from.toISODate()!, toDate: to.toISODate()!, fromMs: from.toMillis(), toMs: to.plus({ days: 1 }).startOf('day').toMillis() };
}

/**
 * An instant from a --from/--to value: a date is its local midnight (for an end bound, `--to` being
 * inclusive, the midnight after it); a date-time is that local time (a time skipped by a DST change is
 * a usage error naming the option).
 */
export function boundMs(v: LocalDateTime, zone: string, option: string, isEnd: boolean): number {
  if (v.time === undefined) {
    const d = DateTime.fromISO(v.date, { zone });
    return (isEnd ? d.plus({ days: 1 }) : d).startOf('day').toMillis();
  }
  const p = parseLocalTime(`${v.date} ${v.time}`, zone);
  if (!p.ok) throw new UsageError({ key: 'sla.err.date', params: { option, value: `${v.date} ${v.time}` } });
  return p.time.toMillis();
}
