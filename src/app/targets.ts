/**
 * Each queue's staffing targets and defaults, from three places in order: the flags of this run
 * (they apply to every queue), wfm.yaml (`queues.NAME`, then `defaults`), the built-in defaults
 * (80/20 service level, no shrinkage, short abandons under 5 s). A VIP queue at 90/10 and billing at
 * 80/20 are thus staffed, rostered, simulated and reported in one run, each against its own target.
 */
import { InputError, UsageError } from '../errors.js';
import type { StaffingTargets } from '../queueing/index.js';
import type { SlaTarget } from '../values.js';
import type { QueueSettings, SiteConfig } from './config.js';

/**
 * The targets given as flags: an absent flag leaves each queue its own; `null` (a flag given as
 * `none`) switches the setting off for every queue (e.g. `--patience none`: Erlang C even where
 * wfm.yaml gives a patience).
 */
export type TargetFlags = { [K in keyof QueueSettings]?: QueueSettings[K] | null };

export interface QueueTargets {
  queue: string;
  /** The service-level target X/T. */
  sla: SlaTarget;
  /** What staffing must meet (Erlang C, or Erlang A with `patience`). */
  targets: StaffingTargets;
  shrinkage: number;
  patience?: number;
  aht?: number;
  shortAbandon: number;
}

export const BUILT_IN = { sla: { target: 0.8, seconds: 20 }, shrinkage: 0, shortAbandon: 5 } as const;

/** A function from queue name to its targets (see the file comment); checks each queue's settings once. */
export function targetResolver(config: SiteConfig, flags: TargetFlags): (queue: string) => QueueTargets {
  const cache = new Map<string, QueueTargets>();
  return (queue: string) => {
    let r = cache.get(queue);
    if (!r) cache.set(queue, (r = resolve(config, flags, queue)));
    return r;
  };
}

function resolve(config: SiteConfig, flags: TargetFlags, queue: string): QueueTargets {
  const own = Object.prototype.hasOwnProperty.call(config.queues, queue) ? config.queues[queue] : {};
  const pick = <K extends keyof QueueSettings>(k: K): QueueSettings[K] => (flags[k] === null ? undefined : (flags[k] ?? own[k] ?? config.defaults[k]));
  const sla = pick('sla') ?? BUILT_IN.sla;
  const patience = pick('patience');
  const maxAbandon = pick('maxAbandon');
  if (maxAbandon !== undefined && patience === undefined) {
    if (flags.maxAbandon !== undefined && flags.maxAbandon !== null) throw new UsageError({ key: 'err.maxAbandonNeedsPatience' }, '--max-abandon needs --patience (Erlang A)');
    const where = own.maxAbandon !== undefined ? `queues.${queue}.max-abandon` : 'defaults.max-abandon';
    throw new InputError({ file: config.file ?? undefined, line: config.lines?.[where], field: where }, { key: 'config.maxAbandonNeedsPatience', params: { queue } });
  }
  return {
    queue,
    sla,
    targets: { serviceLevel: sla, maxAsaSeconds: pick('asa'), maxOccupancy: pick('maxOccupancy'), maxAbandon },
    shrinkage: pick('shrinkage') ?? BUILT_IN.shrinkage,
    patience,
    aht: pick('aht'),
    shortAbandon: pick('shortAbandon') ?? BUILT_IN.shortAbandon,
  };
}

/**
 * How a queue's calls are counted in the reports, from wfm.yaml alone: the seconds of its `sla` (the
 * service-level threshold) and `short-abandon`, else 80/20 and 5 s. Unlike targetResolver, it reads
 * nothing else of the queue's settings (a report does not staff).
 */
export function countingSettings(config: SiteConfig, queue: string): { sla: SlaTarget; shortAbandon: number } {
  const own = Object.prototype.hasOwnProperty.call(config.queues, queue) ? config.queues[queue] : {};
  return { sla: own.sla ?? config.defaults.sla ?? BUILT_IN.sla, shortAbandon: own.shortAbandon ?? config.defaults.shortAbandon ?? BUILT_IN.shortAbandon };
}
