/**
 * The store: open it by path; everything else goes through the `Store` interface.
 */
export type { Store, CallQuery, ImportRun, ForecastSnapshot, ForecastSummary, RosterSnapshot, RosterSnapshotShift, RosterSummary } from './store.js';
export type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from './aggregates.js';
export { SCHEMA_VERSION } from './migrations.js';
export { StoreBusyError } from './store.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/**
 * Open the store at `path` (a SQLite file): for writing (created when absent, its schema migrated
 * forward), or with `readonly` for reading only (never written: an older schema is exit 2).
 */
export function openStore(path: string, options: { readonly?: boolean } = {}): Store {
  return openSqliteStore(path, options);
}
