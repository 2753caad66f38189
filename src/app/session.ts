/**
 * What a use-case knows of the run it serves: where it works (cwd, the store), the site (zone,
 * language, the wfm.yaml settings), the clock, and how to tell the person at the terminal what is
 * going on. Commands build one per run (their Context extends it); tests build one by hand.
 */
import type { Message } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { Globals, SiteConfig } from './config.js';

/** Progress of long work: shown on a terminal, nothing in cron or with --quiet. */
export interface Progress {
  /** Whether anything is shown (a terminal, no --quiet): skip work done only for the display. */
  readonly active: boolean;
  /** The current state (throttled by the display). */
  update(msg: Message): void;
  /** Clear the progress line. */
  done(): void;
}

export interface Session {
  /** Directory relative paths are read from and written to. */
  cwd: string;
  /** The store as the user named it (a path relative to cwd, or absolute). */
  db: string;
  /** The IANA zone (of a site that has none of its own: see src/app/sites.ts). */
  tz: string;
  /** The site named by --site, WFM_SITE or wfm.yaml's `site` (none: writes go to `default`, reports cover every site). */
  site?: string;
  lang: Lang;
  /** wfm.yaml (or an empty configuration). */
  config: SiteConfig;
  /** db, tz, lang and site with where each came from (flag, environment, file, built-in). */
  settings: Globals;
  env: Record<string, string | undefined>;
  /** The clock, injectable for tests. */
  now: () => Date;
  /** performance.now() when this run started (time budgets such as `wfm roster --time-limit` count from it). */
  startedMs: number;
  progress: Progress;
  /** How long to wait for a store another process is writing to, seconds (default STORE_WAIT_SECONDS). */
  storeWaitSeconds?: number;
  /** A note for the person (stderr, `wfm: ` prefix); nothing with --quiet. */
  note(msg: Message): void;
  /** A warning (stderr), printed even with --quiet. */
  warn(msg: Message): void;
}

/** A progress display that shows nothing. */
export const NO_PROGRESS: Progress = { active: false, update: () => undefined, done: () => undefined };
