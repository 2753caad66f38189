/**
 * The quick calculator behind `wfm erlang`: required agents for one interval (or the figures of a
 * given headcount) and a what-if table around it. Pure.
 */
import { evaluate, requiredAgents, DEFAULT_THRESHOLD_SECONDS, type StaffingTargets } from './required.js';
import { scheduledAgents } from './shrinkage.js';
import type { Ratio } from './exact.js';

export interface CalculatorInput {
  /** Offered traffic in Erlangs (calls x AHT / interval length). */
  trafficErlangs: number;
  /** The same as an exact fraction (src/queueing/exact.ts `trafficRatio`), when known. */
  exactTraffic?: Ratio;
  ahtSeconds: number;
  patienceSeconds?: number;
  targets: StaffingTargets;
  /** Shrinkage share 0 <= s < 1 (default 0). */
  shrinkage?: number;
  /** Evaluate this headcount instead of searching. */
  agents?: number;
  /** Rows either side of the answer in the what-if table (default 3). */
  spread?: number;
}

export interface WhatIfRow {
  agents: number;
  serviceLevel: number;
  /** Seconds; null when the queue is unstable (or nobody is served). */
  asaSeconds: number | null;
  occupancy: number;
  probWait: number;
  /** Erlang A only; null under Erlang C. */
  probAbandon: number | null;
}

export interface CalculatorResult extends WhatIfRow {
  model: 'erlang-c' | 'erlang-a';
  trafficErlangs: number;
  scheduledAgents: number;
  table: WhatIfRow[];
}

/** Traffic in Erlangs from calls per interval: calls x AHT / interval seconds. */
export function trafficFromCalls(calls: number, ahtSeconds: number, intervalMinutes: number): number {
  return (calls * ahtSeconds) / (intervalMinutes * 60);
}

function row(n: number, input: CalculatorInput, t: number): WhatIfRow {
  const m = evaluate(n, input, t);
  return {
    agents: n,
    serviceLevel: m.serviceLevel,
    asaSeconds: Number.isFinite(m.asaSeconds) ? m.asaSeconds : null,
    occupancy: m.occupancy,
    probWait: m.probWait,
    probAbandon: m.probAbandon,
  };
}

export function calculate(input: CalculatorInput): CalculatorResult {
  const t = input.targets.serviceLevel?.seconds ?? DEFAULT_THRESHOLD_SECONDS;
  const n = input.agents ?? requiredAgents(input, input.targets);
  const spread = input.spread ?? 3;
  const table: WhatIfRow[] = [];
  for (let k = Math.max(n === 0 ? 0 : 1, n - spread); k <= n + spread; k++) table.push(row(k, input, t));
  const main = row(n, input, t);
  return {
    model: input.patienceSeconds === undefined ? 'erlang-c' : 'erlang-a',
    trafficErlangs: input.trafficErlangs,
    ...main,
    scheduledAgents: scheduledAgents(n, input.shrinkage ?? 0),
    table,
  };
}
