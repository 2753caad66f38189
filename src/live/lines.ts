/**
 * Splitting a growing text into lines in bounded memory, for the live sources (a followed queue_log,
 * the AMI socket): the start of an unfinished line is kept only up to a cap; a longer line is dropped
 * whole (counted), and reading goes on at the next line end. No format here has lines near the cap.
 */

/** Characters of one line at most (1 Mi: every format here fits many times over). */
export const MAX_LINE_CHARS = 1 << 20;

export class LineSplitter {
  private partial = '';
  private skipping = false;
  /** Lines dropped for being longer than the cap. */
  dropped = 0;

  constructor(private readonly maxChars = MAX_LINE_CHARS) {}

  /** Feed text; returns the lines it completes (without `\n`, a trailing `\r` removed). */
  push(text: string): string[] {
    const out: string[] = [];
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      const piece = text.slice(start, nl);
      if (this.skipping || this.partial.length + piece.length > this.maxChars) this.dropped++;
      else {
        const line = this.partial + piece;
        out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
      this.partial = '';
      this.skipping = false;
      start = nl + 1;
    }
    const tail = text.length - start;
    if (!this.skipping && tail > 0) {
      if (this.partial.length + tail > this.maxChars) {
        this.skipping = true;
        this.partial = '';
      } else this.partial += text.slice(start);
    }
    return out;
  }

  /** The unfinished last line (empty when none or dropped), and a fresh start. */
  flush(): string {
    const last = this.skipping ? '' : this.partial;
    if (this.skipping) this.dropped++;
    this.reset();
    return last;
  }

  /** Forget the unfinished line (the file was truncated or replaced). */
  reset(): void {
    this.partial = '';
    this.skipping = false;
  }
}
