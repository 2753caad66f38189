/**
 * Writing the files and folders users name (`report daily --out DIR`, `roster --ics DIR`, `--rejects
 * FILE`, `simulate --out FILE`, `roster init FILE`, `quickstart --dir DIR`): the one place that
 *
 * - checks, before any long work, that the path can be written: a folder that is a file or lies under
 *   one, a file that is a folder, a place the user may not write - each is exit 2 naming the option
 *   (or argument) and the path, with the reason in plain words (permission denied, read-only file
 *   system, no space left...), never "unexpected failure";
 * - writes a whole file or nothing: the text goes to a new file with an unpredictable name, created
 *   exclusively beside the target (so a link planted in a shared folder is never written through),
 *   then renamed over the target (which replaces a link there instead of following it). A reader
 *   never sees half a report.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError, WfmError } from '../errors.js';
import { t, type Lang } from '../i18n/index.js';
import type { Session } from './session.js';

/** What the writing functions need of a session. */
export type OutputSession = Pick<Session, 'cwd' | 'lang'>;

/** File-system error codes with words of their own in the catalogue (`fs.CODE`). */
const EXPLAINED = ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'ENOTDIR', 'EISDIR', 'ENOENT', 'ENAMETOOLONG', 'ELOOP', 'EBUSY', 'EIO'] as const;
type Explained = (typeof EXPLAINED)[number];

/** The error code of a file-system error (EIO when it has none). */
export function errnoCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** A file-system error in plain words with its code: "permission denied (EACCES)". */
export function fsReason(lang: Lang, err: unknown): string {
  const code = errnoCode(err);
  return (EXPLAINED as readonly string[]).includes(code) ? `${t(lang, `fs.${code as Explained}`)} (${code})` : code;
}

/** Whether `err` is a file-system error (it has an errno code and the system call that failed). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException & { code: string; syscall: string } {
  const e = err as { code?: unknown; syscall?: unknown } | null;
  return typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}

/** `abs` as the user would recognise it: relative to cwd when they gave a relative path. */
function shown(s: OutputSession, given: string, abs: string): string {
  return isAbsolute(given) ? abs : relative(s.cwd, abs) || '.';
}

/** Exit 2: `what` (the option, or the command for an argument) `path` cannot be written, and why. */
export function cannotWrite(s: Pick<Session, 'lang'>, what: string, path: string, err: unknown): UsageError {
  return new UsageError({ key: 'output.cannotWrite', params: { what, path, reason: fsReason(s.lang, err) } }, `${what} ${path}: cannot write there (${errnoCode(err)})`);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    const code = errnoCode(err);
    // ENOTDIR: a part of the path is a file (found by walking up)
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * The nearest existing folder at or above `abs`: exit 2 when a file is in the way (`given` names
 * the path as the user wrote it). Returns its path.
 */
function existingFolder(s: OutputSession, what: string, given: string, abs: string): string {
  for (let p = abs; ; ) {
    const st = statOrNull(p);
    if (st) {
      if (!st.isDirectory()) throw new UsageError({ key: 'output.notFolder', params: { what, path: given, file: shown(s, given, p) } }, `${what} ${given}: a file is in the way`);
      return p;
    }
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
}

/** Turn a failure while writing `given` into exit 2 naming it (a WfmError passes through). */
function explain(s: OutputSession, what: string, given: string, abs: string, err: unknown): WfmError {
  if (err instanceof WfmError) return err;
  const code = errnoCode(err);
  try {
    if (code === 'ENOTDIR' || code === 'EEXIST') existingFolder(s, what, given, dirname(abs));
    if (code === 'EISDIR') return new UsageError({ key: 'output.isFolder', params: { what, path: given } }, `${what} ${given} is a folder`);
  } catch (found) {
    if (found instanceof WfmError) return found;
  }
  return cannotWrite(s, what, given, err);
}

/**
 * Check, before the long work, that `dir` (relative to cwd) is a folder this process can write into,
 * or can be made one: the path is a folder or absent, and the nearest folder that exists at or
 * above it is writable. Nothing is created. Exit 2 naming `what` and `dir` otherwise.
 */
export function checkOutputDir(s: OutputSession, what: string, dir: string): void {
  const abs = resolve(s.cwd, dir);
  try {
    accessSync(existingFolder(s, what, dir, abs), constants.W_OK | constants.X_OK);
  } catch (err) {
    throw explain(s, what, dir, abs, err);
  }
}

/**
 * Check, before the long work, that `file` (relative to cwd) can be written: not a folder; when it
 * exists, writable; else its folder exists and is writable. Nothing is created. Exit 2 otherwise.
 */
export function checkOutputFile(s: OutputSession, what: string, file: string): void {
  const abs = resolve(s.cwd, file);
  try {
    const st = statOrNull(abs);
    if (st?.isDirectory()) throw new UsageError({ key: 'output.isFolder', params: { what, path: file } }, `${what} ${file} is a folder`);
    if (st) accessSync(abs, constants.W_OK);
    else {
      const folder = existingFolder(s, what, file, dirname(abs));
      if (folder !== dirname(abs)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      accessSync(folder, constants.W_OK | constants.X_OK);
    }
  } catch (err) {
    throw explain(s, what, file, abs, err);
  }
}

/**
 * Open `file` (relative to cwd) for writing from the start, as the user named it (a file being
 * followed, a device): exit 2 naming `what` and the path when it cannot be. Returns the descriptor.
 */
export function openOutputFile(s: OutputSession, what: string, file: string): number {
  const abs = resolve(s.cwd, file);
  try {
    return openSync(abs, 'w');
  } catch (err) {
    throw explain(s, what, file, abs, err);
  }
}

/**
 * Write `text` to `abs` whole or not at all: a new file with a random name, created exclusively in
 * the same folder (O_CREAT|O_EXCL: an existing name or a planted link fails and another name is
 * drawn), then renamed over `abs` (a link at `abs` is replaced, not followed).
 */
function writeWhole(abs: string, text: string): void {
  const folder = dirname(abs);
  let tmp = '';
  let fd = -1;
  for (let tries = 0; fd < 0; tries++) {
    tmp = join(folder, `.wfm-${randomBytes(12).toString('hex')}.tmp`);
    try {
      fd = openSync(tmp, 'wx', 0o666);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST' || tries >= 8) throw err;
    }
  }
  try {
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Write `text` to DIR/name (DIR relative to the session's cwd, created when absent), whole or not at
 * all (see writeWhole); returns the path written. `what` names DIR's option in messages.
 */
export function writeInto(s: OutputSession, what: string, dir: string, name: string, text: string): string {
  const folder = resolve(s.cwd, dir);
  const path = join(folder, name);
  try {
    existingFolder(s, what, dir, folder);
    mkdirSync(folder, { recursive: true });
    writeWhole(path, text);
  } catch (err) {
    throw explain(s, what, isAbsolute(dir) ? path : join(dir, name), path, err);
  }
  return path;
}

/** Write `text` to `file` (relative to cwd), whole or not at all (see writeWhole); returns its path. */
export function writeOutputFile(s: OutputSession, what: string, file: string, text: string): string {
  const abs = resolve(s.cwd, file);
  try {
    const st = statOrNull(abs);
    if (st?.isDirectory()) throw new UsageError({ key: 'output.isFolder', params: { what, path: file } }, `${what} ${file} is a folder`);
    writeWhole(abs, text);
  } catch (err) {
    throw explain(s, what, file, abs, err);
  }
  return abs;
}
