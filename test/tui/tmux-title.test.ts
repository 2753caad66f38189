/**
 * The report of issue 15, item 8, on a real terminal: a queue named ESC ] 0 ; pwned BEL in a
 * followed queue_log retitled the terminal on every frame of `wfm live`. Such a queue or agent name
 * is now a rejected line (as in `wfm import queue-log`); a pause reason is free text and is kept with
 * its control characters neutralised. Under tmux the pane's title is what OSC 0 sets; it must stay
 * as it was while the board shows both lines' effects. Skipped when tmux is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, BIN } from '../helpers/wfm-cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SESSION = `wfm-title-${process.pid}`;
let dir = '';

const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const capture = () => tmux('capture-pane', '-p', '-t', SESSION).stdout;
const title = () => tmux('display-message', '-p', '-t', SESSION, '#{pane_title}').stdout.trim();

describe.skipIf(!hasTmux)('wfm live under tmux, a queue named to retitle the terminal', () => {
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'wfm-title-'));
    const now = Math.floor(Date.now() / 1000);
    const evil = '\u001b]0;pwned\u0007';
    writeFileSync(
      join(dir, 'queue_log'),
      [
        `${now - 100}|NONE|vip${evil}|Agent/1001|ADDMEMBER|`,
        `${now - 100}|NONE|vip|Agent/1002|ADDMEMBER|`,
        `${now - 90}|NONE|vip|Agent/1002|PAUSE|Lunch${evil}`,
        `${now - 50}|c1|vip|NONE|ENTERQUEUE||1|1`,
      ].join('\n') + '\n',
    );
  });
  afterAll(() => {
    tmux('kill-session', '-t', SESSION);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the pane title; the hostile queue is not shown, the pause reason is neutralised', async () => {
    const cmd = `cd ${dir} && printf '\\033]0;before\\007' && env -i PATH="${process.env.PATH}" HOME="${process.env.HOME ?? '/tmp'}" TERM=screen NO_COLOR=1 WFM_TZ=UTC LANG=C ${process.execPath} ${BIN} live --source queue-log:queue_log; sleep 5`;
    expect(tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', cmd).status).toBe(0);
    const end = Date.now() + 15_000;
    let screen = '';
    while (Date.now() < end && !screen.includes('Seats 1 of 1')) {
      await new Promise((r) => setTimeout(r, 150));
      screen = capture();
    }
    expect(screen).toContain('Seats 1 of 1');
    // a few frames (the clock redraws every second)
    await new Promise((r) => setTimeout(r, 2500));
    expect(title()).toBe('before');
    const shown = capture();
    expect(shown).toContain('Agent/1002       paused: Lunch');
    expect(shown).not.toContain('vip\\x1B');
    tmux('send-keys', '-t', SESSION, '-l', 'q');
  });
});
