/**
 * `wfm import queue-log` + `wfm report sla` end to end through the built CLI, on a seeded dirty log
 * whose calls, rejected lines and KPIs are known from the generator (test/helpers/queue-log-gen.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { bucketLabel, dirtyLog, expectedKpis, generate, type GenCall } from '../helpers/queue-log-gen.js';

const ZONE = 'Asia/Shanghai'; // UTC+8, no DST
const OFFSET = 480;
const START = Date.UTC(2025, 2, 1, 16, 0, 0) / 1000; // 2025-03-02 00:00 local

beforeAll(() => ensureBuilt());

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'wfm-ql-'));
}

interface SlaJson {
  queue: string;
  intervalStart: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  answeredWithin: number;
  serviceLevel: number | null;
  abandonRate: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  maxWaitSeconds: number | null;
}

function sla(dir: string, extra: string[] = []): SlaJson[] {
  const r = wfm(['report', 'sla', '--from', '2025-03-01', '--to', '2025-03-10', '--interval', '30', '--format', 'json', '--tz', ZONE, ...extra], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as SlaJson[];
}

/** Compare report rows with the generator's ground truth, interval by interval and in total. */
function checkAgainstTruth(rows: SlaJson[], calls: readonly GenCall[], sl = 20, short = 5): void {
  const truth = expectedKpis(calls, OFFSET, 30, sl, short);
  const intervalRows = rows.filter((r) => r.intervalStart !== null);
  expect(intervalRows.length).toBe(truth.size);
  for (const e of truth.values()) {
    const label = bucketLabel(e.bucket, OFFSET, 30);
    const row = intervalRows.find((r) => r.queue === e.queue && r.intervalStart === label);
    expect(row, `${e.queue} ${label}`).toBeDefined();
    const base = e.offered - e.shortAbandoned;
    expect(row).toEqual({
      site: 'default',
      queue: e.queue,
      intervalStart: label,
      offered: e.offered,
      answered: e.answered,
      abandoned: e.abandoned,
      shortAbandoned: e.shortAbandoned,
      exited: e.exited,
      answeredWithin: e.answeredWithin,
      serviceLevel: base > 0 ? e.answeredWithin / base : null,
      abandonRate: base > 0 ? (e.abandoned - e.shortAbandoned) / base : null,
      asaSeconds: e.answered ? e.waitSum / e.answered : null,
      ahtSeconds: e.answered ? e.talkSum / e.answered : null,
      maxWaitSeconds: e.maxWait,
    });
  }
  for (const q of new Set(calls.map((c) => c.queue))) {
    const total = rows.find((r) => r.queue === q && r.intervalStart === null)!;
    const qc = calls.filter((c) => c.queue === q);
    expect(total.offered).toBe(qc.length);
    expect(total.answered).toBe(qc.filter((c) => c.outcome === 'answered').length);
    expect(total.maxWaitSeconds).toBe(Math.max(...qc.map((c) => c.waitS)));
  }
}

describe('import queue-log: dirty input with ground truth', () => {
  const dirty = dirtyLog({ seed: 42, calls: 3000, startS: START });

  it('keeps the good lines, rejects exactly the bad ones with file and line, exit 3', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'queue_log'), dirty.bytes);
    const r = wfm(['import', 'queue-log', 'queue_log', '--rejects', 'rejects.csv', '--format', 'json', '--tz', ZONE], dir);
    expect(r.code).toBe(3);
    const summary = JSON.parse(r.stdout);
    expect(summary.rejected).toBe(dirty.rejected.length);
    expect(summary.calls).toBe(dirty.calls.length);
    expect(summary.newCalls).toBe(dirty.calls.length);
    expect(summary.pending).toBe(0);
    // the rejects file lists every rejected line number, in order
    const rej = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rej.map((l) => Number(l.split(',')[1]))).toEqual(dirty.rejected);
    expect(rej.every((l) => l.startsWith('queue_log,'))).toBe(true);
    // the first few on stderr, then a count of the rest
    expect(r.stderr).toContain(`queue_log:${dirty.rejected[0]}:`);
    expect(r.stderr).toContain(`${dirty.rejected.length - 5} more rejected lines`);
    checkAgainstTruth(sla(dir), dirty.calls);
  });

  it('re-importing the same file (and the file twice in one run) adds nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'queue_log'), dirty.bytes);
    expect(wfm(['import', 'queue-log', 'queue_log', '--tz', ZONE, '--format', 'json'], dir).code).toBe(3);
    const again = wfm(['import', 'queue-log', 'queue_log', 'queue_log', '--tz', ZONE, '--format', 'json'], dir);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout).newCalls).toBe(0);
    checkAgainstTruth(sla(dir), dirty.calls);
  });

  it('--strict drops a file with any bad line (exit 2 when nothing else was given)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'queue_log'), dirty.bytes);
    const r = wfm(['import', 'queue-log', 'queue_log', '--strict', '--tz', ZONE, '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).skippedFiles).toEqual(['queue_log']);
    expect(sla(dir)).toEqual([]);
  });
});

describe('import queue-log: files', () => {
  const { calls, lines } = generate({ seed: 7, calls: 800, startS: START });
  const text = lines.map((l) => l.text + '\n').join('');

  it('a clean file imports with exit 0; gzip is read directly; 1.8 EXITWITHKEY layout', () => {
    const g = generate({ seed: 8, calls: 500, startS: START, layout18: true });
    const dir = tmp();
    writeFileSync(join(dir, 'queue_log.gz'), gzipSync(g.lines.map((l) => l.text + '\n').join('')));
    const r = wfm(['import', 'queue-log', 'queue_log.gz', '--tz', ZONE, '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).calls).toBe(g.calls.length);
    checkAgainstTruth(sla(dir), g.calls);
  });

  it('a call spanning two files is completed by the later import, in either order', () => {
    // cut between a call's ENTERQUEUE and its end
    const cut = lines.findIndex((l, i) => i > lines.length / 2 && l.text.includes('ENTERQUEUE')) + 1;
    const first = lines.slice(0, cut).map((l) => l.text + '\n').join('');
    const second = lines.slice(cut).map((l) => l.text + '\n').join('');
    for (const order of [['yesterday', 'today'], ['today', 'yesterday']]) {
      const dir = tmp();
      writeFileSync(join(dir, 'yesterday'), first);
      writeFileSync(join(dir, 'today'), second);
      const a = JSON.parse(wfm(['import', 'queue-log', order[0], '--tz', ZONE, '--format', 'json'], dir).stdout);
      expect(a.pending).toBeGreaterThan(0);
      const b = JSON.parse(wfm(['import', 'queue-log', order[1], '--tz', ZONE, '--format', 'json'], dir).stdout);
      expect(b.pending).toBe(0);
      expect(a.calls + b.calls).toBe(calls.length);
      checkAgainstTruth(sla(dir), calls);
      // importing yesterday's file again leaves nothing open and adds nothing
      const c = JSON.parse(wfm(['import', 'queue-log', 'yesterday', '--tz', ZONE, '--format', 'json'], dir).stdout);
      expect(c.newCalls).toBe(0);
      expect(c.pending).toBe(0);
      checkAgainstTruth(sla(dir), calls);
    }
  });

  it('an overlapping re-export stores every call once', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'part1'), lines.slice(0, Math.floor(lines.length * 0.7)).map((l) => l.text + '\n').join(''));
    writeFileSync(join(dir, 'full'), text);
    wfm(['import', 'queue-log', 'part1', '--tz', ZONE], dir);
    const r = JSON.parse(wfm(['import', 'queue-log', 'full', '--tz', ZONE, '--format', 'json'], dir).stdout);
    expect(r.pending).toBe(0);
    checkAgainstTruth(sla(dir), calls);
  });

  it('short abandon 0 turns it off; --sl-threshold changes answeredWithin; --queue filters', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ql'), text);
    wfm(['import', 'queue-log', 'ql', '--tz', ZONE], dir);
    checkAgainstTruth(sla(dir, ['--short-abandon', '0', '--sl-threshold', '10']), calls, 10, 0);
    const vip = sla(dir, ['--queue', 'vip']);
    expect(new Set(vip.map((r) => r.queue))).toEqual(new Set(['vip']));
  });

  it('csv has the JSON field names as columns; the table is localized', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ql'), text);
    wfm(['import', 'queue-log', 'ql', '--tz', ZONE], dir);
    const csv = wfm(['report', 'sla', '--from', '2025-03-01', '--to', '2025-03-10', '--format', 'csv', '--tz', ZONE], dir);
    expect(csv.stdout.split('\n')[0]).toBe(
      'queue,intervalStart,offered,answered,abandoned,shortAbandoned,exited,answeredWithin,serviceLevel,abandonRate,asaSeconds,ahtSeconds,maxWaitSeconds',
    );
    const zh = wfm(['report', 'sla', '--from', '2025-03-01', '--to', '2025-03-10', '--format', 'table', '--lang', 'zh-CN', '--tz', ZONE], dir);
    expect(zh.stdout).toContain('合计');
    expect(zh.stdout).toContain('放弃率');
  });

  it('nothing usable: exit 2; a missing file: exit 2 naming it; no store for a report: exit 2', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty'), '\n\n');
    expect(wfm(['import', 'queue-log', 'empty'], dir).code).toBe(2);
    const missing = wfm(['import', 'queue-log', 'nope'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope');
    expect(wfm(['report', 'sla', '--from', '2025-03-01', '--to', '2025-03-02', '--db', 'none.db'], dir).code).toBe(2);
  });
});
