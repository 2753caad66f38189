/**
 * The PostgreSQL implementation of `Store` (in progress: not built yet).
 */
import { UsageError } from '../errors.js';
import { redactUrl } from './pg-url.js';
import type { Store } from './store.js';

export async function openPostgresStore(url: string, _options: { mode: 'read' | 'write' }): Promise<Store> {
  throw new UsageError({ key: 'store.cannotOpen', params: { path: redactUrl(url), code: 'PostgreSQL stores are not supported yet' } });
}

export async function migratePostgresStore(url: string): Promise<{ from: number; to: number }> {
  throw new UsageError({ key: 'store.cannotOpen', params: { path: redactUrl(url), code: 'PostgreSQL stores are not supported yet' } });
}
