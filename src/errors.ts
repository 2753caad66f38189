/**
 * Exit codes and error kinds. The CLI entry (`src/cli.ts`) is the one place that turns an error into
 * an exit code; everything else throws one of these.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | ok |
 * | 1 | unexpected failure (a bug or the environment: disk full, permissions) |
 * | 2 | bad usage or invalid input; the message names the option, or the file, line and field |
 * | 3 | partial import: some lines were rejected, the good ones were kept |
 * | 5 | alerts fired (`wfm alerts check`) |
 */
import type { MessageKey, MessageParams } from './i18n/index.js';

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  partial: 3,
  alerts: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A message to show a person: a catalogue key and its parameters, rendered in the user's language. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

/** Where in an input a problem is: file, 1-based line, field (column or key). */
export interface InputLocation {
  file?: string;
  line?: number;
  field?: string;
}

/** An expected failure with its exit code and a localisable message. */
export class WfmError extends Error {
  /** Input lines rejected before the failure, shown with it (the first few) so none goes unsaid. */
  rejections: Rejection[] = [];
  /** How many lines were rejected in all (at least `rejections.length`). */
  rejected = 0;

  constructor(
    readonly exitCode: ExitCode,
    readonly msg: Message,
    englishFallback?: string,
  ) {
    super(englishFallback ?? msg.key);
    this.name = 'WfmError';
  }

  /**
   * Attach the lines rejected so far (`total` when only the first few are given); returns the error,
   * for `throw err.with(rejections)`.
   */
  with(rejections: readonly Rejection[], total = rejections.length): this {
    this.rejections = [...rejections];
    this.rejected = Math.max(total, rejections.length);
    return this;
  }
}

/** Bad usage: a wrong or missing option value. Exit 2. */
export class UsageError extends WfmError {
  constructor(msg: Message, englishFallback?: string) {
    super(ExitCode.usage, msg, englishFallback);
    this.name = 'UsageError';
  }
}

/** Invalid input data: names the file, line and field. Exit 2. */
export class InputError extends WfmError {
  constructor(
    readonly where: InputLocation,
    msg: Message,
    englishFallback?: string,
  ) {
    super(ExitCode.usage, msg, englishFallback);
    this.name = 'InputError';
  }
}

/** A rejected input line: where it is and why (a localisable message). Imports collect these. */
export interface Rejection {
  file: string;
  line: number;
  field?: string;
  reason: Message;
  /** The offending text, truncated for display. */
  text?: string;
}
