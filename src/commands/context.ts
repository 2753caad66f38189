/**
 * What every command receives: the run's Session (src/app/session.ts: cwd, store, zone, language,
 * wfm.yaml, clock, progress, notes) plus the chosen output format and the output streams. Commands
 * write results to `out` and progress, notes and warnings to `err`, so stdout stays parseable.
 * The Registrar is how a command file declares itself to the program (src/cli.ts builds it).
 */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { Session } from '../app/session.js';
import type { Lang, MessageKey, MessageParams } from '../i18n/index.js';

export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

export interface Context extends Session {
  /** The output format: --format, else the command's default (see Registrar.act). */
  format: string;
  /** True when the user chose --format. */
  formatGiven: boolean;
  quiet: boolean;
  out: Output;
  err: Output;
  /** A catalogue message in the run's language. */
  tr(key: MessageKey, params?: MessageParams): string;
}

/** Streams, environment, folder and clock of a run; tests and quickstart pass their own. */
export interface MainIO {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  /**
   * performance.now() at which this run started, for time budgets (`wfm roster --time-limit`): the
   * `wfm` entry passes 0 (process start, so start-up counts); by default the time main() is entered
   * (a run inside another, e.g. a quickstart step, or a test).
   */
  startedMs?: number;
}

/** How a command chooses its format when --format is not given. */
export type DefaultFormat = string | ((stdoutIsTTY: boolean) => string);

/** Table on a terminal, JSON otherwise (what a script reading stdout wants). */
export const TABLE_OR_JSON: DefaultFormat = (tty) => (tty ? 'table' : 'json');

export interface Registrar {
  lang: Lang;
  /** A catalogue message in the run's language. */
  tr(key: MessageKey, params?: MessageParams): string;
  /**
   * Make `handler` the action of `cmd`: the global options, the environment and wfm.yaml become the
   * Context; the handler's return value is the exit code. `format` is the command's default format.
   */
  act<A extends unknown[], O extends OptionValues, G extends OptionValues>(
    cmd: Command<A, O, G>,
    handler: (opts: O, ctx: Context, args: A) => Promise<number> | number,
    format?: DefaultFormat,
  ): void;
  /** Run `wfm argv` in-process with other streams or folder (quickstart runs its steps so). */
  invoke(argv: string[], io: Partial<MainIO>): Promise<number>;
}

/** A command file's entry: declares the command (and its subcommands) on the program. */
export type Register = (program: Command, r: Registrar) => unknown;
