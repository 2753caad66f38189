/**
 * The throwaway PostgreSQL cluster of test/helpers/pg-server.ts: it starts, runs as a non-root user,
 * listens on loopback and on its unix socket, keeps databases apart, checks login roles' passwords,
 * survives crash()/restart() with what was committed, and leaves nothing behind, also when its
 * process ends without stop() or is killed. Needs the server binaries (not WFM_TEST_PG): skipped with
 * the reason without them, failed under WFM_REQUIRE_PG=1.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parsePostgresUrl } from '../../src/store/pg-url.js';
import { describePg } from '../helpers/pg.js';
import { findPgBinDir, startPgServer, type PgServer } from '../helpers/pg-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const found = findPgBinDir();

async function query<T extends pg.QueryResultRow>(config: string | pg.ClientConfig, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client(config);
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function eventually(pred: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return pred();
}

describePg(
  'a throwaway PostgreSQL cluster (test/helpers/pg-server.ts)',
  () => {
    let server: PgServer;
    let startMs = 0;
    beforeAll(async () => {
      const t0 = performance.now();
      server = await startPgServer();
      startMs = performance.now() - t0;
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('starts in a few seconds and answers SELECT version() as the superuser, with the throwaway settings', async () => {
      expect(startMs).toBeLessThan(15_000);
      expect(server.url).toBe(`postgresql://wfm_admin@127.0.0.1:${server.port}/postgres`);
      const [row] = await query<Record<string, string>>(
        server.url,
        `SELECT version() AS version, current_user AS who, current_setting('is_superuser') AS su,
                current_setting('server_encoding') AS enc, current_setting('lc_collate') AS coll,
                current_setting('fsync') AS fsync, current_setting('full_page_writes') AS fpw,
                current_setting('synchronous_commit') AS sc, current_setting('max_connections') AS maxconn,
                current_setting('listen_addresses') AS listen, current_setting('TimeZone') AS tz`,
      );
      expect(row.version).toMatch(/^PostgreSQL \d+\.\d+/);
      expect(row.version).toContain(server.version);
      expect(row).toMatchObject({ who: 'wfm_admin', su: 'on', enc: 'UTF8', coll: 'C', fsync: 'off', fpw: 'off', sc: 'on', maxconn: '200', listen: '127.0.0.1', tz: 'UTC' });
      console.log(`throwaway PostgreSQL ${server.version} started in ${Math.round(startMs)} ms`);
    });

    it('never runs as root: the postmaster runs as postgres (or nobody) when we are root, else as us', () => {
      const pid = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      const me = process.getuid?.() ?? -1;
      if (me === 0) expect(uid).not.toBe(0);
      else expect(uid).toBe(me);
    });

    it('listens on a unix socket inside its folder too (host percent-encoded, or host=)', async () => {
      expect(existsSync(join(server.socketDir, `.s.PGSQL.${server.port}`))).toBe(true);
      for (const url of [
        `postgresql://wfm_admin@${encodeURIComponent(server.socketDir)}:${server.port}/postgres`,
        `postgresql:///postgres?host=${server.socketDir}&port=${server.port}&user=wfm_admin&sslmode=require`,
      ]) {
        const config = parsePostgresUrl(url);
        expect(config.host).toBe(server.socketDir);
        // inet_server_addr() is NULL over a unix socket
        expect(await query(config, 'SELECT inet_server_addr() AS addr, current_user AS who')).toEqual([{ addr: null, who: 'wfm_admin' }]);
      }
    });

    it('keeps two databases apart', async () => {
      const a = await server.createDatabase();
      const b = await server.createDatabase('wfm_second');
      expect(b).toBe(`postgresql://wfm_admin@127.0.0.1:${server.port}/wfm_second`);
      expect(a).not.toBe(b);
      await query(a, 'CREATE TABLE calls (id int PRIMARY KEY)');
      await query(a, 'INSERT INTO calls VALUES (1), (2)');
      expect(await query(b, "SELECT to_regclass('calls') AS t")).toEqual([{ t: null }]);
      await query(b, 'CREATE TABLE calls (id int PRIMARY KEY)');
      await query(b, 'INSERT INTO calls VALUES (7)');
      expect(await query(a, 'SELECT id FROM calls ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
      expect(await query(b, 'SELECT id FROM calls')).toEqual([{ id: 7 }]);
      await expect(server.createDatabase('wfm_second')).rejects.toThrow(/already exists/);
      await expect(server.createDatabase('Bad-Name')).rejects.toThrow(/lower-case letters/);
    });

    it('checks a login role’s password (the superuser alone is trusted)', async () => {
      await server.createLoginRole('alice', 'pa ss:w@rd/1');
      const ok = server.urlFor({ user: 'alice', password: 'pa ss:w@rd/1' });
      expect(ok).toBe(`postgresql://alice:pa%20ss%3Aw%40rd%2F1@127.0.0.1:${server.port}/postgres`);
      expect(await query(ok, 'SELECT current_user AS who')).toEqual([{ who: 'alice' }]);
      await expect(query(server.urlFor({ user: 'alice', password: 'wrong' }), 'SELECT 1')).rejects.toThrow(/password authentication failed for user "alice"/);
    });

    it('crash() cuts a connection mid-work; restart() brings back what was committed, not what was not', async () => {
      const url = await server.createDatabase();
      await query(url, 'CREATE TABLE t (i int)');
      await query(url, 'INSERT INTO t VALUES (1)');
      const c = new pg.Client(url);
      const errors: Error[] = [];
      c.on('error', (e) => errors.push(e));
      await c.connect();
      await c.query('BEGIN');
      await c.query('INSERT INTO t VALUES (2)');
      const sleeping = c.query('SELECT pg_sleep(60)').then(
        () => 'finished',
        (e: Error) => e.message,
      );
      await new Promise((r) => setTimeout(r, 200));
      // committed just now, right before the crash: must survive it
      await query(url, 'INSERT INTO t VALUES (3)');
      await server.crash();
      expect(await sleeping).toMatch(/terminat|Connection terminated|ECONNRESET/i);
      await expect(query(url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED|starting up|shutting down/);
      expect(await listening(server.port)).toBe(false);
      await server.restart();
      expect(await query(url, 'SELECT i FROM t ORDER BY i')).toEqual([{ i: 1 }, { i: 3 }]);
      expect(server.url).toBe(`postgresql://wfm_admin@127.0.0.1:${server.port}/postgres`);
      await c.end().catch(() => {});
    });

    for (const mode of ['exit', 'wait'] as const) {
      it(
        mode === 'exit'
          ? 'a process that exits without stop() leaves no server and no folder (exit handler)'
          : 'a process killed with SIGKILL leaves no server and no folder for long (watchdog)',
        async () => {
          const child = spawn(join(ROOT, 'node_modules/.bin/vite-node'), ['test/helpers/pg-server-child.ts', mode], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          const exited = new Promise<number | null>((r) => child.on('close', r));
          expect(await eventually(() => out.includes('\n'), 60_000), err).toBe(true);
          const { dir, port } = JSON.parse(out.split('\n')[0]) as { dir: string; port: number };
          // the child waits for a line (exit) or a kill (wait): under load it used to exit, and its
          // handler remove the folder, before this looked
          expect(existsSync(dir)).toBe(true);
          expect(await listening(port)).toBe(true);
          if (mode === 'wait') child.kill('SIGKILL');
          else child.stdin.write('go\n');
          await exited;
          expect(await eventually(async () => !existsSync(dir) && !(await listening(port)), 15_000)).toBe(true);
        },
      );
    }

    it('stop() shuts down and removes its folder; a second stop() is harmless', async () => {
      expect(await listening(server.port)).toBe(true);
      await server.stop();
      expect(existsSync(server.dir)).toBe(false);
      expect(await listening(server.port)).toBe(false);
      await server.stop();
      await expect(server.createDatabase()).rejects.toThrow(/stopped/);
    });
  },
  'reason' in found ? found.reason : '',
);
