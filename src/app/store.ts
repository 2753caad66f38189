/**
 * The one way to open the store. Reading commands (reports, lists, lookups) need a store that
 * exists: without one they stop with exit 2 "no store at PATH" and create nothing. Writing commands
 * (imports, saves) create it when absent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Message } from '../errors.js';
import { openStore as openBackend, type Store } from '../store/index.js';
import type { Session } from './session.js';

export type StoreMode = 'read' | 'write';

/** Whether the session's store exists. */
export function storeExists(s: Pick<Session, 'cwd' | 'db'>): boolean {
  return existsSync(resolve(s.cwd, s.db));
}

/**
 * Open the session's store: `read` requires it to exist (exit 2 "no store at PATH", or `missing`, a
 * message that says what to do first), `write` creates it.
 */
export function openStore(s: Pick<Session, 'cwd' | 'db'>, mode: StoreMode, missing?: Message): Store {
  if (mode === 'read' && !storeExists(s)) throw new UsageError(missing ?? { key: 'store.missing', params: { path: s.db } }, `no store at ${s.db}`);
  return openBackend(resolve(s.cwd, s.db));
}

/** Run `work` with the store open, closing it afterwards. */
export function withStore<T>(s: Pick<Session, 'cwd' | 'db'>, mode: StoreMode, work: (store: Store) => T, missing?: Message): T {
  const store = openStore(s, mode, missing);
  try {
    return work(store);
  } finally {
    store.close();
  }
}
