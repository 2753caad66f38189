/**
 * `--source queue-log:PATH`: an Asterisk queue_log followed as it grows (see follower.ts), starting
 * from the sliding window (default the last 8 hours). With `untilMs` it replays the log up to that
 * moment and does not follow (`--at`).
 */
import { BaseSource } from './source.js';
import { FileFollower } from './follower.js';
import { queueLogLineToEvent, quickLineTime } from './queue-log-events.js';
import type { LiveOptions } from './reducer.js';
import type { LiveEvent } from './types.js';

export interface QueueLogSourceOptions {
  path: string;
  live: Partial<LiveOptions> & { zone: string };
  /** The clock (epoch ms). */
  now: () => number;
  /** Replay up to this time and stop (no following). */
  untilMs?: number;
  /** Keep following after the initial read (default true unless untilMs is given). */
  follow?: boolean;
  pollMs?: number;
}

export class QueueLogSource extends BaseSource {
  private follower: FileFollower | null = null;
  /** Lines read that gave no event (ignored or unreadable). */
  skipped = 0;

  constructor(private readonly o: QueueLogSourceOptions) {
    super(o.live);
  }

  async start(): Promise<void> {
    const windowMs = this.state.opts.windowMs;
    const refMs = this.o.untilMs ?? this.o.now();
    const untilMs = this.o.untilMs;
    const parseOpts = { zone: this.state.opts.zone, nowMs: refMs };
    const onLines = (lines: string[]) => {
      parseOpts.nowMs = Math.max(parseOpts.nowMs, this.o.now());
      const events: LiveEvent[] = [];
      for (const line of lines) {
        const e = queueLogLineToEvent(line, parseOpts);
        if (!e) {
          if (line.trim() !== '') this.skipped++;
          continue;
        }
        if (untilMs !== undefined && e.t > untilMs) continue;
        events.push(e);
      }
      this.emit(events);
    };
    this.follower = new FileFollower(this.o.path, onLines, {
      fromMs: refMs - windowMs,
      lineTime: quickLineTime,
      pollMs: this.o.pollMs,
    });
    const follow = this.o.follow ?? untilMs === undefined;
    this.follower.start(follow);
    this.setStatus(follow ? { kind: 'ok' } : { kind: 'ended' });
  }

  /** Step the follower once (tests). */
  poll(): void {
    this.follower?.poll();
  }

  async close(): Promise<void> {
    this.follower?.close();
    this.follower = null;
  }
}
