/**
 * `wfm erlang`: one interval's requirement or figures, against a queue's targets (flags, then
 * wfm.yaml, then the built-in defaults). Kept apart from src/app/staffing.ts so that the quickest
 * command loads no file reader and no store.
 */
import { UsageError } from '../errors.js';
import { fixed } from '../format.js';
import { calculate, TargetUnreachableError, trafficFromCalls, trafficRatio, type CalculatorResult } from '../queueing/index.js';
import type { Session } from './session.js';
import { targetResolver, type QueueTargets, type TargetFlags } from './targets.js';

export interface ErlangRequest {
  calls?: number;
  traffic?: number;
  intervalMinutes: number;
  aht?: number;
  agents?: number;
  /** Whose targets and AHT default apply (wfm.yaml `queues.NAME`); none: the defaults. */
  queue?: string;
  flags: TargetFlags;
}

export interface ErlangAnswer {
  result: CalculatorResult;
  targets: QueueTargets;
  ahtSeconds: number;
  trafficErlangs: number;
}

/** Required agents for one interval, or the figures of a given headcount (Erlang C, or A with patience). */
export function erlangFigures(req: ErlangRequest, s: Pick<Session, 'config' | 'note'>): ErlangAnswer {
  if (req.calls === undefined && req.traffic === undefined) throw new UsageError({ key: 'erlang.err.needCalls' }, 'give --calls (with --interval) or --traffic');
  const targets = targetResolver(s.config, req.flags)(req.queue ?? '');
  // a queue wfm.yaml does not list (a typo?) gets the defaults: say so
  if (req.queue !== undefined && s.config.file && !Object.prototype.hasOwnProperty.call(s.config.queues, req.queue)) {
    s.note({ key: 'erlang.note.unknownQueue', params: { queue: req.queue, file: s.config.file } });
  }
  const aht = req.aht ?? targets.aht;
  if (aht === undefined) throw new UsageError({ key: 'erlang.err.needAht' }, 'give --aht');
  const traffic = req.traffic ?? trafficFromCalls(req.calls!, aht, req.intervalMinutes);
  try {
    const result = calculate({
      trafficErlangs: traffic,
      // the load as the exact fraction of the decimals given, so a target on a boundary is met exactly
      exactTraffic: req.traffic === undefined ? trafficRatio(req.calls!, aht, req.intervalMinutes) : undefined,
      ahtSeconds: aht,
      patienceSeconds: targets.patience,
      targets: targets.targets,
      shrinkage: targets.shrinkage,
      agents: req.agents,
    });
    return { result, targets, ahtSeconds: aht, trafficErlangs: traffic };
  } catch (err) {
    if (err instanceof TargetUnreachableError) {
      throw new UsageError({ key: 'err.unreachable', params: { bound: err.bound, traffic: fixed(err.trafficErlangs, 2) } }, err.message);
    }
    throw err;
  }
}
