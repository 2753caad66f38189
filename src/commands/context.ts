/**
 * The run context every command receives: the resolved global options and the output streams.
 * Commands write results to `out` and progress/warnings to `err`, so stdout stays parseable.
 */
import type { Lang } from '../i18n/index.js';
import type { OutputFormat } from '../report/format.js';

export interface Globals {
  format: OutputFormat;
  /** True when the user chose --format; commands with extra formats (md, html) check this. */
  formatGiven: boolean;
  lang: Lang;
  quiet: boolean;
  tz: string;
  db: string;
}

export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

export interface Context extends Globals {
  out: Output;
  err: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock, injectable for tests. */
  now: () => Date;
  /** performance.now() when this run started (see MainIO.startedMs). */
  startedMs: number;
}

/** Whether progress may be shown: a TTY on stderr and not --quiet. */
export function showProgress(ctx: Context): boolean {
  return ctx.err.isTTY && !ctx.quiet;
}
