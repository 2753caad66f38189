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

/**
 * Call `onLine` for every line of a text file (or .gz), 1-based line numbers, without the line end
 * (LF or CRLF) and without a leading byte-order mark. Bytes that are not UTF-8 become U+FFFD.
 * Resolves with the number of lines; a damaged .gz ends the file early with `truncated: true`.
 */
export async function readLines(
  path: string,
  onLine: (text: string, line: number) => void,
  onBytes?: (bytesRead: number, total: number) => void,
): Promise<{ lines: number; truncated: boolean }> {
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
  let carry: Buffer | null = null;
  let line = 0;
  const emit = (buf: Buffer, start: number, end: number) => {
    if (end > start && buf[end - 1] === 13) end--;
    line++;
    let text = buf.toString('utf8', start, end);
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    onLine(text, line);
  };
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      let nl: number;
      while ((nl = buf.indexOf(10, start)) !== -1) {
        emit(buf, start, nl);
        start = nl + 1;
      }
      carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
      onBytes?.(file.bytesRead, total);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (gz && code && code.startsWith('Z_')) truncated = true;
    else throw cannotRead(path, err);
  }
  if (carry && carry.length) emit(carry, 0, carry.length);
  return { lines: line, truncated };
}
