/**
 * The PostgreSQL store through the CLI (issue 16), on the run's test server: `wfm db migrate` and
 * `wfm db status`, the password kept out of everything printed, the three group roles (a reader
 * reports, a planner saves forecasts, an importer imports; each refused the rest with exit 2 naming
 * the role), concurrent imports as separate processes (each call stored once, re-running changes
 * nothing), `wfm db copy` SQLite -> PostgreSQL -> SQLite with identical reports, an unmigrated store
 * refused with exit 2, and `wfm audit` naming the database user. Expected counts come from the
 * generator's own calls (test/helpers/queue-log-gen.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { BIN, ensureBuilt, wfm, type Run } from '../helpers/wfm-cli.js';
import { generate, type GenCall } from '../helpers/queue-log-gen.js';
import { describePg, freshPgDatabase, freshPgLoginRole } from '../helpers/pg.js';

const DAY = '2026-12-07';
const ZONES = { north: 'Asia/Shanghai', south: 'Europe/Berlin' } as const;

let dir = '';
let calls: GenCall[] = [];

/** Run SQL as the superuser. */
async function sql(url: string, text: string): Promise<unknown[][]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query({ text, rowMode: 'array' })).rows as unknown[][];
  } finally {
    await c.end();
  }
}

/** `url`'s database as another user, with a password in the URL. */
function as(url: string, user: string, password: string): string {
  const u = new URL(url.replace(/^postgres(ql)?:/, 'http:'));
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${u.host}${u.pathname}`;
}

/** A new login role holding `groups` on `url`'s server, and its URL (password included) for `url`'s database. */
async function loginRole(url: string, groups: string[]): Promise<{ user: string; password: string; url: string }> {
  const r = await freshPgLoginRole();
  for (const g of groups) await sql(url, `GRANT ${g} TO ${r.user}`);
  return { user: r.user, password: r.password, url: as(url, r.user, r.password) };
}

/** `wfm args...` as a process that runs alongside others. */
function wfmAsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function json<T>(args: string[], env: Record<string, string> = {}): T {
  const r = wfm([...args, '--format', 'json'], dir, env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Exit 2 with a message and no stack trace. */
function refused(r: Run, ...says: string[]): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  for (const s of says) expect(r.stderr).toContain(s);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

const importArgs = (site: keyof typeof ZONES | 'east') => ['import', 'queue-log', 'pbx.log', '--site', site, '--tz', site === 'east' ? 'UTC' : ZONES[site], '--format', 'json'];

interface Status {
  backend: string;
  version: number;
  user: string;
  sites: { name: string; tz: string }[];
  rows: Record<string, number>;
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-cli-pg-'));
  // 400 calls from 2026-12-06 20:00 UTC, one every ~3 minutes: both sites' local 7 December
  const g = generate({ seed: 23, calls: 400, startS: Date.UTC(2026, 11, 6, 20) / 1000, meanGapS: 180 });
  calls = g.calls;
  writeFileSync(join(dir, 'pbx.log'), g.lines.map((l) => l.text).join('\n') + '\n');
  // a forecast input: four weeks of half-hours for one queue
  const rows = ['interval_start,queue,calls,aht'];
  for (let d = 1; d <= 28; d++) for (const h of ['09:00', '09:30']) rows.push(`2026-11-${String(d).padStart(2, '0')} ${h},billing,100,200`);
  writeFileSync(join(dir, 'h.csv'), rows.join('\n') + '\n');
});

describePg('wfm on a PostgreSQL store', () => {
  let owner = '';
  const fc = (name: string) => ['forecast', '--input', 'h.csv', '--start', '2026-11-30', '--days', '1', '--save', name, '--site', 'north', '--tz', 'Asia/Shanghai', '--holidays', 'none', '--quiet'];

  beforeAll(async () => {
    owner = await freshPgDatabase();
  });

  it('an unmigrated store: reading and writing commands are exit 2 saying to run wfm db migrate, and do not migrate it', async () => {
    for (const args of [['report', 'sla', '--from', DAY, '--to', DAY], ['db', 'status'], importArgs('north')]) {
      refused(wfm(args, dir, { WFM_DB: owner }), 'wfm db migrate');
    }
    expect(await sql(owner, `SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'`)).toEqual([[0]]);
  });

  it('wfm db migrate, then wfm db status: backend, schema version, user, no sites, row counts; a second migrate does nothing', async () => {
    const m = json<{ backend: string; from: number; to: number; location: string }>(['db', 'migrate', '--db', owner]);
    expect(m).toMatchObject({ backend: 'postgres', from: 0, to: 7 });
    expect(json<{ from: number; to: number }>(['db', 'migrate', '--db', owner])).toMatchObject({ from: 7, to: 7 });
    // a migrate with nothing to change takes no exclusive lock: a long transaction reading the audit
    // log (a report, a db copy's snapshot) does not hold it up, nor it the imports behind it
    const holder = new pg.Client({ connectionString: owner });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT count(*) FROM audit');
      const started = Date.now();
      const again = wfm(['db', 'migrate', '--db', owner, '--format', 'json'], dir);
      expect(again.code, again.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const st = json<Status>(['db', 'status', '--db', owner]);
    const [[me]] = await sql(owner, 'SELECT current_user');
    expect(st).toMatchObject({ backend: 'postgres', version: 7, user: me, sites: [] });
    expect(st.rows.calls).toBe(0);
    // one audit row per migration that changed something
    expect(st.rows.audit).toBe(1);
    const table = wfm(['db', 'status', '--db', owner, '--format', 'table'], dir);
    expect(table.stdout).toMatch(/postgres/);
    expect(table.stdout).toMatch(/^calls\s+0$/m);
  });

  it('concurrent imports as processes: the same file twice on one site and once on another store each call exactly once; re-running changes nothing', async () => {
    const env = { WFM_DB: owner };
    const runs = await Promise.all([wfmAsync(importArgs('north'), env), wfmAsync(importArgs('north'), env), wfmAsync(importArgs('south'), env)]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const [n1, n2, s1] = runs.map((r) => JSON.parse(r.stdout) as { calls: number; newCalls: number });
    expect([n1.calls, n2.calls, s1.calls]).toEqual([calls.length, calls.length, calls.length]);
    // between the two runs on north, each call is new exactly once
    expect(n1.newCalls + n2.newCalls).toBe(calls.length);
    expect(s1.newCalls).toBe(calls.length);
    const st = json<Status>(['db', 'status'], env);
    expect(st.rows.calls).toBe(2 * calls.length);
    expect(st.sites).toEqual([
      { name: 'north', tz: 'Asia/Shanghai' },
      { name: 'south', tz: 'Europe/Berlin' },
    ]);
    // per site, the distinct call ids are the generator's
    const perSite = await sql(owner, 'SELECT site, count(*)::int, count(DISTINCT call_id)::int FROM calls GROUP BY site ORDER BY site');
    expect(perSite).toEqual([
      ['north', calls.length, new Set(calls.map((c) => c.callId)).size],
      ['south', calls.length, new Set(calls.map((c) => c.callId)).size],
    ]);
    const before = await sql(owner, 'SELECT md5(string_agg(c::text, \'|\' ORDER BY site, queue, entered_ms, call_id)) FROM calls c');
    const again = await Promise.all([wfmAsync(importArgs('north'), env), wfmAsync(importArgs('south'), env)]);
    for (const r of again) {
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ calls: calls.length, newCalls: 0 });
    }
    expect(await sql(owner, 'SELECT md5(string_agg(c::text, \'|\' ORDER BY site, queue, entered_ms, call_id)) FROM calls c')).toEqual(before);
    expect(json<Status>(['db', 'status'], env).rows.calls).toBe(2 * calls.length);
  });

  it('roles: wfm_read reports but may not import or save (exit 2 naming the role); wfm_plan saves forecasts but may not import; wfm_import imports', async () => {
    const reader = await loginRole(owner, ['wfm_read']);
    const planner = await loginRole(owner, ['wfm_plan']);
    const importer = await loginRole(owner, ['wfm_import']);
    const sla = ['report', 'sla', '--from', DAY, '--to', DAY, '--interval', '60', '--format', 'json'];
    const asOwner = wfm(sla, dir, { WFM_DB: owner });
    expect(asOwner.code, asOwner.stderr).toBe(0);
    const asReader = wfm(sla, dir, { WFM_DB: reader.url });
    expect([asReader.code, asReader.stdout]).toEqual([0, asOwner.stdout]);
    const before = json<Status>(['db', 'status'], { WFM_DB: owner }).rows;

    refused(wfm(importArgs('east'), dir, { WFM_DB: reader.url }), 'wfm_import', reader.user);
    refused(wfm(fc('r1'), dir, { WFM_DB: reader.url }), 'wfm_plan', reader.user);
    refused(wfm(importArgs('east'), dir, { WFM_DB: planner.url }), 'wfm_import', planner.user);
    refused(wfm(fc('i1'), dir, { WFM_DB: importer.url }), 'wfm_plan', importer.user);
    // nothing of the refused runs was kept
    expect(json<Status>(['db', 'status'], { WFM_DB: owner }).rows).toEqual(before);

    const saved = wfm(fc('p1'), dir, { WFM_DB: planner.url });
    expect(saved.code, saved.stderr).toBe(0);
    // messages that name the store (a save's note, a forecast not found) show it without its password
    const noted = wfm(fc('p0').filter((a) => a !== '--quiet'), dir, { WFM_DB: planner.url });
    expect(noted.code, noted.stderr).toBe(0);
    expect(noted.stderr).toContain(':***@');
    expect(noted.stdout + noted.stderr).not.toContain(planner.password);
    for (const args of [
      ['staff', '--forecast', 'nope', '--site', 'north'],
      ['intraday', '--forecast', 'nope', '--site', 'north', '--date', DAY, '--at', '10:00'],
      ['report', 'staffing', '--forecast', 'nope', '--site', 'north', '--date', DAY],
    ]) {
      const r = wfm(args, dir, { WFM_DB: reader.url });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(':***@');
      expect(r.stdout + r.stderr).not.toContain(reader.password);
    }
    const imported = wfm(importArgs('east'), dir, { WFM_DB: importer.url });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ calls: calls.length, newCalls: calls.length });
    // the importer imports, and no more: it may not delete call data or import runs, nor write the audit log's who and when
    for (const text of ['DELETE FROM calls', 'DELETE FROM imports', `UPDATE sites SET name = 'x'`, `INSERT INTO audit (user_name, action, detail) VALUES ('boss', 'x', '{}')`]) {
      await expect(sql(importer.url, text), text).rejects.toMatchObject({ code: '42501' });
    }
    // a reader may not append to the audit log at all
    await expect(sql(reader.url, `INSERT INTO audit (action, detail) VALUES ('x', '{}')`)).rejects.toMatchObject({ code: '42501' });
    // a planner's row is under its own name, whatever name the client would give
    await expect(sql(planner.url, `INSERT INTO audit (user_name, action, detail) VALUES ('${importer.user}', 'x', '{}')`)).rejects.toMatchObject({ code: '42501' });
    expect(await sql(planner.url, `INSERT INTO audit (action, detail) VALUES ('test.planner', '{}') RETURNING user_name`)).toEqual([[planner.user]]);
    await sql(owner, `DELETE FROM audit WHERE action = 'test.planner'`);
    const after = json<Status>(['db', 'status'], { WFM_DB: reader.url });
    expect(after.rows.calls).toBe(3 * calls.length);
    expect(after.rows.forecasts).toBe(before.forecasts + 2);
    expect(after.user).toBe(reader.user);

    // wfm audit: the database user as the actor
    type Row = { at: string; user: string; action: string; site: string | null; detail: Record<string, unknown> };
    const audit = json<Row[]>(['audit'], { WFM_DB: reader.url });
    expect(audit.find((a) => a.action === 'forecast.save')).toMatchObject({ user: planner.user, site: 'north' });
    expect(audit.find((a) => a.action === 'import.queue-log' && a.site === 'east')).toMatchObject({ user: importer.user });
    expect(audit.filter((a) => a.user === reader.user)).toEqual([]);
    expect(json<Row[]>(['audit', '--user', importer.user], { WFM_DB: reader.url }).map((a) => [a.action, a.site])).toEqual([['import.queue-log', 'east']]);
    expect(audit[audit.length - 1]).toMatchObject({ action: 'db.migrate', site: null, detail: { from: 0, to: 7 } });
  });

  it('the password is never printed: db status, config show, a wrong password, a server that is down', async () => {
    // a store of its own
    const db = await freshPgDatabase();
    expect(wfm(['db', 'migrate', '--db', db], dir).code).toBe(0);
    const role = await loginRole(db, ['wfm_read']);
    const secret = role.password;
    const all = (r: Run) => r.stdout + r.stderr;
    const st = wfm(['db', 'status', '--format', 'json'], dir, { WFM_DB: role.url });
    expect(st.code, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout).location).toContain(':***@');
    for (const format of ['table', 'csv']) expect(all(wfm(['db', 'status', '--format', format], dir, { WFM_DB: role.url }))).not.toContain(secret);
    expect(all(st)).not.toContain(secret);
    for (const format of ['table', 'json']) {
      const cfg = wfm(['config', 'show', '--format', format], dir, { WFM_DB: role.url });
      expect(cfg.code, cfg.stderr).toBe(0);
      expect(cfg.stdout).toContain('***');
      expect(all(cfg)).not.toContain(secret);
    }
    // in wfm.yaml
    const sub = mkdtempSync(join(tmpdir(), 'wfm-cli-pg-yaml-'));
    writeFileSync(join(sub, 'wfm.yaml'), `db: "${role.url}"\n`);
    const fromFile = wfm(['config', 'show'], sub);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(all(fromFile)).not.toContain(secret);
    // the password from PGPASSWORD: the URL has none
    const bare = role.url.replace(`:${encodeURIComponent(secret)}@`, '@');
    const viaEnv = wfm(['db', 'status', '--format', 'json'], dir, { WFM_DB: bare, PGPASSWORD: secret });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(all(viaEnv)).not.toContain(secret);
    // a wrong password: exit 2, the URL shown without it
    const wrongSecret = `Wr0ng-${secret.slice(0, 6)}-pw`;
    const wrong = wfm(['report', 'sla', '--from', DAY, '--to', DAY], dir, { WFM_DB: as(db, role.user, wrongSecret) });
    refused(wrong, 'refused the login', ':***@');
    expect(all(wrong)).not.toContain(wrongSecret);
    const wrongEnv = wfm(['db', 'status'], dir, { WFM_DB: bare, PGPASSWORD: wrongSecret });
    refused(wrongEnv, 'refused the login');
    expect(all(wrongEnv)).not.toContain(wrongSecret);
    // a server that is down (a port nothing listens on): exit 4 naming the store without its password
    const free = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const down = `postgresql://${role.user}:${encodeURIComponent(secret)}@127.0.0.1:${free}/wfm`;
    for (const args of [['report', 'sla', '--from', DAY, '--to', DAY], importArgs('north'), ['db', 'migrate']]) {
      const r = wfm(args, dir, { WFM_DB: down });
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`127.0.0.1:${free}`);
      expect(r.stderr).toContain(':***@');
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(all(r)).not.toContain(secret);
    }
  });

  it('the server stopping a run (statement_timeout, lock_timeout): exit 4 with the reason and the SQLSTATE, not exit 1, no password', async () => {
    const db = await freshPgDatabase();
    expect(wfm(['db', 'migrate', '--db', db], dir).code).toBe(0);
    const slow = await loginRole(db, ['wfm_read']);
    const waits = await loginRole(db, ['wfm_read']);
    await sql(db, `ALTER ROLE ${slow.user} SET statement_timeout = '300ms'`);
    await sql(db, `ALTER ROLE ${waits.user} SET lock_timeout = '300ms'`);
    // another session holds the tables a report reads: the report's statement waits until the server gives up
    const holder = new pg.Client({ connectionString: db });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE sites, queues, calls, volumes IN ACCESS EXCLUSIVE MODE');
      for (const [role, code] of [[slow, '57014'], [waits, '55P03']] as const) {
        const r = await wfmAsync(['report', 'sla', '--from', DAY, '--to', DAY], { WFM_DB: role.url });
        expect(r.code, r.stdout + r.stderr).toBe(4);
        expect(r.stderr).toContain(code);
        expect(r.stderr).toContain(':***@');
        expect(r.stderr).not.toMatch(/unexpected|^\s+at /m);
        expect(r.stdout + r.stderr).not.toContain(role.password);
      }
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    // and the same role reports once nothing holds the tables
    const ok = wfm(['report', 'sla', '--from', DAY, '--to', DAY], dir, { WFM_DB: slow.url });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('wfm db copy SQLite -> PostgreSQL -> SQLite: report sla and report daily identical on all three; a destination with data refused', async () => {
    // a laptop's store: both sites
    for (const site of ['north', 'south'] as const) expect(wfm(importArgs(site), dir, { WFM_DB: 'laptop.db' }).code).toBe(0);
    expect(wfm(fc('laptop-fc'), dir, { WFM_DB: 'laptop.db' }).code).toBe(0);
    const shared = await freshPgDatabase();
    // an empty, unmigrated destination is migrated first
    const up = json<{ rows: Record<string, number>; migrated: boolean; to: string }>(['db', 'copy', '--from', 'laptop.db', '--to', shared]);
    expect(up.migrated).toBe(true);
    expect(up.rows.calls).toBe(2 * calls.length);
    expect(up.rows.forecasts).toBe(1);
    const down = json<{ rows: Record<string, number>; migrated: boolean }>(['db', 'copy', '--from', shared, '--to', 'back.db']);
    expect(down.rows.calls).toBe(2 * calls.length);
    const [lite, pgs, back] = ['laptop.db', shared, 'back.db'].map((db) => json<Status>(['db', 'status'], { WFM_DB: db }));
    expect(pgs.backend).toBe('postgres');
    expect(back.backend).toBe('sqlite');
    // the copies' audit logs hold the source's rows and the copy
    for (const s of [pgs, back]) expect(s.rows).toEqual({ ...lite.rows, audit: s.rows.audit });
    for (const args of [
      ['report', 'sla', '--from', DAY, '--to', DAY, '--interval', '30', '--format', 'json'],
      ['report', 'sla', '--from', '2026-12-01', '--to', '2026-12-31', '--interval', 'day', '--format', 'json'],
      ['report', 'sla', '--from', DAY, '--to', DAY, '--by', 'agent', '--format', 'json'],
      ['report', 'daily', '--date', DAY, '--format', 'json'],
      ['report', 'daily', '--date', DAY, '--site', 'south', '--format', 'json'],
    ]) {
      const a = wfm(args, dir, { WFM_DB: 'laptop.db' });
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout.length).toBeGreaterThan(10);
      for (const db of [shared, 'back.db']) {
        const b = wfm(args, dir, { WFM_DB: db });
        expect([b.code, b.stdout], `${args.join(' ')} on ${db}`).toEqual([0, a.stdout]);
      }
    }
    // the source's audit rows keep their user and time in the copy (the owner loads them)
    type Audited = { at: string; user: string; action: string; site: string | null };
    const key = (a: Audited) => [a.at, a.user, a.action, a.site];
    const source = json<Audited[]>(['audit'], { WFM_DB: 'laptop.db' }).filter((a) => a.action !== 'db.migrate').map(key);
    expect(source.length).toBeGreaterThan(0);
    const copied = json<Audited[]>(['audit'], { WFM_DB: shared }).map(key);
    for (const row of source) expect(copied).toContainEqual(row);
    // the copy is in the destination's audit log under the database user
    const audit = json<{ user: string; action: string }[]>(['audit'], { WFM_DB: shared });
    const [[me]] = await sql(shared, 'SELECT current_user');
    expect(audit[0]).toMatchObject({ action: 'db.copy', user: me });
    // a destination that holds data: refused, unchanged
    for (const [from, to] of [['laptop.db', shared], [shared, 'back.db']]) {
      refused(wfm(['db', 'copy', '--from', from, '--to', to], dir), 'already holds data');
    }
    expect(json<Status>(['db', 'status'], { WFM_DB: shared }).rows).toEqual(pgs.rows);
  });
});
