/**
 * Running the simulator for `wfm simulate`: replication 0 streams the queue_log (and Master.csv) it
 * writes, as Asterisk would, to files (gzip when the name ends in .gz) or stdout; more replications
 * run without output for the summary, whose rows (src/sim/summary.ts `summarize`) come per interval,
 * day or in total after a warm-up.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { DateTime, IANAZone } from 'luxon';

import { formatMasterCsvLine, formatQueueLogLine, queueLogEvents, runReplication, summarize, type IntervalSummary, type ReplicationResult, type SimInput } from '../sim/index.js';
import { isoWithOffset } from '../time.js';
import { cannotWrite, openOutputFile, type OutputSession } from './output-files.js';
import type { Session } from './session.js';

export interface RunOptions {
  /** The queue_log file (`-` or none: `stdout`; with `summary` and none: not written). */
  out?: string;
  masterCsv?: string;
  /** Where the queue_log goes without `out`. */
  stdout: { write(text: string): void };
  /** Run `replications` replications for the summary. */
  summary?: boolean;
  replications: number;
}

export interface SummaryOptions {
  by: 'interval' | 'day' | 'total';
  /** Minutes at the start left out of the summary. */
  warmup: number;
}

/** A streamed text file (gzip when the name ends in .gz), written in large chunks with backpressure. */
export class TextSink {
  private readonly file: WriteStream;
  private readonly gz: Gzip | null;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  lines = 0;

  /** `path` relative to the session's cwd; `what` names its option in messages (--out, --master-csv). */
  constructor(readonly path: string, s: OutputSession, what: string) {
    const fd = openOutputFile(s, what, path);
    this.file = createWriteStream(resolve(s.cwd, path), { fd, highWaterMark: 1 << 20 });
    this.gz = /\.gz$/i.test(path) ? createGzip({ level: 4 }) : null;
    if (this.gz) this.gz.pipe(this.file);
    // a write error (disk full) is kept and thrown at the next line: exit 2 naming the option and the file
    const keep = (e: Error) => {
      this.error ??= cannotWrite(s, what, path, e);
      this.gz?.unpipe();
    };
    this.file.on('error', keep);
    this.gz?.on('error', keep);
  }

  private error: Error | undefined;

  private get target(): NodeJS.WritableStream {
    return this.gz ?? this.file;
  }

  /** Add one line (terminated by LF); resolves at once unless the stream asks to wait. */
  line(text: string): Promise<void> | undefined {
    if (this.error) throw this.error;
    this.buf.push(text);
    this.lines++;
    this.size += text.length + 1;
    if (this.size >= 1 << 18) return this.flush();
    return undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.buf.length === 0) return undefined;
    const chunk = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.target.write(chunk)) {
      // resolves on drain, or when the file fails (then the next line() throws)
      return new Promise<void>((res) => {
        const go = () => {
          this.target.removeListener('drain', go);
          this.file.removeListener('close', go);
          res();
        };
        this.target.once('drain', go);
        this.file.once('close', go);
      });
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.flush();
    if (!this.error) {
      const done = once(this.file, 'close').catch(() => undefined);
      this.target.end();
      await done;
    }
    if (this.error) throw this.error;
  }
}

/** Same as TextSink for a writer without backpressure (stdout): chunks of 256 KiB. */
class WriterSink {
  private buf: string[] = [];
  private size = 0;
  lines = 0;
  constructor(private readonly out: { write(text: string): void }) {}
  line(text: string): undefined {
    this.buf.push(text);
    this.lines++;
    this.size += text.length + 1;
    if (this.size >= 1 << 18) this.flush();
    return undefined;
  }
  flush(): void {
    if (!this.buf.length) return;
    this.out.write(this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
  async close(): Promise<void> {
    this.flush();
  }
}

/** What `wfm simulate --out` reports (replication 0). */
export interface SimulateResult {
  calls: number;
  answered: number;
  abandoned: number;
  exited: number;
  queues: string[];
  from: string;
  to: string;
  days: number;
  seed: number;
  queueLog: string | null;
  queueLogLines: number;
  masterCsv: string | null;
}

function totals(rep: ReplicationResult): { calls: number; answered: number; abandoned: number; exited: number } {
  let answered = 0;
  let abandoned = 0;
  let exited = 0;
  let calls = 0;
  for (const q of rep.queues) {
    for (let i = 0; i < q.counts.offered.length; i++) {
      calls += q.counts.offered[i];
      answered += q.counts.answered[i];
      abandoned += q.counts.abandoned[i];
      exited += q.counts.exited[i];
    }
  }
  return { calls, answered, abandoned, exited };
}

/** Runs replication 0 writing the queue_log (and Master.csv) as it goes; returns its counts. */
async function writeLog(input: SimInput, o: RunOptions, s: Session): Promise<{ rep: ReplicationResult; lines: number }> {
  const log = o.out && o.out !== '-' ? new TextSink(o.out, s, '--out') : new WriterSink(o.stdout);
  const cdr = o.masterCsv ? new TextSink(o.masterCsv, s, '--master-csv') : null;
  const zone = IANAZone.create(s.tz);
  // luxon's offset goes through Intl and is slow: cache per quarter hour (offsets change on those)
  const offsets = new Map<number, number>();
  const offset = (s: number) => {
    const k = Math.floor(s / 900);
    let o = offsets.get(k);
    if (o === undefined) offsets.set(k, (o = zone.offset(s * 1000)));
    return o;
  };
  const csvOpts = { utcOffsetMinutes: offset };
  let pendingCdr: Promise<void> | undefined;
  const gen = queueLogEvents(input, 0, cdr ? (c) => void (pendingCdr = cdr.line(formatMasterCsvLine(c, csvOpts)) ?? pendingCdr) : undefined);
  let calls = 0;
  let step = 0;
  let res = gen.next();
  while (!res.done) {
    const e = res.value;
    if (e.event === 'ENTERQUEUE') calls++;
    const wait = log.line(formatQueueLogLine(e));
    if (wait) await wait;
    if (pendingCdr) {
      await pendingCdr;
      pendingCdr = undefined;
    }
    if ((++step & 0x3fff) === 0) {
      if (s.progress.active) s.progress.update({ key: 'simulate.progress', params: { time: DateTime.fromSeconds(e.time, { zone: s.tz }).toFormat('yyyy-MM-dd HH:mm'), calls } });
      if (!o.out) await new Promise((r) => setImmediate(r));
    }
    res = gen.next();
  }
  await log.close();
  if (cdr) await cdr.close();
  return { rep: res.value, lines: log.lines };
}

/** One printed summary row: the field names, interval start as ISO 8601 with the zone's offset. */
export type SummaryRow = Omit<IntervalSummary, 'intervalStart' | 'replications'> & { intervalStart: string };

/** Interval groups [from, to) for --by, leaving out the warm-up. */
function groups(input: SimInput, o: SummaryOptions, zone: string): [number, number][] {
  const n = input.queues[0].expectedCalls.length;
  const dt = input.intervalSeconds;
  const first = Math.min(n, Math.ceil((o.warmup * 60) / dt - 1e-9));
  if (o.by === 'total') return first < n ? [[first, n]] : [];
  if (o.by === 'interval') return Array.from({ length: n - first }, (_, i) => [first + i, first + i + 1]);
  const out: [number, number][] = [];
  let from = first;
  const dateOf = (i: number) => DateTime.fromSeconds(input.startEpoch + i * dt, { zone }).toISODate();
  for (let i = first + 1; i <= n; i++) {
    if (i === n || dateOf(i) !== dateOf(from)) {
      out.push([from, i]);
      from = i;
    }
  }
  return out;
}

/**
 * Summary rows for --by interval|day|total after the warm-up: src/sim/summary.ts `summarize`
 * (definitions there), interval starts as ISO 8601 with the --tz offset, t intervals clipped to
 * their natural bounds (a share to [0, 1], a wait to >= 0).
 */
export function summaryRows(input: SimInput, reps: readonly ReplicationResult[], o: SummaryOptions, zone: string): SummaryRow[] {
  const byQueue: IntervalSummary[][] = input.queues.map(() => []);
  const gs = groups(input, o, zone);
  if (o.by === 'interval' && gs.length) {
    const all = summarize(input, reps);
    const n = input.queues[0].expectedCalls.length;
    input.queues.forEach((_, qi) => byQueue[qi].push(...all.slice(qi * n + gs[0][0], qi * n + n)));
  } else {
    for (const [from, to] of gs) {
      const rows = summarize(input, reps, { total: { fromInterval: from, toInterval: to } });
      rows.forEach((row, qi) => byQueue[qi].push(row));
    }
  }
  // a t interval can pass the natural bounds with few replications: clip to them
  const clip = (c: [number, number] | null, hi: number): [number, number] | null =>
    c ? [Math.max(0, Math.min(hi, c[0])), Math.max(0, Math.min(hi, c[1]))] : null;
  return byQueue.flat().map((s) => ({
    queue: s.queue,
    intervalStart: isoWithOffset(DateTime.fromSeconds(s.intervalStart, { zone })),
    calls: s.calls,
    agents: s.agents,
    serviceLevel: s.serviceLevel,
    serviceLevelCi: clip(s.serviceLevelCi, 1),
    asaSeconds: s.asaSeconds,
    asaCi: clip(s.asaCi, Infinity),
    abandonRate: s.abandonRate,
    erlangServiceLevel: s.erlangServiceLevel,
    erlangAsaSeconds: s.erlangAsaSeconds,
    abandonRateCi: clip(s.abandonRateCi, 1),
    erlangAbandonRate: s.erlangAbandonRate,
    erlangModel: s.erlangModel,
    expectedCalls: s.expectedCalls,
  }));
}

/**
 * Replication 0 writing the queue_log (unless only a summary is asked), then the other replications
 * when a summary is asked. Returns replication 0's figures and every replication's counts.
 */
export async function runSimulation(input: SimInput, days: number, o: RunOptions, s: Session): Promise<{ result: SimulateResult; reps: ReplicationResult[] }> {
  const writeQueueLog = Boolean(o.out) || !o.summary;
  const reps: ReplicationResult[] = [];
  let lines = 0;
  try {
    if (writeQueueLog) {
      const w = await writeLog(input, o, s);
      reps.push(w.rep);
      lines = w.lines;
    }
    if (o.summary) {
      for (let r = reps.length; r < o.replications; r++) {
        s.progress.update({ key: 'simulate.progressRep', params: { rep: r + 1, reps: o.replications } });
        reps.push(runReplication(input, r));
        await new Promise((res) => setImmediate(res));
      }
    }
  } finally {
    s.progress.done();
  }
  const n = input.queues[0].expectedCalls.length;
  const result: SimulateResult = {
    ...totals(reps[0]),
    queues: input.queues.map((q) => q.name),
    from: isoWithOffset(DateTime.fromSeconds(input.startEpoch, { zone: s.tz })),
    to: isoWithOffset(DateTime.fromSeconds(input.startEpoch + n * input.intervalSeconds, { zone: s.tz })),
    days,
    seed: input.seed,
    queueLog: o.out && o.out !== '-' ? o.out : null,
    queueLogLines: lines,
    masterCsv: o.masterCsv ?? null,
  };
  return { result, reps };
}
