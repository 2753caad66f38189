/**
 * PostgreSQL in tests (a stand-in until the branch pg-infra lands its version of this file, with the
 * same exports, and a server of the run's own): a server named by WFM_TEST_PG (a superuser URL),
 * a fresh database per call, and describePg, which skips without one.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

const ADMIN = process.env.WFM_TEST_PG ?? '';

export function pgAvailable(): boolean {
  return ADMIN !== '';
}

export function pgSkipReason(): string {
  return ADMIN ? '' : 'WFM_TEST_PG is not set';
}

export function describePg(name: string, fn: () => void, reason: string = pgSkipReason()): void {
  if (!reason) describe(name, fn);
  else describe.skip(`${name} - skipped: ${reason}`, fn);
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const withDatabase = (url: string, db: string) => url.replace(/\/[^/?]*(\?|$)/, `/${db}$1`);

export async function pgAdminUrl(): Promise<string> {
  return withDatabase(ADMIN, 'postgres');
}

export async function freshPgDatabase(): Promise<string> {
  const name = `wfm_t_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`));
  return withDatabase(ADMIN, name);
}

export async function freshPgLoginRole(): Promise<{ user: string; password: string; url: string }> {
  const user = `wfm_u_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await admin((c) => c.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`));
  const u = new URL(withDatabase(ADMIN, 'postgres').replace(/^postgres(ql)?:/, 'http:'));
  return { user, password, url: `postgresql://${user}:${password}@${u.host}/postgres` };
}
