/**
 * `--source sim`: the discrete-event simulator of src/sim played back in real time (or faster with
 * `--speed`). The simulation starts `warmupMs` (simulated time) before the start, and that warm-up
 * is played at once, so the screen opens on a floor in full swing. Its queue_log lines go through
 * the same parser as a real log.
 *
 * Default floor: the hotline's four queues (billing, fault, complaints, vip) with `agents` seats
 * split 40/30/20/10 %, calls per half hour sized for about 85 % occupancy (offered load
 * = 0.85 x agents Erlangs; calls = load x 1800 / AHT), talk lognormal (mean 240 s, cv 0.6),
 * exponential patience (mean 180 s), 15 s wrap-up, and about one personal pause per agent per 2 h.
 */
import { queueLogEvents, formatQueueLogLine, type SimInput, type QueueLogEvent } from '../sim/index.js';
import { BaseSource } from './source.js';
import { queueLogLineToEvent } from './queue-log-events.js';
import type { LiveOptions } from './reducer.js';
import type { LiveEvent } from './types.js';

export interface SimSourceOptions {
  live: Partial<LiveOptions> & { zone: string };
  /** Wall clock, epoch ms. */
  now: () => number;
  /** Simulated seconds per wall second (default 1). */
  speed?: number;
  seed?: number;
  /** Seats on the floor (default 60). */
  agents?: number;
  /** Simulated time played at start, ms (default 1 h). */
  warmupMs?: number;
  /** Simulated horizon, hours (default 24). */
  hours?: number;
  /** Playback tick, ms (default 200). */
  tickMs?: number;
}

const QUEUES: readonly { name: string; share: number }[] = [
  { name: 'billing', share: 0.4 },
  { name: 'fault', share: 0.3 },
  { name: 'complaints', share: 0.2 },
  { name: 'vip', share: 0.1 },
];
const AHT_S = 240;
const WRAP_S = 15;

/** The simulator input for a floor of `agents` seats starting at `startEpoch` (see the module comment). */
export function demoSimInput(agents: number, startEpoch: number, hours: number, seed: number): SimInput {
  const n = Math.max(1, Math.ceil((hours * 3600) / 1800));
  const counts: Record<string, number> = {};
  let left = agents;
  QUEUES.forEach((q, i) => {
    const c = i === QUEUES.length - 1 ? left : Math.max(1, Math.round(agents * q.share));
    counts[q.name] = Math.max(1, c);
    left -= c;
  });
  return {
    startEpoch,
    intervalSeconds: 1800,
    seed,
    queues: QUEUES.map((q) => ({
      name: q.name,
      expectedCalls: new Array(n).fill((0.85 * counts[q.name] * 1800) / (AHT_S + WRAP_S)),
      talk: { kind: 'lognormal', mean: AHT_S, cv: 0.6 },
      wrap: { kind: 'fixed', value: WRAP_S },
      patience: { kind: 'exponential', mean: 180 },
    })),
    staffing: { kind: 'flat', agents: counts },
    pauses: { perAgentPerHour: 0.5, duration: { kind: 'lognormal', mean: 300, cv: 0.5 }, reason: 'Personal' },
  };
}

export class SimSource extends BaseSource {
  private gen: Generator<QueueLogEvent, unknown, void> | null = null;
  private next: QueueLogEvent | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wall0 = 0;
  private sim0 = 0;
  private readonly speed: number;

  constructor(private readonly o: SimSourceOptions) {
    super({ wrapupS: WRAP_S, ...o.live });
    this.speed = o.speed ?? 1;
  }

  /** The simulated clock, epoch ms. */
  now(): number {
    return this.sim0 + (this.o.now() - this.wall0) * this.speed;
  }

  async start(): Promise<void> {
    this.wall0 = this.o.now();
    this.sim0 = this.wall0;
    const warm = this.o.warmupMs ?? 3_600_000;
    const startEpoch = Math.floor((this.wall0 - warm) / 1000);
    this.gen = queueLogEvents(demoSimInput(this.o.agents ?? 60, startEpoch, this.o.hours ?? 24, this.o.seed ?? 1));
    this.advance();
    this.setStatus({ kind: 'ok' });
    this.timer = setInterval(() => this.advance(), this.o.tickMs ?? 200);
  }

  /** Play every simulated event up to the simulated now. */
  advance(): void {
    if (!this.gen) return;
    const until = this.now();
    const opts = { zone: this.state.opts.zone, nowMs: until + 86_400_000 };
    const batch: LiveEvent[] = [];
    for (;;) {
      if (!this.next) {
        const r = this.gen.next();
        if (r.done) {
          this.gen = null;
          if (this.timer) clearInterval(this.timer);
          this.setStatus({ kind: 'ended' });
          break;
        }
        this.next = r.value;
      }
      if (this.next.time * 1000 > until) break;
      const e = queueLogLineToEvent(formatQueueLogLine(this.next), opts);
      if (e) batch.push(e);
      this.next = null;
    }
    this.emit(batch);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.gen = null;
  }
}
