/** Small helpers commands share for what they print besides their result. */
import type { RejectLog } from '../app/rejects.js';
import type { Context } from './context.js';

/** The first few rejected input lines and a count of the rest, on stderr (even with --quiet: they are errors). */
export function printRejections(ctx: Pick<Context, 'err'>, log: RejectLog): void {
  for (const line of log.lines()) ctx.err.write(`wfm: ${line}\n`);
}

/** Write CSV with a UTF-8 byte-order mark when `excel` (Excel then reads Chinese correctly). */
export function csvOut(text: string, excel: boolean | undefined): string {
  return excel ? '\uFEFF' + text : text;
}
