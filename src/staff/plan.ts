/**
 * Requirements per interval: for each queue and interval, the agents on the phones that meet the
 * targets (Erlang C, or Erlang A with patience), the scheduled agents after shrinkage, and the
 * expected figures; per queue and day the totals. Pure.
 */
import {
  evaluate,
  requiredAgents,
  scheduledAgents,
  trafficFromCalls,
  trafficRatio,
  DEFAULT_THRESHOLD_SECONDS,
  type StaffingTargets,
} from '../queueing/index.js';

export interface DemandRow {
  queue: string;
  /** ISO 8601 with offset in the site's zone (the caller resolves zones). */
  intervalStart: string;
  /** Local calendar date of the interval (YYYY-MM-DD), for the day totals. */
  date: string;
  calls: number;
  /** Seconds; null only when calls = 0. */
  ahtSeconds: number | null;
}

/** A queue's staffing targets: what must be met, the shrinkage, and the patience for Erlang A. */
export interface QueueStaffing {
  targets: StaffingTargets;
  shrinkage: number;
  /** Mean caller patience, seconds: Erlang A; without it Erlang C. */
  patienceSeconds?: number;
}

export interface PlanOptions {
  intervalMinutes: number;
  /** Each queue's targets (a VIP queue at 90/10 beside billing at 80/20). */
  queue: (name: string) => QueueStaffing;
}

export interface IntervalRequirement {
  queue: string;
  intervalStart: string;
  calls: number;
  ahtSeconds: number | null;
  trafficErlangs: number;
  agents: number;
  scheduledAgents: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  probAbandon?: number;
}

export interface DayTotal {
  queue: string;
  date: string;
  calls: number;
  /** Agent-hours on the phones: sum of agents x interval hours. */
  agentHours: number;
  /** Scheduled agent-hours: sum of scheduled agents x interval hours. */
  scheduledHours: number;
  peakAgents: number;
  peakScheduledAgents: number;
  /** Call-weighted expected service level over the day (null with no calls). */
  serviceLevel: number | null;
}

export interface StaffPlan {
  intervals: IntervalRequirement[];
  days: DayTotal[];
}

/** One interval's requirement. Throws TargetUnreachableError from the search when no n is enough. */
export function requirementFor(row: DemandRow, intervalMinutes: number, q: QueueStaffing): IntervalRequirement {
  const aht = row.ahtSeconds ?? 0;
  const traffic = row.calls > 0 ? trafficFromCalls(row.calls, aht, intervalMinutes) : 0;
  const input = {
    trafficErlangs: traffic,
    exactTraffic: row.calls > 0 && aht > 0 ? trafficRatio(row.calls, aht, intervalMinutes) : undefined,
    ahtSeconds: aht > 0 ? aht : 1,
    patienceSeconds: q.patienceSeconds,
  };
  const agents = requiredAgents(input, q.targets);
  const m = evaluate(agents, input, q.targets.serviceLevel?.seconds ?? DEFAULT_THRESHOLD_SECONDS);
  const out: IntervalRequirement = {
    queue: row.queue,
    intervalStart: row.intervalStart,
    calls: row.calls,
    ahtSeconds: row.ahtSeconds,
    trafficErlangs: traffic,
    agents,
    scheduledAgents: scheduledAgents(agents, q.shrinkage),
    serviceLevel: m.serviceLevel,
    asaSeconds: Number.isFinite(m.asaSeconds) ? m.asaSeconds : null,
    occupancy: m.occupancy,
  };
  if (q.patienceSeconds !== undefined) out.probAbandon = m.probAbandon ?? 0;
  return out;
}

/** Requirements for every row (in the given order) and the per-queue, per-day totals. */
export function planStaffing(rows: readonly DemandRow[], opts: PlanOptions): StaffPlan {
  const intervals = rows.map((r) => requirementFor(r, opts.intervalMinutes, opts.queue(r.queue)));
  const hours = opts.intervalMinutes / 60;
  const days = new Map<string, DayTotal & { slWeighted: number }>();
  rows.forEach((r, i) => {
    const req = intervals[i];
    const key = `${r.queue}\u0000${r.date}`;
    let d = days.get(key);
    if (!d) {
      d = { queue: r.queue, date: r.date, calls: 0, agentHours: 0, scheduledHours: 0, peakAgents: 0, peakScheduledAgents: 0, serviceLevel: null, slWeighted: 0 };
      days.set(key, d);
    }
    d.calls += r.calls;
    d.agentHours += req.agents * hours;
    d.scheduledHours += req.scheduledAgents * hours;
    d.peakAgents = Math.max(d.peakAgents, req.agents);
    d.peakScheduledAgents = Math.max(d.peakScheduledAgents, req.scheduledAgents);
    d.slWeighted += req.serviceLevel * r.calls;
  });
  return {
    intervals,
    days: [...days.values()].map(({ slWeighted, ...d }) => ({ ...d, serviceLevel: d.calls > 0 ? slWeighted / d.calls : null })),
  };
}
