import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileFollower } from '../../src/live/follower.js';
import { quickLineTime } from '../../src/live/queue-log-events.js';
import { QueueLogSource } from '../../src/live/queue-log-source.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'wfm-follow-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function collect(path: string, opts = {}) {
  const got: string[] = [];
  const f = new FileFollower(path, (lines) => got.push(...lines), opts);
  return { f, got };
}

describe('FileFollower', () => {
  it('reads what is there, then appended lines, holding a partial line until its newline', () => {
    const p = join(tmp(), 'queue_log');
    writeFileSync(p, 'a\nb\n');
    const { f, got } = collect(p);
    f.start(false);
    expect(got).toEqual(['a', 'b']);
    appendFileSync(p, 'c\nd-par');
    f.poll();
    expect(got).toEqual(['a', 'b', 'c']);
    appendFileSync(p, 'tial\n');
    f.poll();
    expect(got).toEqual(['a', 'b', 'c', 'd-partial']);
    f.close();
  });

  it('survives rotation: the rest of the old file first, then the new file from its start', () => {
    const d = tmp();
    const p = join(d, 'queue_log');
    writeFileSync(p, 'old1\n');
    const { f, got } = collect(p);
    f.start(false);
    appendFileSync(p, 'old2\n'); // written just before logrotate renames the file
    renameSync(p, p + '.1');
    f.poll(); // path missing: nothing happens, no crash
    writeFileSync(p, 'new1\nnew2\n');
    f.poll();
    expect(got).toEqual(['old1', 'old2', 'new1', 'new2']);
    expect(f.rotations).toBe(1);
    appendFileSync(p, 'new3\n');
    f.poll();
    expect(got.at(-1)).toBe('new3');
    f.close();
  });

  it('survives truncation (copytruncate): reads again from the start', () => {
    const p = join(tmp(), 'queue_log');
    writeFileSync(p, 'line-one\nline-two\n');
    const { f, got } = collect(p);
    f.start(false);
    truncateSync(p, 0);
    appendFileSync(p, 'x\n');
    f.poll();
    expect(got).toEqual(['line-one', 'line-two', 'x']);
    expect(f.truncations).toBe(1);
    f.close();
  });

  it('starts at the sliding window with a binary search over a large file, and reads PATH.1 when the window began before rotation', () => {
    const d = tmp();
    const p = join(d, 'queue_log');
    const base = 1_772_400_000;
    // 200,000 lines, one per second: about 7 MB, so the search really has to seek
    const mk = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i}|c${from + i}|q|NONE|INFO|`).join('\n') + '\n';
    writeFileSync(p, mk(base, 200_000));
    const from = base + 123_457;
    const { f, got } = collect(p, { fromMs: from * 1000, lineTime: quickLineTime });
    f.start(false);
    expect(got.length).toBe(200_000 - 123_457);
    expect(got[0].startsWith(`${from}|`)).toBe(true);
    f.close();

    // rotated: PATH.1 holds [base, base+1000), PATH holds [base+1000, base+1100)
    writeFileSync(p + '.1', mk(base, 1000));
    writeFileSync(p, mk(base + 1000, 100));
    const r = collect(p, { fromMs: (base + 950) * 1000, lineTime: quickLineTime });
    r.f.start(false);
    expect(r.got.length).toBe(50 + 100);
    expect(r.got[0].startsWith(`${base + 950}|`)).toBe(true);
    expect(r.got.at(-1)!.startsWith(`${base + 1099}|`)).toBe(true);
    r.f.close();
  });
});

describe('QueueLogSource', () => {
  it('follows appends, a rotation and a truncation into the live state', async () => {
    const d = tmp();
    const p = join(d, 'queue_log');
    const t0 = 1_772_416_800; // 2026-03-02 02:00 UTC
    writeFileSync(p, `${t0}|NONE|billing|A1|ADDMEMBER|\n${t0 + 10}|c1|billing|NONE|ENTERQUEUE||1|1\n`);
    let now = (t0 + 20) * 1000;
    const src = new QueueLogSource({ path: p, live: { zone: 'UTC' }, now: () => now, follow: false });
    let notified = 0;
    src.subscribe(() => notified++);
    await src.start();
    expect(src.snapshot(now).queues[0].waiting).toBe(1);
    appendFileSync(p, `${t0 + 15}|c1|billing|A1|CONNECT|5|x|1\n`);
    src.poll();
    let snap = src.snapshot(now);
    expect(snap.queues[0].waiting).toBe(0);
    expect(snap.agents[0].state).toBe('talking');
    renameSync(p, p + '.1');
    writeFileSync(p, `${t0 + 100}|c1|billing|A1|COMPLETEAGENT|5|85|1\n`);
    now = (t0 + 110) * 1000;
    src.poll();
    snap = src.snapshot(now);
    expect(snap.agents[0]).toMatchObject({ state: 'available', calls: 1, ahtSeconds: 85 });
    truncateSync(p, 0);
    appendFileSync(p, `${t0 + 120}|NONE|billing|A1|PAUSE|Lunch\n`);
    src.poll();
    snap = src.snapshot((t0 + 130) * 1000);
    expect(snap.agents[0]).toMatchObject({ state: 'paused', pauseReason: 'Lunch' });
    expect(notified).toBeGreaterThanOrEqual(4);
    await src.close();
  });
});
