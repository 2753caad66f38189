/**
 * The one interface every live source implements (queue_log follower, AMI client, simulator), and a
 * base class that keeps the reducer state and the listeners.
 */
import { LiveState, type LiveOptions } from './reducer.js';
import type { Roster } from './roster.js';
import type { AlertThresholds } from './alerts.js';
import type { LiveEvent, LiveSnapshot, SourceStatus } from './types.js';

export interface SnapshotExtras {
  roster?: Roster;
  thresholds?: AlertThresholds;
}

export interface LiveSource {
  /** Load the initial state (log replay, AMI login and QueueStatus, simulator warm-up) and start following. */
  start(): Promise<void>;
  /** The view as of `nowMs`. */
  snapshot(nowMs: number, extras?: SnapshotExtras): LiveSnapshot;
  /**
   * Calls that entered each queue in [fromMs, toMs), per minute of entry (epoch minute → calls), as far
   * back as the source has followed them (the intraday panel's counts of the day).
   */
  enteredByMinute?(fromMs: number, toMs: number): Map<string, Map<number, number>>;
  /** Call `listener` after each batch of events or status change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Stop following and release files and sockets. */
  close(): Promise<void>;
}

/** Keeps the reducer, the status and the listeners; subclasses push events with `emit`. */
export abstract class BaseSource implements LiveSource {
  readonly state: LiveState;
  protected status: SourceStatus = { kind: 'connecting' };
  private readonly listeners = new Set<() => void>();

  constructor(opts: Partial<LiveOptions>) {
    this.state = new LiveState(opts);
  }

  abstract start(): Promise<void>;
  abstract close(): Promise<void>;

  snapshot(nowMs: number, extras: SnapshotExtras = {}): LiveSnapshot {
    return this.state.snapshot(nowMs, { ...extras, status: this.status });
  }

  enteredByMinute(fromMs: number, toMs: number): Map<string, Map<number, number>> {
    return this.state.enteredByMinute(fromMs, toMs);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(events: readonly LiveEvent[]): void {
    for (const e of events) this.state.apply(e);
    if (events.length > 0) this.notify();
  }

  protected setStatus(s: SourceStatus): void {
    this.status = s;
    this.notify();
  }

  protected notify(): void {
    for (const l of this.listeners) l();
  }
}

/** The clock a source runs on: the simulator's own time, else the wall clock. */
export function sourceClock(source: LiveSource, wall: () => number): () => number {
  const s = source as LiveSource & { now?: () => number };
  return typeof s.now === 'function' ? () => s.now!() : wall;
}
