/**
 * The store: open it by path; everything else goes through the `Store` interface.
 */
export type { Store, CallQuery, ImportRun, ForecastSnapshot, ForecastSummary, RosterSnapshot, RosterSnapshotShift, RosterSummary } from './store.js';
export type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from './aggregates.js';
export { SCHEMA_VERSION } from './migrations.js';
export { StoreBusyError } from './store.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** Open the store at `path` (a SQLite file; created when absent), migrating its schema forward. */
export function openStore(path: string): Store {
  return openSqliteStore(path);
}
