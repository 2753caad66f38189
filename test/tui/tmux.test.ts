/**
 * End to end on a real terminal: `wfm live` under tmux (send-keys, capture-pane). Skipped when tmux
 * is not installed (.ci/run installs it from the Debian packages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SESSION = `wfm-live-${process.pid}`;
let dir = '';

const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const capture = () => tmux('capture-pane', '-p', '-t', SESSION).stdout;
async function waitFor(pred: (screen: string) => boolean, ms = 15_000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = capture();
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('screen never matched; last screen:\n' + last);
}

describe.skipIf(!hasTmux)('wfm live under tmux', () => {
  beforeAll(() => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      /* other areas' type errors still emit */
    }
    dir = mkdtempSync(join(tmpdir(), 'wfm-tmux-'));
    const now = Math.floor(Date.now() / 1000);
    writeFileSync(
      join(dir, 'queue_log'),
      [`${now - 100}|NONE|billing|Agent/1001|ADDMEMBER|`, `${now - 100}|NONE|billing|Agent/1002|ADDMEMBER|`, `${now - 50}|c1|billing|NONE|ENTERQUEUE||1|1`].join('\n') + '\n',
    );
  });
  afterAll(() => {
    tmux('kill-session', '-t', SESSION);
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the screen, follows appends, answers keys and quits on q', async () => {
    // a clean environment: what the test runner sets (NODE_ENV=test, VITEST...) must not reach the app
    const cmd = `cd ${dir} && env -i PATH="${process.env.PATH}" HOME="${process.env.HOME ?? '/tmp'}" TERM=screen NO_COLOR=1 WFM_TZ=UTC LANG=C ${process.execPath} ${join(ROOT, 'bin', 'wfm.js')} live --source queue-log:queue_log; sleep 0.2`;
    const r = tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', cmd);
    expect(r.status).toBe(0);
    let screen = await waitFor((s) => s.includes('Seats 2 of 2'));
    expect(screen).toMatch(/billing\s+waiting\s+1/);
    expect(screen).not.toContain('\x1b'); // no escape character at all
    // a CONNECT appended to the log reaches the screen
    appendFileSync(join(dir, 'queue_log'), `${Math.floor(Date.now() / 1000)}|c1|billing|Agent/1001|CONNECT|50|x|1\n`);
    screen = await waitFor((s) => /Agent\/1001\s+talking/.test(s));
    expect(screen).toMatch(/billing\s+waiting\s+0/);
    tmux('send-keys', '-t', SESSION, '-l', '?');
    await waitFor((s) => s.includes('cycle sort: name, state, time in state, queue'));
    // typed one key at a time, as a person does (see the report: keys arriving in one read)
    const type = async (...keys: string[][]) => {
      for (const k of keys) {
        tmux('send-keys', '-t', SESSION, ...k);
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    await type(['-l', 'x'], ['-l', '/'], ['-l', '1'], ['-l', '0'], ['-l', '0'], ['-l', '2'], ['Enter']);
    screen = await waitFor((s) => s.includes('Seats 1 of 2'));
    expect(screen).toMatch(/Agent\/1002\s+available/);
    // resize: the board follows the new width
    tmux('resize-window', '-t', SESSION, '-x', '70', '-y', '30');
    await waitFor((s) => s.split('\n').every((l) => l.length <= 70) && s.includes('Seats 1 of 2')); // throws if never
    tmux('send-keys', '-t', SESSION, '-l', 'q');
    const end = Date.now() + 10_000;
    while (Date.now() < end && tmux('has-session', '-t', SESSION).status === 0) await new Promise((r) => setTimeout(r, 100));
    expect(tmux('has-session', '-t', SESSION).status).not.toBe(0);
  });
});
