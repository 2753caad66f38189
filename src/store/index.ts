/**
 * The store: open it by its location, a SQLite file path or a `postgres://` / `postgresql://` URL;
 * everything else goes through the `Store` interface. The PostgreSQL driver is loaded only for a URL.
 */
export type {
  AuditEntry,
  AuditQuery,
  AuditRow,
  Backend,
  CallQuery,
  ForecastSnapshot,
  ForecastSummary,
  ImportRun,
  RosterSnapshot,
  RosterSnapshotShift,
  RosterSummary,
  SaveResult,
  SiteRecord,
  Store,
  StoreStatus,
} from './store.js';
export type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from '../report/cells.js';
export { BUCKET_MS, SCHEMA_VERSION, TABLES } from './schema.js';
export { DEFAULT_SITE, StoreBusyError, StoreConflictError } from './store.js';
export { isPostgresUrl, redactUrl } from './pg-url.js';
import { isPostgresUrl } from './pg-url.js';
import { migrateSqliteStore, openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export interface OpenOptions {
  /**
   * `read`: never written (SQLite read-only; an older schema is exit 2); `write`: a SQLite file is
   * created when absent and its schema upgraded, a PostgreSQL store must already be on this wfm's
   * schema (exit 2 naming `wfm db migrate` otherwise: it is never migrated implicitly).
   */
  mode: 'read' | 'write';
}

/** Open the store at `location` (a SQLite file path, or a PostgreSQL URL). */
export async function openStore(location: string, options: OpenOptions): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(location, options);
  }
  return openSqliteStore(location, { readonly: options.mode === 'read' });
}

/** What `wfm db migrate` did: the schema version before and after. */
export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Create or upgrade the schema of the store at `location` (`wfm db migrate`); on PostgreSQL also
 * create the group roles wfm_read, wfm_plan and wfm_import and grant them (src/store/roles.ts).
 */
export async function migrateStore(location: string): Promise<MigrationResult> {
  if (isPostgresUrl(location)) {
    const { migratePostgresStore } = await import('./postgres.js');
    return migratePostgresStore(location);
  }
  return migrateSqliteStore(location);
}
