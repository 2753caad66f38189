/**
 * What an import accepts as a plausible value, and the checks every reader shares. Pure.
 *
 * A number that parses is not yet a plausible one: 400 nines parse to Infinity, a typo makes a talk
 * time of 10^20 s, and one such value spoils every average it enters (a queue's ASA, its AHT, an
 * exam's mean score). Each numeric field therefore has a range, chosen per field with its reason
 * below, and a value outside it rejects the line (file, line, field and the range in the message).
 *
 * Names (queue, agent, call id, team, skill, ...) may not hold control characters: C0 (U+0000 to
 * U+001F, tab and line ends included), DEL (U+007F) and C1 (U+0080 to U+009F). Such a character in a
 * stored name would later be printed raw to a terminal (ESC starts an escape sequence), or break a
 * table, a CSV cell or a log line.
 */
import type { LineRejection } from './types.js';

/**
 * The longest plausible wait, talk, wrap-up, ring or whole call, seconds: a day. No caller waits in
 * a queue or talks to an agent for a day; a longer value is a unit mistake (ms for s) or garbage.
 */
export const MAX_CALL_SECONDS = 86_400;

/**
 * The most calls one ACD interval row may count: 10^7. A queue taking 10^7 calls in one interval
 * of a day would take more than 100 a second all day; a larger count is garbage.
 */
export const MAX_INTERVAL_CALLS = 10_000_000;

/**
 * How far after "now" a call time may be: a day, for a PBX clock or a --tz that is off by hours.
 * The end of a call (entry + wait + talk) is held to the same bound.
 */
export const FUTURE_SLACK_MS = 86_400_000;

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A plain decimal number of `field` within [min, max], or a rejection: not a number
 * (`import.reject.notNumber`), or outside the range (`import.reject.range`).
 */
export function boundedNumber(text: string, field: string, min: number, max: number): number | LineRejection {
  if (!DECIMAL.test(text)) return { field, reason: { key: 'import.reject.notNumber', params: { value: text.slice(0, 40), field } } };
  const v = Number(text);
  if (!(v >= min && v <= max)) return outOfRange(text, field, min, max);
  return v;
}

/** A rejection: `field` "text" is outside [min, max]. */
export function outOfRange(text: string, field: string, min: number, max: number): LineRejection {
  return { field, reason: { key: 'import.reject.range', params: { field, value: text.slice(0, 40), min, max } } };
}

/** Seconds of a call (a wait, talk, wrap-up or duration) in 0..MAX_CALL_SECONDS. */
export function callSeconds(text: string, field: string): number | LineRejection {
  return boundedNumber(text, field, 0, MAX_CALL_SECONDS);
}

/**
 * The call would end (entry + wait + talk) after the latest plausible time, now + FUTURE_SLACK_MS:
 * a wait (or talk) longer than the time since the call entered. A rejection naming `field`.
 */
export function endsTooLate(enteredMs: number, waitS: number, talkS: number | null, nowMs: number, field: string): LineRejection | undefined {
  const endMs = enteredMs + (waitS + (talkS ?? 0)) * 1000;
  if (endMs <= nowMs + FUTURE_SLACK_MS) return undefined;
  return {
    field,
    reason: {
      key: 'import.reject.endsLate',
      params: { entered: new Date(enteredMs).toISOString(), wait: waitS, talk: talkS ?? 0, latest: new Date(nowMs + FUTURE_SLACK_MS).toISOString() },
    },
  };
}

/** Whether a code unit is a control character: C0, DEL or C1. */
const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f);

/** Any control character (C0, DEL, C1); a regular expression is the fastest test of a whole line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f]');

/** Whether `text` holds a control character (C0, DEL, C1). */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** The first control character of `text` as "U+001B", or undefined when there is none. */
export function controlCharacter(text: string): string | undefined {
  if (!CONTROL.test(text)) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c)) return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return undefined;
}

/** A rejection when the name `value` of `field` holds a control character, else undefined. */
export function badName(value: string | null | undefined, field: string): LineRejection | undefined {
  if (!value) return undefined;
  const cp = controlCharacter(value);
  return cp === undefined ? undefined : { field, reason: { key: 'import.reject.control', params: { field, codePoint: cp } } };
}

/**
 * Free text whose line is worth keeping (a pause reason, a transfer target) with every control
 * character replaced by U+FFFD, as undecodable bytes are: the event stays, the text prints safely.
 */
export function neutralised(text: string): string {
  return controlCharacter(text) === undefined ? text : Array.from(text, (ch) => (isControl(ch.charCodeAt(0)) ? '\uFFFD' : ch)).join('');
}
