/**
 * Writing result files into a folder the user names (`report daily --out DIR`, `roster --ics DIR`):
 * the folder is created when absent; each file is written whole or not at all (a temporary file beside
 * it, renamed over it), so a reader never sees half a report.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Session } from './session.js';

/** Write `text` to DIR/name (DIR relative to the session's cwd); returns the path written. */
export function writeInto(s: Pick<Session, 'cwd'>, dir: string, name: string, text: string): string {
  const folder = resolve(s.cwd, dir);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  const tmp = join(folder, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return path;
}
