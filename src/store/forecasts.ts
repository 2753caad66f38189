/**
 * Forecast snapshots in SQLite: `wfm forecast --save NAME` writes one, `wfm staff --forecast NAME`
 * and the reports read it. Snapshots are immutable: saving an existing name is refused.
 */
import type Database from 'better-sqlite3';
import type { ForecastSnapshot, ForecastSummary } from './store.js';

export function prepareForecasts(db: Database.Database) {
  return {
    exists: db.prepare('SELECT 1 FROM forecasts WHERE name = ?').pluck(),
    insertHead: db.prepare(
      'INSERT INTO forecasts (name, created_ms, tz, interval_minutes, start_date, days, methods) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertRow: db.prepare(
      'INSERT INTO forecast_rows (forecast, queue, interval_start_ms, calls, aht_s, calls_low, calls_high) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    head: db.prepare('SELECT name, created_ms, tz, interval_minutes, start_date, days, methods FROM forecasts WHERE name = ?').raw(),
    rows: db
      .prepare('SELECT queue, interval_start_ms, calls, aht_s, calls_low, calls_high FROM forecast_rows WHERE forecast = ? ORDER BY queue, interval_start_ms')
      .raw(),
    list: db
      .prepare(
        `SELECT f.name, f.created_ms, f.tz, f.interval_minutes, f.start_date, f.days, f.methods,
                (SELECT count(*) FROM forecast_rows r WHERE r.forecast = f.name),
                (SELECT coalesce(sum(calls), 0) FROM forecast_rows r WHERE r.forecast = f.name)
           FROM forecasts f ORDER BY f.created_ms, f.name`,
      )
      .raw(),
  };
}

type Prepared = ReturnType<typeof prepareForecasts>;

function head(h: unknown[]): Omit<ForecastSnapshot, 'rows'> {
  return {
    name: h[0] as string,
    createdMs: h[1] as number,
    tz: h[2] as string,
    intervalMinutes: h[3] as number,
    startDate: h[4] as string,
    days: h[5] as number,
    methods: JSON.parse(h[6] as string) as Record<string, string>,
  };
}

export function saveForecast(db: Database.Database, p: Prepared, f: ForecastSnapshot): boolean {
  return db.transaction(() => {
    if (p.exists.get(f.name)) return false;
    p.insertHead.run(f.name, f.createdMs, f.tz, f.intervalMinutes, f.startDate, f.days, JSON.stringify(f.methods));
    for (const r of f.rows) p.insertRow.run(f.name, r.queue, r.intervalStartMs, r.calls, r.ahtSeconds, r.callsLow, r.callsHigh);
    return true;
  }).immediate();
}

export function loadForecast(p: Prepared, name: string): ForecastSnapshot | null {
  const h = p.head.get(name) as unknown[] | undefined;
  if (!h) return null;
  const rows = (p.rows.all(name) as unknown[][]).map((r) => ({
    queue: r[0] as string,
    intervalStartMs: r[1] as number,
    calls: r[2] as number,
    ahtSeconds: r[3] as number | null,
    callsLow: r[4] as number,
    callsHigh: r[5] as number,
  }));
  return { ...head(h), rows };
}

export function listForecasts(p: Prepared): ForecastSummary[] {
  return (p.list.all() as unknown[][]).map((h) => ({ ...head(h), rowCount: h[7] as number, totalCalls: h[8] as number }));
}
