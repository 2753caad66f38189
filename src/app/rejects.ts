/**
 * The one rejected-lines writer. Every reader of user files reports a bad line as a Rejection (file,
 * line, field, reason); a RejectLog counts them, keeps the first few for the terminal and, with
 * `--rejects FILE`, streams all of them to a CSV file in constant memory. The rejects file is opened
 * only once the inputs are known, and never when it names one of them (it would truncate the input).
 */
import { closeSync, fstatSync, ftruncateSync, realpathSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Rejection } from '../errors.js';
import { csvField, renderCsv, safeText } from '../format.js';
import { t, type Lang } from '../i18n/index.js';
import { cannotWrite, openOutputFile } from './output-files.js';
import type { Session } from './session.js';

/** Rejections printed on stderr before "... and N more". */
export const REJECTS_SHOWN = 5;

/** One rejection for a person: `file:line: field F: reason` (user text through safeText, also in `t`). */
export function describeRejection(lang: Lang, r: Rejection): string {
  const field = r.field ? t(lang, 'err.field', { field: r.field }) : '';
  return `${safeText(r.file)}:${r.line}: ${field}${t(lang, r.reason.key, r.reason.params)}`;
}

const COLUMNS = ['file', 'line', 'field', 'reason', 'text'];

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A point of a RejectLog to go back to. */
export interface RejectMark {
  count: number;
  shown: number;
  perFile: Map<string, number>;
  offset: number;
}

export class RejectLog {
  /** Rejections so far. */
  count = 0;
  /** The first REJECTS_SHOWN, for the terminal. */
  readonly shown: Rejection[] = [];
  readonly perFile = new Map<string, number>();
  private fd: number | undefined;
  /** Bytes written to the rejects file. */
  private offset = 0;
  /** Whether it is a regular file (written at `offset`, can be cut back); not a pipe or a device. */
  private seekable = false;
  /** The rejects file as the user named it. */
  private file = '';

  constructor(private readonly lang: Lang) {}

  /**
   * Also write every rejection to `file` (relative to the session's cwd) as CSV: file, line, field,
   * reason, text. Exit 2 when it is one of `inputs`, or cannot be written (then, or later: a full
   * disk), naming --rejects and the file.
   */
  writeTo(s: Pick<Session, 'cwd'>, file: string | undefined, inputs: readonly string[] = []): this {
    if (file === undefined) return this;
    const path = resolve(s.cwd, file);
    const target = real(path);
    if (inputs.some((f) => real(resolve(s.cwd, f)) === target)) throw new UsageError({ key: 'rejects.isInput', params: { file } });
    this.file = file;
    this.fd = openOutputFile({ cwd: s.cwd, lang: this.lang }, '--rejects', file);
    try {
      this.seekable = fstatSync(this.fd).isFile();
    } catch {
      this.seekable = false;
    }
    this.write(renderCsv(COLUMNS, []));
    return this;
  }

  private write(text: string): void {
    try {
      const bytes = Buffer.from(text, 'utf8');
      writeSync(this.fd!, bytes, 0, bytes.length, this.seekable ? this.offset : null);
      this.offset += bytes.length;
    } catch (err) {
      this.close();
      throw cannotWrite({ lang: this.lang }, '--rejects', this.file, err);
    }
  }

  add(r: Rejection): void {
    this.count++;
    this.perFile.set(r.file, (this.perFile.get(r.file) ?? 0) + 1);
    const rej = r.text !== undefined && r.text.length > 200 ? { ...r, text: r.text.slice(0, 200) } : r;
    if (this.shown.length < REJECTS_SHOWN) this.shown.push(rej);
    if (this.fd !== undefined) {
      const row = [rej.file, rej.line, rej.field ?? '', t(this.lang, rej.reason.key, rej.reason.params), rej.text ?? ''];
      this.write(row.map(csvField).join(',') + '\n');
    }
  }

  addAll(list: readonly Rejection[]): this {
    for (const r of list) this.add(r);
    return this;
  }

  /** Where the log is now, to go back to (see `restore`). */
  mark(): RejectMark {
    return { count: this.count, shown: this.shown.length, perFile: new Map(this.perFile), offset: this.offset };
  }

  /** Forget what was added since `mark` (an import run that starts again), in the rejects file too. */
  restore(m: RejectMark): void {
    this.count = m.count;
    this.shown.length = Math.min(this.shown.length, m.shown);
    this.perFile.clear();
    for (const [k, v] of m.perFile) this.perFile.set(k, v);
    if (this.fd !== undefined && this.seekable && this.offset > m.offset) {
      try {
        ftruncateSync(this.fd, m.offset);
      } catch (err) {
        this.close();
        throw cannotWrite({ lang: this.lang }, '--rejects', this.file, err);
      }
    }
    this.offset = m.offset;
  }

  /** Close the rejects file. */
  close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }

  /** The lines to print on stderr: the first few and a count of the rest. */
  lines(): string[] {
    const out = this.shown.map((r) => describeRejection(this.lang, r));
    if (this.count > this.shown.length) out.push(t(this.lang, 'input.moreRejected', { count: this.count - this.shown.length }));
    return out;
  }
}
