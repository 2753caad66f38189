/**
 * The machine shape of a snapshot (`wfm live --format json`), as the issue defines it:
 * `{ at, queues: [{queue, waiting, longestWaitSeconds, offered, answered, abandoned, serviceLevel,
 * agents: {available, ringing, talking, wrapup, paused, loggedOut}}], agents: [{agent, state, since,
 * queue, pauseReason, calls, ahtSeconds}] }`. Counts are over the sliding window. Times are ISO 8601
 * with the site's offset.
 */
import { DateTime } from 'luxon';
import type { LiveSnapshot, SeatState } from './types.js';

export interface SnapshotJson {
  at: string;
  queues: {
    queue: string;
    waiting: number;
    longestWaitSeconds: number;
    offered: number;
    answered: number;
    abandoned: number;
    serviceLevel: number | null;
    agents: Record<SeatState, number>;
  }[];
  agents: {
    agent: string;
    state: SeatState;
    since: string;
    queue: string | null;
    pauseReason: string | null;
    calls: number;
    ahtSeconds: number | null;
  }[];
}

/** ISO 8601 with the zone's offset, whole seconds. */
export function isoAt(ms: number, zone: string): string {
  return DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

export function snapshotJson(s: LiveSnapshot, zone: string): SnapshotJson {
  return {
    at: isoAt(s.atMs, zone),
    queues: s.queues.map((q) => ({
      queue: q.queue,
      waiting: q.waiting,
      longestWaitSeconds: q.longestWaitSeconds,
      offered: q.window.offered,
      answered: q.window.answered,
      abandoned: q.window.abandoned,
      serviceLevel: q.window.serviceLevel,
      agents: { ...q.agents },
    })),
    agents: s.agents.map((a) => ({
      agent: a.agent,
      state: a.state,
      since: isoAt(a.sinceMs, zone),
      queue: a.queue,
      pauseReason: a.pauseReason,
      calls: a.calls,
      ahtSeconds: a.ahtSeconds,
    })),
  };
}
