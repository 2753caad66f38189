/** Small helpers commands share for output. */
import { UsageError } from '../errors.js';
import type { Context } from './context.js';

/** Throw a usage error when the chosen --format is not one this command can print. */
export function requireFormat(ctx: Context, supported: readonly string[]): void {
  if (!supported.includes(ctx.format)) {
    throw new UsageError(
      { key: 'err.formatUnsupported', params: { format: ctx.format, supported: supported.join(', ') } },
      `--format ${ctx.format} is not available here`,
    );
  }
}
