/**
 * PostgreSQL in tests: the run's one server (test/helpers/pg-global-setup.ts), a fresh database per
 * test file, and the skip-or-fail policy.
 *
 *   import { describePg, freshPgDatabase } from '../helpers/pg.js';
 *
 *   describePg('the store on PostgreSQL', () => {
 *     let url = '';
 *     beforeAll(async () => { url = await freshPgDatabase(); });   // postgresql://wfm_admin@127.0.0.1:PORT/wfm_t_...
 *     it('...', async () => { ... });
 *   });
 *
 * Each freshPgDatabase() is a new empty database (UTF8, collation C) on the shared server, so test
 * files run in parallel without sharing state; the superuser URL connects to it. The server starts
 * on the first call of the run (about a second), not before.
 *
 * Without PostgreSQL (no server binaries, no WFM_TEST_PG) describePg's tests are skipped, their suite
 * named with the reason; under WFM_REQUIRE_PG=1 (CI) the suite instead has one failing test that
 * gives the reason. freshPgDatabase() and the others throw the reason.
 */
import { request } from 'node:http';
import { describe, inject, it } from 'vitest';
import type { PgAnswer, PgProvided } from './pg-global-setup.js';

const NO_SETUP = 'the PostgreSQL global setup did not run (vitest.config.ts: globalSetup test/helpers/pg-global-setup.ts)';

function provided(): PgProvided {
  return inject('wfmPg') ?? { reason: NO_SETUP, required: process.env.WFM_REQUIRE_PG === '1', socket: '' };
}

/** Whether this run has a PostgreSQL server for tests (its own cluster, or WFM_TEST_PG). */
export function pgAvailable(): boolean {
  return provided().reason === '';
}

/** Why PostgreSQL tests cannot run ('' when they can). */
export function pgSkipReason(): string {
  return provided().reason;
}

/** WFM_REQUIRE_PG=1: a missing PostgreSQL is a failure, not a skip. */
export function pgRequired(): boolean {
  return provided().required;
}

/**
 * describe() for tests that need PostgreSQL: run when `reason` is '' (by default: the run's server is
 * available), else skipped with the reason in the suite's name, or, when PostgreSQL is required,
 * replaced by one failing test that gives the reason.
 */
export function describePg(name: string, fn: () => void, reason: string = pgSkipReason()): void {
  if (!reason) {
    describe(name, fn);
  } else if (pgRequired()) {
    describe(name, () => {
      it('needs PostgreSQL (WFM_REQUIRE_PG=1)', () => {
        throw new Error(`PostgreSQL is required (WFM_REQUIRE_PG=1) but ${reason}`);
      });
    });
  } else {
    describe.skip(`${name} - skipped: ${reason}`, fn);
  }
}

function ask(path: string): Promise<PgAnswer> {
  const { reason, socket } = provided();
  if (reason) return Promise.reject(new Error(`no PostgreSQL for tests: ${reason}`));
  return new Promise((resolve, reject) => {
    // agent: false, a connection per request: a kept-alive one the coordinator closed after its idle
    // timeout (5 s) would be reused and fail with EPIPE
    const req = request({ socketPath: socket, path, method: 'POST', timeout: 180_000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as PgAnswer);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('the PostgreSQL coordinator did not answer in 180 s')));
    req.on('error', reject);
    req.end();
  });
}

async function answer(path: string): Promise<Exclude<PgAnswer, { error: string }>> {
  const a = await ask(path);
  if ('error' in a) throw new Error(`PostgreSQL for tests: ${a.error}`);
  return a;
}

/** The superuser URL of the run's server (database `postgres`). Starts the server on first use. */
export async function pgAdminUrl(): Promise<string> {
  return (await answer('/server')).url;
}

/** A new empty database on the run's server; returns its superuser URL. */
export async function freshPgDatabase(): Promise<string> {
  return (await answer('/database')).url;
}

/**
 * A new login role with a random password on the run's server (the server checks it; the superuser
 * alone is trusted). `url` connects as it, with the password, to the database `postgres`.
 */
export async function freshPgLoginRole(): Promise<{ user: string; password: string; url: string }> {
  const a = await answer('/role');
  if (!('user' in a)) throw new Error('PostgreSQL for tests: no role in the answer');
  return a;
}
