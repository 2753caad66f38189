/**
 * Alerts of the live view, from a snapshot and thresholds. Pure.
 *
 * - slBelow: a queue's service level in the current interval below `slTarget` (only once at least
 *   `minOffered` calls were offered in the interval, so one early abandon does not fire it)
 * - longWait: a queue's longest current wait above `maxWaitS`
 * - pausedLong / talkingLong: an agent paused / talking for longer than `maxPauseS` / `maxTalkS`
 * - outOfAdherence: an agent out of adherence for longer than `adherenceToleranceS`
 */
import type { Alert, LiveSnapshot } from './types.js';

export interface AlertThresholds {
  /** Service-level target as a share (0.8 for 80%). */
  slTarget: number;
  /** SL within this many points of the target shows amber instead of red (a share, e.g. 0.1). */
  slAmberMargin: number;
  minOffered: number;
  maxWaitS: number;
  maxPauseS: number;
  maxTalkS: number;
  adherenceToleranceS: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  slTarget: 0.8,
  slAmberMargin: 0.1,
  minOffered: 5,
  maxWaitS: 60,
  maxPauseS: 15 * 60,
  maxTalkS: 10 * 60,
  adherenceToleranceS: 5 * 60,
};

/** The alerts that hold in `snap`: queue alerts first (by queue), then agent alerts (by agent). */
export function computeAlerts(snap: LiveSnapshot, th: AlertThresholds): Alert[] {
  const out: Alert[] = [];
  for (const q of snap.queues) {
    const sl = q.interval.serviceLevel;
    if (sl !== null && q.interval.offered >= th.minOffered && sl < th.slTarget) {
      out.push({ kind: 'slBelow', subject: q.queue, value: sl, limit: th.slTarget });
    }
    if (q.longestWaitSeconds > th.maxWaitS) out.push({ kind: 'longWait', subject: q.queue, value: q.longestWaitSeconds, limit: th.maxWaitS });
  }
  for (const a of snap.agents) {
    const inState = Math.floor((snap.atMs - a.sinceMs) / 1000);
    if (a.state === 'paused' && inState > th.maxPauseS) out.push({ kind: 'pausedLong', subject: a.agent, value: inState, limit: th.maxPauseS });
    if (a.state === 'talking' && inState > th.maxTalkS) out.push({ kind: 'talkingLong', subject: a.agent, value: inState, limit: th.maxTalkS });
    if (a.adherence && !a.adherence.adherent && a.adherence.outSeconds > th.adherenceToleranceS) {
      out.push({ kind: 'outOfAdherence', subject: a.agent, value: a.adherence.outSeconds, limit: th.adherenceToleranceS });
    }
  }
  return out;
}

export type Level = 'good' | 'warn' | 'bad';

/** Colour level of a service level: good at or above target, warn within the amber margin, bad below. */
export function slLevel(sl: number | null, th: AlertThresholds): Level | null {
  if (sl === null) return null;
  if (sl >= th.slTarget) return 'good';
  return sl >= th.slTarget - th.slAmberMargin ? 'warn' : 'bad';
}

/** Colour level of a wait: good below half the limit, warn up to the limit, bad above. */
export function waitLevel(seconds: number, th: AlertThresholds): Level {
  if (seconds > th.maxWaitS) return 'bad';
  return seconds >= th.maxWaitS / 2 ? 'warn' : 'good';
}
