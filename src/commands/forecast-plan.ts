/**
 * Staffing a saved forecast snapshot: `wfm staff --forecast NAME` and `wfm roster --forecast NAME`
 * both read the snapshot from the store and run the requirement arithmetic (planStaffing) on it.
 */
import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import { UsageError } from '../errors.js';
import { TargetUnreachableError, type StaffingTargets } from '../queueing/index.js';
import { fixed } from '../report/format.js';
import { planStaffing, type DemandRow, type StaffPlan } from '../staff/plan.js';
import { openStore } from '../store/index.js';
import { isoWithOffset } from '../time.js';
import type { Context } from './context.js';

export interface ForecastPlanOptions {
  targets: StaffingTargets;
  shrinkage: number;
  patience?: number;
  /** AHT in seconds for intervals the forecast has none for. */
  aht?: number;
  /** Interval length override (minutes); default the snapshot's. */
  interval?: number;
  /** Zone for local dates and ISO times; default the snapshot's own. */
  zone?: string;
}

/** The requirements of forecast `name`, and the interval length used. Usage errors name what to do. */
export function planFromForecast(name: string, opts: ForecastPlanOptions, ctx: Context): { plan: StaffPlan; intervalMinutes: number } {
  if (!existsSync(ctx.db)) throw new UsageError({ key: 'staff.err.noStore', params: { db: ctx.db } });
  const store = openStore(ctx.db);
  let snapshot;
  try {
    snapshot = store.forecast(name);
  } finally {
    store.close();
  }
  if (!snapshot) throw new UsageError({ key: 'staff.err.noForecast', params: { name, db: ctx.db } });
  const zone = opts.zone ?? snapshot.tz;
  const rows: DemandRow[] = [];
  for (const r of snapshot.rows) {
    const aht = r.ahtSeconds ?? opts.aht ?? null;
    if (aht === null && r.calls > 0) throw new UsageError({ key: 'staff.err.forecastNoAht', params: { name, queue: r.queue } });
    const at = DateTime.fromMillis(r.intervalStartMs, { zone });
    rows.push({ queue: r.queue, intervalStart: isoWithOffset(at), date: at.toISODate()!, calls: r.calls, ahtSeconds: r.calls > 0 ? aht : r.ahtSeconds });
  }
  const intervalMinutes = opts.interval ?? snapshot.intervalMinutes;
  try {
    return { plan: planStaffing(rows, { intervalMinutes, targets: opts.targets, shrinkage: opts.shrinkage, patienceSeconds: opts.patience }), intervalMinutes };
  } catch (err) {
    if (err instanceof TargetUnreachableError) {
      throw new UsageError({ key: 'err.unreachable', params: { bound: err.bound, traffic: fixed(err.trafficErlangs, 2) } }, err.message);
    }
    throw err;
  }
}
