/**
 * `wfm import queue-log|cdr|volumes FILE...`: stream PBX exports into the store.
 *
 * Every import: reads line by line in constant memory (plain or .gz), shows progress on a TTY,
 * is idempotent (natural keys, insert-or-update), and runs in one transaction: killed half-way, the
 * store is as before; a re-run finishes the job. Rejected lines are reported with file, line and
 * reason (the first few on stderr, all with --rejects FILE); --strict drops a file with any bad line.
 * Exit 0: all lines accepted; 3: some rejected; 2: nothing usable.
 */
import { closeSync, createReadStream, openSync, readSync, readFileSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Option, type Command } from 'commander';
import { ExitCode, InputError, UsageError, type Rejection } from '../errors.js';
import { t } from '../i18n/index.js';
import { csvField, renderJson, renderCsv } from '../report/format.js';
import type { Registrar } from '../cli.js';
import { showProgress, type Context } from './context.js';
import { requireFormat } from './output.js';
import { REJECTS_SHOWN, describeRejection } from './rejects.js';
import { openStore, type Store } from '../store/index.js';
import { QueueLogAssembler, estimatedEnteredMs, type PendingCall } from '../cdr/assembler.js';
import { parseQueueLogLine } from '../cdr/queue-log.js';
import type { AgentEvent, CallRecord, LineRejection, VolumeRecord } from '../cdr/types.js';
import { CdrCsvReader, parseColumnMap, type CdrFormat } from '../cdr/cdr-csv.js';
import { VolumeCsvReader } from '../cdr/volumes.js';
import { splitCsvLine } from '../cdr/csv-line.js';
import { registerImportPeople } from './import-people.js';

export interface ImportOptions {
  strict?: boolean;
  rejects?: string;
}
interface CdrOptions extends ImportOptions {
  type?: CdrFormat;
  map?: string;
  queue?: string;
}
interface VolumeOptions extends ImportOptions {
  map?: string;
  interval?: string;
}

export function registerImport(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const group = program.command('import').description(tr('import.description'));
  group.addHelpText('after', '\n' + tr('import.help'));
  const common = (cmd: Command) =>
    cmd.option('--strict', tr('import.opt.strict')).option('--rejects <file>', tr('opt.rejects'));

  common(
    group
      .command('queue-log')
      .description(tr('import.queueLog.description'))
      .argument('<files...>', tr('import.arg.files')),
  )
    .addHelpText('after', '\n' + tr('import.queueLog.help'))
    .action(r.action<ImportOptions>((opts, ctx, args) => runImportQueueLog(args, opts, ctx)));

  common(
    group
      .command('cdr')
      .description(tr('import.cdr.description'))
      .argument('<files...>', tr('import.arg.files'))
      // `--format asterisk|freeswitch|csv` (as documented) is read from the global --format here;
      // --type is the same choice under a name that cannot clash with the output format.
      .addOption(new Option('--type <type>', tr('import.cdr.opt.type')).choices(['asterisk', 'freeswitch', 'csv']))
      .option('--map <file>', tr('import.opt.map'))
      .option('--queue <name>', tr('import.cdr.opt.queue')),
  )
    .addHelpText('after', '\n' + tr('import.cdr.help'))
    .action(r.action<CdrOptions>((opts, ctx, args) => runImportCdr(args, opts, ctx)));

  common(
    group
      .command('volumes')
      .description(tr('import.volumes.description'))
      .argument('<files...>', tr('import.arg.files'))
      .option('--map <file>', tr('import.opt.map')),
  )
    .addHelpText('after', '\n' + tr('import.volumes.help'))
    .action(r.action<VolumeOptions>((opts, ctx, args) => runImportVolumes(args, opts, ctx)));

  // agents, exams, training, skills (src/commands/import-people.ts)
  registerImportPeople(group, r, common);
  return group;
}

// ---------------------------------------------------------------------------------------------
// Reading lines

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

function cannotRead(path: string, err: unknown): InputError {
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

// ---------------------------------------------------------------------------------------------
// Rejections: the first few on stderr, all streamed to --rejects FILE (constant memory)

class RejectSink {
  count = 0;
  private shown: Rejection[] = [];
  private fd: number | undefined;
  perFile = new Map<string, number>();

  constructor(
    private readonly ctx: Context,
    rejectsFile: string | undefined,
  ) {
    if (rejectsFile) {
      try {
        this.fd = openSync(resolve(ctx.cwd, rejectsFile), 'w');
      } catch (err) {
        throw new UsageError(
          { key: 'import.cannotWriteRejects', params: { file: rejectsFile, code: (err as { code?: string }).code ?? 'EIO' } },
        );
      }
      writeSync(this.fd, renderCsv(['file', 'line', 'field', 'reason', 'text'], []));
    }
  }

  add(file: string, line: number, r: LineRejection, text?: string): void {
    this.count++;
    this.perFile.set(file, (this.perFile.get(file) ?? 0) + 1);
    const rej: Rejection = { file, line, field: r.field, reason: r.reason, text: text?.slice(0, 200) };
    if (this.shown.length < REJECTS_SHOWN) this.shown.push(rej);
    if (this.fd !== undefined) {
      const row = [rej.file, rej.line, rej.field ?? '', t(this.ctx.lang, rej.reason.key, rej.reason.params), rej.text ?? ''];
      writeSync(this.fd, row.map(csvField).join(',') + '\n');
    }
  }

  /** Print the first few on stderr (even with --quiet: they are errors) and close the file. */
  finish(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    for (const r of this.shown) this.ctx.err.write(`wfm: ${describeRejection(this.ctx.lang, r)}\n`);
    if (this.count > this.shown.length) {
      this.ctx.err.write(`wfm: ${t(this.ctx.lang, 'input.moreRejected', { count: this.count - this.shown.length })}\n`);
    }
  }
}

class Progress {
  private last = 0;
  private readonly on: boolean;
  constructor(private readonly ctx: Context) {
    this.on = showProgress(ctx);
  }
  update(file: string, bytes: number, total: number, lines: number): void {
    if (!this.on) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const pct = total > 0 ? Math.min(100, (bytes / total) * 100).toFixed(0) : '?';
    this.ctx.err.write(`\r${t(this.ctx.lang, 'import.progress', { file, percent: pct, lines })}\x1b[K`);
  }
  done(): void {
    if (this.on) this.ctx.err.write('\r\x1b[K');
  }
}

// ---------------------------------------------------------------------------------------------
// Summary

export interface ImportSummary {
  kind: string;
  files: number;
  lines: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Calls (or volume rows) written by this run. */
  calls: number;
  newCalls: number;
  agentEvents: number;
  /** queue_log calls still open (waiting for a later file). */
  pending: number;
  skippedFiles: string[];
}

/** Log the run and end its transaction: commit what was accepted, or roll back when nothing was. */
function endRun(store: Store, kind: string, files: string[], summary: ImportSummary, startedMs: number, ctx: Context): void {
  store.recordImport({
    kind,
    files,
    tz: ctx.tz,
    startedMs,
    finishedMs: ctx.now().getTime(),
    lines: summary.lines,
    accepted: summary.accepted,
    rejected: summary.rejected,
    calls: summary.calls,
  });
  if (summary.accepted === 0) store.rollback();
  else store.commit();
}

function finishRun(ctx: Context, summary: ImportSummary, sink: RejectSink): number {
  sink.finish();
  if (ctx.format === 'json') ctx.out.write(renderJson(summary));
  else if (ctx.format === 'csv') {
    const { skippedFiles, ...flat } = summary;
    ctx.out.write(renderCsv([...Object.keys(flat), 'skippedFiles'], [{ ...flat, skippedFiles: skippedFiles.join(';') }]));
  } else {
    ctx.out.write(t(ctx.lang, summaryKey(summary.kind), { ...summary, skippedFiles: summary.skippedFiles.length }) + '\n');
    if (summary.pending > 0) ctx.out.write(t(ctx.lang, 'import.summary.pending', { pending: summary.pending }) + '\n');
  }
  if (summary.accepted === 0) {
    if (summary.rejected === 0 && summary.skippedFiles.length === 0) {
      throw new InputError({}, { key: 'import.nothingUsable' }, 'nothing usable in the input');
    }
    return ExitCode.usage;
  }
  return summary.rejected > 0 ? ExitCode.partial : ExitCode.ok;
}

/** The summary message of an import kind: calls, interval volumes, or people records. */
function summaryKey(kind: string): string {
  if (kind === 'volumes') return 'import.summary.volumes';
  if (['agents', 'exams', 'training', 'skills'].includes(kind)) return 'people.summary';
  return 'import.summary.calls';
}

function openFor(ctx: Context): Store {
  return openStore(resolve(ctx.cwd, ctx.db));
}

function checkFormat(ctx: Context): void {
  requireFormat(ctx, ['table', 'json', 'csv']);
}

function emptySummary(kind: string, files: number): ImportSummary {
  return { kind, files, lines: 0, accepted: 0, rejected: 0, duplicates: 0, calls: 0, newCalls: 0, agentEvents: 0, pending: 0, skippedFiles: [] };
}

const BATCH = 4096;

/**
 * The files a run will read: with --strict, those whose every line passes `check` (a first read that
 * writes nothing; a file with a bad line is skipped whole); otherwise all of them, each of which must
 * exist (a missing file is a usage error before anything is written).
 */
async function filesToRead(
  files: string[],
  opts: ImportOptions,
  sink: RejectSink,
  summary: ImportSummary,
  check: Parameters<typeof strictPass>[1],
): Promise<string[]> {
  if (opts.strict) return strictPass(files, check, sink, summary);
  for (const f of files) {
    try {
      statSync(f);
    } catch (err) {
      throw cannotRead(f, err);
    }
  }
  return files;
}

/**
 * --strict: a first pass that only parses, so a file with any bad line is dropped before anything is
 * written. Returns the files to import.
 */
async function strictPass(
  files: string[],
  check: (file: string, text: string, line: number, sink: RejectSink) => void,
  sink: RejectSink,
  summary: ImportSummary,
): Promise<string[]> {
  const keep: string[] = [];
  for (const file of files) {
    const before = sink.count;
    const { truncated } = await readLines(file, (text, line) => check(file, text, line, sink));
    if (truncated) sink.add(file, 0, { reason: { key: 'import.reject.truncatedGzip' } });
    if (sink.count > before) summary.skippedFiles.push(file);
    else keep.push(file);
  }
  return keep;
}

// ---------------------------------------------------------------------------------------------
// queue_log

export async function runImportQueueLog(files: string[], opts: ImportOptions, ctx: Context): Promise<number> {
  checkFormat(ctx);
  const summary = emptySummary('queue-log', files.length);
  const sink = new RejectSink(ctx, opts.rejects);
  const parseOpts = { zone: ctx.tz, nowMs: ctx.now().getTime() };
  const toRead = await filesToRead(files, opts, sink, summary, (file, text, line, s) => {
    const p = parseQueueLogLine(text, parseOpts);
    if (p.kind === 'reject') s.add(file, line, p.rejection, text);
  });
  const store = openFor(ctx);
  const progress = new Progress(ctx);
  const started = ctx.now().getTime();
  try {
    store.begin();
    const asm = new QueueLogAssembler('queue_log');
    asm.restore(store.pendingCalls('queue_log'));
    let calls: CallRecord[] = [];
    let agents: AgentEvent[] = [];
    const flush = () => {
      if (calls.length) summary.newCalls += store.importCalls(calls, ctx.tz);
      if (agents.length) summary.agentEvents += store.importAgentEvents(agents, ctx.tz);
      calls = [];
      agents = [];
    };
    for (const file of toRead) {
      const { lines, truncated } = await readLines(
        file,
        (text, line) => {
          const p = parseQueueLogLine(text, parseOpts);
          switch (p.kind) {
            case 'skip':
              return;
            case 'reject':
              sink.add(file, line, p.rejection, text);
              return;
            case 'agent':
              summary.accepted++;
              agents.push(p.event);
              if (agents.length >= BATCH) flush();
              return;
            case 'call': {
              summary.accepted++;
              const rec = asm.feed(p.event);
              if (rec) {
                calls.push(rec);
                summary.calls++;
                if (calls.length >= BATCH) flush();
              }
            }
          }
        },
        (bytes, total) => progress.update(file, bytes, total, summary.accepted),
      );
      summary.lines += lines;
      if (truncated) sink.add(file, lines + 1, { reason: { key: 'import.reject.truncatedGzip' } });
    }
    flush();
    // keep open calls for the next import, except those a previous import already completed
    const open = asm.pending().filter((p) => !alreadyStored(store, p));
    store.replacePendingCalls('queue_log', open);
    summary.pending = open.length;
    summary.duplicates = asm.stats.duplicates;
    summary.rejected = sink.count;
    endRun(store, 'queue-log', files, summary, started, ctx);
  } catch (err) {
    store.rollback();
    throw err;
  } finally {
    progress.done();
    store.close();
  }
  return finishRun(ctx, summary, sink);
}

/** An open call that a stored call already accounts for (a file imported twice, or out of order). */
function alreadyStored(store: Store, p: PendingCall): boolean {
  const at = estimatedEnteredMs(p);
  if (at === undefined) return false;
  if (p.enteredMs !== undefined) return store.hasCall(p.queue, p.callId, at, at);
  return store.hasCall(p.queue, p.callId, at - 5000, at + 5000);
}

// ---------------------------------------------------------------------------------------------
// CSV-based imports (CDR, volumes)

export interface CsvRowReader<T> {
  /** Called with each line; returns a record, undefined (header/blank) or a rejection. */
  line(text: string, fields: string[], line: number): T | undefined | LineRejection;
}

function isRejection(v: unknown): v is LineRejection {
  return typeof v === 'object' && v !== null && 'reason' in v && !('queue' in v);
}

/**
 * Read CSV files line by line (a record per physical line: PBX exports do not put line breaks in
 * fields) through a reader made per file, writing batches with `write`.
 */
export async function importCsv<T>(
  kind: string,
  files: string[],
  opts: ImportOptions,
  ctx: Context,
  makeReader: (file: string) => CsvRowReader<T>,
  write: (store: Store, batch: T[]) => number,
): Promise<number> {
  checkFormat(ctx);
  const summary = emptySummary(kind, files.length);
  const sink = new RejectSink(ctx, opts.rejects);
  const readers = new Map<string, CsvRowReader<T>>();
  const toRead = await filesToRead(files, opts, sink, summary, (file, text, line, s) => {
    if (!readers.has(file)) readers.set(file, makeReader(file));
    const r = readers.get(file)!.line(text, splitCsvLine(text), line);
    if (isRejection(r)) s.add(file, line, r, text);
  });
  const store = openFor(ctx);
  const progress = new Progress(ctx);
  const started = ctx.now().getTime();
  try {
    store.begin();
    let batch: T[] = [];
    const flush = () => {
      if (batch.length) summary.newCalls += write(store, batch);
      batch = [];
    };
    for (const file of toRead) {
      const reader = makeReader(file);
      const { lines, truncated } = await readLines(
        file,
        (text, line) => {
          if (text.trim() === '') return;
          const r = reader.line(text, splitCsvLine(text), line);
          if (r === undefined) return;
          if (isRejection(r)) {
            sink.add(file, line, r, text);
            return;
          }
          summary.accepted++;
          summary.calls++;
          batch.push(r);
          if (batch.length >= BATCH) flush();
        },
        (bytes, total) => progress.update(file, bytes, total, summary.accepted),
      );
      summary.lines += lines;
      if (truncated) sink.add(file, lines + 1, { reason: { key: 'import.reject.truncatedGzip' } });
    }
    flush();
    summary.rejected = sink.count;
    summary.duplicates = summary.calls - summary.newCalls;
    endRun(store, kind, files, summary, started, ctx);
  } catch (err) {
    store.rollback();
    throw err;
  } finally {
    progress.done();
    store.close();
  }
  return finishRun(ctx, summary, sink);
}

export function readMap(ctx: Context, path: string | undefined): Record<string, string> | undefined {
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(ctx.cwd, path), 'utf8');
  } catch (err) {
    throw cannotRead(path, err);
  }
  const parsed = parseColumnMap(text);
  if ('reason' in parsed) throw new InputError({ file: path, line: parsed.line }, parsed.reason);
  return parsed.map;
}

export async function runImportCdr(files: string[], opts: CdrOptions, ctx0: Context): Promise<number> {
  let ctx = ctx0;
  if (!opts.type) {
    // `wfm import cdr --format freeswitch`: the input layout; the summary then prints in the default format
    const fromFormat = ctx.formatGiven && (['asterisk', 'freeswitch'].includes(ctx.format) || (ctx.format === 'csv' && opts.map));
    opts = { ...opts, type: fromFormat ? (ctx.format as CdrFormat) : 'asterisk' };
    if (fromFormat) ctx = { ...ctx, format: ctx.out.isTTY ? 'table' : 'json', formatGiven: false };
  }
  const type: CdrFormat = opts.type!;
  const map = readMap(ctx, opts.map);
  if (type === 'csv' && !map) throw new UsageError({ key: 'import.err.needMap' }, '--type csv needs --map FILE');
  const nowMs = ctx.now().getTime();
  return importCsv<CallRecord>(
    'cdr',
    files,
    opts,
    ctx,
    () => new CdrCsvReader({ format: type, map, zone: ctx.tz, nowMs, queue: opts.queue }),
    (store, batch) => store.importCalls(batch, ctx.tz),
  );
}

export async function runImportVolumes(files: string[], opts: VolumeOptions, ctx: Context): Promise<number> {
  const map = readMap(ctx, opts.map);
  const nowMs = ctx.now().getTime();
  return importCsv<VolumeRecord>(
    'volumes',
    files,
    opts,
    ctx,
    () => new VolumeCsvReader({ map, zone: ctx.tz, nowMs }),
    (store, batch) => store.importVolumes(batch, ctx.tz),
  );
}
