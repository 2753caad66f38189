/**
 * `wfm db migrate|status|copy` and `wfm audit`: the store as a whole, on either backend.
 *
 * - migrate: create or upgrade the schema (the only way a PostgreSQL store is ever migrated; on
 *   PostgreSQL it also creates and grants the group roles wfm_read, wfm_plan and wfm_import).
 * - status: backend, schema version, who changes are recorded under, sites, rows per table.
 * - copy: every table of one store into another (any two backends), in one transaction on the
 *   destination; an empty destination is migrated first, one that holds data is refused. The source's
 *   audit log is copied too (renumbered after the destination's own rows), then the copy is audited.
 */
import { UsageError } from '../errors.js';
import { isPostgresUrl, migrateStore, openStore as openBackend, redactUrl, SCHEMA_VERSION, TABLES, type AuditRow, type MigrationResult, type StoreStatus } from '../store/index.js';
import { NO_PROGRESS, type Session } from './session.js';
import { openStore, storeLocation, storeName, untilFree, withStore } from './store.js';

/** `wfm db migrate`: the schema version before and after, and where. */
export async function migrate(s: Session): Promise<MigrationResult & { location: string; backend: 'sqlite' | 'postgres' }> {
  const result = await untilFree(s, () => migrateStore(storeLocation(s)));
  return { ...result, location: storeName(s.db), backend: isPostgresUrl(s.db) ? 'postgres' : 'sqlite' };
}

/** `wfm db status`. */
export async function status(s: Session): Promise<StoreStatus> {
  return withStore(s, 'read', (store) => store.status());
}

export interface CopyAnswer {
  from: string;
  to: string;
  /** Rows copied per table. */
  rows: Record<string, number>;
  /** Whether the destination's schema was created (or upgraded) first. */
  migrated: boolean;
}

/**
 * `wfm db copy --from SRC --to DEST`: SRC and DEST are store locations (a SQLite path relative to the
 * working folder, or a PostgreSQL URL); they may not be the same store.
 */
export async function copy(from: string, to: string, s: Session): Promise<CopyAnswer> {
  const src = { ...s, db: from };
  const dest = { ...s, db: to };
  if (storeLocation(src) === storeLocation(dest)) throw new UsageError({ key: 'db.copy.same', params: { store: storeName(from) } });
  const progress = s.progress ?? NO_PROGRESS;
  const source = await openStore(src, 'read', { key: 'store.missing', params: { path: storeName(from) } });
  try {
    // an empty destination gets the schema first (a SQLite file is created; PostgreSQL: the server's database must exist)
    let migrated = false;
    if (!isPostgresUrl(to) || (await destinationNeedsSchema(dest))) {
      const m = await untilFree(dest, () => migrateStore(storeLocation(dest)));
      migrated = m.from !== m.to;
    }
    const target = await openStore(dest, 'write');
    try {
      if (!(await target.isEmpty())) throw new UsageError({ key: 'db.copy.notEmpty', params: { store: storeName(to) } });
      const rows: Record<string, number> = {};
      await untilFree(dest, () => target.begin('db.copy'));
      try {
        for (const t of TABLES) {
          rows[t.name] = 0;
          for await (const page of source.dumpTable(t.name)) {
            await target.loadTable(t.name, page);
            rows[t.name] += page.length;
            progress.update({ key: 'db.copy.progress', params: { table: t.name, rows: rows[t.name] } });
          }
        }
        await target.audit({ action: 'db.copy', site: null, detail: { from: storeName(from), rows } });
        await target.commit();
      } catch (err) {
        await target.rollback();
        throw err;
      } finally {
        progress.done();
      }
      return { from: storeName(from), to: storeName(to), rows, migrated };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Whether a PostgreSQL destination has no wfm schema yet (or an older one): then `copy` migrates it. */
async function destinationNeedsSchema(dest: Session): Promise<boolean> {
  try {
    const store = await openBackend(storeLocation(dest), { mode: 'read' });
    const old = store.version < SCHEMA_VERSION;
    await store.close();
    return old;
  } catch (err) {
    if (err instanceof UsageError && err.msg.key === 'store.pgNeedsMigrate') return true;
    throw err;
  }
}

/** `wfm audit`: the audit rows, newest first. */
export async function auditLog(q: { sinceMs?: number; site?: string; user?: string; limit?: number }, s: Session): Promise<AuditRow[]> {
  return withStore(s, 'read', (store) => store.auditLog(q));
}

/** A location as shown (a URL without its password). */
export function shownLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}
