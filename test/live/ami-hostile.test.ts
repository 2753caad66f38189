/**
 * A hostile or broken AMI server (issue 15, item 13): a status list that never completes ends a
 * one-shot run with exit 2 after the timeout (not never); a password written into the address is
 * refused and never printed; a flood of QueueCallerJoin without leaves is tracked up to a cap per
 * queue, the rest counted. The servers here listen on 127.0.0.1; the CLI runs as a child process
 * (spawned asynchronously, so the server in this process keeps answering).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmiDecoder, AmiSource, AmiTimeoutError, encodeAmi, redactUrl } from '../../src/live/ami.js';
import { LiveState, MAX_TRACKED_CALLS_PER_QUEUE } from '../../src/live/reducer.js';
import { BIN, ensureBuilt } from '../helpers/wfm-cli.js';

type Behaviour = 'stall-after-response' | 'trickle-greeting' | 'flood';

/** A server that logs anyone in and then misbehaves as told. */
class BadAmi {
  server: Server;
  sockets: Socket[] = [];
  port = 0;
  timers: NodeJS.Timeout[] = [];
  constructor(behaviour: Behaviour, floodCount = 0) {
    this.server = createServer((sock) => {
      this.sockets.push(sock);
      sock.on('error', () => {});
      sock.setEncoding('utf8');
      if (behaviour === 'trickle-greeting') {
        // one byte of the greeting every 200 ms, never a line end: never idle, never done
        const greeting = 'Asterisk Call Manager/9.0.0 and so on and so on';
        let i = 0;
        const timer = setInterval(() => {
          if (!sock.destroyed) sock.write(greeting[i++ % greeting.length]);
        }, 200);
        this.timers.push(timer);
        return;
      }
      sock.write('Asterisk Call Manager/9.0.0\r\n');
      const dec = new AmiDecoder();
      dec.greeting = '';
      sock.on('data', (chunk: string) => {
        for (const m of dec.push(chunk)) {
          const id = m.ActionID ?? '';
          if (m.Action?.toLowerCase() === 'login') sock.write(encodeAmi([['Response', 'Success'], ['ActionID', id], ['Message', 'Authentication accepted']]));
          else if (m.Action?.toLowerCase() === 'queuestatus') {
            sock.write(encodeAmi([['Response', 'Success'], ['ActionID', id], ['EventList', 'start']]));
            if (behaviour === 'flood') {
              // QueueCallerJoin after QueueCallerJoin in one queue, never a leave; then the list ends
              let text = '';
              for (let k = 0; k < floodCount; k++) text += encodeAmi([['Event', 'QueueCallerJoin'], ['Queue', 'vip'], ['Uniqueid', `flood.${k}`]]);
              sock.write(text);
              sock.write(encodeAmi([['Event', 'QueueStatusComplete'], ['ActionID', id], ['EventList', 'Complete']]));
            }
            // 'stall-after-response': the list is never completed, the connection stays open
          }
        }
      });
    });
  }
  listen(): Promise<number> {
    return new Promise((res) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as { port: number }).port;
        res(this.port);
      }),
    );
  }
  close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.sockets) s.destroy();
    return new Promise((res) => this.server.close(() => res()));
  }
}

const servers: BadAmi[] = [];
const sources: AmiSource[] = [];
afterEach(async () => {
  for (const s of sources.splice(0)) await s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function serve(b: Behaviour, floodCount = 0): Promise<number> {
  const srv = new BadAmi(b, floodCount);
  servers.push(srv);
  return srv.listen();
}

/** `wfm args` as a child process, not blocking this process's event loop. */
function wfmAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const cwd = mkdtempSync(join(tmpdir(), 'wfm-ami-'));
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('a status list that never completes', () => {
  beforeAll(() => ensureBuilt());

  it('wfm live (no terminal) gives up after --timeout with exit 2 and says why', async () => {
    const port = await serve('stall-after-response');
    const r = await wfmAsync(['live', '--source', `ami://wfm@127.0.0.1:${port}`, '--timeout', '1.5'], { WFM_AMI_SECRET: 'pw-Secret-77' });
    expect(r.code).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(1400);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).toContain('1.5 s');
    expect(r.stderr).toContain('--timeout');
    expect(r.stderr + r.stdout).not.toContain('pw-Secret-77');
    expect(r.stdout).toBe('');
  });

  it('the default timeout is 10 s', async () => {
    const port = await serve('stall-after-response');
    const r = await wfmAsync(['live', '--source', `ami://wfm@127.0.0.1:${port}`], { WFM_AMI_SECRET: 'x' });
    expect(r.code).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(9_900);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.stderr).toContain('10 s');
  }, 30_000);

  it('the timeout counts from the connection: a server that trickles bytes cannot hold it open', async () => {
    const port = await serve('trickle-greeting');
    const src = new AmiSource({ target: { user: 'wfm', host: '127.0.0.1', port }, secret: 'x', live: { zone: 'UTC' }, now: () => 0, failFast: true, timeoutMs: 800 });
    sources.push(src);
    const started = Date.now();
    const err = await src.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AmiTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('on a terminal (no failFast) the source retries instead, showing the reason', async () => {
    const port = await serve('stall-after-response');
    const src = new AmiSource({ target: { user: 'wfm', host: '127.0.0.1', port }, secret: 'x', live: { zone: 'UTC' }, now: () => 0, timeoutMs: 300, backoffMs: 10_000 });
    sources.push(src);
    void src.start().catch(() => {});
    const end = Date.now() + 5000;
    while (src.snapshot(0).status.kind !== 'reconnecting' && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(src.snapshot(0).status).toMatchObject({ kind: 'reconnecting', reason: 'timeout', attempt: 1 });
  });
});

describe('a password written into the ami:// address', () => {
  beforeAll(() => ensureBuilt());

  it('is refused with exit 2, pointing at WFM_AMI_SECRET, and never printed', async () => {
    for (const source of ['ami://wfm:hunter2-Pw@127.0.0.1:1', 'ami://wfm:hunter2-Pw@pbx', 'ami://wfm:hunter2-Pw@', 'ami://wfm:hunter2/Pw@@pbx:5038/x', 'http://wfm:hunter2-Pw@pbx']) {
      const r = await wfmAsync(['live', '--source', source], { WFM_AMI_SECRET: 'x' });
      expect(r.code, source).toBe(2);
      expect(r.stderr + r.stdout, source).not.toContain('hunter2');
      expect(r.stderr, source).toContain(':***@');
      if (source.startsWith('ami://wfm:hunter2-Pw@127')) {
        expect(r.stderr).toContain('ami://wfm:***@127.0.0.1:1');
        expect(r.stderr).toContain('WFM_AMI_SECRET');
      }
    }
  });

  it('redactUrl hides the password of any scheme://user:password@ in a text', () => {
    expect(redactUrl('ami://wfm:s3cr3t@pbx:5038')).toBe('ami://wfm:***@pbx:5038');
    expect(redactUrl('see ami://a:b@c and http://x:y@z/p')).toBe('see ami://a:***@c and http://x:***@z/p');
    expect(redactUrl('ami://wfm@pbx:5038')).toBe('ami://wfm@pbx:5038');
    expect(redactUrl('ami://pbx:5038')).toBe('ami://pbx:5038');
    expect(redactUrl('ami://:only-pw@pbx')).toBe('ami://:***@pbx');
    expect(redactUrl('ami://u:p@ss@w@rd@pbx')).toBe('ami://u:***@pbx');
  });
});

describe('a flood of waiting calls', () => {
  it('the reducer tracks at most MAX_TRACKED_CALLS_PER_QUEUE per queue and counts the rest', () => {
    expect(MAX_TRACKED_CALLS_PER_QUEUE).toBe(10_000);
    const st = new LiveState({ zone: 'UTC' });
    const t = 1_772_416_800_000;
    for (let k = 0; k < 10_005; k++) st.apply({ kind: 'callJoin', t, queue: 'vip', callId: `c${k}` });
    for (let k = 0; k < 7; k++) st.apply({ kind: 'callJoin', t, queue: 'billing', callId: `b${k}` });
    let snap = st.snapshot(t + 1000);
    expect(snap.queues.find((q) => q.queue === 'vip')?.waiting).toBe(10_000);
    expect(snap.queues.find((q) => q.queue === 'billing')?.waiting).toBe(7);
    expect(st.untracked).toBe(5);
    // one tracked caller hangs up: a place frees, the next join is tracked
    st.apply({ kind: 'callAbandon', t: t + 2000, queue: 'vip', callId: 'c0', waitS: 2 });
    st.apply({ kind: 'callJoin', t: t + 2000, queue: 'vip', callId: 'late' });
    snap = st.snapshot(t + 3000);
    expect(snap.queues.find((q) => q.queue === 'vip')?.waiting).toBe(10_000);
    expect(st.untracked).toBe(5);
    // a known call is never counted twice
    st.apply({ kind: 'callJoin', t: t + 2000, queue: 'vip', callId: 'late' });
    expect(st.untracked).toBe(5);
    expect(snap.untracked).toBe(5);
  });

  it('an AMI server announcing 60,000 joins in one queue: 10,000 tracked, 50,000 counted', async () => {
    const port = await serve('flood', 60_000);
    const src = new AmiSource({ target: { user: 'wfm', host: '127.0.0.1', port }, secret: 'x', live: { zone: 'UTC' }, now: () => 1_772_416_800_000, failFast: true, timeoutMs: 20_000 });
    sources.push(src);
    await src.start();
    const snap = src.snapshot(1_772_416_801_000);
    expect(snap.queues).toHaveLength(1);
    expect(snap.queues[0]).toMatchObject({ queue: 'vip', waiting: 10_000 });
    expect(snap.untracked).toBe(50_000);
  }, 30_000);

  it('wfm live (no terminal) prints the snapshot with the cap and says how many went untracked', async () => {
    ensureBuilt();
    const port = await serve('flood', 12_345);
    const r = await wfmAsync(['live', '--source', `ami://wfm@127.0.0.1:${port}`, '--format', 'json'], { WFM_AMI_SECRET: 'x' });
    expect(r.code, r.stderr).toBe(0);
    const snap = JSON.parse(r.stdout) as { queues: { queue: string; waiting: number }[] };
    expect(snap.queues).toEqual([expect.objectContaining({ queue: 'vip', waiting: 10_000 })]);
    expect(r.stderr).toContain('2345 calls were not tracked');
    expect(r.stderr).toContain('more than 10000 calls in progress in one queue');
  }, 30_000);
});
