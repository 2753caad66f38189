/**
 * The one progress display: a line on stderr rewritten in place, at most five times a second, and
 * only on a terminal without --quiet (cron stays quiet).
 */
import type { Message } from '../errors.js';
import { t, type Lang } from '../i18n/index.js';
import type { Progress } from '../app/session.js';
import type { Output } from './context.js';

export class TerminalProgress implements Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly err: Output,
    private readonly lang: Lang,
    readonly active: boolean,
    private readonly clock: () => number = Date.now,
  ) {}

  update(msg: Message): void {
    if (!this.active) return;
    const now = this.clock();
    if (this.shown && now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    this.err.write(`\r${t(this.lang, msg.key, msg.params)}\x1b[K`);
  }

  done(): void {
    if (this.active && this.shown) this.err.write('\r\x1b[K');
    this.shown = false;
  }
}
