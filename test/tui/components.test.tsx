import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { makeTheme } from '../../src/tui/theme.js';
import { fit } from '../../src/tui/components.js';
import { BaseSource } from '../../src/live/source.js';
import { DEFAULT_THRESHOLDS } from '../../src/live/alerts.js';
import { rosterFromShifts } from '../../src/live/roster.js';
import { parseShifts } from '../../src/formats/shifts.js';
import type { LiveEvent } from '../../src/live/types.js';

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
  reconnecting() {
    this.setStatus({ kind: 'reconnecting', attempt: 2, retryInMs: 2000, reason: 'lost' });
  }
}

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);
const s = (sec: number) => T0 + sec * 1000;
const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function floor(): ManualSource {
  const src = new ManualSource();
  src.push([
    { kind: 'agentLogin', t: s(0), agent: 'Agent/1001', queue: 'billing' },
    { kind: 'agentLogin', t: s(0), agent: 'Agent/1002', queue: 'billing' },
    { kind: 'agentLogin', t: s(0), agent: 'Agent/2001', queue: 'vip' },
    { kind: 'callJoin', t: s(10), queue: 'billing', callId: 'c1' },
    { kind: 'callConnect', t: s(20), queue: 'billing', callId: 'c1', agent: 'Agent/1001', waitS: 10 },
    { kind: 'callJoin', t: s(30), queue: 'billing', callId: 'c2' },
    { kind: 'callAbandon', t: s(60), queue: 'billing', callId: 'c2', waitS: 30 },
    { kind: 'agentPause', t: s(100), agent: 'Agent/1002', queue: 'billing', reason: 'Lunch' },
    { kind: 'callJoin', t: s(200), queue: 'billing', callId: 'c3' },
  ]);
  return src;
}

function app(src: ManualSource, opts: { lang?: 'en' | 'zh-CN'; color?: boolean; columns?: number; rows?: number; now?: () => number; onQuit?: () => void; roster?: ReturnType<typeof rosterFromShifts> } = {}) {
  return render(
    <App
      source={src}
      clock={opts.now ?? (() => s(290))}
      thresholds={DEFAULT_THRESHOLDS}
      lang={opts.lang ?? 'en'}
      zone="Asia/Shanghai"
      theme={makeTheme(opts.color ?? false)}
      size={{ columns: opts.columns ?? 110, rows: opts.rows ?? 30 }}
      minFrameMs={0}
      roster={opts.roster}
      onQuit={opts.onQuit}
    />,
  );
}

const rowOf = (frame: string, agent: string) => frame.split('\n').find((l) => l.startsWith(agent)) ?? '';

describe('wfm live screen', () => {
  it('shows the clock, per-queue figures, agents by state, the seat board and the alerts', () => {
    const r = app(floor());
    const f = r.lastFrame()!;
    expect(f).toContain('wfm live  2026-03-02 10:04:50'); // 02:04:50 UTC in Asia/Shanghai
    expect(f).toContain('[connected]');
    // billing: c3 waiting since 200 s -> 90 s = 1:30; SL = 1 answered within / 2 offered = 50%
    const billing = f.split('\n').find((l) => l.startsWith('billing'))!;
    expect(billing).toMatch(/waiting\s+1\s+longest wait\s+1:30\s+SL\s+50% \/\s+50%/);
    expect(billing).toMatch(/aband\.\s+50\.0% \/\s+50\.0%/);
    expect(f).toMatch(/talking 1 {2}wrap-up 0 {2}paused 1/);
    // seat rows: state, time in state (m:ss), queue
    expect(rowOf(f, 'Agent/1001')).toMatch(/^Agent\/1001\s+talking\s+4:30\s+billing/);
    expect(rowOf(f, 'Agent/1002')).toMatch(/^Agent\/1002\s+paused: Lunch\s+3:10\s+billing/);
    expect(rowOf(f, 'Agent/2001')).toMatch(/available\s+4:50\s+vip/);
    // 90 s wait > 60 s limit
    expect(f).toContain('Alerts (1)');
    expect(f).toContain('billing: a caller has waited 1:30 (limit 1:00)');
    r.unmount();
  });

  it('speaks Chinese with --lang zh-CN and keeps wide characters aligned', () => {
    const r = app(floor(), { lang: 'zh-CN' });
    const f = r.lastFrame()!;
    expect(f).toContain('通话');
    expect(rowOf(f, 'Agent/1002')).toContain('暂停: Lunch');
    expect(f).toContain('告警 (1)');
    expect(fit('暂停', 6)).toBe('暂停  '); // two wide characters take four cells
    expect(fit('通话通话通话', 7)).toBe('通话通…'); // cut to 6 cells + ellipsis
    r.unmount();
  });

  it('keeps every key of a chunk typed or pasted at once (fast typing into the filter)', async () => {
    const r = app(floor());
    await tick();
    r.stdin.write('/vip');
    await tick();
    expect(r.lastFrame()!).toContain('Enter to apply, Esc to clear: vip');
    r.stdin.write('\r');
    await tick();
    expect(r.lastFrame()!).toContain('Seats 1 of 3');
    r.unmount();
  });

  it('prints no escape sequences with colours off (NO_COLOR)', () => {
    const r = app(floor(), { color: false });
    expect(r.lastFrame()!).not.toContain('\x1b['); // no CSI sequence
    r.unmount();
  });

  it('filters with /, cycles the sort with s, shows help with ?, team view with t', async () => {
    const r = app(floor());
    await tick();
    r.stdin.write('/');
    await tick();
    for (const ch of 'vip') {
      r.stdin.write(ch);
      await tick(20);
    }
    expect(r.lastFrame()!).toContain('filter (name/team/queue), Enter to apply, Esc to clear: vip');
    r.stdin.write('\r');
    await tick();
    let f = r.lastFrame()!;
    expect(f).toContain('Seats 1 of 3');
    expect(rowOf(f, 'Agent/1001')).toBe('');
    expect(rowOf(f, 'Agent/2001')).not.toBe('');
    r.stdin.write('/');
    await tick();
    r.stdin.write('\x1b'); // Esc clears the filter
    await tick();
    expect(r.lastFrame()!).toContain('Seats 3 of 3');
    // sort by state: available (2001) before talking (1001) before paused (1002)
    r.stdin.write('s');
    await tick();
    f = r.lastFrame()!;
    expect(f).toContain('sort: state');
    const order = f.split('\n').filter((l) => l.startsWith('Agent/')).map((l) => l.split(/\s+/)[0]);
    expect(order).toEqual(['Agent/2001', 'Agent/1001', 'Agent/1002']);
    r.stdin.write('s'); // time in state, longest first: 2001 (4:50), 1001 (4:30), 1002 (3:10)
    await tick();
    expect(r.lastFrame()!).toContain('sort: time in state');
    r.stdin.write('s'); // queue: billing (1001, 1002) before vip (2001)
    await tick();
    expect(r.lastFrame()!).toContain('sort: queue');
    expect(r.lastFrame()!.split('\n').filter((l) => l.startsWith('Agent/')).map((l) => l.split(/\s+/)[0])).toEqual(['Agent/1001', 'Agent/1002', 'Agent/2001']);
    r.stdin.write('s');
    await tick();
    r.stdin.write('s');
    await tick();
    r.stdin.write('s');
    await tick();
    expect(r.lastFrame()!.split('\n').filter((l) => l.startsWith('Agent/')).map((l) => l.split(/\s+/)[0])).toEqual(['Agent/2001', 'Agent/1001', 'Agent/1002']);
    r.stdin.write('?');
    await tick();
    expect(r.lastFrame()!).toContain('cycle sort: name, state, time in state, queue');
    r.stdin.write('x'); // any key closes help
    await tick();
    expect(r.lastFrame()!).not.toContain('cycle sort:');
    r.stdin.write('t');
    await tick();
    expect(r.lastFrame()!).toMatch(/\(no team\)\s+available 1 {2}ringing 0 {2}talking 1/);
    r.unmount();
  });

  it('freezes on space: new events do not show until space again', async () => {
    const src = floor();
    const r = app(src);
    await tick();
    r.stdin.write(' ');
    await tick();
    expect(r.lastFrame()!).toContain('FROZEN');
    src.push([{ kind: 'callComplete', t: s(280), queue: 'billing', callId: 'c1', agent: 'Agent/1001', waitS: 10, talkS: 260 }]);
    await tick();
    expect(rowOf(r.lastFrame()!, 'Agent/1001')).toContain('talking');
    r.stdin.write(' ');
    await tick();
    const f = r.lastFrame()!;
    expect(f).not.toContain('FROZEN');
    expect(rowOf(f, 'Agent/1001')).toMatch(/available\s+0:10\s+billing\s+1\s+260/);
    r.unmount();
  });

  it('shows a reconnecting source on screen', async () => {
    const src = floor();
    const r = app(src);
    src.reconnecting();
    await tick();
    expect(r.lastFrame()!).toContain('[connection lost: reconnecting in 2 s (attempt 2)]');
    r.unmount();
  });

  it('shows adherence from the roster and alerts beyond the tolerance', () => {
    const roster = rosterFromShifts(
      parseShifts(
        'agent,start,end,breaks,team\nAgent/1002,2026-03-02 09:00,2026-03-02 18:00,2026-03-02 12:00~2026-03-02 13:00,A\nAgent/1001,2026-03-02 09:00,2026-03-02 18:00,,B\nAgent/3001,2026-03-02 09:00,2026-03-02 18:00,,B\n',
        'Asia/Shanghai',
        'roster.csv',
      ),
    );
    const r = app(floor(), { roster, columns: 120 });
    const f = r.lastFrame()!;
    expect(rowOf(f, 'Agent/1001')).toMatch(/ ok$/);
    // 1002 is paused (since 10:01:40) while scheduled to work: out for 3:10, within the 5 min tolerance
    expect(rowOf(f, 'Agent/1002')).toContain('out 3:10 (sched. work)');
    // 3001 is on the roster but never logged in: out since the shift began at 09:00 -> 1:04:50
    expect(rowOf(f, 'Agent/3001')).toMatch(/logged out.*out 1:04:50 \(sched\. work\)/);
    expect(f).toContain('Agent/3001: out of adherence for 1:04:50 (tolerance 5:00)');
    r.unmount();
  });

  it('fits a narrow terminal and a short one (only the rows that fit, with a "more" line)', () => {
    const src = floor();
    src.push(Array.from({ length: 40 }, (_, i) => ({ kind: 'agentLogin' as const, t: s(1), agent: `Agent/9${String(i).padStart(3, '0')}`, queue: 'fault' })));
    const r = app(src, { columns: 60, rows: 24 });
    const f = r.lastFrame()!;
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(60);
    expect(f.split('\n').length).toBeLessThanOrEqual(26);
    expect(f).toMatch(/… \d+ more/);
    r.unmount();
  });

  it('quits on q', async () => {
    let quit = false;
    const r = app(floor(), { onQuit: () => (quit = true) });
    await tick();
    r.stdin.write('q');
    await tick();
    expect(quit).toBe(true);
    r.unmount();
  });
});
