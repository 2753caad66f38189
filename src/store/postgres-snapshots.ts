/**
 * Named snapshots on PostgreSQL: forecasts (`wfm forecast --save NAME`) and rosters (`wfm roster
 * --save NAME`), per site, immutable. Saving claims the name with INSERT ... ON CONFLICT DO NOTHING:
 * of two sessions saving one name at once, the second waits for the first to commit and then finds
 * the name taken, and is told by whom and when (READ COMMITTED: its next statement sees the row).
 * The rows of a snapshot go in through COPY. Orders are those of src/store/sqlite-snapshots.ts.
 */
import type { PgConnection } from './pg-client.js';
import { exactSumSql, exactSumValue } from './postgres-aggregates.js';
import type { ForecastSnapshot, ForecastSummary, RosterSnapshot, RosterSummary, SaveResult } from './store.js';
import { forecastHead, rosterHead } from './snapshot-records.js';

/** Columns of a roster's head, in the order `rosterHead` reads them. */
const ROSTER_COLUMNS = 'name, created_ms, created_by, tz, start_date, days, interval_minutes, solver, paid_hours, lower_bound, gap, understaffed, seconds, rules';
/** The columns a save writes (who saved it is the server's: the column's default, current_user). */
const ROSTER_SAVED = ROSTER_COLUMNS.replace('created_by, ', '');

/** Who holds a taken name, when the claim found it taken. */
async function owner(db: PgConnection, tableName: 'forecasts' | 'rosters', site: string, name: string): Promise<SaveResult> {
  const [r] = await db.query(`SELECT created_by, created_ms FROM ${tableName} WHERE site = $1 AND name = $2`, [site, name], { reads: tableName });
  return { saved: false, createdBy: (r?.[0] as string | null) ?? '', createdMs: (r?.[1] as number) ?? 0 };
}

/** Save a forecast (inside the caller's transaction); who saved it is the server's current_user. */
export async function saveForecast(db: PgConnection, site: string, f: ForecastSnapshot): Promise<SaveResult> {
  const claimed = await db.query(
    `INSERT INTO forecasts (site, name, created_ms, tz, interval_minutes, start_date, days, methods)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (site, name) DO NOTHING RETURNING 1`,
    [site, f.name, f.createdMs, f.tz, f.intervalMinutes, f.startDate, f.days, JSON.stringify(f.methods)],
    { writes: 'forecasts' },
  );
  if (!claimed.length) return owner(db, 'forecasts', site, f.name);
  await db.copyIn(
    'forecast_rows (site, forecast, queue, interval_start_ms, calls, aht_s, calls_low, calls_high)',
    f.rows.map((r) => [site, f.name, r.queue, r.intervalStartMs, r.calls, r.ahtSeconds, r.callsLow, r.callsHigh]),
    { writes: 'forecast_rows' },
  );
  return { saved: true };
}

export async function loadForecast(db: PgConnection, site: string, name: string): Promise<ForecastSnapshot | null> {
  const [h] = await db.query(
    'SELECT name, created_ms, created_by, tz, interval_minutes, start_date, days, methods FROM forecasts WHERE site = $1 AND name = $2',
    [site, name],
    { reads: 'forecasts' },
  );
  if (!h) return null;
  const rows = (
    await db.query(
      'SELECT queue, interval_start_ms, calls, aht_s, calls_low, calls_high FROM forecast_rows WHERE site = $1 AND forecast = $2 ORDER BY queue, interval_start_ms',
      [site, name],
      { reads: 'forecast_rows' },
    )
  ).map((r) => ({
    queue: r[0] as string,
    intervalStartMs: r[1] as number,
    calls: r[2] as number,
    ahtSeconds: r[3] as number | null,
    callsLow: r[4] as number,
    callsHigh: r[5] as number,
  }));
  return { ...forecastHead(h), rows };
}

export async function listForecasts(db: PgConnection, site: string | undefined): Promise<ForecastSummary[]> {
  const rows = await db.query(
    `SELECT f.name, f.created_ms, f.created_by, f.tz, f.interval_minutes, f.start_date, f.days, f.methods, f.site, r.n, r.hi, r.lo
       FROM forecasts f
       CROSS JOIN LATERAL (SELECT count(*) AS n, ${exactSumSql('calls')} FROM forecast_rows r WHERE r.site = f.site AND r.forecast = f.name) AS r (n, hi, lo)
      WHERE ($1::text IS NULL OR f.site = $1) ORDER BY f.created_ms, f.site, f.name`,
    [site ?? null],
    { reads: 'forecasts' },
  );
  return rows.map((h) => ({ ...forecastHead(h), site: h[8] as string, rowCount: h[9] as number, totalCalls: exactSumValue(h[10], h[11]) }));
}

/** Save a roster (inside the caller's transaction); who saved it is the server's current_user. */
export async function saveRoster(db: PgConnection, site: string, r: RosterSnapshot): Promise<SaveResult> {
  const claimed = await db.query(
    `INSERT INTO rosters (site, ${ROSTER_SAVED}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (site, name) DO NOTHING RETURNING 1`,
    [site, r.name, r.createdMs, r.tz, r.startDate, r.days, r.intervalMinutes, r.solver, r.paidHours, r.lowerBound, r.gap, r.understaffed, r.seconds, r.rules],
    { writes: 'rosters' },
  );
  if (!claimed.length) return owner(db, 'rosters', site, r.name);
  await db.copyIn(
    'roster_shifts (site, roster, seq, agent, queue, template, start_ms, end_ms, breaks)',
    r.shifts.map((s, i) => [site, r.name, i, s.agent, s.queue, s.template, s.startMs, s.endMs, JSON.stringify(s.breaks.map((b) => [b.startMs, b.endMs, b.paid ? 1 : 0]))]),
    { writes: 'roster_shifts' },
  );
  await db.copyIn(
    'roster_coverage (site, roster, queue, interval_start_ms, required, scheduled)',
    r.coverage.map((c) => [site, r.name, c.queue, c.intervalStartMs, c.required, c.scheduled]),
    { writes: 'roster_coverage' },
  );
  return { saved: true };
}

export async function loadRoster(db: PgConnection, site: string, name: string): Promise<RosterSnapshot | null> {
  const [h] = await db.query(`SELECT ${ROSTER_COLUMNS} FROM rosters WHERE site = $1 AND name = $2`, [site, name], { reads: 'rosters' });
  if (!h) return null;
  const shifts = (
    await db.query(
      `SELECT agent, queue, template, start_ms, end_ms, breaks FROM roster_shifts WHERE site = $1 AND roster = $2 ORDER BY start_ms, agent, seq`,
      [site, name],
      { reads: 'roster_shifts' },
    )
  ).map((r) => ({
    agent: r[0] as string,
    queue: r[1] as string,
    template: r[2] as string,
    startMs: r[3] as number,
    endMs: r[4] as number,
    breaks: (JSON.parse(r[5] as string) as [number, number, number][]).map(([startMs, endMs, paid]) => ({ startMs, endMs, paid: paid === 1 })),
  }));
  const coverage = (
    await db.query(
      `SELECT queue, interval_start_ms, required, scheduled FROM roster_coverage WHERE site = $1 AND roster = $2 ORDER BY queue, interval_start_ms`,
      [site, name],
      { reads: 'roster_coverage' },
    )
  ).map((r) => ({ queue: r[0] as string, intervalStartMs: r[1] as number, required: r[2] as number, scheduled: r[3] as number }));
  return { ...rosterHead(h), rules: h[13] as string, shifts, coverage };
}

export async function listRosters(db: PgConnection, site: string | undefined): Promise<RosterSummary[]> {
  const rows = await db.query(
    `SELECT ${ROSTER_COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')},
       (SELECT count(*) FROM roster_shifts s WHERE s.site = r.site AND s.roster = r.name),
       (SELECT count(DISTINCT agent) FROM roster_shifts s WHERE s.site = r.site AND s.roster = r.name),
       r.site
     FROM rosters r WHERE ($1::text IS NULL OR r.site = $1) ORDER BY r.created_ms DESC, r.site, r.name`,
    [site ?? null],
    { reads: 'rosters' },
  );
  return rows.map((h) => ({ ...rosterHead(h), shiftCount: h[14] as number, agentCount: h[15] as number, site: h[16] as string }));
}
