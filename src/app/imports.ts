/**
 * Imports into the store: PBX exports (`wfm import queue-log|cdr|volumes`) and people data
 * (`wfm import agents|exams|training|skills`).
 *
 * Every import reads line by line in bounded memory (plain or .gz, src/app/lines.ts), shows
 * progress on a terminal, is idempotent (natural keys, insert-or-update), and runs in one
 * transaction: killed half-way, the store is as before; a re-run finishes the job. Each run goes to
 * one site (--site, else `default`; its natural keys include the site, so two PBXs' call ids never
 * collide) and records the site's zone. Imports of one site wait for each other (the store's write
 * lock on SQLite, a per-site lock on PostgreSQL, where imports of different sites run at once); a
 * run that loses a race on PostgreSQL starts again from its first line. Rejected lines
 * are counted with file, line and reason (RejectLog: the first few for the terminal, all with
 * --rejects FILE); --strict drops a file with any bad line before anything is written.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { QueueLogAssembler, estimatedEnteredMs, type PendingCall } from '../cdr/assembler.js';
import { CdrCsvReader, parseColumnMap, type CdrFormat } from '../cdr/cdr-csv.js';
import { CsvRecords, isQuoteTrouble, splitCsvLine, type CsvPiece } from '../cdr/csv-line.js';
import { controlCharacter } from '../cdr/limits.js';
import { parseQueueLogLine } from '../cdr/queue-log.js';
import type { AgentEvent, CallRecord, LineRejection, VolumeRecord } from '../cdr/types.js';
import { VolumeCsvReader } from '../cdr/volumes.js';
import { PeopleCsvReader, type PeopleKind } from '../people/csv.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import { StoreConflictError, type Store } from '../store/index.js';
import { readText } from './files.js';
import { cannotRead, MAX_LINE_BYTES, MAX_SKIP_BYTES, readLines, type LineTrouble } from './lines.js';
import { RejectLog } from './rejects.js';
import type { Session } from './session.js';
import { recordSite, zoneOfSite, writeSite } from './sites.js';
import { openStore, untilFree } from './store.js';

export interface ImportOptions {
  strict?: boolean;
  rejects?: string;
}

/** A run's wait for a busy store (--wait SECONDS), applied to the session. */
export function waitFor<S extends Session>(s: S, seconds: number | undefined): S {
  return seconds === undefined ? s : { ...s, storeWaitSeconds: seconds };
}

export interface ImportSummary {
  kind: string;
  files: number;
  lines: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Calls (or volume rows, or people records) written by this run. */
  calls: number;
  newCalls: number;
  agentEvents: number;
  /** queue_log calls still open (waiting for a later file). */
  pending: number;
  skippedFiles: string[];
}

export interface ImportAnswer {
  summary: ImportSummary;
  rejects: RejectLog;
}

function emptySummary(kind: string, files: number): ImportSummary {
  return { kind, files, lines: 0, accepted: 0, rejected: 0, duplicates: 0, calls: 0, newCalls: 0, agentEvents: 0, pending: 0, skippedFiles: [] };
}

const BATCH = 4096;

/**
 * A first-pass check of one file (--strict): `line` for each line, `cut` for a line the reader could
 * not pass on, `end` at the end of the file; each adds a rejection for a bad line.
 */
interface FileCheck {
  line(text: string, line: number): void;
  cut?(line: number): void;
  end?(): void;
}

/**
 * The files a run will read: with --strict, those whose every line passes the check (a first read
 * that writes nothing; a file with a bad line is skipped whole); otherwise all of them, each of which
 * must exist (a missing file is a usage error before anything is written).
 */
async function filesToRead(
  s: Session,
  files: string[],
  opts: ImportOptions,
  rejects: RejectLog,
  summary: ImportSummary,
  check: (file: string, log: RejectLog) => FileCheck,
): Promise<string[]> {
  if (!opts.strict) {
    for (const f of files) {
      try {
        statSync(resolve(s.cwd, f));
      } catch (err) {
        throw cannotRead(f, err);
      }
    }
    return files;
  }
  const keep: string[] = [];
  for (const file of files) {
    const before = rejects.count;
    const c = check(file, rejects);
    const trouble = troubled(file, rejects);
    await readLines(
      resolve(s.cwd, file),
      (text, line) => c.line(text, line),
      undefined,
      (t) => {
        trouble(t);
        c.cut?.(t.line);
      },
    );
    c.end?.();
    if (rejects.count > before) summary.skippedFiles.push(file);
    else keep.push(file);
  }
  return keep;
}

/** A line the reader did not pass on (too long, no line end, the half line of a damaged .gz) as a rejection. */
function troubled(file: string, rejects: RejectLog): (t: LineTrouble) => void {
  return (t) =>
    rejects.add({
      file,
      line: t.line,
      reason:
        t.kind === 'long'
          ? { key: 'import.reject.tooLong', params: { max: MAX_LINE_BYTES } }
          : t.kind === 'no-line-end'
            ? { key: 'import.reject.noLineEnd', params: { max: MAX_SKIP_BYTES } }
            : { key: 'import.reject.truncatedGzip' },
      text: t.head,
    });
}

/** A rejection of a line reader, with its place. */
function rejection(file: string, line: number, r: LineRejection, text?: string) {
  return { file, line, field: r.field, reason: r.reason, text };
}

/** Where a run writes: the site and the zone its rows are read in and recorded with. */
interface Target {
  site: string;
  tz: string;
}

async function target(s: Session): Promise<Target> {
  const site = writeSite(s);
  return { site, tz: await zoneOfSite(s, site, 'write') };
}

/** Log the run and end its transaction: commit what was accepted, or roll back when nothing was. */
async function endRun(s: Session, store: Store, at: Target, files: string[], summary: ImportSummary, startedMs: number): Promise<void> {
  if (summary.accepted === 0) {
    await store.rollback();
    return;
  }
  await recordSite(s, store, { name: at.site, tz: at.tz });
  await store.recordImport(at.site, {
    kind: summary.kind,
    files,
    tz: at.tz,
    startedMs,
    finishedMs: s.now().getTime(),
    lines: summary.lines,
    accepted: summary.accepted,
    rejected: summary.rejected,
    calls: summary.calls,
  });
  await store.commit();
}

/** Times a run that lost a race starts again before giving up. */
const RUN_ATTEMPTS = 5;

/**
 * Run an import in one transaction: `body` reads the files and writes batches; on any failure the
 * transaction rolls back and the store is as before. Another import of the same site is waited for
 * (with progress, up to --wait); a run that lost a race with another (PostgreSQL) starts again, its
 * counts and rejected lines as at the start.
 */
async function inTransaction(
  s: Session,
  at: Target,
  files: string[],
  summary: ImportSummary,
  rejects: RejectLog,
  body: (store: Store) => Promise<void>,
): Promise<void> {
  const store = await openStore(s, 'write');
  const started = s.now().getTime();
  const start = { summary: { ...summary, skippedFiles: [...summary.skippedFiles] }, rejects: rejects.mark() };
  try {
    for (let attempt = 1; ; attempt++) {
      await untilFree(s, () => store.begin(`import:${at.site}`));
      try {
        await body(store);
        await endRun(s, store, at, files, summary, started);
        return;
      } catch (err) {
        await store.rollback();
        if (!(err instanceof StoreConflictError) || attempt >= RUN_ATTEMPTS) throw err;
        Object.assign(summary, { ...start.summary, skippedFiles: [...start.summary.skippedFiles] });
        rejects.restore(start.rejects);
        s.progress.update({ key: 'import.retry', params: { attempt: attempt + 1 } });
      }
    }
  } finally {
    s.progress.done();
    await store.close();
  }
}

function progress(s: Session, file: string, summary: ImportSummary) {
  return (bytes: number, total: number) =>
    s.progress.update({ key: 'import.progress', params: { file, percent: total > 0 ? Math.min(100, (bytes / total) * 100).toFixed(0) : '?', lines: summary.accepted } });
}

// ---------------------------------------------------------------------------------------------
// queue_log

/** `wfm import queue-log FILE...`: calls (assembled across files) and agent events. */
export async function importQueueLog(files: string[], opts: ImportOptions, s: Session): Promise<ImportAnswer> {
  const summary = emptySummary('queue-log', files.length);
  const at = await target(s);
  const parseOpts = { zone: at.tz, nowMs: s.now().getTime() };
  const rejects = new RejectLog(s.lang).writeTo(s, opts.rejects, files);
  try {
    const toRead = await filesToRead(s, files, opts, rejects, summary, (file, log) => ({
      line: (text, line) => {
        const p = parseQueueLogLine(text, parseOpts);
        if (p.kind === 'reject') log.add(rejection(file, line, p.rejection, text));
      },
    }));
    await inTransaction(s, at, files, summary, rejects, async (store) => {
      const asm = new QueueLogAssembler('queue_log');
      asm.restore(await store.pendingCalls(at.site, 'queue_log'));
      let calls: CallRecord[] = [];
      let agents: AgentEvent[] = [];
      const flush = async () => {
        const c = calls;
        const a = agents;
        calls = [];
        agents = [];
        if (c.length) summary.newCalls += await store.importCalls(at.site, c, at.tz);
        if (a.length) summary.agentEvents += await store.importAgentEvents(at.site, a, at.tz);
      };
      for (const file of toRead) {
        const { lines } = await readLines(
          resolve(s.cwd, file),
          (text, line) => {
            const p = parseQueueLogLine(text, parseOpts);
            switch (p.kind) {
              case 'skip':
                return;
              case 'reject':
                rejects.add(rejection(file, line, p.rejection, text));
                return;
              case 'agent':
                summary.accepted++;
                agents.push(p.event);
                return;
              case 'call': {
                summary.accepted++;
                const rec = asm.feed(p.event);
                if (rec) {
                  calls.push(rec);
                  summary.calls++;
                }
              }
            }
          },
          progress(s, file, summary),
          troubled(file, rejects),
          // batches are written between chunks of the file (a chunk adds at most a few thousand lines)
          async () => {
            if (calls.length >= BATCH || agents.length >= BATCH) await flush();
          },
        );
        summary.lines += lines;
      }
      await flush();
      // keep open calls for the next import, except those a previous import already completed
      const open: PendingCall[] = [];
      for (const p of asm.pending()) if (!(await alreadyStored(store, at.site, p))) open.push(p);
      await store.replacePendingCalls(at.site, 'queue_log', open);
      summary.pending = open.length;
      summary.duplicates = asm.stats.duplicates;
      summary.rejected = rejects.count;
    });
  } finally {
    rejects.close();
  }
  return { summary, rejects };
}

/** An open call that a stored call already accounts for (a file imported twice, or out of order). */
async function alreadyStored(store: Store, site: string, p: PendingCall): Promise<boolean> {
  const at = estimatedEnteredMs(p);
  if (at === undefined) return false;
  if (p.enteredMs !== undefined) return store.hasCall(site, p.queue, p.callId, at, at);
  return store.hasCall(site, p.queue, p.callId, at - 5000, at + 5000);
}

// ---------------------------------------------------------------------------------------------
// CSV-based imports (CDR, volumes, people)

export interface CsvRowReader<T> {
  /** Called with each record; returns a record, undefined (header/blank) or a rejection. */
  line(text: string, fields: string[], line: number): T | undefined | LineRejection;
  /** The name of the column at a 0-based index, for messages (broken quoting). */
  columnName(index: number): string | undefined;
}

function isRejection(v: unknown): v is LineRejection {
  return typeof v === 'object' && v !== null && 'reason' in v && !('queue' in v);
}

/**
 * How a file's lines become rows: `lines`, a record per physical line (PBX and ACD exports do not put
 * line breaks in fields; a quote still open at the end of a line is broken quoting), or `records`,
 * where a quoted field may span lines (people CSVs from spreadsheets), a record at most MAX_LINE_BYTES.
 */
type RowMode = 'lines' | 'records';

/** Feeds one file's lines to a row reader: rows to `onRow`, broken quoting to `onReject`. */
interface RowFeeder {
  line(text: string, line: number): void;
  cut(line: number): void;
  end(): void;
}

function rowFeeder<T>(
  mode: RowMode,
  file: string,
  reader: CsvRowReader<T>,
  onRow: (r: T | undefined | LineRejection, text: string, line: number) => void,
  onReject: (r: ReturnType<typeof rejection>) => void,
): RowFeeder {
  const field = (i: number) => reader.columnName(i) ?? String(i + 1);
  if (mode === 'lines') {
    return {
      line(text, line) {
        if (text.trim() === '') return;
        const f = splitCsvLine(text);
        if (!isQuoteTrouble(f)) onRow(reader.line(text, f, line), text, line);
        else onReject(rejection(file, line, { field: field(f.field), reason: { key: f.kind === 'open' ? 'import.reject.openQuote' : 'import.reject.strayQuote' } }, text));
      },
      cut: () => undefined,
      end: () => undefined,
    };
  }
  const records = new CsvRecords(MAX_LINE_BYTES);
  const take = (pieces: CsvPiece[]) => {
    for (const p of pieces) {
      if (p.kind === 'record') onRow(reader.line(p.text, p.fields, p.line), p.text, p.line);
      else onReject(rejection(file, p.line, { field: field(p.field), reason: brokenReason(p) }, p.text));
    }
  };
  return { line: (text, line) => take(records.line(text, line)), cut: (line) => take(records.cut(line)), end: () => take(records.end()) };
}

/** Why a line of a broken quoted field is not imported. */
function brokenReason(p: Extract<CsvPiece, { kind: 'broken' }>): LineRejection['reason'] {
  switch (p.why) {
    case 'inside':
      return { key: 'import.reject.insideQuote', params: { line: p.opened } };
    case 'stray':
      return p.at === p.line ? { key: 'import.reject.strayQuote' } : { key: 'import.reject.quoteBroken', params: { at: p.at } };
    case 'eof':
      return { key: 'import.reject.quoteEof' };
    case 'long':
      return { key: 'import.reject.quoteLong', params: { max: MAX_LINE_BYTES } };
    case 'cut':
      return { key: 'import.reject.quoteCut', params: { at: p.at } };
  }
}

/**
 * Read CSV files (row by row, `mode`) through a reader made per file, writing batches with `write`.
 * Every line that is not imported (a bad row, broken quoting, a line that could not be read) is a
 * rejection with its reason.
 */
async function importCsv<T>(
  kind: string,
  files: string[],
  opts: ImportOptions,
  s: Session,
  mode: RowMode,
  makeReader: (file: string, at: Target) => CsvRowReader<T>,
  write: (store: Store, at: Target, batch: T[]) => Promise<number>,
): Promise<ImportAnswer> {
  const summary = emptySummary(kind, files.length);
  const at = await target(s);
  const rejects = new RejectLog(s.lang).writeTo(s, opts.rejects, files);
  try {
    const toRead = await filesToRead(s, files, opts, rejects, summary, (file, log) =>
      rowFeeder(
        mode,
        file,
        makeReader(file, at),
        (r, text, line) => {
          if (isRejection(r)) log.add(rejection(file, line, r, text));
        },
        (r) => log.add(r),
      ),
    );
    await inTransaction(s, at, files, summary, rejects, async (store) => {
      let batch: T[] = [];
      const flush = async () => {
        const b = batch;
        batch = [];
        if (b.length) summary.newCalls += await write(store, at, b);
      };
      for (const file of toRead) {
        const feeder = rowFeeder(
          mode,
          file,
          makeReader(file, at),
          (r, text, line) => {
            if (r === undefined) return;
            if (isRejection(r)) {
              rejects.add(rejection(file, line, r, text));
              return;
            }
            summary.accepted++;
            summary.calls++;
            batch.push(r);
          },
          (r) => rejects.add(r),
        );
        const trouble = troubled(file, rejects);
        const { lines } = await readLines(
          resolve(s.cwd, file),
          (text, line) => feeder.line(text, line),
          progress(s, file, summary),
          (t) => {
            trouble(t);
            feeder.cut(t.line);
          },
          async () => {
            if (batch.length >= BATCH) await flush();
          },
        );
        feeder.end();
        summary.lines += lines;
      }
      await flush();
      summary.rejected = rejects.count;
      summary.duplicates = summary.calls - summary.newCalls;
    });
  } finally {
    rejects.close();
  }
  return { summary, rejects };
}

/** A column map file (`--map`): one "field = column" per line. */
export function readMap(s: Session, path: string | undefined): Record<string, string> | undefined {
  if (!path) return undefined;
  const parsed = parseColumnMap(readText(s, path));
  if ('reason' in parsed) throw new InputError({ file: path, line: parsed.line }, parsed.reason);
  return parsed.map;
}

/** `wfm import cdr FILE...`: Asterisk Master.csv, FreeSWITCH CSV, or any CSV with a column map. */
export async function importCdr(files: string[], o: ImportOptions & { type: CdrFormat; map?: string; queue?: string }, s: Session): Promise<ImportAnswer> {
  const map = readMap(s, o.map);
  if (o.type === 'csv' && !map) throw new UsageError({ key: 'import.err.needMap' }, '--type csv needs --map FILE');
  const cp = o.queue === undefined ? undefined : controlCharacter(o.queue);
  if (cp) throw new UsageError({ key: 'import.err.queueControl', params: { codePoint: cp } });
  const nowMs = s.now().getTime();
  return importCsv<CallRecord>(
    'cdr',
    files,
    o,
    s,
    'lines',
    (_file, at) => new CdrCsvReader({ format: o.type, map, zone: at.tz, nowMs, queue: o.queue }),
    (store, at, batch) => store.importCalls(at.site, batch, at.tz),
  );
}

/** `wfm import volumes FILE...`: ACD interval reports. */
export async function importVolumes(files: string[], o: ImportOptions & { map?: string }, s: Session): Promise<ImportAnswer> {
  const map = readMap(s, o.map);
  const nowMs = s.now().getTime();
  return importCsv<VolumeRecord>(
    'volumes',
    files,
    o,
    s,
    'lines',
    (_file, at) => new VolumeCsvReader({ map, zone: at.tz, nowMs }),
    (store, at, batch) => store.importVolumes(at.site, batch, at.tz),
  );
}

/**
 * `wfm import agents|exams|training|skills FILE...`: people data. Idempotent: records are keyed (agent
 * id; agent+exam+date+attempt; agent+course+date; skill) and a re-import replaces them.
 */
export async function importPeople(kind: PeopleKind, files: string[], o: ImportOptions & { map?: string }, s: Session): Promise<ImportAnswer> {
  const map = readMap(s, o.map);
  const write = (store: Store, at: Target, batch: unknown[]): Promise<number> => {
    switch (kind) {
      case 'agents':
        return store.importAgents(at.site, batch as AgentRecord[]);
      case 'exams':
        return store.importExams(at.site, batch as ExamRecord[]);
      case 'training':
        return store.importTraining(at.site, batch as TrainingRecord[]);
      case 'skills':
        return store.importSkillRequirements(at.site, batch as SkillRequirement[]);
    }
  };
  const nowMs = s.now().getTime();
  return importCsv<unknown>(kind, files, o, s, 'records', () => new PeopleCsvReader(kind, { map, nowMs }), write);
}
