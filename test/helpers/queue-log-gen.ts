/**
 * Seeded generator of Asterisk queue_log files with ground truth: the calls it wrote, the lines that
 * must be rejected, and (independently of src/) the interval KPIs those calls give.
 * Lines follow the Asterisk "Queue Logs" documentation (11+ layout; EXITWITHKEY optionally 1.8).
 */
import type { CallRecord, Outcome } from '../../src/cdr/types.js';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const QUEUES = ['billing', 'fault', 'complaints', 'vip'];

export interface GenOptions {
  seed: number;
  calls: number;
  /** First enter time, epoch seconds. */
  startS: number;
  /** Mean seconds between arrivals. */
  meanGapS?: number;
  /** Write EXITWITHKEY in the 1.8 layout (key|position, no waittime). */
  layout18?: boolean;
}

export type GenCall = Omit<CallRecord, 'source' | 'wrapS'>;

export interface Line {
  timeS: number;
  text: string;
}

/** Calls and their queue_log lines (sorted by time, ties in call order). */
export function generate(opts: GenOptions): { calls: GenCall[]; lines: Line[] } {
  const r = rng(opts.seed);
  const exp = (mean: number) => -Math.log(1 - r()) * mean;
  const calls: GenCall[] = [];
  const lines: Line[] = [];
  let t = opts.startS;
  for (let i = 0; i < opts.calls; i++) {
    t += Math.round(exp(opts.meanGapS ?? 20));
    const queue = QUEUES[Math.floor(r() * QUEUES.length)];
    const callId = `${t}.${i}`;
    const u = r();
    const outcome: Outcome = u < 0.75 ? 'answered' : u < 0.93 ? 'abandoned' : u < 0.96 ? 'timeout' : u < 0.98 ? 'key' : 'empty';
    const waitS = Math.min(600, Math.round(exp(outcome === 'abandoned' ? 25 : 30)));
    const agent = outcome === 'answered' ? `SIP/80${String(Math.floor(r() * 20)).padStart(2, '0')}` : null;
    const talkS = outcome === 'answered' ? 10 + Math.round(exp(200)) : null;
    const rna = waitS >= 3 && r() < 0.2 ? 1 + Math.floor(r() * 2) : 0;
    const transfer = outcome === 'answered' && r() < 0.05 ? 'TRANSFER 200@sales' : null;
    calls.push({ queue, callId, enteredMs: t * 1000, outcome, waitS, agent, talkS, ringNoAnswers: rna, transfer });
    const L = (dt: number, member: string, rest: string) => lines.push({ timeS: t + dt, text: `${t + dt}|${callId}|${queue}|${member}|${rest}` });
    L(0, 'NONE', 'ENTERQUEUE||1380013800' + String(i % 10000).padStart(4, '0') + '|1');
    for (let k = 0; k < rna; k++) L(1 + k, `SIP/81${k}`, 'RINGNOANSWER|15000');
    switch (outcome) {
      case 'answered':
        L(waitS, agent!, `CONNECT|${waitS}|${callId}-b|2`);
        if (transfer) L(waitS + talkS!, agent!, `TRANSFER|200|sales|${waitS}|${talkS}|1`);
        else L(waitS + talkS!, agent!, `${r() < 0.5 ? 'COMPLETEAGENT' : 'COMPLETECALLER'}|${waitS}|${talkS}|1`);
        break;
      case 'abandoned':
        L(waitS, 'NONE', `ABANDON|1|1|${waitS}`);
        break;
      case 'timeout':
        L(waitS, 'NONE', `EXITWITHTIMEOUT|1|1|${waitS}`);
        break;
      case 'key':
        L(waitS, 'NONE', opts.layout18 ? 'EXITWITHKEY|5|1' : `EXITWITHKEY|5|1|1|${waitS}`);
        break;
      case 'empty':
        L(waitS, 'NONE', `EXITEMPTY|1|1|${waitS}`);
        break;
    }
  }
  lines.sort((a, b) => a.timeS - b.timeS);
  return { calls, lines };
}

export interface Dirty {
  bytes: Buffer;
  /** 1-based line numbers that must be rejected. */
  rejected: number[];
  /** Calls the import must store (all generated calls: dirt is added, not taken away). */
  calls: GenCall[];
}

/**
 * The generated log with every kind of dirt: a header row, blank lines, CRLF line ends, duplicated
 * lines, swapped (out-of-order) neighbours, unknown events, impossible and unreadable times,
 * non-UTF-8 bytes (in the queue field: rejected; in the caller id: tolerated), and a truncated last
 * line without a line end.
 */
export function dirtyLog(opts: GenOptions): Dirty {
  const { calls, lines } = generate(opts);
  const r = rng(opts.seed + 7);
  const text = lines.map((l) => l.text);
  // out of order: swap some neighbours
  for (let k = 0; k < Math.max(1, text.length / 50); k++) {
    const i = Math.floor(r() * (text.length - 1));
    [text[i], text[i + 1]] = [text[i + 1], text[i]];
  }
  const out: Buffer[] = [];
  const rejected: number[] = [];
  let n = 0;
  const push = (s: string | Buffer, bad = false, eol = '\n') => {
    n++;
    out.push(typeof s === 'string' ? Buffer.from(s + eol, 'utf8') : Buffer.concat([s, Buffer.from(eol)]));
    if (bad) rejected.push(n);
  };
  push('time|callid|queuename|agent|event|data1|data2|data3|data4|data5');
  const t0 = opts.startS;
  text.forEach((line, i) => {
    const u = r();
    if (u < 0.01) push('');
    if (u > 0.99) push(line, false, '\r\n');
    else if (line.includes('ENTERQUEUE') && u > 0.98) {
      // GBK bytes in the caller id (free text): tolerated
      const [head] = line.split('ENTERQUEUE');
      push(Buffer.concat([Buffer.from(head + 'ENTERQUEUE||'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('|1')]));
    } else push(line);
    if (u > 0.97 && u <= 0.98) push(line); // duplicated line
    if (i % 97 === 5) push(`${t0 + i}|bogus.${i}|billing|NONE|FROBNICATE|1|2`, true);
    if (i % 131 === 7) push(`99999999999|late.${i}|billing|NONE|ENTERQUEUE||1|1`, true);
    if (i % 149 === 9) push(`12:00|bad.${i}|billing|NONE|ENTERQUEUE||1|1`, true);
    if (i % 173 === 11) push(Buffer.concat([Buffer.from(`${t0 + i}|enc.${i}|bil`), Buffer.from([0xff, 0xfe]), Buffer.from('|NONE|ENTERQUEUE||1|1')]), true);
    if (i % 157 === 13) push(`${t0 + i}|neg.${i}|billing|NONE|ABANDON|1|1|-4`, true);
  });
  // truncated last line, no line end
  n++;
  out.push(Buffer.from(`${t0 + 5}|trunc.1|bill`));
  rejected.push(n);
  return { bytes: Buffer.concat(out), rejected, calls };
}

export interface ExpectedRow {
  queue: string;
  bucket: number;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  answeredWithin: number;
  waitSum: number;
  talkSum: number;
  maxWait: number;
}

/**
 * Ground-truth KPIs for a zone with a fixed UTC offset (no DST): bucket = floor((enter + offset) /
 * interval). Computed here by plain counting, independently of src/report/sla.ts.
 */
export function expectedKpis(calls: readonly GenCall[], offsetMinutes: number, intervalMinutes: number, slS: number, shortS: number): Map<string, ExpectedRow> {
  const m = new Map<string, ExpectedRow>();
  for (const c of calls) {
    const bucket = Math.floor((c.enteredMs + offsetMinutes * 60_000) / (intervalMinutes * 60_000));
    const key = `${c.queue}|${bucket}`;
    let e = m.get(key);
    if (!e) {
      e = { queue: c.queue, bucket, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, exited: 0, answeredWithin: 0, waitSum: 0, talkSum: 0, maxWait: 0 };
      m.set(key, e);
    }
    e.offered++;
    e.maxWait = Math.max(e.maxWait, c.waitS);
    if (c.outcome === 'answered') {
      e.answered++;
      e.waitSum += c.waitS;
      e.talkSum += c.talkS ?? 0;
      if (c.waitS <= slS) e.answeredWithin++;
    } else if (c.outcome === 'abandoned') {
      e.abandoned++;
      if (c.waitS < shortS) e.shortAbandoned++;
    } else e.exited++;
  }
  return m;
}

/** The local interval start label "YYYY-MM-DDTHH:MM:00+HH:MM" of a bucket, for a fixed offset. */
export function bucketLabel(bucket: number, offsetMinutes: number, intervalMinutes: number): string {
  const local = new Date(bucket * intervalMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return local.toISOString().slice(0, 19) + off;
}
