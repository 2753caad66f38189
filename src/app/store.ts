/**
 * The one way to open the store. Reading commands (reports, lists, lookups) need a store that
 * exists: without one they stop with exit 2 "no store at PATH" and create nothing; they open it
 * read-only and never change it. Writing commands (imports, saves) create it when absent and upgrade
 * its schema.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Message } from '../errors.js';
import { openStore as openBackend, StoreBusyError, type Store } from '../store/index.js';
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
export function untilFree<T>(s: Pick<Session, 'db'> & Partial<Pick<Session, 'progress' | 'storeWaitSeconds'>>, attempt: () => T): T {
  const progress = s.progress ?? NO_PROGRESS;
  const started = Date.now();
  const limit = s.storeWaitSeconds ?? STORE_WAIT_SECONDS;
  for (let tried = false; ; tried = true) {
    try {
      const result = attempt();
      if (tried) progress.done();
      return result;
    } catch (err) {
      if (!(err instanceof StoreBusyError)) throw err;
      const waited = (Date.now() - started) / 1000;
      if (waited >= limit) {
        progress.done();
        throw new UsageError({ key: 'store.busy', params: { db: s.db, seconds: Math.round(waited) } }, `the store ${s.db} stayed busy`);
      }
      progress.update({ key: 'store.waiting', params: { db: s.db, seconds: Math.round(waited) } });
    }
  }
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

/** Whether the session's store exists. */
export function storeExists(s: Pick<Session, 'cwd' | 'db'>): boolean {
  return existsSync(resolve(s.cwd, s.db));
}

/**
 * Open the session's store: `read` requires it to exist (exit 2 "no store at PATH", or `missing`, a
 * message that says what to do first) and opens it read-only (a store the user cannot write can be
 * read; one on an older schema is exit 2 saying a writing command upgrades it); `write` creates it
 * and brings its schema up to date.
 */
export function openStore(s: StoreSession, mode: StoreMode, missing?: Message): Store {
  if (mode === 'read' && !storeExists(s)) throw new UsageError(missing ?? { key: 'store.missing', params: { path: s.db } }, `no store at ${s.db}`);
  return untilFree(s, () => openBackend(resolve(s.cwd, s.db), { readonly: mode === 'read' }));
}

/**
 * Run `work` with the store open, closing it afterwards. Writing, `work` is tried again while another
 * process writes to the store (see untilFree): it must be one transaction.
 */
export function withStore<T>(s: StoreSession, mode: StoreMode, work: (store: Store) => T, missing?: Message): T {
  const store = openStore(s, mode, missing);
  try {
    return mode === 'write' ? untilFree(s, () => work(store)) : work(store);
  } finally {
    store.close();
  }
}

/** What opening the store needs of a session (tests may give less: no progress, the default wait). */
export type StoreSession = Pick<Session, 'cwd' | 'db'> & Partial<Pick<Session, 'progress' | 'storeWaitSeconds'>>;
