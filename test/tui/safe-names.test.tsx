/**
 * The live board with hostile names (issue 15, item 8): a queue named ESC ] 0 ; pwned BEL (which
 * retitled the terminal on every frame), agents and pause reasons with CSI, C1 and DEL, a roster team
 * with BEL, and a filter pasted with an escape in it. Every frame is free of raw control
 * characters (with colours off; with colours on, free of any but Ink's own SGR colour sequences),
 * and the names show as visible escapes, aligned.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { fit } from '../../src/tui/components.js';
import { makeTheme } from '../../src/tui/theme.js';
import { BaseSource } from '../../src/live/source.js';
import { DEFAULT_THRESHOLDS } from '../../src/live/alerts.js';
import { rosterFromShifts } from '../../src/live/roster.js';
import type { LiveEvent } from '../../src/live/types.js';

// eslint-disable-next-line no-control-regex -- what must not reach the terminal
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- Ink's own colour sequences
const SGR = /\u001b\[[0-9;]*m/g;

const TITLE = '\u001b]0;pwned\u0007';
const QUEUE = `vip${TITLE}`;
const AGENT = 'Ag\u001b[2J1';
const AGENT2 = 'Ag2\u009b31m\u007f';
const REASON = `Lunch${TITLE}`;

class ManualSource extends BaseSource {
  constructor() {
    super({ zone: 'UTC', wrapupS: 0 });
    this.status = { kind: 'ok' };
  }
  async start() {}
  async close() {}
  push(events: LiveEvent[]) {
    this.emit(events);
  }
}

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);
const s = (sec: number) => T0 + sec * 1000;
const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function floor(): ManualSource {
  const src = new ManualSource();
  src.push([
    { kind: 'agentLogin', t: s(0), agent: AGENT, queue: QUEUE },
    { kind: 'agentLogin', t: s(0), agent: AGENT2, queue: QUEUE },
    { kind: 'callJoin', t: s(10), queue: QUEUE, callId: 'c1' },
    { kind: 'agentPause', t: s(20), agent: AGENT2, queue: QUEUE, reason: REASON },
    // a caller waiting 4 minutes: the long-wait alert quotes the queue
    { kind: 'callJoin', t: s(30), queue: QUEUE, callId: 'c2' },
  ]);
  return src;
}

function app(src: ManualSource, color: boolean) {
  const roster = rosterFromShifts([{ agent: AGENT, queues: [QUEUE], team: `team${TITLE}`, startMs: s(-3600), endMs: s(7200), breaks: [] }]);
  return render(
    <App
      source={src}
      clock={() => s(290)}
      thresholds={{ ...DEFAULT_THRESHOLDS, maxWaitS: 60 }}
      lang="en"
      zone="UTC"
      theme={makeTheme(color)}
      size={{ columns: 120, rows: 30 }}
      minFrameMs={0}
      roster={roster}
    />,
  );
}

const clean = (frames: readonly string[]) => frames.map((f) => f.replace(SGR, ''));

describe('the live board with control characters in names', () => {
  it('fit() shows them as escapes and measures the escape', () => {
    expect(fit(QUEUE, 24)).toBe('vip\\x1B]0;pwned\\x07' + ' '.repeat(5));
    expect(fit(QUEUE, 12)).toBe('vip\\x1B]0;p…');
    expect(fit('投诉\u0007', 10)).toBe('投诉\\x07  ');
  });

  it('no frame carries a raw control character; the names show escaped', async () => {
    for (const color of [false, true]) {
      const src = floor();
      const r = app(src, color);
      await tick();
      // the screen redraws on events and each second: several frames
      src.push([{ kind: 'callJoin', t: s(100), queue: QUEUE, callId: 'c3' }]);
      await tick();
      for (const key of ['t', 't', '/', 'x\u001b]0;f\u0007', '\r']) {
        r.stdin.write(key);
        await tick();
      }
      const frames = color ? clean(r.frames) : r.frames;
      expect(frames.length).toBeGreaterThan(3);
      for (const f of frames) expect(f).not.toMatch(RAW_CONTROL);
      const all = frames.join('\n');
      expect(all).toContain('vip\\x1B]0;p'); // the header cuts the queue to 12 cells
      expect(all).toContain('Ag\\x1B[2J1');
      expect(all).toContain('Ag2\\x9B31m\\x7F');
      expect(all).toContain('paused: Lunch\\x1B'); // the state column cuts the reason
      expect(all).toContain('team\\x1B]0;pw…'); // the team view cuts the team to 14 cells
      expect(all).toContain('vip\\x1B]0;pwned\\x07: a caller has waited'); // the long-wait alert
      expect(all).toContain('filter: x]0;f\\x07'); // the pasted filter (Ink reads the ESC as a key)
      r.unmount();
    }
  });
});
