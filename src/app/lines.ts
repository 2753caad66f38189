/**
 * Reading a PBX export line by line in constant memory: plain text or gzip (by its magic bytes),
 * 1-based line numbers, line ends (LF or CRLF) and a leading byte-order mark removed, bytes that are
 * not UTF-8 turned into U+FFFD. A damaged .gz ends the file early with `truncated: true`.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

/** Whether the file starts with the gzip magic bytes 1f 8b. */
function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export function cannotRead(path: string, err: unknown): InputError {
  const code = (err as { code?: string }).code ?? 'EIO';
  return new InputError({ file: path }, { key: 'input.cannotRead', params: { code } }, `cannot read ${path}: ${code}`);
}

/** The longest line any format here has, with room to spare: a longer one is rejected whole. */
export const MAX_LINE_BYTES = 1 << 20;
/** A file that goes this far without a line end (a stream of zeros, a gzip bomb) is not read further. */
export const MAX_SKIP_BYTES = 64 << 20;
/** Bytes of a rejected line kept for the message and the rejects file. */
const HEAD_BYTES = 200;

/** What ended a file other than its last byte, or a line that was not passed on. */
export type LineTrouble =
  /** A line longer than MAX_LINE_BYTES: skipped to its end (reading goes on). */
  | { kind: 'long'; line: number; head: string }
  /** No line end within MAX_SKIP_BYTES: reading stopped there. */
  | { kind: 'no-line-end'; line: number; head: string }
  /** A damaged .gz: the stream failed; its half-written last line (if any) is not passed on. */
  | { kind: 'truncated'; line: number; head: string };

export interface LinesRead {
  /** Lines seen, passed on or not. */
  lines: number;
  truncated: boolean;
}

/**
 * Call `onLine` for every line of a text file (or .gz), 1-based line numbers, without the line end
 * (LF or CRLF) and without a leading byte-order mark; bytes that are not UTF-8 become U+FFFD. Memory
 * stays bounded whatever the input: a line longer than MAX_LINE_BYTES is skipped to its end and
 * reported to `onTrouble` (as the line it was), a file with no line end for MAX_SKIP_BYTES stops being
 * read, and a damaged .gz ends the file early with `truncated: true` (its incomplete last line is
 * reported, not parsed). `afterChunk` runs after the lines of each chunk read (about 256 KiB) and is
 * awaited before the next: where a writer flushes its batch, so memory stays bounded.
 */
export async function readLines(
  path: string,
  onLine: (text: string, line: number) => void,
  onBytes?: (bytesRead: number, total: number) => void,
  onTrouble: (t: LineTrouble) => void = () => undefined,
  afterChunk?: () => Promise<void>,
): Promise<LinesRead> {
  let total: number;
  let gz: boolean;
  try {
    total = statSync(path).size;
    gz = isGzip(path);
  } catch (err) {
    throw cannotRead(path, err);
  }
  const file = createReadStream(path, { highWaterMark: 1 << 18 });
  let stream: Readable = file;
  if (gz) {
    const gunzip = createGunzip();
    file.on('error', (e) => gunzip.destroy(e));
    stream = file.pipe(gunzip);
  }
  // the start of the current line, kept in pieces (joined once, at its end)
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // skipping a line longer than MAX_LINE_BYTES: its head, and how much of it was skipped
  const st: { skipping: { head: Buffer; bytes: number } | null } = { skipping: null };
  let line = 0;
  const emit = (buf: Buffer) => {
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 13) end--;
    line++;
    let text = buf.toString('utf8', 0, end);
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    onLine(text, line);
  };
  const headOf = (b: Buffer) => b.subarray(0, HEAD_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
  /** Add bytes to the current line (no line end in them). */
  const extend = (piece: Buffer): boolean => {
    if (piece.length === 0) return true;
    if (st.skipping) {
      st.skipping.bytes += piece.length;
      return st.skipping.bytes <= MAX_SKIP_BYTES;
    }
    if (pendingBytes + piece.length > MAX_LINE_BYTES) {
      const first = pending.length ? pending[0] : piece;
      st.skipping = { head: Buffer.from(first.subarray(0, HEAD_BYTES)), bytes: pendingBytes + piece.length };
      pending = [];
      pendingBytes = 0;
      return true;
    }
    pending.push(Buffer.from(piece));
    pendingBytes += piece.length;
    return true;
  };
  let truncated = false;
  let stopped = false;
  // only the stream's own failures are "cannot read the file": what the line and chunk callbacks throw
  // (a store that went away, a refused write, a lost race to retry) passes through unchanged
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const next = async (): Promise<Buffer | null> => {
    try {
      const r = await chunks.next();
      return r.done ? null : r.value;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (gz && code && code.startsWith('Z_')) {
        truncated = true;
        return null;
      }
      throw cannotRead(path, err);
    }
  };
  let finished = false;
  try {
    for (let chunk = await next(); chunk !== null; chunk = await next()) {
      let start = 0;
      let nl: number;
      while ((nl = chunk.indexOf(10, start)) !== -1) {
        if (st.skipping) {
          line++;
          onTrouble({ kind: 'long', line, head: headOf(st.skipping.head) });
          st.skipping = null;
        } else if (pendingBytes + (nl - start) > MAX_LINE_BYTES) {
          line++;
          onTrouble({ kind: 'long', line, head: headOf(pending.length ? pending[0] : chunk.subarray(start)) });
          pending = [];
          pendingBytes = 0;
        } else if (pending.length) {
          emit(Buffer.concat([...pending, chunk.subarray(start, nl)]));
          pending = [];
          pendingBytes = 0;
        } else emit(chunk.subarray(start, nl));
        start = nl + 1;
      }
      if (!extend(chunk.subarray(start))) {
        stopped = true;
        onTrouble({ kind: 'no-line-end', line: line + 1, head: headOf(st.skipping!.head) });
        stream.destroy();
        if (stream !== file) file.destroy();
        break;
      }
      onBytes?.(file.bytesRead, total);
      if (afterChunk) await afterChunk();
    }
    finished = true;
  } finally {
    // a failure, a damaged .gz (the file under a failed gunzip stays open otherwise) or a stop
    if (!finished || truncated || stopped) {
      stream.destroy();
      if (stream !== file) file.destroy();
    }
  }
  if (stopped) return { lines: line + 1, truncated };
  if (truncated) {
    // the stream failed: what came after the last line end is half a line, not a line
    const partial = st.skipping ? st.skipping.head : pending.length ? Buffer.concat(pending) : null;
    onTrouble({ kind: 'truncated', line: line + 1, head: partial ? headOf(partial) : '' });
    return { lines: partial ? line + 1 : line, truncated };
  }
  if (st.skipping) {
    line++;
    onTrouble({ kind: 'long', line, head: headOf(st.skipping.head) });
  } else if (pendingBytes > 0) emit(Buffer.concat(pending));
  if (afterChunk) await afterChunk();
  return { lines: line, truncated };
}
