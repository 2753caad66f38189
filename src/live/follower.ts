/**
 * Follow a growing text file line by line, the way `tail -F` does: it survives rotation (the path
 * now names a new file: the rest of the old one is read first, then the new one from its start)
 * and truncation (the file got shorter than what was read: read again from the start). It polls
 * with stat every `pollMs`; a partial last line waits until its newline arrives.
 *
 * The first read can start at a time instead of the file start: the file is ordered by time
 * (queue_log is appended in time order), so a binary search over byte offsets finds the first line
 * at or after `fromMs`; when that is the file's first line and a rotated `PATH.1` exists, the end of
 * `PATH.1` is read first, so a window that began before the last rotation is complete.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter } from './lines.js';

export interface FollowerOptions {
  /** Read lines whose time is at or after this (epoch ms); lines without a readable time are kept. */
  fromMs?: number;
  /** Time of a line (epoch ms) or null when it has none; needed for fromMs. */
  lineTime?: (line: string) => number | null;
  /** Poll interval, ms (default 250). */
  pollMs?: number;
  /** Also read the rotated predecessor `PATH.1` for the start of the window (default true). */
  readRotated?: boolean;
}

const CHUNK = 64 * 1024;

export class FileFollower {
  private fd: number | null = null;
  private ino = 0;
  private dev = 0;
  private pos = 0;
  private lines = new LineSplitter();
  private decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | null = null;
  /** Rotations and truncations seen (for tests and the status line). */
  rotations = 0;
  truncations = 0;
  /** Lines dropped for being longer than any queue_log line can be (src/live/lines.ts). */
  get longLines(): number {
    return this.lines.dropped;
  }

  constructor(
    readonly path: string,
    private readonly onLines: (lines: string[]) => void,
    private readonly opts: FollowerOptions = {},
  ) {}

  /** Read what is there now (from the window start), then, if `follow`, keep polling. */
  start(follow = true): void {
    const fromMs = this.opts.fromMs;
    const lineTime = this.opts.lineTime;
    let offset = 0;
    if (existsSync(this.path)) {
      this.openCurrent();
      if (fromMs !== undefined && lineTime) {
        offset = this.seek(this.fd!, fromMs, lineTime);
        const rotated = this.path + '.1';
        if (offset === 0 && (this.opts.readRotated ?? true) && existsSync(rotated)) {
          const fd = openSync(rotated, 'r');
          try {
            const off = this.seek(fd, fromMs, lineTime);
            this.readAll(fd, off, true);
          } finally {
            closeSync(fd);
          }
        }
      }
      this.pos = offset;
      this.drain(fromMs !== undefined && lineTime ? (l) => {
        const t = lineTime(l);
        return t === null || t >= fromMs;
      } : undefined);
    }
    if (follow) {
      this.timer = setInterval(() => this.poll(), this.opts.pollMs ?? 250);
    }
  }

  /** One poll: detect rotation and truncation, read new lines. Public so tests can step it. */
  poll(): void {
    let st;
    try {
      st = statSync(this.path);
    } catch {
      return; // rotated away and not yet recreated: keep the old descriptor, try again later
    }
    if (this.fd === null) {
      this.openCurrent();
      this.pos = 0;
    } else if (st.ino !== this.ino || st.dev !== this.dev) {
      this.drain(); // the rest of the rotated file
      this.flushPartial();
      closeSync(this.fd);
      this.rotations++;
      this.openCurrent();
      this.pos = 0;
    } else if (st.size < this.pos) {
      this.truncations++;
      this.pos = 0;
      this.lines.reset();
      this.decoder = new StringDecoder('utf8');
    }
    this.drain();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private openCurrent(): void {
    this.fd = openSync(this.path, 'r');
    const st = fstatSync(this.fd);
    this.ino = st.ino;
    this.dev = st.dev;
    this.lines.reset();
    this.decoder = new StringDecoder('utf8');
  }

  private flushPartial(): void {
    const last = this.lines.flush();
    if (last !== '') this.onLines([last]);
  }

  /** Read from `pos` to the current end of the open file. */
  private drain(keep?: (line: string) => boolean): void {
    if (this.fd === null) return;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(this.fd, buf, 0, CHUNK, this.pos);
      if (n <= 0) break;
      this.pos += n;
      const lines = this.lines.push(this.decoder.write(buf.subarray(0, n)));
      const out = keep ? lines.filter(keep) : lines;
      if (out.length) this.onLines(out);
    }
  }

  /** Read a whole other file (the rotated one) from `offset`, last line included. */
  private readAll(fd: number, offset: number, filterFrom: boolean): void {
    const fromMs = this.opts.fromMs!;
    const lineTime = this.opts.lineTime!;
    const buf = Buffer.allocUnsafe(CHUNK);
    const dec = new StringDecoder('utf8');
    const split = new LineSplitter();
    let pos = offset;
    const emit = (lines: string[]) => {
      const out = filterFrom ? lines.filter((l) => { const t = lineTime(l); return t === null || t >= fromMs; }) : lines;
      if (out.length) this.onLines(out);
    };
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n <= 0) break;
      pos += n;
      emit(split.push(dec.write(buf.subarray(0, n))));
    }
    const rest = split.flush();
    if (rest !== '') emit([rest]);
  }

  /** Byte offset of a line start at or before the first line with time >= fromMs (binary search). */
  private seek(fd: number, fromMs: number, lineTime: (line: string) => number | null): number {
    const size = fstatSync(fd).size;
    let lo = 0;
    let hi = size;
    const probe = Buffer.allocUnsafe(4096);
    while (hi - lo > CHUNK) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const n = readSync(fd, probe, 0, probe.length, mid);
      const text = probe.subarray(0, n).toString('utf8');
      const nl = text.indexOf('\n');
      const next = nl >= 0 ? text.indexOf('\n', nl + 1) : -1;
      if (nl < 0 || next < 0) {
        hi = mid;
        continue;
      }
      const t = lineTime(text.slice(nl + 1, next));
      if (t === null) return lo; // not a time-ordered epoch log: read from the last known-good point
      if (t < fromMs) lo = mid + nl + 1;
      else hi = mid;
    }
    return lo;
  }
}
