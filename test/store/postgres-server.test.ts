/**
 * The PostgreSQL store on a cluster of this file's own (test/helpers/pg-server.ts), for what cannot
 * run on the shared test server: the group roles created by two first migrations at once, and the
 * server crashing mid-import (the run fails with exit 4 naming the store, never its password; the
 * store holds the state before the run; after a restart the same run completes).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { ExitCode, WfmError } from '../../src/errors.js';
import { t } from '../../src/i18n/index.js';
import { migrateStore, openStore, type Store } from '../../src/store/index.js';
import { describePg } from '../helpers/pg.js';
import { findPgBinDir, startPgServer, type PgServer } from '../helpers/pg-server.js';
import { call } from './contract.js';

const found = findPgBinDir();
const T0 = Date.UTC(2026, 5, 10, 8);

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query({ text: sql, rowMode: 'array' })).rows[0][0]);
  } finally {
    await c.end();
  }
}

const batch = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => call(from + k, { enteredMs: T0 + (from + k) * 100 }));

describePg(
  'PostgreSQL store on a cluster of its own',
  () => {
    let server: PgServer;
    beforeAll(async () => {
      server = await startPgServer();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('two first migrations at once (two databases) create the group roles once and both succeed', async () => {
      const [a, b, c] = await Promise.all([server.createDatabase(), server.createDatabase(), server.createDatabase()]);
      expect(await count(a, `SELECT count(*) FROM pg_roles WHERE rolname IN ('wfm_read', 'wfm_plan', 'wfm_import')`)).toBe(0);
      expect(await Promise.all([migrateStore(a), migrateStore(b), migrateStore(c)])).toEqual([
        { from: 0, to: 7 },
        { from: 0, to: 7 },
        { from: 0, to: 7 },
      ]);
      expect(await count(a, `SELECT count(*) FROM pg_roles WHERE rolname IN ('wfm_read', 'wfm_plan', 'wfm_import')`)).toBe(3);
      for (const url of [a, b, c]) expect(await count(url, `SELECT count(*) FROM audit WHERE action = 'db.migrate'`)).toBe(1);
    });

    it('the server crashing mid-import: exit 4 naming the store, the previous state kept, and after a restart the run completes', async () => {
      const admin = await server.createDatabase();
      await migrateStore(admin);
      const password = 'crash-Pw_9';
      await server.createLoginRole('wfm_cron', password);
      const adminClient = new pg.Client({ connectionString: admin });
      await adminClient.connect();
      await adminClient.query('GRANT wfm_import TO wfm_cron');
      await adminClient.end();
      const url = server.urlFor({ user: 'wfm_cron', password, database: new URL(admin.replace(/^postgresql:/, 'http:')).pathname.slice(1) });

      // the state before: one committed run
      const first = await openStore(url, { mode: 'write' });
      await first.begin('import:default');
      expect(await first.importCalls('default', batch(0, 1000), 'UTC')).toBe(1000);
      await first.recordImport('default', { kind: 'cdr', files: ['day1.csv'], tz: 'UTC', startedMs: 0, finishedMs: 1, lines: 1000, accepted: 1000, rejected: 0, calls: 1000 });
      await first.commit();
      await first.close();

      // the next run: the server goes away while it writes
      const run = await openStore(url, { mode: 'write' });
      await run.begin('import:default');
      expect(await run.importCalls('default', batch(1000, 2000), 'UTC')).toBe(1000);
      const big = failure(
        (async () => {
          for (let i = 2000; i < 200_000; i += 20_000) await run.importCalls('default', batch(i, i + 20_000), 'UTC');
          await run.commit();
        })(),
      );
      await new Promise((r) => setTimeout(r, 50));
      await server.crash();
      const err = await big;
      expect(err).toBeInstanceOf(WfmError);
      const e = err as WfmError;
      expect(e.exitCode).toBe(ExitCode.unavailable);
      expect(e.msg.key).toBe('store.pg.unavailable');
      const text = t('en', e.msg.key, e.msg.params);
      expect(text).toContain(`postgresql://wfm_cron:***@127.0.0.1:${server.port}/`);
      expect(`${text}\n${e.message}\n${e.stack}\n${JSON.stringify(e)}`).not.toContain(password);
      // what the application does next: roll back, close; neither throws nor hangs; a further call is exit 4 too
      expect(((await failure(run.queues('default'))) as WfmError).exitCode).toBe(ExitCode.unavailable);
      await run.rollback();
      await run.close();
      // while the server is down, opening is exit 4 as well
      expect(((await failure(openStore(url, { mode: 'read' }))) as WfmError).exitCode).toBe(ExitCode.unavailable);

      await server.restart();
      expect(await count(admin, 'SELECT count(*) FROM calls')).toBe(1000);
      expect(await count(admin, 'SELECT count(*) FROM imports')).toBe(1);
      expect(await count(admin, `SELECT count(*) FROM audit WHERE action = 'import.cdr'`)).toBe(1);

      // the same run again completes: the calls of the first run are not new
      const again: Store = await openStore(url, { mode: 'write' });
      await again.begin('import:default');
      let added = 0;
      for (let i = 0; i < 200_000; i += 20_000) added += await again.importCalls('default', batch(i, i + 20_000), 'UTC');
      await again.recordImport('default', { kind: 'cdr', files: ['day2.csv'], tz: 'UTC', startedMs: 0, finishedMs: 1, lines: 200_000, accepted: 200_000, rejected: 0, calls: 200_000 });
      await again.commit();
      await again.close();
      expect(added).toBe(199_000);
      expect(await count(admin, 'SELECT count(*) FROM calls')).toBe(200_000);
      expect(await count(admin, `SELECT count(*) FROM audit WHERE action = 'import.cdr'`)).toBe(2);
    });
  },
  'reason' in found ? found.reason : '',
);
