/**
 * The one way to open the store, a SQLite file or a PostgreSQL URL (`--db`, WFM_DB, wfm.yaml's
 * `db`). Reading commands (reports, lists, lookups) need a store that exists: without one they stop
 * with exit 2 "no store at PATH" and create nothing; they open it read-only and never change it.
 * Writing commands (imports, saves) create a SQLite file when absent and upgrade its schema; a
 * PostgreSQL store is created and upgraded only by `wfm db migrate`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Message } from '../errors.js';
import { isPostgresUrl, openStore as openBackend, redactUrl, StoreBusyError, StoreConflictError, type Store } from '../store/index.js';
import { NO_PROGRESS, type Session } from './session.js';

export type StoreMode = 'read' | 'write';

/** How long a run waits, by default, for a store another process writes to (a long import). */
export const STORE_WAIT_SECONDS = 600;

/**
 * Run `attempt` until it gets past a store another process is writing to: each try waits about a
 * second inside the store; between tries the progress line says how long it has waited. After the
 * session's wait (default STORE_WAIT_SECONDS), exit 2 "store busy" naming the store. `attempt` must
 * change nothing when it fails so (one transaction, or opening).
 */
export async function untilFree<T>(s: Pick<Session, 'db'> & Partial<Pick<Session, 'progress' | 'storeWaitSeconds'>>, attempt: () => Promise<T>): Promise<T> {
  const progress = s.progress ?? NO_PROGRESS;
  const started = Date.now();
  const limit = s.storeWaitSeconds ?? STORE_WAIT_SECONDS;
  const shown = storeName(s.db);
  for (let tried = 0; ; tried++) {
    try {
      const result = await attempt();
      if (tried) progress.done();
      return result;
    } catch (err) {
      if (!(err instanceof StoreBusyError) && !(err instanceof StoreConflictError)) throw err;
      const waited = (Date.now() - started) / 1000;
      if (waited >= limit) {
        progress.done();
        throw new UsageError({ key: 'store.busy', params: { db: shown, seconds: Math.round(waited) } }, `the store ${shown} stayed busy`);
      }
      progress.update({ key: 'store.waiting', params: { db: shown, seconds: Math.round(waited) } });
      // a lost race (PostgreSQL) is retried at once, then after a growing pause; a busy SQLite store
      // has already waited a second inside the store
      if (err instanceof StoreConflictError) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** Math.min(tried, 6)) * Math.random()));
    }
  }
}

/** The store as shown to people: a PostgreSQL URL without its password. */
export function storeName(db: string): string {
  return isPostgresUrl(db) ? redactUrl(db) : db;
}

/** Control characters (C0, DEL, C1) and the line and paragraph separators: never part of a saved name. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/**
 * Refuse a `--save` name holding a line break or another control character (exit 2 naming --save):
 * saved names go into the store, into file names and into calendars (the UID of every event).
 */
export function checkSaveName(name: string): void {
  if (CONTROL.test(name)) throw new UsageError({ key: 'store.saveName', params: { name: JSON.stringify(name) } }, `--save ${JSON.stringify(name)}: control characters`);
}

/**
 * A save refused because the name is taken (`key`: the command's message, with name, site, who and
 * when): exit 2, nothing overwritten. The name may have been free when the run started and saved by
 * another user meanwhile.
 */
export function savedMeanwhile(key: 'forecast.err.saveExists' | 'roster.err.exists', name: string, site: string, r: { createdBy: string; createdMs: number }): UsageError {
  const at = new Date(r.createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return new UsageError({ key, params: { name, site, by: r.createdBy || '?', at } }, `"${name}" is already saved for site ${site}`);
}

/** Whether the session's store exists (a PostgreSQL store is a server's business: taken to exist). */
export function storeExists(s: Pick<Session, 'cwd' | 'db'>): boolean {
  return isPostgresUrl(s.db) || existsSync(resolve(s.cwd, s.db));
}

/** Where the store is: a SQLite path resolved against the working folder, or the URL. */
export function storeLocation(s: Pick<Session, 'cwd' | 'db'>): string {
  return isPostgresUrl(s.db) ? s.db : resolve(s.cwd, s.db);
}

/**
 * Open the session's store: `read` requires it to exist (exit 2 "no store at PATH", or `missing`, a
 * message that says what to do first) and opens it read-only (a store the user cannot write can be
 * read; one on an older schema is exit 2 saying a writing command upgrades it); `write` creates it
 * and brings its schema up to date.
 */
export async function openStore(s: StoreSession, mode: StoreMode, missing?: Message): Promise<Store> {
  if (mode === 'read' && !storeExists(s)) throw new UsageError(missing ?? { key: 'store.missing', params: { path: s.db } }, `no store at ${s.db}`);
  return untilFree(s, () => openBackend(storeLocation(s), { mode }));
}

/**
 * Run `work` with the store open, closing it afterwards. Writing, `work` is tried again while another
 * process writes to the store (see untilFree): it must be one transaction.
 */
export async function withStore<T>(s: StoreSession, mode: StoreMode, work: (store: Store) => Promise<T>, missing?: Message): Promise<T> {
  const store = await openStore(s, mode, missing);
  try {
    return mode === 'write' ? await untilFree(s, () => work(store)) : await work(store);
  } finally {
    await store.close();
  }
}

/** What opening the store needs of a session (tests may give less: no progress, the default wait). */
export type StoreSession = Pick<Session, 'cwd' | 'db'> & Partial<Pick<Session, 'progress' | 'storeWaitSeconds'>>;
