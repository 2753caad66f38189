import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'wfm.js');

function ensureBuilt(): void {
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // other areas' type errors still emit
  }
}

function wfm(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const T0 = 1_772_416_800; // 2026-03-02 10:00:00 +08:00
const LOG = [
  `${T0}|NONE|billing|Agent/1001|ADDMEMBER|`,
  `${T0}|NONE|billing|Agent/1002|ADDMEMBER|`,
  `${T0 + 10}|c1|billing|NONE|ENTERQUEUE||13800000000|1`,
  `${T0 + 20}|c1|billing|Agent/1001|CONNECT|10|p1|2`,
  `${T0 + 30}|c2|billing|NONE|ENTERQUEUE||13800000001|1`,
  `${T0 + 60}|c2|billing|NONE|ABANDON|1|1|30`,
  `${T0 + 100}|c1|billing|Agent/1001|COMPLETECALLER|10|80|1`,
  `${T0 + 150}|NONE|billing|Agent/1002|PAUSE|Lunch`,
  `${T0 + 200}|c3|billing|NONE|ENTERQUEUE||13800000002|1`,
  `${T0 + 400}|c3|billing|Agent/1001|CONNECT|200|p3|2`,
].join('\n') + '\n';

let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-live-cli-'));
  writeFileSync(join(dir, 'queue_log'), LOG);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { WFM_TZ: 'Asia/Shanghai' };

describe('wfm live (one snapshot, not on a terminal)', () => {
  it('replays the queue_log up to --at and prints the documented JSON object', () => {
    const r = wfm(['live', '--source', 'queue-log:queue_log', '--at', '2026-03-02 10:05'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['at', 'queues', 'agents']);
    expect(j.at).toBe('2026-03-02T10:05:00+08:00');
    // at 10:05 (300 s): c1 answered in 10 s, c2 abandoned after 30 s, c3 waiting since 200 s
    expect(j.queues).toEqual([
      {
        queue: 'billing',
        waiting: 1,
        longestWaitSeconds: 100,
        offered: 2,
        answered: 1,
        abandoned: 1,
        serviceLevel: 0.5,
        agents: { available: 1, ringing: 0, talking: 0, wrapup: 0, paused: 1, loggedOut: 0 },
      },
    ]);
    expect(j.agents).toEqual([
      { agent: 'Agent/1001', state: 'available', since: '2026-03-02T10:01:40+08:00', queue: 'billing', pauseReason: null, calls: 1, ahtSeconds: 80 },
      { agent: 'Agent/1002', state: 'paused', since: '2026-03-02T10:02:30+08:00', queue: 'billing', pauseReason: 'Lunch', calls: 0, ahtSeconds: null },
    ]);
  });

  it('a later --at sees the later events; a short window drops the early calls', () => {
    const r = wfm(['live', '--source', 'queue-log:queue_log', '--at', '2026-03-02 10:07', '--window', '5m'], dir, env);
    const j = JSON.parse(r.stdout);
    // window [10:02, 10:07]: only c3 (entered 10:03:20, answered after 200 s: not within 20 s)
    expect(j.queues[0]).toMatchObject({ waiting: 0, offered: 1, answered: 1, abandoned: 0, serviceLevel: 0 });
    expect(j.agents[0]).toMatchObject({ agent: 'Agent/1001', state: 'talking', since: '2026-03-02T10:06:40+08:00' });
  });

  it('prints a table in Chinese, and CSV of the agents', () => {
    const t = wfm(['live', '--source', 'queue-log:queue_log', '--at', '2026-03-02 10:05', '--format', 'table', '--lang', 'zh-CN'], dir, env);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('实时快照 2026-03-02T10:05:00+08:00');
    expect(t.stdout).toMatch(/Agent\/1002\s+暂停 \(Lunch\)/);
    expect(t.stdout).toContain('billing：有来电已等待 1:40（上限 1:00）');
    const c = wfm(['live', '--source', 'queue-log:queue_log', '--at', '2026-03-02 10:05', '--format', 'csv'], dir, env);
    expect(c.stdout.split('\n')[0]).toBe('agent,state,since,queue,pauseReason,calls,ahtSeconds');
    expect(c.stdout.split('\n')[2]).toBe('Agent/1002,paused,2026-03-02T10:02:30+08:00,billing,Lunch,0,');
  });

  it('prints a simulated floor with --source sim', () => {
    const r = wfm(['live', '--source', 'sim', '--seats', '20', '--seed', '3'], dir, env);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.queues.map((q: { queue: string }) => q.queue)).toEqual(['billing', 'complaints', 'fault', 'vip']);
    expect(j.agents.length).toBe(20); // 8 + 6 + 4 + 2 seats
    expect(j.queues.reduce((n: number, q: { offered: number }) => n + q.offered, 0)).toBeGreaterThan(50); // an hour of warm-up
  });

  it('exits 2 with a message for bad usage', () => {
    const bad = wfm(['live', '--source', 'nowhere'], dir, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"nowhere" is not a source');
    const at = wfm(['live', '--source', 'sim', '--at', '2026-03-02 10:00'], dir, env);
    expect(at.code).toBe(2);
    expect(at.stderr).toContain('--at replays a log');
    const missing = wfm(['live', '--source', 'queue-log:nope.log'], dir, env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.log');
    const ami = wfm(['live', '--source', 'ami://wfm@127.0.0.1:1'], dir, env);
    expect(ami.code).toBe(2);
    expect(ami.stderr).toContain('WFM_AMI_SECRET');
    const roster = wfm(['live', '--source', 'sim', '--roster', 'r.csv'], dir, env);
    expect(roster.code).toBe(2);
  });

  it('never prints the AMI secret, even when the connection fails', () => {
    const r = wfm(['live', '--source', 'ami://wfm@127.0.0.1:1'], dir, { ...env, WFM_AMI_SECRET: 'TopSecret-42' });
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toContain('TopSecret-42');
  });
});
