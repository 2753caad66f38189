/**
 * Control characters in queue and agent names never reach stdout or stderr raw (issue 15, item 8,
 * the output half), through the built CLI and in-process through `main` (which has no last-line
 * filter on its streams, so the renderers themselves are tested).
 *
 * The names are written into the store directly, as a store made before the import readers refused
 * them would hold them; and into files the commands read without importing (a demand CSV, a
 * queue_log followed by `wfm live`). Whatever a command answers (a result, or exit 2 refusing the
 * input), no ESC, BEL, other C0 control but the line feed, DEL or C1 control is in what it prints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { openStore } from '../../src/store/index.js';
import type { AgentEvent, CallRecord } from '../../src/cdr/types.js';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';

/** Any C0 control but the line feed, DEL, any C1 control. */
// eslint-disable-next-line no-control-regex -- what must not be printed
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const TITLE = '\u001b]0;pwned\u0007';
const QUEUE = `vip${TITLE}`;
const QUEUE2 = `投诉\u009b2J`;
const AGENT = `Agent\u001b[2J/1`;
const AGENT2 = `Agent/2\u0007\u0085`;
const REASON = `Lunch${TITLE}`;
const SHOWN_QUEUE = 'vip\\x1B]0;pwned\\x07';

let dir: string;
const DAY = '2026-12-07';
const T0 = Date.UTC(2026, 11, 7, 9);

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-terminal-'));
  const store = await openStore(join(dir, 'wfm.db'), { mode: 'write' });
  try {
    const calls: CallRecord[] = [];
    for (let i = 0; i < 40; i++) {
      const base = { callId: `c${i}`, enteredMs: T0 + i * 300_000, ringNoAnswers: 0, transfer: null, wrapS: null, source: 'queue_log' } as const;
      // long waits and abandons: the service level and abandon rate alerts fire
      if (i % 4 === 3) calls.push({ ...base, queue: i % 2 ? QUEUE : QUEUE2, outcome: 'abandoned', waitS: 90, agent: null, talkS: null });
      else calls.push({ ...base, queue: i % 2 ? QUEUE : QUEUE2, outcome: 'answered', waitS: 60, agent: i % 3 ? AGENT : AGENT2, talkS: 100 + i * 20 });
    }
    await store.importCalls('default', calls, 'UTC');
    const events: AgentEvent[] = [
      { agent: AGENT, queue: QUEUE, kind: 'login', timeMs: T0 - 600_000, reason: null },
      { agent: AGENT2, queue: QUEUE2, kind: 'login', timeMs: T0 - 600_000, reason: null },
      { agent: AGENT, queue: QUEUE, kind: 'pause', timeMs: T0 + 3_600_000, reason: REASON },
      { agent: AGENT, queue: QUEUE, kind: 'unpause', timeMs: T0 + 4_000_000, reason: null },
    ];
    await store.importAgentEvents('default', events, 'UTC');
  } finally {
    await store.close();
  }
  writeFileSync(join(dir, 'demand.csv'), `interval_start,queue,calls,aht\n${DAY} 09:00,${QUEUE},30,180\n${DAY} 09:00,${QUEUE2},12,240\n`);
  writeFileSync(join(dir, 'bad.csv'), `interval_start,queue,calls,aht\n${DAY} 09:00,${QUEUE},three${TITLE},180\n`);
  const now = Math.floor(Date.now() / 1000);
  writeFileSync(
    join(dir, 'queue_log'),
    [
      `${now - 100}|NONE|${QUEUE}|${AGENT}|ADDMEMBER|`,
      `${now - 100}|NONE|${QUEUE}|${AGENT2}|ADDMEMBER|`,
      `${now - 90}|NONE|${QUEUE}|${AGENT2}|PAUSE|${REASON}`,
      `${now - 50}|c1|${QUEUE}|NONE|ENTERQUEUE||1|1`,
      `${now - 40}|c2|${QUEUE2}|NONE|ENTERQUEUE||1|1`,
      // a clean queue and agent with a hostile pause reason: the line is kept, the reason neutralised
      `${now - 100}|NONE|billing|Agent/3|ADDMEMBER|`,
      `${now - 90}|NONE|billing|Agent/3|PAUSE|${REASON}`,
      `${now - 30}|c3|billing|NONE|ENTERQUEUE||1|1`,
    ].join('\n') + '\n',
  );
});

/** The command lines, each with what its output must show (the escaped name) when it succeeds. */
const RUNS: { args: string[]; shows?: string }[] = [
  { args: ['report', 'sla', '--from', DAY, '--to', DAY, '--format', 'table'], shows: SHOWN_QUEUE },
  { args: ['report', 'sla', '--from', DAY, '--to', DAY, '--format', 'csv'], shows: SHOWN_QUEUE },
  { args: ['report', 'sla', '--from', DAY, '--to', DAY, '--format', 'json'] },
  { args: ['report', 'sla', '--from', DAY, '--to', DAY, '--by', 'agent', '--format', 'table'] },
  { args: ['report', 'daily', '--date', DAY, '--format', 'md'], shows: SHOWN_QUEUE },
  { args: ['report', 'daily', '--date', DAY, '--format', 'html'], shows: SHOWN_QUEUE },
  { args: ['report', 'daily', '--date', DAY, '--format', 'csv'] },
  { args: ['alerts', 'check', '--date', DAY], shows: SHOWN_QUEUE },
  { args: ['alerts', 'check', '--date', DAY, '--format', 'csv'] },
  { args: ['alerts', 'check', '--date', DAY, '--format', 'json'] },
  { args: ['staff', '--input', 'demand.csv', '--interval', '30', '--format', 'table'], shows: SHOWN_QUEUE },
  { args: ['staff', '--input', 'demand.csv', '--interval', '30', '--format', 'csv'] },
  { args: ['staff', '--input', 'bad.csv', '--interval', '30', '--format', 'table'] },
  { args: ['staff', '--input', 'bad.csv', '--interval', '30', '--strict'] },
  { args: ['staff', '--input', `missing${TITLE}.csv`] },
  // the queue_log lines naming hostile queues or agents are rejected as `wfm import queue-log` rejects them
  { args: ['live', '--source', 'queue-log:queue_log', '--format', 'table'], shows: 'billing' },
  { args: ['live', '--source', 'queue-log:queue_log', '--format', 'csv'] },
  { args: ['live', '--source', `queue-log:nowhere${TITLE}`, '--format', 'table'] },
  { args: ['live', '--source', `bogus${TITLE}`] },
  { args: ['erlang', '--calls', `12${TITLE}`, '--aht', '180'] },
  { args: ['erlang', `--calls${TITLE}`, '12'] },
  { args: [`erlang${TITLE}`] },
  { args: ['forecast', '--start', '2026-12-08', '--days', '1', '--format', 'table'] },
];

describe('no raw control character reaches the terminal', () => {
  it('through the built CLI', () => {
    for (const { args, shows } of RUNS) {
      const r = wfm([...args, '--tz', 'UTC'], dir);
      const label = `wfm ${args.join(' ')} (exit ${r.code})`;
      expect(r.code, label + '\n' + r.stderr).toBeLessThan(6);
      expect(r.stdout, label).not.toMatch(RAW_CONTROL);
      expect(r.stderr, label).not.toMatch(RAW_CONTROL);
      if (shows && r.code !== 2) expect(r.stdout, label).toContain(shows);
    }
  });

  it('in-process, from the renderers themselves', async () => {
    for (const { args } of RUNS) {
      let stdout = '';
      let stderr = '';
      const code = await main([...args, '--tz', 'UTC'], {
        stdout: { write: (s) => void (stdout += s), isTTY: false },
        stderr: { write: (s) => void (stderr += s), isTTY: false },
        env: { LANG: 'C' },
        cwd: dir,
        now: () => new Date('2026-12-08T08:00:00Z'),
      });
      const label = `wfm ${args.join(' ')} (exit ${code})`;
      expect(stdout, label).not.toMatch(RAW_CONTROL);
      expect(stderr, label).not.toMatch(RAW_CONTROL);
    }
  });

  it('the queue_log board drops lines naming hostile queues or agents (as the import rejects them) and neutralises a pause reason', () => {
    const table = wfm(['live', '--source', 'queue-log:queue_log', '--format', 'table', '--tz', 'UTC'], dir);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(RAW_CONTROL);
    expect(table.stdout).not.toContain('vip');
    expect(table.stdout).toContain('Lunch\uFFFD]0;pwned\uFFFD');
    const json = wfm(['live', '--source', 'queue-log:queue_log', '--format', 'json', '--tz', 'UTC'], dir);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const snap = JSON.parse(json.stdout) as { queues: { queue: string; waiting: number }[]; agents: { agent: string; pauseReason: string | null }[] };
    expect(snap.queues.map((q) => [q.queue, q.waiting])).toEqual([['billing', 1]]);
    expect(snap.agents.map((a) => [a.agent, a.pauseReason])).toEqual([['Agent/3', 'Lunch\uFFFD]0;pwned\uFFFD']]);
  });
});
