/**
 * The syntax of every typed value (src/values.ts), shared by the command-line options and wfm.yaml:
 * what each parser accepts (and returns, computed by hand), and what it refuses with which message.
 * Through commander, a refusal names the option (src/commands/options.ts `flag`).
 */
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { flag } from '../src/commands/options.js';
import { hoistFormat } from '../src/cli.js';
import * as v from '../src/values.js';

const refuses = (parse: (s: string) => unknown, text: string, key: string) => {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(v.ValueError);
    expect((err as v.ValueError).key).toBe(key);
    return;
  }
  throw new Error(`${text} accepted`);
};

describe('values', () => {
  it('numbers, shares, caps and shrinkage', () => {
    expect([v.parseNumber('12'), v.parseNumber(' 0.5 '), v.parseNumber('1e3'), v.parseNumber('-2')]).toEqual([12, 0.5, 1000, -2]);
    for (const bad of ['', 'abc', '1,5', 'Infinity', '0x10']) refuses(v.parseNumber, bad, 'opt.notNumber');
    expect([v.parseShare('30%'), v.parseShare('0.3'), v.parseShare('30')]).toEqual([0.3, 0.3, 0.3]);
    refuses(v.parseShare, '130%', 'opt.notShare');
    refuses(v.parseShrinkage, '100%', 'opt.shrinkageTooBig');
    refuses(v.parseCap, '0', 'opt.notPositive');
    expect(v.parsePositiveInt('7')).toBe(7);
    refuses(v.parsePositiveInt, '0', 'opt.notPositiveInt');
    refuses(v.parseNonNegativeInt, '1.5', 'opt.notWholeNumber');
  });

  it('service-level targets X/T', () => {
    expect(v.parseSla('80/20')).toEqual({ target: 0.8, seconds: 20 });
    expect(v.parseSla('90%/10s')).toEqual({ target: 0.9, seconds: 10 });
    expect(v.parseSla('0.95/15')).toEqual({ target: 0.95, seconds: 15 });
    for (const bad of ['80-20', '0/20', '120/20', '80/', 'x/20']) refuses(v.parseSla, bad, 'opt.badSla');
  });

  it('interval lengths: dividing a day, from a list, or a multiple of a step', () => {
    expect([v.parseIntervalMinutes('15'), v.parseIntervalMinutes('30m'), v.parseIntervalMinutes('60min')]).toEqual([15, 30, 60]);
    for (const bad of ['7', '0', '1441', 'x']) refuses(v.parseIntervalMinutes, bad, 'opt.badInterval');
    expect(v.parseReportInterval('day')).toBe('day');
    expect(v.parseReportInterval('1440')).toBe('day');
    refuses(v.parseReportInterval, '45', 'opt.badIntervalChoice');
    const roster = v.intervalParser({ step: 15 });
    expect(roster('45')).toBe(45);
    refuses(roster, '10', 'opt.badIntervalStep');
  });

  it('dates, date-times, times of day and ranges: real calendar dates only', () => {
    expect(v.parseDate('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '26/10/2026', '2026-1-5']) refuses(v.parseDate, bad, 'opt.badDate');
    expect(v.parseDateTime('2026-12-07')).toEqual({ date: '2026-12-07' });
    expect(v.parseDateTime('2026-12-07 8:30')).toEqual({ date: '2026-12-07', time: '08:30' });
    expect(v.parseDateTime('2026-12-07T23:59:30')).toEqual({ date: '2026-12-07', time: '23:59:30' });
    refuses(v.parseDateTime, '2026-12-07 24:00', 'opt.badDateTime');
    expect(v.parseTimeOfDay('07:45')).toBe(465);
    refuses(v.parseTimeOfDay, '7.45', 'opt.badTimeOfDay');
    expect(v.parseDateRange('2026-01-01..2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(v.parseDateRange('..2026-03-31')).toEqual({ to: '2026-03-31' });
    for (const bad of ['..', '2026-03-31..2026-01-01', '2026-01-01..bad']) refuses(v.parseDateRange, bad, 'opt.badRange');
    expect(v.parseDateList('2026-01-05, 2026-01-12')).toEqual(['2026-01-05', '2026-01-12']);
  });

  it('durations, day counts, speeds, percent changes, zones', () => {
    expect([v.parseDuration('8h'), v.parseDuration('90m'), v.parseDuration('45s'), v.parseDuration('1.5')]).toEqual([28_800_000, 5_400_000, 45_000, 5_400_000]);
    refuses(v.parseDuration, '0h', 'opt.badDuration');
    expect([v.parseDays('30'), v.parseDays('30d'), v.parseDays('4w')]).toEqual([30, 30, 28]);
    refuses(v.parseDays, '3y', 'opt.badDays');
    expect([v.parseSpeed('10x'), v.parseSpeed('0.5')]).toEqual([10, 0.5]);
    refuses(v.parseSpeed, 'fast', 'opt.badSpeed');
    expect([v.parsePercentChange('+5%'), v.parsePercentChange('-10')]).toEqual([5, -10]);
    refuses(v.parsePercentChange, '-100%', 'opt.badPercentChange');
    expect(v.parseZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    refuses(v.parseZone, 'Mars/Base', 'opt.badZone');
  });

  it('none switches a setting off (a string marker: commander turns a parser\'s null into "")', () => {
    const p = v.orNone(v.parsePositiveNumber);
    expect([p('none'), p(' NONE '), p('120')]).toEqual(['none', 'none', 120]);
    refuses(p, '0', 'opt.notPositive');
  });

  it('through commander: an InvalidArgumentError with the message (commander adds the option)', () => {
    expect(() => flag(v.parseSla)('80-20')).toThrow(InvalidArgumentError);
    expect(() => flag(v.parseSla)('80-20')).toThrow('"80-20" is not a service-level target');
  });
});

describe('--format before the command', () => {
  it('is moved after the command (and before a `--`), other globals stay', () => {
    expect(hoistFormat(['--format', 'json', '--db', 'x.db', 'report', 'sla', '--from', 'a'])).toEqual(['--db', 'x.db', 'report', 'sla', '--from', 'a', '--format', 'json']);
    expect(hoistFormat(['--format=csv', 'erlang', '--calls', '1', '--', 'x'])).toEqual(['erlang', '--calls', '1', '--format=csv', '--', 'x']);
    expect(hoistFormat(['erlang', '--format', 'json'])).toEqual(['erlang', '--format', 'json']);
    expect(hoistFormat(['--format', 'json'])).toEqual(['--format', 'json']);
  });
});
