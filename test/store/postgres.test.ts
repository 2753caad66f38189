/**
 * What only the PostgreSQL store does, on the test server (a fresh database per test): wfm db migrate
 * with its roles and grants, a refused write for each role (exit 2 naming the missing role, nothing
 * changed), read-only stores, stores not on this wfm's schema, the password kept out of every error,
 * concurrent sessions (each call stored once, a lock per run, a deadlock as a conflict to retry, a
 * name saved by two planners at once), byte-order sorting in a database with another collation, and
 * a copy from SQLite giving the same dumps and report cells.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import { DateTime } from 'luxon';
import { ExitCode, WfmError } from '../../src/errors.js';
import { t } from '../../src/i18n/index.js';
import { intervalGrid } from '../../src/report/sla.js';
import { PgConnection } from '../../src/store/pg-client.js';
import { migrateStore, openStore, StoreBusyError, StoreConflictError, TABLES, type Store } from '../../src/store/index.js';
import { generate } from '../helpers/queue-log-gen.js';
import { describePg, freshPgDatabase, freshPgLoginRole, pgAdminUrl } from '../helpers/pg.js';
import { call, dumpAll, fill } from './contract.js';

const T0 = Date.UTC(2026, 5, 10, 8);

/** Run SQL as the superuser on a database. */
async function sql<T = unknown[]>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, types: { getTypeParser: ((oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser } });
  await c.connect();
  try {
    return (await c.query({ text, values, rowMode: 'array' })).rows as T[];
  } finally {
    await c.end();
  }
}

/** The URL of `database` (a URL of the same server) as another user. */
function as(url: string, user: string, password: string): string {
  const u = new URL(url.replace(/^postgres(ql)?:/, 'http:'));
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${u.host}${u.pathname}`;
}

/** Everything a person or a log could see of an error. */
function everything(err: unknown): string {
  const e = err as Error & { msg?: { key: Parameters<typeof t>[1]; params?: Record<string, string | number> } };
  const shown = e.msg ? [t('en', e.msg.key, e.msg.params), t('zh-CN', e.msg.key, e.msg.params)] : [];
  return [...shown, String(e), e.message, e.stack ?? '', inspect(e, { depth: 5, showHidden: true }), JSON.stringify(e)].join('\n');
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

const open: Store[] = [];
async function store(url: string, mode: 'read' | 'write' = 'write'): Promise<Store> {
  const s = await openStore(url, { mode });
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** A fresh migrated database. */
async function migrated(): Promise<string> {
  const url = await freshPgDatabase();
  expect(await migrateStore(url)).toEqual({ from: 0, to: 7 });
  return url;
}

/** A new login role holding `groups`, connecting to `url`'s database. */
async function loginRole(url: string, groups: string[]): Promise<{ user: string; url: string; password: string }> {
  const r = await freshPgLoginRole();
  for (const g of groups) await sql(url, `GRANT ${g} TO ${r.user}`);
  return { user: r.user, password: r.password, url: as(url, r.user, r.password) };
}

const callCount = async (url: string) => Number((await sql(url, 'SELECT count(*) FROM calls'))[0][0]);

describePg('PostgreSQL store', () => {
  it('wfm db migrate creates the schema, the three group roles and their grants; a second run changes nothing', async () => {
    const url = await migrated();
    const roles = await sql(url, `SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'wfm\\_%' AND rolname IN ('wfm_read', 'wfm_plan', 'wfm_import') ORDER BY rolname`);
    expect(roles).toEqual([['wfm_import', false], ['wfm_plan', false], ['wfm_read', false]]);
    const members = await sql(url, `SELECT r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.member JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname = 'wfm_read' ORDER BY 1`);
    expect(members.map((m) => m[0])).toEqual(expect.arrayContaining(['wfm_import', 'wfm_plan']));
    // by each table's writer in schema.ts: plan = people, forecasts, rosters (+ sites, imports); import = call data (+ sites, imports)
    const plan = ['sites', 'imports', 'forecasts', 'forecast_rows', 'agents', 'agent_skills', 'exams', 'training', 'skill_requirements', 'rosters', 'roster_shifts', 'roster_coverage'];
    const imp = ['sites', 'imports', 'calls', 'call_buckets', 'queues', 'agent_events', 'pending_calls', 'volumes'];
    const tables = [...TABLES.map((x) => x.name), 'wfm_schema'];
    const rights = await sql<[string, string, string, boolean]>(
      url,
      `SELECT r, t, p, has_table_privilege(r, t, p) FROM unnest($1::text[]) AS r, unnest($2::text[]) AS t, unnest($3::text[]) AS p`,
      [['wfm_read', 'wfm_plan', 'wfm_import'], tables, ['SELECT', 'INSERT', 'UPDATE', 'DELETE']],
    );
    expect(rights.length).toBe(3 * tables.length * 4);
    // wfm_import: what an import does, no more (UPDATE of sites is of tz alone: a column privilege)
    const importRights: Record<string, string[]> = {
      sites: ['INSERT'],
      imports: ['INSERT'],
      calls: ['INSERT', 'UPDATE'],
      call_buckets: ['INSERT', 'DELETE'],
      queues: ['INSERT'],
      agent_events: ['INSERT'],
      pending_calls: ['INSERT', 'DELETE'],
      volumes: ['INSERT', 'UPDATE'],
    };
    for (const [role, table, what, granted] of rights) {
      // sites and import runs (both roles write them): as an import does, for either
      const both = ['sites', 'imports'].includes(table);
      // forecasts and rosters: wfm_plan inserts and updates by column (who saved one is the server's), so not on the whole table
      const byColumn = ['forecasts', 'rosters'].includes(table) && what !== 'DELETE';
      const want =
        what === 'SELECT' ||
        (role === 'wfm_plan' && plan.includes(table) && !byColumn && (!both || importRights[table].includes(what))) ||
        (role === 'wfm_import' && imp.includes(table) && importRights[table].includes(what));
      expect(granted, `${role} ${what} ${table}`).toBe(want);
    }
    // the audit log: wfm_plan and wfm_import name action, site and detail; nobody names who or when
    const columns = await sql<[string, string, string, boolean]>(
      url,
      `SELECT r, c, p, has_column_privilege(r, 'audit', c, p) FROM unnest($1::text[]) AS r, unnest($2::text[]) AS c, unnest($3::text[]) AS p`,
      [['wfm_read', 'wfm_plan', 'wfm_import'], ['id', 'at_ms', 'user_name', 'action', 'site', 'detail'], ['INSERT', 'UPDATE']],
    );
    for (const [role, column, what, granted] of columns) {
      expect(granted, `${role} ${what} audit.${column}`).toBe(what === 'INSERT' && role !== 'wfm_read' && ['action', 'site', 'detail'].includes(column));
    }
    for (const role of ['wfm_import', 'wfm_plan']) {
      expect(await sql(url, `SELECT has_column_privilege('${role}', 'sites', 'tz', 'UPDATE'), has_column_privilege('${role}', 'sites', 'name', 'UPDATE')`)).toEqual([[true, false]]);
    }
    // who saved a forecast or roster: nobody names it; every other column wfm_plan may write
    for (const tbl of ['forecasts', 'rosters']) {
      expect(
        await sql(url, `SELECT has_column_privilege('wfm_plan', '${tbl}', 'created_by', 'INSERT'), has_column_privilege('wfm_plan', '${tbl}', 'created_by', 'UPDATE'),
                               has_column_privilege('wfm_plan', '${tbl}', 'name', 'INSERT'), has_column_privilege('wfm_plan', '${tbl}', 'created_ms', 'UPDATE')`),
      ).toEqual([[false, false, true, true]]);
    }
    const version = await sql(url, 'SELECT version FROM wfm_schema');
    expect(version).toEqual([[7]]);
    const tablesBefore = await sql(url, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`);
    expect(await migrateStore(url)).toEqual({ from: 7, to: 7 });
    expect(await sql(url, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`)).toEqual(tablesBefore);
    expect(await sql(url, `SELECT action, detail FROM audit ORDER BY id`)).toEqual([['db.migrate', '{"from":0,"to":7}']]);
    // a second database on the same server reuses the roles and gets its own grants
    const second = await migrated();
    expect(await sql(second, `SELECT count(*) FROM pg_roles WHERE rolname IN ('wfm_read', 'wfm_plan', 'wfm_import')`)).toEqual([[3]]);
    expect(await sql(second, `SELECT has_table_privilege('wfm_import', 'calls', 'INSERT'), has_table_privilege('wfm_plan', 'calls', 'INSERT')`)).toEqual([[true, false]]);
  });

  it('each role may do its part and no more: a refused write is exit 2 naming the role it needs, and changes nothing', async () => {
    const url = await migrated();
    const reader = await loginRole(url, ['wfm_read']);
    const planner = await loginRole(url, ['wfm_plan']);
    const importer = await loginRole(url, ['wfm_import']);
    const nobody = await loginRole(url, []);
    const admin = await store(url);
    await admin.importCalls('default', [call(1)], 'UTC');

    const refused = async (p: Promise<unknown>, table: string, role: string) => {
      const err = await failure(p);
      expect(err).toBeInstanceOf(WfmError);
      const e = err as WfmError;
      expect(e.exitCode).toBe(ExitCode.usage);
      expect(e.msg.params).toMatchObject({ table, role });
      const text = t('en', e.msg.key, e.msg.params);
      expect(text).toContain(`needs the group role ${role}`);
      expect(text).toContain(`GRANT ${role} TO`);
      expect(text).not.toMatch(/\n\s+at /); // no stack trace
      return e;
    };

    // wfm_read: reads everything, writes nothing
    const r = await store(reader.url);
    expect(r.user).toBe(reader.user);
    expect((await r.callCells('default', { starts: [T0], endMs: T0 + 3600_000, slThresholdS: 20, shortAbandonS: 5 })).length).toBe(1);
    await r.begin('import:default');
    await refused(r.importCalls('default', [call(2)], 'UTC'), 'calls', 'wfm_import');
    await r.rollback();
    const e = await refused(r.saveForecast('default', { name: 'f', createdMs: T0, tz: 'UTC', intervalMinutes: 30, startDate: '2026-06-10', days: 1, methods: {}, rows: [] }), 'forecasts', 'wfm_plan');
    expect(e.msg.params).toMatchObject({ user: reader.user });
    const either = (await failure(r.saveSite({ name: 'x', tz: 'UTC' }))) as WfmError;
    expect(either.msg).toMatchObject({ key: 'store.pg.deniedWriteEither', params: { table: 'sites', role: 'wfm_import', other: 'wfm_plan' } });
    // nor the audit log
    const noAudit = (await failure(r.audit({ action: 'test.read', site: null, detail: {} }))) as WfmError;
    expect(noAudit.msg).toMatchObject({ key: 'store.pg.deniedWriteEither', params: { table: 'audit', role: 'wfm_import', other: 'wfm_plan' } });

    // wfm_plan: people, forecasts, rosters; not call data
    const p = await store(planner.url);
    await refused(p.importCalls('default', [call(3)], 'UTC'), 'calls', 'wfm_import');
    await refused(p.importVolumes('default', [{ queue: 'acd', intervalStartMs: T0, intervalMinutes: 30, offered: 1, answered: 1, abandoned: 0, answeredWithin: 1, ahtS: 1, asaS: 1 }], 'UTC'), 'volumes', 'wfm_import');
    expect(await p.importAgents('default', [{ id: 'a', name: null, team: null, supervisor: null, skills: [], contract: null, minWeeklyHours: null, maxWeeklyHours: null, hireDate: null }])).toBe(1);
    expect(await p.saveForecast('default', { name: 'f', createdMs: T0, tz: 'UTC', intervalMinutes: 30, startDate: '2026-06-10', days: 1, methods: {}, rows: [] })).toEqual({ saved: true });
    expect((await p.forecast('default', 'f'))?.createdBy).toBe(planner.user);
    await p.saveSite({ name: 'default', tz: 'UTC' });
    // a planner cannot save a forecast or roster in another's name, with psql or otherwise
    const forge = await PgConnection.connect(planner.url);
    try {
      await expect(
        forge.query(`INSERT INTO forecasts (site, name, created_ms, created_by, tz, interval_minutes, start_date, days, methods) VALUES ('default', 'g', 0, 'someone-else', 'UTC', 30, '2026-06-10', 1, '{}')`, []),
      ).rejects.toThrow();
    } finally {
      await forge.close();
    }
    expect(await sql(url, `SELECT name, created_by FROM forecasts`)).toEqual([['f', planner.user]]);

    // wfm_import: call data, import runs; not people or plans
    const i = await store(importer.url);
    await i.begin('import:default');
    expect(await i.importCalls('default', [call(4)], 'UTC')).toBe(1);
    await i.recordImport('default', { kind: 'cdr', files: ['x'], tz: 'UTC', startedMs: 0, finishedMs: 1, lines: 1, accepted: 1, rejected: 0, calls: 1 });
    await i.commit();
    await refused(i.importAgents('default', [{ id: 'b', name: null, team: null, supervisor: null, skills: [], contract: null, minWeeklyHours: null, maxWeeklyHours: null, hireDate: null }]), 'agents', 'wfm_plan');
    await refused(i.saveRoster('default', { name: 'r', createdMs: 0, tz: 'UTC', startDate: '2026-06-10', days: 1, intervalMinutes: 30, solver: 'x', paidHours: 0, lowerBound: 0, gap: 0, understaffed: 0, seconds: 0, rules: '{}', shifts: [], coverage: [] }), 'rosters', 'wfm_plan');

    // nothing the refused writes tried is there
    expect(await sql(url, `SELECT call_id FROM calls ORDER BY call_id`)).toEqual([['c1'], ['c4']]);
    expect(await sql(url, `SELECT id FROM agents`)).toEqual([['a']]);
    expect(await sql(url, `SELECT count(*) FROM rosters`)).toEqual([[0]]);
    expect((await admin.auditLog({})).map((a) => [a.action, a.user])).toEqual([
      ['import.cdr', importer.user],
      ['forecast.save', planner.user],
      ['db.migrate', admin.user],
    ]);

    // no role at all: not even reading
    const err = (await failure(openStore(nobody.url, { mode: 'read' }))) as WfmError;
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(t('en', err.msg.key, err.msg.params)).toContain(`needs the group role wfm_read, which an administrator grants with GRANT wfm_read TO ${nobody.user}`);
    // nor migrating
    const m = (await failure(migrateStore(await (async () => { const fresh = await freshPgDatabase(); return as(fresh, planner.user, planner.password); })()))) as WfmError;
    expect(m.msg.key).toBe('store.pg.migrateDenied');
    expect(m.exitCode).toBe(ExitCode.usage);
  });

  it('the audit log: wfm_read may not append to it; a writer\'s row carries its own user and the server\'s time, whatever the client sends', async () => {
    const url = await migrated();
    const reader = await loginRole(url, ['wfm_read']);
    const planner = await loginRole(url, ['wfm_plan']);
    const importer = await loginRole(url, ['wfm_import']);
    const denied = async (who: { url: string }, text: string) => {
      const err = (await failure(sql(who.url, text))) as { code?: string };
      expect(err.code, text).toBe('42501');
    };
    for (const text of [
      `INSERT INTO audit (action, site, detail) VALUES ('forged', NULL, '{}')`,
      `INSERT INTO audit (at_ms, user_name, action, site, detail) VALUES (0, 'boss', 'forged', NULL, '{}')`,
    ]) {
      await denied(reader, text);
    }
    for (const who of [planner, importer]) {
      // naming who or when is refused
      await denied(who, `INSERT INTO audit (user_name, action, site, detail) VALUES ('boss', 'forged', NULL, '{}')`);
      await denied(who, `INSERT INTO audit (at_ms, action, site, detail) VALUES (0, 'forged', NULL, '{}')`);
      await denied(who, `UPDATE audit SET user_name = 'boss'`);
      await denied(who, `DELETE FROM audit`);
      await denied(who, `DELETE FROM imports`);
      await denied(who, `DELETE FROM sites`);
      // the server fills them in
      const before = Date.now();
      const [[user, at]] = await sql<[string, number]>(who.url, `INSERT INTO audit (action, site, detail) VALUES ('test.row', NULL, '{}') RETURNING user_name, at_ms`);
      expect(user).toBe(who.user);
      expect(at).toBeGreaterThanOrEqual(before - 5000);
      expect(at).toBeLessThanOrEqual(Date.now() + 5000);
    }
    expect(await sql(url, `SELECT count(*)::int FROM audit WHERE action = 'forged' OR user_name = 'boss'`)).toEqual([[0]]);
    // through the store: a planner's save is audited under the planner
    const p = await store(planner.url);
    expect(await p.saveForecast('default', { name: 'f', createdMs: T0, tz: 'UTC', intervalMinutes: 30, startDate: '2026-06-10', days: 1, methods: {}, rows: [] })).toEqual({ saved: true });
    expect(await sql(url, `SELECT user_name FROM audit WHERE action = 'forecast.save'`)).toEqual([[planner.user]]);
    // the owner (wfm db copy) still loads rows with their own user and time
    const admin = await store(url);
    await admin.loadTable('audit', [[99, 1234, 'someone.else', 'import.cdr', 'x', '{}']]);
    expect(await sql(url, `SELECT at_ms, user_name FROM audit WHERE action = 'import.cdr'`)).toEqual([[1234, 'someone.else']]);
  });

  it('wfm_import may not delete call data or import runs, nor rename a site; a store migrated before that is exit 2 until wfm db migrate narrows it', async () => {
    const url = await migrated();
    const importer = await loginRole(url, ['wfm_import']);
    const i = await store(importer.url);
    await i.saveSite({ name: 'default', tz: 'UTC' });
    expect(await i.importCalls('default', [call(1)], 'UTC')).toBe(1);
    await i.recordImport('default', { kind: 'cdr', files: ['x'], tz: 'UTC', startedMs: 0, finishedMs: 1, lines: 1, accepted: 1, rejected: 0, calls: 1 });
    // an explicit zone on an import changes the site's zone
    await i.saveSite({ name: 'default', tz: 'Europe/Berlin' });
    for (const text of [
      `DELETE FROM calls`,
      `DELETE FROM imports`,
      `UPDATE imports SET lines = 0`,
      `DELETE FROM volumes`,
      `DELETE FROM agent_events`,
      `DELETE FROM sites`,
      `UPDATE sites SET name = 'other'`,
      `TRUNCATE calls`,
    ]) {
      const err = (await failure(sql(importer.url, text))) as { code?: string };
      expect(err.code, text).toBe('42501');
    }
    expect(await sql(url, `SELECT (SELECT count(*)::int FROM calls), (SELECT count(*)::int FROM imports), (SELECT tz FROM sites)`)).toEqual([[1, 1, 'Europe/Berlin']]);
    await i.close();

    // a store as an older wfm left it: wfm_read appends to the audit log, wfm_import deletes, who and when are the client's
    await sql(url, `GRANT INSERT ON audit TO wfm_read; GRANT INSERT, UPDATE, DELETE ON calls, imports, sites TO wfm_import`);
    await sql(url, `ALTER TABLE audit ALTER COLUMN user_name DROP DEFAULT, ALTER COLUMN at_ms DROP DEFAULT`);
    const old = (await failure(openStore(importer.url, { mode: 'write' }))) as WfmError;
    expect(old.exitCode).toBe(ExitCode.usage);
    expect(old.msg.key).toBe('store.pg.regrant');
    expect(t('en', old.msg.key, old.msg.params)).toContain('wfm db migrate');
    expect(await migrateStore(url)).toEqual({ from: 7, to: 7 });
    expect(
      await sql(
        url,
        `SELECT has_table_privilege('wfm_read', 'audit', 'INSERT'), has_table_privilege('wfm_import', 'calls', 'DELETE'), has_table_privilege('wfm_import', 'imports', 'DELETE'), has_column_privilege('wfm_import', 'sites', 'name', 'UPDATE')`,
      ),
    ).toEqual([[false, false, false, false]]);
    const again = await store(importer.url);
    expect(await again.importCalls('default', [call(2)], 'UTC')).toBe(1);

    // a store of the wfm before server-side savers: wfm_plan names created_by; exit 2 until migrate, which takes it back
    await sql(url, `ALTER TABLE forecasts ALTER COLUMN created_by DROP DEFAULT; GRANT INSERT, UPDATE ON forecasts, rosters TO wfm_plan`);
    expect(((await failure(openStore(importer.url, { mode: 'read' }))) as WfmError).msg.key).toBe('store.pg.regrant');
    expect(await migrateStore(url)).toEqual({ from: 7, to: 7 });
    expect(await sql(url, `SELECT has_column_privilege('wfm_plan', 'forecasts', 'created_by', 'INSERT'), has_column_privilege('wfm_plan', 'rosters', 'created_by', 'UPDATE')`)).toEqual([[false, false]]);
    expect(await sql(url, `SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'forecasts'::regclass AND a.attname = 'created_by'`)).toEqual([['CURRENT_USER']]);
  });

  it('a store opened for reading cannot be written (exit 2), and a read transaction is one snapshot', async () => {
    const url = await migrated();
    const w = await store(url);
    await w.importCalls('default', [call(1)], 'UTC');
    const r = await store(url, 'read');
    const err = (await failure(r.importCalls('default', [call(2)], 'UTC'))) as WfmError;
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.msg.key).toBe('store.pg.readOnly');
    expect((await failure(r.saveSite({ name: 'x', tz: 'UTC' })) as WfmError).msg.key).toBe('store.pg.readOnly');
    expect(await callCount(url)).toBe(1);
    await r.begin();
    const count = async () => (await r.callCells('default', { starts: [T0], endMs: T0 + 3600_000, slThresholdS: 20, shortAbandonS: 5 }))[0].offered;
    expect(await count()).toBe(1);
    await w.importCalls('default', [call(2)], 'UTC');
    expect(await count()).toBe(1);
    await r.commit();
    expect(await count()).toBe(2);
  });

  it('a database without the schema, or on another version, is exit 2 saying what to do; a missing table is damage', async () => {
    const bare = await freshPgDatabase();
    for (const mode of ['read', 'write'] as const) {
      const err = (await failure(openStore(bare, { mode }))) as WfmError;
      expect(err.exitCode).toBe(ExitCode.usage);
      expect(t('en', err.msg.key, err.msg.params)).toContain('run wfm db migrate on it first');
    }
    expect(await sql(bare, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`)).toEqual([[0]]);
    const url = await migrated();
    await sql(url, 'UPDATE wfm_schema SET version = 5');
    const old = (await failure(openStore(url, { mode: 'write' }))) as WfmError;
    expect(old.msg).toMatchObject({ key: 'store.pg.oldSchema', params: { version: 5, needed: 7 } });
    expect(t('en', old.msg.key, old.msg.params)).toContain('run wfm db migrate');
    await sql(url, 'UPDATE wfm_schema SET version = 8');
    const newer = (await failure(openStore(url, { mode: 'read' }))) as WfmError;
    expect(newer.msg).toMatchObject({ key: 'store.tooNew', params: { version: 8, supported: 7 } });
    expect((await failure(migrateStore(url))) as WfmError).toMatchObject({ msg: { key: 'store.tooNew' } });
    await sql(url, 'UPDATE wfm_schema SET version = 7');
    await sql(url, 'DROP TABLE roster_coverage');
    const damaged = (await failure(openStore(url, { mode: 'read' }))) as WfmError;
    expect(damaged.msg).toMatchObject({ key: 'store.damaged', params: { tables: 'roster_coverage' } });
  });

  it('a version-6 database (before call buckets): exit 2 until wfm db migrate, which counts the buckets from its calls', async () => {
    const url = await migrated();
    const t0 = Date.UTC(2026, 0, 5, 8);
    const call = (i: number, queue: string, outcome: 'answered' | 'abandoned', talkS: number | null) => ({
      queue, callId: `c${i}`, enteredMs: t0 + i * 240_000, outcome, waitS: 3, agent: outcome === 'answered' ? 'A' : null, talkS, wrapS: outcome === 'answered' ? 5 : null, ringNoAnswers: 0, transfer: null, source: 'queue_log',
    });
    const w = await openStore(url, { mode: 'write' });
    await w.importCalls('default', [call(0, 'vip', 'answered', 100), call(1, 'vip', 'abandoned', null), call(2, 'vip', 'answered', 50.5), call(3, 'billing', 'answered', 20), call(4, 'vip', 'answered', 10)], 'UTC');
    await w.close();
    await sql(url, 'DROP TABLE call_buckets; UPDATE wfm_schema SET version = 6');
    const old = (await failure(openStore(url, { mode: 'read' }))) as WfmError;
    expect(old.msg).toMatchObject({ key: 'store.pg.oldSchema', params: { version: 6, needed: 7 } });
    expect(await migrateStore(url)).toEqual({ from: 6, to: 7 });
    const r = await openStore(url, { mode: 'read' });
    try {
      // by hand: 08:00 vip 100+5, 08:04 vip abandoned, 08:08 vip 50.5+5, 08:12 billing 20+5; 08:16 vip 10+5
      expect(await r.callBuckets('default', { fromMs: 0, toMs: 1e13 })).toEqual([
        { queue: 'billing', startMs: t0, offered: 1, answered: 1, handleS: 25, talked: 1, talkedHandleS: 25 },
        { queue: 'vip', startMs: t0, offered: 3, answered: 2, handleS: 160.5, talked: 2, talkedHandleS: 160.5 },
        { queue: 'vip', startMs: t0 + 900_000, offered: 1, answered: 1, handleS: 15, talked: 1, talkedHandleS: 15 },
      ]);
    } finally {
      await r.close();
    }
  });

  it('the server stopping a statement (a resource limit, a timeout, a lock not had) is exit 4 with the reason and the SQLSTATE, not a bug', async () => {
    const url = await freshPgDatabase();
    const db = await PgConnection.connect(url);
    try {
      // class 53 for real: a sort that needs more temporary file than temp_file_limit allows (53400)
      await db.exec(`SET temp_file_limit = '64kB'; SET work_mem = '64kB'`);
      const err = await failure(db.query(`SELECT count(*) FROM (SELECT g FROM generate_series(1, 200000) AS g ORDER BY g DESC OFFSET 1) AS x`));
      expect(err).toBeInstanceOf(WfmError);
      expect((err as WfmError).exitCode).toBe(ExitCode.unavailable);
      expect(everything(err)).toContain('53400');
      // the connection lives on
      expect(await db.query('SELECT 1')).toEqual([[1]]);
      for (const code of ['57014', '55P03', '53100', '53200', '25P03']) {
        const e = db.failure(Object.assign(new Error(`the server's reason`), { code }), {});
        expect(e, code).toBeInstanceOf(WfmError);
        expect((e as WfmError).exitCode, code).toBe(ExitCode.unavailable);
        expect(everything(e)).toContain(code);
      }
    } finally {
      await db.close();
    }
  });

  it('the password never appears: a wrong password, a closed port, an unknown database, a password in the query', async () => {
    const url = await migrated();
    const role = await loginRole(url, ['wfm_read']);
    const secret = 'S3cret-pw_42';
    const host = new URL(url.replace(/^postgres(ql)?:/, 'http:')).host;
    const port = Number(host.split(':')[1]);
    const cases: [string, string, number][] = [
      [as(url, role.user, secret), 'store.pg.login', ExitCode.usage],
      [`postgresql://${role.user}:${secret}@127.0.0.1:1/wfm`, 'store.pg.unavailable', ExitCode.unavailable],
      [`postgresql://${role.user}:${role.password}@127.0.0.1:${port}/no_such_db_${Date.now()}`, 'store.pg.noDatabase', ExitCode.usage],
      [`postgresql://${role.user}@127.0.0.1:${port}/wfm?password=${secret}`, 'store.pg.login', ExitCode.usage],
    ];
    for (const [where, key, code] of cases) {
      const err = (await failure(openStore(where, { mode: 'read' }))) as WfmError;
      expect(err.msg.key, where.replace(secret, '***')).toBe(key);
      expect(err.exitCode).toBe(code);
      const seen = everything(err);
      expect(seen).not.toContain(secret);
      expect(seen).not.toContain(role.password);
      expect(t('en', err.msg.key, err.msg.params)).toMatch(/:\*\*\*@|password=\*\*\*/);
    }
    // a store's path and status never hold it either
    const s = await store(role.url);
    expect(s.path).toBe(role.url.replace(`:${encodeURIComponent(role.password)}@`, ':***@'));
    expect(JSON.stringify(await s.status())).not.toContain(role.password);
    // no password given at all
    const none = (await failure(openStore(`postgresql://${role.user}@127.0.0.1:${port}/wfm`, { mode: 'read' }))) as WfmError;
    expect(none.msg.key).toBe('store.pg.login');
  });

  it('a password from PGPASSWORD or ~/.pgpass (PGPASSFILE, private, with wildcards and escapes); one readable by others is ignored', async (ctx) => {
    const url = await migrated();
    const role = await loginRole(url, ['wfm_read']);
    const u = new URL(url.replace(/^postgres(ql)?:/, 'http:'));
    const bare = `postgresql://${role.user}@${u.host}${u.pathname}`;
    const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
    const dir = mkdtempSync(join(tmpdir(), 'wfm-pgpass-'));
    ctx.onTestFinished(() => {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      rmSync(dir, { recursive: true, force: true });
    });
    delete process.env.PGPASSFILE;
    process.env.PGPASSWORD = role.password;
    expect((await store(bare, 'read')).user).toBe(role.user);
    delete process.env.PGPASSWORD;
    const file = join(dir, 'pgpass');
    const db = u.pathname.slice(1);
    writeFileSync(file, `# comment\nother:*:*:*:wrong\n127.0.0.1:${u.port}:${db}:nobody:wrong\n*:${u.port}:*:${role.user}:${role.password.replace(/[:\\]/g, '\\$&')}\n`, { mode: 0o600 });
    process.env.PGPASSFILE = file;
    expect((await store(bare, 'read')).user).toBe(role.user);
    chmodSync(file, 0o644);
    const err = (await failure(openStore(bare, { mode: 'read' }))) as WfmError;
    expect(err.msg.key).toBe('store.pg.login');
    expect(everything(err)).not.toContain(role.password);
  });

  it('two sessions importing the same calls at once store each call once; different sites do not wait for each other', async () => {
    const url = await migrated();
    const a = await store(url);
    const b = await store(url);
    const batch = (from: number, to: number, over = {}) => Array.from({ length: to - from }, (_, k) => call(from + k, over));
    // overlapping batches of one site (no lock): b waits for a's rows, then updates them
    await a.begin();
    await b.begin();
    expect(await a.importCalls('north', batch(0, 1000), 'UTC')).toBe(1000);
    const bDone = b.importCalls('north', batch(500, 1500, { waitS: 1.5 }), 'UTC');
    await new Promise((r) => setTimeout(r, 200));
    await a.commit();
    expect(await bDone).toBe(500);
    await b.commit();
    expect(await callCount(url)).toBe(1500);
    expect(await sql(url, `SELECT count(DISTINCT (site, queue, entered_ms, call_id)), count(*) FILTER (WHERE wait_s = 1.5) FROM calls`)).toEqual([[1500, 1000]]);
    // two sites with the same ids at once, each under its own run lock
    await a.begin('import:east');
    await b.begin('import:west');
    const [ea, wb] = await Promise.all([a.importCalls('east', batch(0, 2000), 'UTC'), b.importCalls('west', batch(0, 2000), 'UTC')]);
    await Promise.all([a.commit(), b.commit()]);
    expect([ea, wb]).toEqual([2000, 2000]);
    // re-running both changes nothing
    const [ea2, wb2] = await Promise.all([a.importCalls('east', batch(0, 2000), 'UTC'), b.importCalls('west', batch(0, 2000), 'UTC')]);
    expect([ea2, wb2]).toEqual([0, 0]);
    expect(await sql(url, `SELECT site, count(*) FROM calls GROUP BY site ORDER BY site`)).toEqual([['east', 2000], ['north', 1500], ['west', 2000]]);
  });

  it('a run lock held by another session is StoreBusyError after about a second; free again after its commit', async () => {
    const url = await migrated();
    const a = await store(url);
    const b = await store(url);
    await a.begin('import:north');
    const started = Date.now();
    await expect(b.begin('import:north')).rejects.toBeInstanceOf(StoreBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await b.begin('import:south'); // another name is free
    await b.commit();
    await a.commit();
    await b.begin('import:north');
    await b.importCalls('north', [call(1)], 'UTC');
    await b.commit();
    expect(await callCount(url)).toBe(1);
  });

  it('a deadlock between two runs is a StoreConflictError; the loser rolled back, its retry stores every call once', async () => {
    const url = await migrated();
    const a = await store(url);
    const b = await store(url);
    const batch = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => call(from + k));
    // the queue is recorded already (a new queue's row would make the second run wait for the first at once)
    await a.importCalls('north', [call(5000)], 'UTC');
    await a.begin();
    await b.begin();
    await a.importCalls('north', batch(0, 100), 'UTC');
    await b.importCalls('north', batch(1000, 1100), 'UTC');
    // each now needs rows the other holds: the server finds the cycle (deadlock_timeout, 1 s) and fails one
    const runs = [a.importCalls('north', batch(1000, 1100), 'UTC'), b.importCalls('north', batch(0, 100), 'UTC')];
    const first = await Promise.race(runs.map((p, i) => p.then(() => ({ i, err: null }), (err: unknown) => ({ i, err }))));
    expect(first.err).toBeInstanceOf(StoreConflictError);
    const [loser, winner] = first.i === 0 ? [a, b] : [b, a];
    await loser.rollback();
    expect(await runs[1 - first.i]).toBe(100);
    await winner.commit();
    // the loser runs again from the start
    await loser.begin();
    const again = (await loser.importCalls('north', batch(0, 100), 'UTC')) + (await loser.importCalls('north', batch(1000, 1100), 'UTC'));
    await loser.commit();
    expect(again).toBe(0);
    expect(await callCount(url)).toBe(201);
  });

  it('two planners saving one name at once: the second is told who saved it and when, nothing overwritten', async () => {
    const url = await migrated();
    const other = await loginRole(url, ['wfm_plan']);
    const a = await store(url);
    const b = await store(other.url);
    const f = (createdMs: number, calls: number) => ({ name: 'week-24', createdMs, tz: 'UTC', intervalMinutes: 30, startDate: '2026-06-10', days: 1, methods: {}, rows: [{ queue: 'vip', intervalStartMs: T0, calls, ahtSeconds: 180, callsLow: 1, callsHigh: 9 }] });
    await a.begin();
    expect(await a.saveForecast('default', f(T0, 5))).toEqual({ saved: true });
    const second = b.saveForecast('default', f(T0 + 1, 7)); // waits for a's claim to commit or roll back
    await new Promise((r) => setTimeout(r, 200));
    await a.commit();
    expect(await second).toEqual({ saved: false, createdBy: a.user, createdMs: T0 });
    expect((await b.forecast('default', 'week-24'))!.rows[0].calls).toBe(5);
    // had the first rolled back, the second would have saved it
    await a.begin();
    expect(await a.saveRoster('default', { name: 'r', createdMs: 1, tz: 'UTC', startDate: '2026-06-10', days: 1, intervalMinutes: 30, solver: 'x', paidHours: 0, lowerBound: 0, gap: 0, understaffed: 0, seconds: 0, rules: '{}', shifts: [], coverage: [] })).toEqual({ saved: true });
    const third = b.saveRoster('default', { name: 'r', createdMs: 2, tz: 'UTC', startDate: '2026-06-10', days: 1, intervalMinutes: 30, solver: 'y', paidHours: 0, lowerBound: 0, gap: 0, understaffed: 0, seconds: 0, rules: '{}', shifts: [], coverage: [] });
    await new Promise((r) => setTimeout(r, 200));
    await a.rollback();
    expect(await third).toEqual({ saved: true });
    expect((await a.roster('default', 'r'))).toMatchObject({ solver: 'y', createdBy: other.user });
  });

  it('text sorts byte by byte even in a database whose own collation does not', async (ctx) => {
    const adminUrl = await pgAdminUrl();
    const name = `wfm_t_icu_${Date.now()}`;
    try {
      // PostgreSQL 15 with ICU: a database whose default collation is English dictionary order
      await sql(adminUrl, `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`);
    } catch (err) {
      ctx.skip(`no ICU database on this server: ${(err as Error).message}`);
    }
    const url = adminUrl.replace(/\/postgres(\?|$)/, `/${name}$1`);
    ctx.onTestFinished(async () => {
      for (const s of open.splice(0)) await s.close();
      await sql(adminUrl, `DROP DATABASE IF EXISTS ${name}`);
    });
    expect(await sql(url, `SELECT 'a' < 'B'`)).toEqual([[true]]); // the database's own collation: dictionary order
    await migrateStore(url);
    const s = await store(url);
    const names = ['a', 'B', 'Z', '_x', 'é', '10', '9'];
    await s.importCalls('default', names.map((q, i) => call(i, { queue: q, callId: q })), 'UTC');
    await s.importCalls('default', names.map((id, i) => call(i, { queue: 'same', callId: id, enteredMs: T0 })), 'UTC');
    const bytes = [...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(bytes).toEqual(['10', '9', 'B', 'Z', '_x', 'a', 'é']);
    expect(await s.queues('default')).toEqual([...bytes.slice(0, 6), 'same', 'é'].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    const ids: string[] = [];
    for await (const page of s.callsInRange({ site: 'default', fromMs: T0, toMs: T0 + 1, queues: ['same'] })) ids.push(...page.map((c) => c.callId));
    expect(ids).toEqual(bytes);
  });

  it('64-bit integers are read as numbers by the store only: the driver\'s global parsers are untouched', async () => {
    const url = await migrated();
    const s = await store(url);
    expect(typeof (await s.status()).rows.audit).toBe('number');
    expect(pg.types.getTypeParser(20, 'text')('12')).toBe('12');
  });

  it('a copy from SQLite gives the same dumps and the same report cells, to the last bit', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'wfm-copy-'));
    ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const lite = await openStore(join(dir, 'w.db'), { mode: 'write' });
    open.push(lite);
    await fill(lite);
    const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
    const g = generate({ seed: 21, calls: 4000, startS: berlin('2026-10-24T22:00') / 1000, meanGapS: 30 });
    await lite.importCalls(
      'north',
      g.calls.map((c, i) => ({ ...c, waitS: c.waitS + ((i * 7919) % 1000) / 1000, talkS: c.talkS === null ? null : c.talkS + 0.3, wrapS: i % 4 ? null : 2.2, source: 'gen' })),
      'Europe/Berlin',
    );
    const url = await migrated();
    const p = await store(url);
    await p.begin();
    for (const table of TABLES) {
      if (table.name === 'audit') continue;
      for await (const page of lite.dumpTable(table.name)) await p.loadTable(table.name, page);
    }
    await p.commit();
    const want = await dumpAll(lite, ['audit']);
    expect(await dumpAll(p, ['audit'])).toEqual(want);
    for (const interval of [15, 60, 'day'] as const) {
      const grid = intervalGrid(berlin('2026-10-25'), berlin('2026-10-28'), 'Europe/Berlin', interval);
      const q = { starts: grid.starts, endMs: grid.endMs, slThresholdS: 20, shortAbandonS: 5 };
      const cells = await lite.callCells('north', q);
      expect(cells.length).toBeGreaterThan(0);
      expect(await p.callCells('north', q)).toEqual(cells);
      const totals = { fromMs: grid.starts[0], toMs: grid.endMs, enteredFromMs: grid.starts[0] - 3600_000 };
      expect(await p.agentCallTotals('north', totals)).toEqual(await lite.agentCallTotals('north', totals));
    }
    expect(await p.listForecasts()).toEqual(await lite.listForecasts());
  });
});
