/**
 * Reading the small input files users hand a command (CSV, JSON, YAML): one place that turns a read
 * failure into an input error naming the file. Large PBX exports are streamed instead (src/app/lines.ts).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, WfmError } from '../errors.js';
import { parseCsvText, type CsvTable } from '../formats/csv.js';
import type { Session } from './session.js';

/** The text of `file` (relative to the session's cwd); `shown` names it in messages (default: as given). */
export function readText(s: Pick<Session, 'cwd'>, file: string | URL, shown?: string): string {
  const label = shown ?? (typeof file === 'string' ? file : file.pathname);
  try {
    return readFileSync(typeof file === 'string' ? resolve(s.cwd, file) : file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EIO';
    throw new InputError({ file: label }, { key: 'input.cannotRead', params: { code } }, `cannot read ${label}: ${code}`);
  }
}

/** The most a rules file (`wfm roster --rules`, the alert rules) may hold: 1 MiB, said in --help. */
export const RULES_MAX_BYTES = 1 << 20;

/** A size limit as people read it: "1 MiB", "64 KiB", "1000 bytes". */
function sizeText(bytes: number): string {
  if (bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} bytes`;
}

/**
 * The text of `file` as readText gives it, when it holds at most `maxBytes`: a larger file - or a
 * stream that never ends, such as /dev/zero - is refused with exit 2 naming it, after reading at most
 * `maxBytes` + 1 bytes (none when its size says so) and before anything parses it.
 */
export function readBoundedText(s: Pick<Session, 'cwd'>, file: string | URL, maxBytes: number, shown?: string): string {
  const label = shown ?? (typeof file === 'string' ? file : file.pathname);
  const tooLarge = () => new InputError({ file: label }, { key: 'input.tooLarge', params: { limit: sizeText(maxBytes) } }, `${label} is larger than ${maxBytes} bytes`);
  let fd: number | undefined;
  try {
    fd = openSync(typeof file === 'string' ? resolve(s.cwd, file) : file, 'r');
    const st = fstatSync(fd);
    if (st.isFile() && st.size > maxBytes) throw tooLarge();
    const buf = Buffer.allocUnsafe(maxBytes + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) throw tooLarge();
    return buf.toString('utf8', 0, n);
  } catch (err) {
    if (err instanceof WfmError) throw err;
    const code = (err as { code?: string }).code ?? 'EIO';
    throw new InputError({ file: label }, { key: 'input.cannotRead', params: { code } }, `cannot read ${label}: ${code}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A CSV file as header and records (see parseCsvText); lines that are not CSV come back as rejections. */
export function readCsv(s: Pick<Session, 'cwd'>, file: string): CsvTable {
  return parseCsvText(readText(s, file), file);
}
