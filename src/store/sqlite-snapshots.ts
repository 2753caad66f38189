/**
 * Named snapshots in SQLite: forecasts (`wfm forecast --save NAME`) and rosters (`wfm roster --save
 * NAME`), per site. Snapshots are immutable: saving a name that is taken is refused, saying who saved
 * it and when. Each save is one transaction with its audit row.
 */
import type Database from 'better-sqlite3';
import type { ForecastSnapshot, ForecastSummary, RosterSnapshot, RosterSummary, SaveResult } from './store.js';
import { forecastHead, rosterHead } from './snapshot-records.js';

export function prepareSnapshots(db: Database.Database) {
  return {
    forecastOwner: db.prepare('SELECT created_by, created_ms FROM forecasts WHERE site = ? AND name = ?').raw(),
    insertForecast: db.prepare(
      'INSERT INTO forecasts (site, name, created_ms, created_by, tz, interval_minutes, start_date, days, methods) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertForecastRow: db.prepare(
      'INSERT INTO forecast_rows (site, forecast, queue, interval_start_ms, calls, aht_s, calls_low, calls_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    forecast: db
      .prepare('SELECT name, created_ms, created_by, tz, interval_minutes, start_date, days, methods FROM forecasts WHERE site = ? AND name = ?')
      .raw(),
    forecastRows: db
      .prepare(
        'SELECT queue, interval_start_ms, calls, aht_s, calls_low, calls_high FROM forecast_rows WHERE site = ? AND forecast = ? ORDER BY queue, interval_start_ms',
      )
      .raw(),
    listForecasts: db
      .prepare(
        `SELECT f.name, f.created_ms, f.created_by, f.tz, f.interval_minutes, f.start_date, f.days, f.methods, f.site,
                (SELECT count(*) FROM forecast_rows r WHERE r.site = f.site AND r.forecast = f.name),
                (SELECT coalesce(sum(calls), 0) FROM forecast_rows r WHERE r.site = f.site AND r.forecast = f.name)
           FROM forecasts f WHERE ($site IS NULL OR f.site = $site) ORDER BY f.created_ms, f.site, f.name`,
      )
      .raw(),
    rosterOwner: db.prepare('SELECT created_by, created_ms FROM rosters WHERE site = ? AND name = ?').raw(),
    insertRoster: db.prepare(`INSERT INTO rosters (site, ${ROSTER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertShift: db.prepare(
      `INSERT INTO roster_shifts (site, roster, seq, agent, queue, template, start_ms, end_ms, breaks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertCoverage: db.prepare(
      `INSERT INTO roster_coverage (site, roster, queue, interval_start_ms, required, scheduled) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    roster: db.prepare(`SELECT ${ROSTER_COLUMNS} FROM rosters WHERE site = ? AND name = ?`).raw(),
    shifts: db
      .prepare(`SELECT agent, queue, template, start_ms, end_ms, breaks FROM roster_shifts WHERE site = ? AND roster = ? ORDER BY start_ms, agent, seq`)
      .raw(),
    coverage: db
      .prepare(`SELECT queue, interval_start_ms, required, scheduled FROM roster_coverage WHERE site = ? AND roster = ? ORDER BY queue, interval_start_ms`)
      .raw(),
    listRosters: db
      .prepare(
        `SELECT ${ROSTER_COLUMNS},
           (SELECT count(*) FROM roster_shifts s WHERE s.site = r.site AND s.roster = r.name),
           (SELECT count(DISTINCT agent) FROM roster_shifts s WHERE s.site = r.site AND s.roster = r.name),
           r.site
         FROM rosters r WHERE ($site IS NULL OR r.site = $site) ORDER BY created_ms DESC, site, name`,
      )
      .raw(),
  };
}

export type SnapshotStatements = ReturnType<typeof prepareSnapshots>;

/** Columns of a roster's head, in the order `rosterHead` reads them. */
export const ROSTER_COLUMNS =
  'name, created_ms, created_by, tz, start_date, days, interval_minutes, solver, paid_hours, lower_bound, gap, understaffed, seconds, rules';

function taken(row: unknown[] | undefined): SaveResult | null {
  return row ? { saved: false, createdBy: (row[0] as string | null) ?? '', createdMs: row[1] as number } : null;
}

/** Save a forecast (inside the caller's transaction); `by`: who. */
export function saveForecast(p: SnapshotStatements, site: string, f: ForecastSnapshot, by: string): SaveResult {
  const refused = taken(p.forecastOwner.get(site, f.name) as unknown[] | undefined);
  if (refused) return refused;
  p.insertForecast.run(site, f.name, f.createdMs, by, f.tz, f.intervalMinutes, f.startDate, f.days, JSON.stringify(f.methods));
  for (const r of f.rows) p.insertForecastRow.run(site, f.name, r.queue, r.intervalStartMs, r.calls, r.ahtSeconds, r.callsLow, r.callsHigh);
  return { saved: true };
}

export function loadForecast(p: SnapshotStatements, site: string, name: string): ForecastSnapshot | null {
  const h = p.forecast.get(site, name) as unknown[] | undefined;
  if (!h) return null;
  const rows = (p.forecastRows.all(site, name) as unknown[][]).map((r) => ({
    queue: r[0] as string,
    intervalStartMs: r[1] as number,
    calls: r[2] as number,
    ahtSeconds: r[3] as number | null,
    callsLow: r[4] as number,
    callsHigh: r[5] as number,
  }));
  return { ...forecastHead(h), rows };
}

export function listForecasts(p: SnapshotStatements, site: string | undefined): ForecastSummary[] {
  return (p.listForecasts.all({ site: site ?? null }) as unknown[][]).map((h) => ({
    ...forecastHead(h),
    site: h[8] as string,
    rowCount: h[9] as number,
    totalCalls: h[10] as number,
  }));
}

/** Save a roster (inside the caller's transaction); `by`: who. */
export function saveRoster(p: SnapshotStatements, site: string, r: RosterSnapshot, by: string): SaveResult {
  const refused = taken(p.rosterOwner.get(site, r.name) as unknown[] | undefined);
  if (refused) return refused;
  p.insertRoster.run(
    site, r.name, r.createdMs, by, r.tz, r.startDate, r.days, r.intervalMinutes, r.solver, r.paidHours, r.lowerBound, r.gap, r.understaffed, r.seconds, r.rules,
  );
  r.shifts.forEach((s, i) =>
    p.insertShift.run(site, r.name, i, s.agent, s.queue, s.template, s.startMs, s.endMs, JSON.stringify(s.breaks.map((b) => [b.startMs, b.endMs, b.paid ? 1 : 0]))),
  );
  for (const c of r.coverage) p.insertCoverage.run(site, r.name, c.queue, c.intervalStartMs, c.required, c.scheduled);
  return { saved: true };
}

export function loadRoster(p: SnapshotStatements, site: string, name: string): RosterSnapshot | null {
  const h = p.roster.get(site, name) as unknown[] | undefined;
  if (!h) return null;
  const shifts = (p.shifts.all(site, name) as unknown[][]).map((r) => ({
    agent: r[0] as string,
    queue: r[1] as string,
    template: r[2] as string,
    startMs: r[3] as number,
    endMs: r[4] as number,
    breaks: (JSON.parse(r[5] as string) as [number, number, number][]).map(([startMs, endMs, paid]) => ({ startMs, endMs, paid: paid === 1 })),
  }));
  const coverage = (p.coverage.all(site, name) as unknown[][]).map((r) => ({
    queue: r[0] as string,
    intervalStartMs: r[1] as number,
    required: r[2] as number,
    scheduled: r[3] as number,
  }));
  return { ...rosterHead(h), rules: h[13] as string, shifts, coverage };
}

export function listRosters(p: SnapshotStatements, site: string | undefined): RosterSummary[] {
  return (p.listRosters.all({ site: site ?? null }) as unknown[][]).map((h) => ({
    ...rosterHead(h),
    shiftCount: h[14] as number,
    agentCount: h[15] as number,
    site: h[16] as string,
  }));
}
