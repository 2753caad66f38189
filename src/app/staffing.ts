/**
 * Staffing use-cases: `wfm staff` (a demand CSV or a saved forecast; `wfm erlang` is src/app/erlang.ts) and
 * the requirements `wfm roster --forecast` rosters. Each queue is staffed against its own targets
 * (src/app/targets.ts: flags, then wfm.yaml, then the built-in defaults).
 */
import { DateTime } from 'luxon';
import { InputError, UsageError } from '../errors.js';
import { fixed } from '../format.js';
import { inferIntervalMinutes, readIntervals } from '../formats/intervals.js';
import { TargetUnreachableError } from '../queueing/index.js';
import { planStaffing, type DemandRow, type QueueStaffing, type StaffPlan } from '../staff/plan.js';
import { isoWithOffset } from '../time.js';
import { readCsv } from './files.js';
import { RejectLog } from './rejects.js';
import type { Session } from './session.js';
import { snapshotSite, writeSite, writeZone } from './sites.js';
import { withStore } from './store.js';
import { targetResolver, type QueueTargets, type TargetFlags } from './targets.js';

/** The targets of a queue as the staffing domain takes them. */
export function queueStaffing(q: QueueTargets): QueueStaffing {
  return { targets: q.targets, shrinkage: q.shrinkage, patienceSeconds: q.patience };
}

/** A TargetUnreachableError as the usage error people see (exit 2). */
export function unreachable(err: unknown): never {
  if (err instanceof TargetUnreachableError) {
    throw new UsageError({ key: 'err.unreachable', params: { bound: err.bound, traffic: fixed(err.trafficErlangs, 2) } }, err.message);
  }
  throw err;
}

// ---------------------------------------------------------------------------------------------
// wfm staff

export interface StaffRequest {
  /** A demand CSV (interval_start, queue, calls, aht) ... */
  input?: string;
  /** ... or a forecast saved with `wfm forecast --save NAME`. */
  forecast?: string;
  /** AHT for intervals without one (forecast) */
  aht?: number;
  intervalMinutes?: number;
  flags: TargetFlags;
  strict?: boolean;
  rejects?: string;
}

export interface StaffAnswer {
  plan: StaffPlan;
  intervalMinutes: number;
  /** The targets of each queue in the plan, by queue name. */
  targets: QueueTargets[];
  /** Input lines rejected (the rest was used). */
  rejects: RejectLog;
}

/**
 * Requirements per queue and interval from a demand CSV or a saved forecast (see StaffRequest).
 * `inputsRead` gets the rejected lines as soon as the file is read (before any error).
 */
export async function staff(req: StaffRequest, s: Session, inputsRead: (rejects: RejectLog) => void = () => undefined): Promise<StaffAnswer> {
  if (!req.input && !req.forecast) throw new UsageError({ key: 'staff.err.needInput' }, 'give --input FILE.csv or --forecast NAME');
  const resolve = targetResolver(s.config, req.flags);
  const rejects = new RejectLog(s.lang);
  let rows: DemandRow[];
  let intervalMinutes: number;
  if (req.forecast) {
    // laid out in the zone the user chose, else in the zone the forecast was made in (a cron host's
    // system zone says nothing about the site)
    const zone = s.settings.tz.source === 'built-in' ? undefined : s.tz;
    const f = await forecastDemand(req.forecast, { aht: req.aht, zone, targets: resolve }, s);
    rows = f.rows;
    intervalMinutes = req.intervalMinutes ?? f.intervalMinutes;
  } else {
    const file = req.input!;
    const table = readCsv(s, file);
    const read = readIntervals(file, table.header, table.records, writeZone(s, writeSite(s)), { defaultQueue: 'default', value: 'calls', ahtRequired: true });
    const all = [...table.syntaxRejections, ...read.rejections].sort((a, b) => a.line - b.line);
    rejects.writeTo(s, req.rejects, [file]).addAll(all).close();
    inputsRead(rejects);
    if (all.length && req.strict) throw new InputError({ file }, { key: 'input.strictRejected', params: { count: all.length } });
    if (read.rows.length === 0) throw new InputError({ file }, { key: 'input.noRows' }, 'no usable rows');
    const demand = read.rows
      .map((r) => ({ queue: r.queue, intervalStart: isoWithOffset(r.time), date: r.time.toISODate()!, calls: r.calls!, ahtSeconds: r.aht, instant: r.time.toMillis() }))
      .sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : a.instant - b.instant));
    const inferred = req.intervalMinutes ?? inferIntervalMinutes(demand);
    if (!inferred) throw new UsageError({ key: 'staff.err.needInterval' }, 'cannot infer the interval: give --interval');
    rows = demand;
    intervalMinutes = inferred;
  }
  const plan = planOrExplain(rows, intervalMinutes, resolve);
  const queues = [...new Set(rows.map((r) => r.queue))];
  return { plan, intervalMinutes, targets: queues.map(resolve), rejects };
}

function planOrExplain(rows: DemandRow[], intervalMinutes: number, resolve: (q: string) => QueueTargets): StaffPlan {
  try {
    return planStaffing(rows, { intervalMinutes, queue: (q) => queueStaffing(resolve(q)) });
  } catch (err) {
    return unreachable(err);
  }
}

/**
 * The demand rows of a saved forecast: calls and AHT per queue and interval (an interval without AHT
 * takes `aht`, else the queue's `aht` of wfm.yaml; with calls and neither, a usage error).
 */
export async function forecastDemand(
  name: string,
  o: { aht?: number; zone?: string; targets: (q: string) => QueueTargets },
  s: Pick<Session, 'cwd' | 'db' | 'site'>,
): Promise<{ rows: DemandRow[]; intervalMinutes: number; site: string }> {
  const found = await withStore(
    s,
    'read',
    async (st) => {
      const site = await snapshotSite(s, st, 'forecast', name);
      const snap = site === null ? null : await st.forecast(site, name);
      return snap && site !== null ? { snap, site } : null;
    },
    { key: 'staff.err.noStore', params: { db: s.db } },
  );
  if (!found) throw new UsageError({ key: 'staff.err.noForecast', params: { name, db: s.db } });
  const { snap: snapshot, site } = found;
  if (!snapshot) throw new UsageError({ key: 'staff.err.noForecast', params: { name, db: s.db } });
  const zone = o.zone ?? snapshot.tz;
  const rows: DemandRow[] = [];
  for (const r of snapshot.rows) {
    const aht = r.ahtSeconds ?? o.aht ?? o.targets(r.queue).aht ?? null;
    if (aht === null && r.calls > 0) throw new UsageError({ key: 'staff.err.forecastNoAht', params: { name, queue: r.queue } });
    const at = DateTime.fromMillis(r.intervalStartMs, { zone });
    rows.push({ queue: r.queue, intervalStart: isoWithOffset(at), date: at.toISODate()!, calls: r.calls, ahtSeconds: r.calls > 0 ? aht : r.ahtSeconds });
  }
  return { rows, intervalMinutes: snapshot.intervalMinutes, site };
}

/** Requirements of a saved forecast (wfm roster --forecast): each queue against its own targets. */
export async function planFromForecast(
  name: string,
  o: { aht?: number; zone?: string; intervalMinutes?: number; flags: TargetFlags },
  s: Pick<Session, 'cwd' | 'db' | 'config' | 'site'>,
): Promise<{ plan: StaffPlan; intervalMinutes: number; site: string }> {
  const resolve = targetResolver(s.config, o.flags);
  const f = await forecastDemand(name, { aht: o.aht, zone: o.zone, targets: resolve }, s);
  const intervalMinutes = o.intervalMinutes ?? f.intervalMinutes;
  return { plan: planOrExplain(f.rows, intervalMinutes, resolve), intervalMinutes, site: f.site };
}
