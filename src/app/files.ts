/**
 * Reading the small input files users hand a command (CSV, JSON, YAML): one place that turns a read
 * failure into an input error naming the file. Large PBX exports are streamed instead (src/app/lines.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
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

/** A CSV file as header and records (see parseCsvText); lines that are not CSV come back as rejections. */
export function readCsv(s: Pick<Session, 'cwd'>, file: string): CsvTable {
  return parseCsvText(readText(s, file), file);
}
