/**
 * bench/live: the `wfm live` screen with 1,000 seats and about 50 events per second.
 *
 * Source: the simulator (src/live/sim-source.ts) with 1,000 seats, played at the speed that gives
 * ~50 queue_log events per second of wall time; the App renders into an in-memory 160x50 terminal
 * at the screen's own pace (snapshot on events at most every 250 ms, clock every second).
 * Measures: Ink render time per frame (onRender), snapshot time, CPU share of one core
 * (process.cpuUsage over wall time, whole process: simulator + reducer + React + Ink), and heap
 * used sampled every 5 s (flat = no growth beyond noise after warm-up).
 *
 * Run: npx vite-node bench/live.ts [seconds=60]
 */
import { Readable, Writable } from 'node:stream';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../src/tui/App.js';
import { makeTheme } from '../src/tui/theme.js';
import { SimSource } from '../src/live/sim-source.js';
import { DEFAULT_THRESHOLDS } from '../src/live/alerts.js';

const seconds = Number(process.argv[2] ?? process.env.BENCH_SECONDS ?? 60);
const SEATS = 1000;
const SPEED = 4.6; // ~50 events/s at 1,000 seats (measured below)

class FakeTty extends Writable {
  columns = 160;
  rows = 50;
  isTTY = true;
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.bytes += chunk.length;
    cb();
  }
}

/** A terminal's input that never types: Ink needs raw mode for its key handling. */
class FakeTtyIn extends Readable {
  isTTY = true;
  override _read() {}
  setRawMode() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
}

async function main() {
  const src = new SimSource({ live: { zone: 'Asia/Shanghai' }, now: () => Date.now(), speed: SPEED, agents: SEATS, seed: 11, warmupMs: 3_600_000, tickMs: 100 });
  await src.start();
  const warmEvents = src.state.applied;
  const out = new FakeTty();
  const renderTimes: number[] = [];
  const snapTimes: number[] = [];
  const clock = () => src.now();
  const timedSource = {
    start: () => src.start(),
    close: () => src.close(),
    subscribe: (l: () => void) => src.subscribe(l),
    snapshot: (now: number, extras?: Parameters<typeof src.snapshot>[1]) => {
      const t0 = performance.now();
      const s = src.snapshot(now, extras);
      snapTimes.push(performance.now() - t0);
      return s;
    },
  };
  const app = render(
    createElement(App, { source: timedSource, clock, thresholds: DEFAULT_THRESHOLDS, lang: 'en', zone: 'Asia/Shanghai', theme: makeTheme(true) }),
    { stdout: out as unknown as NodeJS.WriteStream, stdin: new FakeTtyIn() as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false, maxFps: 10, onRender: (m) => renderTimes.push(m.renderTime) },
  );
  const heap: number[] = [];
  const startEvents = src.state.applied;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sampler = setInterval(() => heap.push(process.memoryUsage().heapUsed / 1048576), 5000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(sampler);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const events = src.state.applied - startEvents;
  app.unmount();
  await src.close();
  const q = (a: number[], p: number) => {
    const s = [...a].sort((x, y) => x - y);
    return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
  };
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const result = {
    seconds: Number(wallS.toFixed(1)),
    seats: SEATS,
    agentsOnBoard: src.snapshot(src.now()).agents.length,
    warmupEvents: warmEvents,
    eventsPerSecond: Number((events / wallS).toFixed(1)),
    frames: renderTimes.length,
    renderMs: { mean: Number(mean(renderTimes).toFixed(2)), p50: Number(q(renderTimes, 0.5).toFixed(2)), p95: Number(q(renderTimes, 0.95).toFixed(2)), max: Number(Math.max(...renderTimes).toFixed(2)) },
    snapshotMs: { mean: Number(mean(snapTimes).toFixed(2)), p95: Number(q(snapTimes, 0.95).toFixed(2)) },
    cpuShareOfOneCore: Number(((cpu.user + cpu.system) / 1e6 / wallS).toFixed(3)),
    heapUsedMB: heap.map((h) => Number(h.toFixed(1))),
    bytesWritten: out.bytes,
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
