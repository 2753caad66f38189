/**
 * The live board's intraday panel (key p, issue 17): what it shows, as plain data the app layer
 * computes (src/app/live.ts with src/app/intraday.ts) every interval, and the words of an action, which
 * `wfm intraday`'s table shares. Pure.
 */
import { t, type Lang } from '../i18n/index.js';
import type { Roster } from './roster.js';

/** One action as the panel and the table say it. */
export interface ActionView {
  kind: 'break' | 'overtime' | 'timeOff' | 'move';
  agent: string;
  queue: string;
  toQueue: string | null;
  /** Local "HH:MM" of the window (the new break, the time added or off, the window moved). */
  start: string;
  end: string;
  /** A moved break: where it was ("HH:MM-HH:MM"). */
  from: string | null;
  /** Pooled rest-of-day service level, points. */
  lift: number;
}

export interface PanelQueue {
  queue: string;
  callsSoFar: number;
  forecastSoFar: number;
  /** The morning forecast of the whole day. */
  dayForecast: number;
  /** The reforecast of the day's total and its 80 % band. */
  dayCalls: number;
  dayLow: number;
  dayHigh: number;
  /** Agents at work minus agents needed for the intervals of the next two hours (null: no roster). */
  gaps: { start: string; gap: number | null }[];
}

export interface IntradayPanel {
  atMs: number;
  /** When the next interval starts (the panel is computed again then), epoch ms. */
  nextMs: number;
  intervalMinutes: number;
  /** The zone of the site's day (the times shown). */
  zone: string;
  /** The roster version in force (null: none). */
  roster: string | null;
  queues: PanelQueue[];
  /** The top three actions. */
  actions: ActionView[];
  /** The schedule of the roster version in force, for the board's adherence (absent: keep the one given). */
  schedule?: Roster;
  /** Why there are no figures (a message in the user's language). */
  error?: string;
}

/** Computes the panel as of a time (the app layer's, given to the board). */
export interface IntradayFeed {
  load(nowMs: number): Promise<IntradayPanel>;
}

/** The sentence of an action in the user's language. */
export function actionWords(lang: Lang, a: ActionView): string {
  return t(lang, `intraday.action.${a.kind}`, { agent: a.agent, queue: a.queue, toQueue: a.toQueue ?? '', start: a.start, end: a.end, from: a.from ?? '' });
}
