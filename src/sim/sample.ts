/**
 * Sample-data generator for the bundled `data/` (pure: spec in, numbers out).
 *
 * From `data/sample-spec.json` it builds, for a run of consecutive local days, per queue and
 * interval the expected calls and a staffing, and the {@link SimInput} that drives the simulator to
 * write the sample queue_log. Shape of the expected calls for queue q on day d, interval i:
 *
 *   E[q, d, i] = weekdayCalls_q x dayFactor_q(d) x trend^(week of d) x noise_d x profile_q(i)
 *
 * - profile_q: the queue's 24 hourly weights, linearly interpolated between hour centres to the
 *   interval centres (cyclic over midnight) and normalised to sum 1 over the day: a 7x24 hotline,
 *   low at night.
 * - dayFactor_q(d) by the official calendar (package `chinese-days`: public holidays and the
 *   weekend days declared working days): a public holiday -> holidayFactor_q; a make-up working day
 *   (调休上班, a Saturday or Sunday that is a working day) -> makeupDayFactor_q; otherwise
 *   weekdayFactors[day of week]; the first working day after a holiday of 3+ days ->
 *   x postHolidayFactor_q; days 1..k of the month -> x monthStartFactors_q[k-1] (bills arrive).
 * - noise_d: a seeded day-level lognormal factor with mean 1 and CV dayNoiseCv (real volumes vary
 *   more than Poisson); the simulator then adds the Poisson variation of the calls themselves.
 * - Staffing per interval: the Erlang A headcount for the service-level target (src/queueing
 *   requiredAgents with AHT = talk + wrap and the mean patience), times a seeded lognormal factor
 *   with CV staffingNoiseCv (plans are never exact), rounded, at least minAgents.
 *
 * Local days start at midnight in `timeZone` (the grid is startEpoch + k x interval; exact for zones
 * without daylight saving time, such as Asia/Shanghai).
 */
import chineseDays from 'chinese-days';
import { DateTime } from 'luxon';
import { requiredAgents } from '../queueing/index.js';
import { distributionMean, standardNormal, type Distribution } from './distributions.js';
import { Rng, deriveSeed } from './rng.js';
import type { SimInput } from './types.js';

export interface SampleQueueSpec {
  name: string;
  /** Calls on a plain Monday-to-Friday working day (before the day factors). */
  weekdayCalls: number;
  /** 24 relative weights for the hours 00..23 (local time). */
  hourlyProfile: number[];
  talk: Distribution;
  wrapSeconds: number;
  /** Mean patience (exponential), seconds. */
  patienceSeconds: number;
  /** Factor on a public holiday. */
  holidayFactor: number;
  /** Factor on a make-up working day (weekend day declared a working day). */
  makeupDayFactor: number;
  /** Factor on the first working day after a holiday of three days or more. Default 1. */
  postHolidayFactor?: number;
  /** Factors for the 1st, 2nd, ... day of each month (multiplied in). Default none. */
  monthStartFactors?: number[];
}

export interface SampleSpec {
  seed: number;
  timeZone: string;
  /** First local day, `YYYY-MM-DD`. */
  startDate: string;
  days: number;
  intervalMinutes: number;
  /** Monday..Sunday factors for ordinary days. */
  weekdayFactors: number[];
  /** Week-over-week growth factor (1.005 = +0.5% a week). Default 1. */
  weeklyTrend?: number;
  /** Day-level volume noise, coefficient of variation. Default 0. */
  dayNoiseCv?: number;
  serviceLevel: { target: number; seconds: number };
  /** Interval-level staffing noise, coefficient of variation. Default 0. */
  staffingNoiseCv?: number;
  /** Fewest agents per queue and interval (7x24). Default 1. */
  minAgents?: number;
  queues: SampleQueueSpec[];
}

export type SampleDayType = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

export interface SampleDay {
  date: string;
  /** Unix epoch seconds of local midnight. */
  startEpoch: number;
  /** ISO day of week, 1 = Monday .. 7 = Sunday. */
  weekday: number;
  dayType: SampleDayType;
  /** Holiday name from the calendar (e.g. `National Day,国庆节,3`), or the weekday name. */
  calendarName: string;
  /** First working day after a holiday of 3+ days. */
  postHoliday: boolean;
}

export interface SampleQueueSeries {
  name: string;
  /** Expected calls per interval over the whole horizon. */
  expectedCalls: number[];
  /** Planned agents per interval over the whole horizon. */
  agents: number[];
}

export interface SampleData {
  startEpoch: number;
  intervalSeconds: number;
  intervalsPerDay: number;
  days: SampleDay[];
  queues: SampleQueueSeries[];
  /** Ready for `runReplication` / `queueLogEvents`: the whole horizon, flat per-interval staffing, the spec's seed. */
  simInput: SimInput;
}

/** Invalid sample spec; `field` names the JSON path. */
export class SampleSpecError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SampleSpecError';
  }
}

function need(cond: boolean, field: string, msg: string): void {
  if (!cond) throw new SampleSpecError(field, `${field}: ${msg}`);
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Checks a parsed JSON value against {@link SampleSpec} and returns it typed; throws {@link SampleSpecError}. */
export function parseSampleSpec(json: unknown): SampleSpec {
  need(typeof json === 'object' && json !== null, '$', 'must be an object');
  const s = json as Record<string, unknown>;
  need(Number.isInteger(s.seed), 'seed', 'must be an integer');
  need(typeof s.timeZone === 'string' && DateTime.now().setZone(s.timeZone as string).isValid, 'timeZone', 'must be an IANA zone');
  need(typeof s.startDate === 'string' && DateTime.fromISO(s.startDate as string).isValid, 'startDate', 'must be YYYY-MM-DD');
  need(Number.isInteger(s.days) && (s.days as number) >= 1, 'days', 'must be a whole number >= 1');
  need(Number.isInteger(s.intervalMinutes) && 1440 % (s.intervalMinutes as number) === 0, 'intervalMinutes', 'must divide 1440');
  need(Array.isArray(s.weekdayFactors) && s.weekdayFactors.length === 7 && s.weekdayFactors.every((x) => isNum(x) && x >= 0), 'weekdayFactors', 'needs 7 numbers >= 0');
  const sl = s.serviceLevel as Record<string, unknown> | undefined;
  need(!!sl && isNum(sl.target) && sl.target > 0 && sl.target < 1 && isNum(sl.seconds) && sl.seconds >= 0, 'serviceLevel', 'needs target in (0,1) and seconds >= 0');
  need(Array.isArray(s.queues) && s.queues.length > 0, 'queues', 'needs at least one queue');
  (s.queues as Record<string, unknown>[]).forEach((q, i) => {
    const f = `queues[${i}]`;
    need(typeof q.name === 'string' && /^[^|\r\n]+$/.test(q.name), `${f}.name`, 'must be a name without |');
    need(isNum(q.weekdayCalls) && q.weekdayCalls >= 0, `${f}.weekdayCalls`, 'must be >= 0');
    need(Array.isArray(q.hourlyProfile) && q.hourlyProfile.length === 24 && q.hourlyProfile.every((x) => isNum(x) && x >= 0), `${f}.hourlyProfile`, 'needs 24 numbers >= 0');
    need(typeof q.talk === 'object' && q.talk !== null, `${f}.talk`, 'must be a distribution');
    need(isNum(q.wrapSeconds) && q.wrapSeconds >= 0, `${f}.wrapSeconds`, 'must be >= 0');
    need(isNum(q.patienceSeconds) && q.patienceSeconds > 0, `${f}.patienceSeconds`, 'must be > 0');
    need(isNum(q.holidayFactor) && q.holidayFactor >= 0, `${f}.holidayFactor`, 'must be >= 0');
    need(isNum(q.makeupDayFactor) && q.makeupDayFactor >= 0, `${f}.makeupDayFactor`, 'must be >= 0');
  });
  return s as unknown as SampleSpec;
}

/** Official calendar class of a local date by `chinese-days` (holidays and make-up working days, through 2026). */
export function classifyChineseDay(date: string): { dayType: SampleDayType; calendarName: string; weekday: number } {
  const weekday = DateTime.fromISO(date).weekday; // 1 = Monday
  const detail = chineseDays.getDayDetail(date);
  const weekend = weekday >= 6;
  const plainName = ['Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].includes(detail.name);
  let dayType: SampleDayType;
  if (detail.work) dayType = weekend ? 'makeup-workday' : 'workday';
  else dayType = weekend && plainName ? 'weekend' : 'holiday';
  return { dayType, calendarName: detail.name, weekday };
}

/** The hourly weights at the centres of the day's intervals: linear between hour centres, cyclic, summing to 1. */
export function intradayShares(hourly: readonly number[], intervalMinutes: number): number[] {
  const n = 1440 / intervalMinutes;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const centreH = ((k + 0.5) * intervalMinutes) / 60; // hours since midnight
    const x = centreH - 0.5; // position on the hour-centre grid
    const h0 = Math.floor(x);
    const frac = x - h0;
    const w0 = hourly[((h0 % 24) + 24) % 24];
    const w1 = hourly[(((h0 + 1) % 24) + 24) % 24];
    out.push(w0 + (w1 - w0) * frac);
  }
  const sum = out.reduce((a, b) => a + b, 0);
  return sum > 0 ? out.map((v) => v / sum) : out.map(() => 1 / n);
}

function lognormalFactor(rng: Rng, cv: number): number {
  if (cv <= 0) return 1;
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(-s2 / 2 + Math.sqrt(s2) * standardNormal(rng));
}

/** Builds the sample (see the module comment for the formulas). Deterministic in the spec. */
export function generateSample(spec: SampleSpec): SampleData {
  const dt = spec.intervalMinutes * 60;
  const perDay = 1440 / spec.intervalMinutes;
  const start = DateTime.fromISO(spec.startDate, { zone: spec.timeZone }).startOf('day');
  const startEpoch = Math.round(start.toSeconds());

  // Calendar of the horizon plus the days before it (to spot the end of a holiday run).
  const days: SampleDay[] = [];
  let offRun = 0; // consecutive days off (holiday or weekend) just before
  let offRunHoliday = false;
  for (let d = -10; d < spec.days; d++) {
    const dtLocal = start.plus({ days: d });
    const date = dtLocal.toISODate()!;
    const c = classifyChineseDay(date);
    const off = c.dayType === 'holiday' || c.dayType === 'weekend';
    const postHoliday = !off && offRunHoliday && offRun >= 3;
    if (off) {
      offRun++;
      offRunHoliday ||= c.dayType === 'holiday';
    } else {
      offRun = 0;
      offRunHoliday = false;
    }
    if (d >= 0) {
      days.push({ date, startEpoch: Math.round(dtLocal.toSeconds()), weekday: c.weekday, dayType: c.dayType, calendarName: c.calendarName, postHoliday });
    }
  }

  const trend = spec.weeklyTrend ?? 1;
  const dayNoise = new Rng(deriveSeed(spec.seed, 1000));
  const staffNoise = new Rng(deriveSeed(spec.seed, 1001));
  const noise = days.map(() => lognormalFactor(dayNoise, spec.dayNoiseCv ?? 0));
  const minAgents = spec.minAgents ?? 1;

  const queues: SampleQueueSeries[] = spec.queues.map((q) => {
    const shares = intradayShares(q.hourlyProfile, spec.intervalMinutes);
    const aht = distributionMean(q.talk) + q.wrapSeconds;
    const expectedCalls: number[] = [];
    const agents: number[] = [];
    days.forEach((day, di) => {
      let f: number;
      if (day.dayType === 'holiday') f = q.holidayFactor;
      else if (day.dayType === 'makeup-workday') f = q.makeupDayFactor;
      else f = spec.weekdayFactors[day.weekday - 1];
      if (day.postHoliday) f *= q.postHolidayFactor ?? 1;
      const dom = Number(day.date.slice(8, 10));
      const ms = q.monthStartFactors;
      if (ms && dom <= ms.length) f *= ms[dom - 1];
      const daily = q.weekdayCalls * f * Math.pow(trend, Math.floor(di / 7)) * noise[di];
      for (let k = 0; k < perDay; k++) {
        const calls = daily * shares[k];
        expectedCalls.push(calls);
        const need =
          calls > 0
            ? requiredAgents(
                { trafficErlangs: (calls / dt) * aht, ahtSeconds: aht, patienceSeconds: q.patienceSeconds },
                { serviceLevel: { target: spec.serviceLevel.target, seconds: spec.serviceLevel.seconds } },
              )
            : 0;
        agents.push(Math.max(minAgents, Math.round(need * lognormalFactor(staffNoise, spec.staffingNoiseCv ?? 0))));
      }
    });
    return { name: q.name, expectedCalls, agents };
  });

  const simInput: SimInput = {
    startEpoch,
    intervalSeconds: dt,
    queues: spec.queues.map((q, i) => ({
      name: q.name,
      expectedCalls: queues[i].expectedCalls,
      talk: q.talk,
      wrap: { kind: 'fixed', value: q.wrapSeconds },
      patience: { kind: 'exponential', mean: q.patienceSeconds },
    })),
    staffing: { kind: 'flat', agents: Object.fromEntries(queues.map((q) => [q.name, q.agents])) },
    seed: spec.seed,
    serviceLevelSeconds: spec.serviceLevel.seconds,
  };
  return { startEpoch, intervalSeconds: dt, intervalsPerDay: perDay, days, queues, simInput };
}
