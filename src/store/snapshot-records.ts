/**
 * What both backends read and write the same way: a saved forecast's or roster's head from its row
 * (columns in the order the backends select them), and the audit entries of saves and import runs.
 */
import type { AuditEntry, ForecastSnapshot, ImportRun, RosterSnapshot } from './store.js';

/** A forecast's head from `name, created_ms, created_by, tz, interval_minutes, start_date, days, methods`. */
export function forecastHead(h: unknown[]): Omit<ForecastSnapshot, 'rows'> {
  return {
    name: h[0] as string,
    createdMs: h[1] as number,
    createdBy: (h[2] as string | null) ?? undefined,
    tz: h[3] as string,
    intervalMinutes: h[4] as number,
    startDate: h[5] as string,
    days: h[6] as number,
    methods: JSON.parse(h[7] as string) as Record<string, string>,
  };
}

/** A roster's head from `name, created_ms, created_by, tz, start_date, days, interval_minutes, solver, paid_hours, lower_bound, gap, understaffed, seconds`. */
export function rosterHead(h: unknown[]): Omit<RosterSnapshot, 'shifts' | 'coverage' | 'rules'> {
  return {
    name: h[0] as string,
    createdMs: h[1] as number,
    createdBy: (h[2] as string | null) ?? undefined,
    tz: h[3] as string,
    startDate: h[4] as string,
    days: h[5] as number,
    intervalMinutes: h[6] as number,
    solver: h[7] as string,
    paidHours: h[8] as number,
    lowerBound: h[9] as number,
    gap: h[10] as number,
    understaffed: h[11] as number,
    seconds: h[12] as number,
  };
}

/** The audit entry of a saved forecast. */
export function forecastSaved(site: string, f: ForecastSnapshot): AuditEntry {
  return { action: 'forecast.save', site, detail: { name: f.name, rows: f.rows.length, startDate: f.startDate, days: f.days } };
}

/** The audit entry of a saved roster. */
export function rosterSaved(site: string, r: RosterSnapshot): AuditEntry {
  return { action: 'roster.save', site, detail: { name: r.name, shifts: r.shifts.length, startDate: r.startDate, days: r.days } };
}

/** The audit entry of an import run. */
export function importRecorded(site: string, run: ImportRun): AuditEntry {
  return { action: `import.${run.kind}`, site, detail: { files: run.files, lines: run.lines, accepted: run.accepted, rejected: run.rejected, calls: run.calls } };
}
