/** Colours of the screen. With colours off (NO_COLOR) every colour is undefined and Ink prints plain text. */
import type { Level } from '../live/alerts.js';
import type { SeatState } from '../live/types.js';

export interface Theme {
  color: boolean;
  level(l: Level | null): string | undefined;
  state(s: SeatState): string | undefined;
  dim: string | undefined;
}

const LEVEL: Record<Level, string> = { good: 'green', warn: 'yellow', bad: 'red' };
const STATE: Record<SeatState, string> = {
  available: 'green',
  ringing: 'yellowBright',
  talking: 'cyan',
  wrapup: 'blue',
  paused: 'yellow',
  loggedOut: 'gray',
};

/** Colours on unless `NO_COLOR` is set to a non-empty value (no-color.org). */
export function colorsEnabled(env: Record<string, string | undefined>): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

export function makeTheme(color: boolean): Theme {
  return {
    color,
    level: (l) => (color && l ? LEVEL[l] : undefined),
    state: (s) => (color ? STATE[s] : undefined),
    dim: color ? 'gray' : undefined,
  };
}
