/**
 * vitest globalSetup: ONE PostgreSQL server for the whole run, started lazily.
 *
 * Nothing is started here. This process listens on a unix socket in a private temp folder (a few
 * milliseconds), and the first test that asks for PostgreSQL (test/helpers/pg.ts) makes it start a
 * throwaway cluster (test/helpers/pg-server.ts, about a second); a run whose tests never ask starts
 * none. With WFM_TEST_PG=<superuser URL> the tests use that server instead and no cluster is made.
 * Teardown stops the cluster, or, on a WFM_TEST_PG server, drops the databases and roles this run
 * created.
 *
 * Availability is decided here, before any test file is collected: with WFM_TEST_PG set, or the
 * server binaries found, PostgreSQL counts as available (a server that then fails to start fails the
 * tests that need it, with its log). Otherwise the PostgreSQL tests skip with the reason, which is
 * printed once, or, under WFM_REQUIRE_PG=1 (CI), fail with it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { findPgBinDir, startPgServer, type PgServer } from './pg-server.js';

/** What the tests get through inject('wfmPg'). */
export interface PgProvided {
  /** Why PostgreSQL tests cannot run; '' when they can. */
  reason: string;
  /** WFM_REQUIRE_PG=1: a missing PostgreSQL fails the tests instead of skipping them. */
  required: boolean;
  /** The coordinator's unix socket ('' when unavailable). */
  socket: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    wfmPg: PgProvided;
  }
}

/** Answers of the coordinator (JSON). */
export type PgAnswer = { url: string } | { user: string; password: string; url: string } | { error: string };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.WFM_REQUIRE_PG === '1';
  const external = process.env.WFM_TEST_PG ?? '';
  const found = external ? null : findPgBinDir();
  const reason = found && 'reason' in found ? found.reason : '';
  if (reason) {
    process.stderr.write(`\nPostgreSQL tests ${required ? 'FAIL (WFM_REQUIRE_PG=1)' : 'are skipped'}: ${reason}\n\n`);
    project.provide('wfmPg', { reason, required, socket: '' });
    return async () => {};
  }

  const runId = randomBytes(3).toString('hex');
  let server: Promise<PgServer> | undefined; // the cluster, once asked for
  let admin: Promise<string> | undefined; // the superuser URL, once checked
  const made = { databases: [] as string[], roles: [] as string[] };
  let count = 0;

  const adminUrl = (): Promise<string> => {
    admin ??= (async () => {
      if (!external) {
        server ??= startPgServer();
        return (await server).url;
      }
      // a server of the caller's: check it once, so a bad WFM_TEST_PG fails with a plain reason
      const c = new pg.Client({ connectionString: external });
      try {
        await c.connect();
        await c.query('SELECT 1');
      } catch (e) {
        throw new Error(`WFM_TEST_PG: cannot connect: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      } finally {
        await c.end().catch(() => {});
      }
      return external;
    })();
    return admin;
  };

  const withAdmin = async <T>(fn: (c: pg.Client, url: string) => Promise<T>): Promise<T> => {
    const url = await adminUrl();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c, url);
    } finally {
      await c.end();
    }
  };

  const withPath = (url: string, database: string, user?: { name: string; password: string }): string => {
    const u = new URL(url);
    u.pathname = '/' + encodeURIComponent(database);
    if (user) {
      u.username = user.name;
      u.password = user.password;
    }
    return u.toString();
  };

  const answer = async (path: string): Promise<PgAnswer> => {
    if (path === '/server') return { url: await adminUrl() };
    if (path === '/database') {
      const name = `wfm_t_${runId}_${++count}`;
      return withAdmin(async (c, url) => {
        await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
        made.databases.push(name);
        return { url: withPath(url, name) };
      });
    }
    if (path === '/role') {
      const user = `wfm_u_${runId}_${++count}`;
      const password = randomBytes(12).toString('base64url');
      return withAdmin(async (c, url) => {
        await c.query(`CREATE ROLE ${c.escapeIdentifier(user)} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
        made.roles.push(user);
        return { user, password, url: withPath(url, 'postgres', { name: user, password }) };
      });
    }
    return { error: `unknown request ${path}` };
  };

  const dir = mkdtempSync(join(tmpdir(), 'wfm-pgc-'));
  const socket = join(dir, 'coordinator.sock');
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    answer(req.url ?? '')
      .catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }))
      .then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(socket, resolve);
  });
  project.provide('wfmPg', { reason: '', required, socket });

  return async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
    if (server) {
      await (await server.catch(() => null))?.stop();
    } else if (external && admin && (made.databases.length || made.roles.length)) {
      // the caller's server keeps nothing of this run
      await withAdmin(async (c) => {
        for (const db of made.databases) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(db)} WITH (FORCE)`);
        for (const role of made.roles) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role)}`);
      }).catch((e: unknown) => process.stderr.write(`WFM_TEST_PG: could not drop this run's databases and roles: ${String(e)}\n`));
    }
  };
}
