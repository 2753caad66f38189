/**
 * Shared option parsers: each takes the raw text of one option and returns a typed value or throws
 * commander's InvalidArgumentError, which commander reports with the option's name (exit 2).
 * Pure: no I/O. Messages come from the catalogue in the language the CLI resolved at start-up.
 */
import { InvalidArgumentError } from 'commander';
import { IANAZone } from 'luxon';
import { t, type Lang } from '../i18n/index.js';
import type { ServiceLevelTarget } from '../queueing/index.js';

let lang: Lang = 'en';
/** Set once by the CLI before parsing, so parser errors speak the user's language. */
export function setParserLanguage(value: Lang): void {
  lang = value;
}

function fail(key: string, value: string, params: Record<string, string | number> = {}): never {
  throw new InvalidArgumentError(t(lang, key, { value, ...params }));
}

/** A decimal number in plain notation ("12", "0.5", "1e3"); rejects "", "abc", "1,5", Infinity. */
export function parseNumber(value: string): number {
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail('opt.notNumber', value);
  return Number(text);
}

export function parsePositiveNumber(value: string): number {
  const n = parseNumber(value);
  if (!(n > 0)) fail('opt.notPositive', value);
  return n;
}

export function parseNonNegativeNumber(value: string): number {
  const n = parseNumber(value);
  if (!(n >= 0)) fail('opt.notNonNegative', value);
  return n;
}

export function parseNonNegativeInt(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n < 0) fail('opt.notWholeNumber', value);
  return n;
}

export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n === 0) fail('opt.notPositiveInt', value);
  return n;
}

/**
 * A share: "0.3", "30%" or "30" (a bare number above 1 is read as a percentage). Returned as a
 * fraction, exactly as typed (30% is 30/100, computed by division so 0.3 and "30%" agree).
 */
export function parseShare(value: string): number {
  const text = value.trim();
  const isPercent = text.endsWith('%');
  const n = parseNumber(isPercent ? text.slice(0, -1) : text);
  const share = isPercent || n > 1 ? n / 100 : n;
  if (!(share >= 0 && share <= 1)) fail('opt.notShare', value);
  return share;
}

/** Shrinkage: a share in [0, 1). */
export function parseShrinkage(value: string): number {
  const s = parseShare(value);
  if (s >= 1) fail('opt.shrinkageTooBig', value);
  return s;
}

/** Maximum occupancy or abandon rate: a share in (0, 1]. */
export function parseCap(value: string): number {
  const s = parseShare(value);
  if (s <= 0) fail('opt.notPositive', value);
  return s;
}

/**
 * A service-level target "X/T": X percent answered within T seconds. Accepts "80/20", "80%/20",
 * "80/20s", "0.8/20". X must be above 0 and at most 100; T at least 0.
 */
export function parseSla(value: string): ServiceLevelTarget {
  const m = /^\s*([0-9.]+)\s*(%?)\s*\/\s*([0-9.]+)\s*s?\s*$/.exec(value);
  if (!m) fail('opt.badSla', value);
  const x = Number(m[1]);
  const seconds = Number(m[3]);
  if (!Number.isFinite(x) || !Number.isFinite(seconds)) fail('opt.badSla', value);
  const target = m[2] === '%' || x > 1 ? x / 100 : x;
  if (!(target > 0 && target <= 1) || !(seconds >= 0)) fail('opt.badSla', value);
  return { target, seconds };
}

/** An IANA time zone name such as Asia/Shanghai (or UTC). */
export function parseZone(value: string): string {
  const name = value.trim();
  if (!IANAZone.isValidZone(name)) fail('opt.badZone', value);
  return name;
}

/** Interval length in minutes: a whole number that divides a day (5, 6, 10, 15, 20, 30, 60 ...). */
export function parseIntervalMinutes(value: string): number {
  const n = parseNumber(value.replace(/m(in)?$/i, ''));
  if (!Number.isInteger(n) || n <= 0 || 1440 % n !== 0) fail('opt.badInterval', value);
  return n;
}
