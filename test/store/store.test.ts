/**
 * The SQLite store itself: schema versioning, WAL, and the migration of a store made by an older wfm
 * (schema 5, before sites; schema 6, before call buckets) to the current schema. The behaviour every backend shares is in the contract suite
 * (test/store/contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION } from '../../src/store/index.js';
import { LEGACY_SQLITE } from '../../src/store/migrations.js';
import { TABLES } from '../../src/store/schema.js';
import { ensureBuilt, ROOT } from '../helpers/wfm-cli.js';

const tmpDb = () => join(mkdtempSync(join(tmpdir(), 'wfm-store-')), 'w.db');

/** A store as wfm wrote it at schema version 5, with a few rows in each kind of table. */
function version5Store(path: string): void {
  const db = new Database(path);
  for (const sql of LEGACY_SQLITE) db.exec(sql);
  db.pragma('user_version = 5');
  db.exec(`
    INSERT INTO calls VALUES ('billing', 1000, 'c1', 'Asia/Shanghai', 'answered', 12.5, 'SIP/1', 100, NULL, 0, NULL, 'queue_log');
    INSERT INTO calls VALUES ('vip', 2000, 'c2', 'Asia/Shanghai', 'abandoned', 40, NULL, NULL, NULL, 1, NULL, 'queue_log');
    INSERT INTO queues VALUES ('billing'), ('vip');
    INSERT INTO agent_events VALUES ('SIP/1', 'billing', 'pause', 1500, 'lunch', 'Asia/Shanghai');
    INSERT INTO pending_calls VALUES ('queue_log', 0, 'vip', 'c9', '{"queue":"vip","callId":"c9"}');
    INSERT INTO volumes VALUES ('billing', 0, 'Asia/Shanghai', 30, 10, 9, 1, 8, 200, 12);
    INSERT INTO imports (kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls) VALUES ('queue-log', '["a"]', 'Europe/Berlin', 1, 2, 3, 3, 0, 2);
    INSERT INTO imports (kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls) VALUES ('queue-log', '["b"]', 'Asia/Shanghai', 3, 4, 5, 5, 0, 1);
    INSERT INTO forecasts VALUES ('wk', 10, 'Asia/Shanghai', 30, '2026-01-05', 7, '{"billing":"seasonal-naive"}');
    INSERT INTO forecast_rows VALUES ('wk', 'billing', 0, 12.5, 200, 10, 15);
    INSERT INTO agents VALUES ('A1', 'Ann', 'T1', NULL, 'full', 20, 40, NULL);
    INSERT INTO agent_skills VALUES ('A1', 'billing', 1);
    INSERT INTO exams VALUES ('A1', 'E1', '2026-01-01', NULL, 80, 60, 1);
    INSERT INTO training VALUES ('A1', 'C1', '2026-01-01', 4, 'pass', '2027-01-01');
    INSERT INTO skill_requirements VALUES ('billing', 'E1', 'C1');
    INSERT INTO rosters VALUES ('r1', 20, 'Asia/Shanghai', '2026-01-05', 7, 15, 'highs', 40, 39, 0.02, 0, 1.5, '{}');
    INSERT INTO roster_shifts VALUES ('r1', 0, 'A1', 'billing', 'early', 0, 28800000, '[]');
    INSERT INTO roster_coverage VALUES ('r1', 'billing', 0, 2.5, 3);
  `);
  db.close();
}

describe('the SQLite store', () => {
  it('a version-6 store (before call buckets) is refused read-only (exit 2: migrate), and its first write open counts the buckets from its calls', async () => {
    const path = tmpDb();
    const s0 = await openStore(path, { mode: 'write' });
    const t0 = Date.UTC(2026, 0, 5, 8);
    const call = (i: number, queue: string, outcome: 'answered' | 'abandoned', talkS: number | null) => ({
      queue, callId: `c${i}`, enteredMs: t0 + i * 240_000, outcome, waitS: 3, agent: outcome === 'answered' ? 'A' : null, talkS, wrapS: outcome === 'answered' ? 5 : null, ringNoAnswers: 0, transfer: null, source: 'queue_log',
    });
    // 08:00, 08:04, 08:08, 08:12 in the first quarter hour, 08:16 in the second
    await s0.importCalls('default', [call(0, 'vip', 'answered', 100), call(1, 'vip', 'abandoned', null), call(2, 'vip', 'answered', 50.5), call(3, 'billing', 'answered', 20), call(4, 'vip', 'answered', 10)], 'UTC');
    await s0.close();
    const db = new Database(path);
    db.exec('DROP TABLE call_buckets');
    db.pragma('user_version = 6');
    db.close();
    await expect(openStore(path, { mode: 'read' })).rejects.toMatchObject({ exitCode: 2, msg: { key: 'store.needsUpgrade', params: { version: 6, needed: 7 } } });
    const s = await openStore(path, { mode: 'write' });
    expect(await s.callBuckets('default', { fromMs: 0, toMs: 1e13 })).toEqual([
      { queue: 'billing', startMs: t0, offered: 1, answered: 1, handleS: 25, talked: 1, talkedHandleS: 25 },
      { queue: 'vip', startMs: t0, offered: 3, answered: 2, handleS: 160.5, talked: 2, talkedHandleS: 160.5 },
      { queue: 'vip', startMs: t0 + 900_000, offered: 1, answered: 1, handleS: 15, talked: 1, talkedHandleS: 15 },
    ]);
    expect((await s.auditLog({}))[0]).toMatchObject({ action: 'db.migrate', detail: { from: 6, to: 7 } });
    await s.close();
  });

  it('creates the schema at the current version, in WAL mode, with an audit row for its creation', async () => {
    const path = tmpDb();
    const s = await openStore(path, { mode: 'write' });
    expect(s.version).toBe(SCHEMA_VERSION);
    expect((await s.auditLog({})).map((a) => [a.action, a.detail])).toEqual([['db.migrate', { from: 0, to: SCHEMA_VERSION }]]);
    await s.close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a store from a newer wfm', async () => {
    const path = tmpDb();
    await (await openStore(path, { mode: 'write' })).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openStore(path, { mode: 'write' })).rejects.toThrow(/newer/);
  });

  it('a schema-5 store (before sites) migrates to 7: every row kept under the site "default", zoned by its latest import', async () => {
    const path = tmpDb();
    version5Store(path);
    const s = await openStore(path, { mode: 'write' });
    expect(s.version).toBe(7);
    expect(await s.sites()).toEqual([{ name: 'default', tz: 'Asia/Shanghai' }]);
    const calls: unknown[] = [];
    for await (const page of s.callsInRange({ site: 'default', fromMs: 0, toMs: 10_000 })) calls.push(...page);
    expect(calls).toEqual([
      { queue: 'billing', callId: 'c1', enteredMs: 1000, outcome: 'answered', waitS: 12.5, agent: 'SIP/1', talkS: 100, wrapS: null, ringNoAnswers: 0, transfer: null, source: 'queue_log' },
      { queue: 'vip', callId: 'c2', enteredMs: 2000, outcome: 'abandoned', waitS: 40, agent: null, talkS: null, wrapS: null, ringNoAnswers: 1, transfer: null, source: 'queue_log' },
    ]);
    expect(await s.queues('default')).toEqual(['billing', 'vip']);
    expect(await s.queues('north')).toEqual([]);
    expect(await s.agentEventsInRange('default', 0, 2000)).toEqual([{ agent: 'SIP/1', queue: 'billing', kind: 'pause', timeMs: 1500, reason: 'lunch' }]);
    expect(await s.pendingCalls('default', 'queue_log')).toEqual([{ queue: 'vip', callId: 'c9' }]);
    expect((await s.volumesInRange({ site: 'default', fromMs: 0, toMs: 1 })).map((v) => v.offered)).toEqual([10]);
    const f = await s.forecast('default', 'wk');
    expect(f?.rows).toEqual([{ queue: 'billing', intervalStartMs: 0, calls: 12.5, ahtSeconds: 200, callsLow: 10, callsHigh: 15 }]);
    expect(f?.createdBy).toBeUndefined();
    expect((await s.agents('default')).map((a) => [a.id, a.skills])).toEqual([['A1', [{ skill: 'billing', proficiency: 1 }]]]);
    expect((await s.exams('default')).map((e) => [e.agent, e.attempt, e.passed])).toEqual([['A1', null, true]]);
    expect((await s.training('default')).map((t) => t.certificateExpiry)).toEqual(['2027-01-01']);
    expect(await s.skillRequirements('default')).toEqual([{ skill: 'billing', exam: 'E1', certificate: 'C1' }]);
    const r = await s.roster('default', 'r1');
    expect([r?.shifts.length, r?.coverage.length, r?.paidHours]).toEqual([1, 1, 40]);
    const status = await s.status();
    expect(status.rows.imports).toBe(2);
    expect(status.rows.calls).toBe(2);
    // version 7's call buckets, counted from the two calls (both in the quarter hour from 0)
    expect(await s.callBuckets('default', { fromMs: 0, toMs: 1e13 })).toEqual([
      { queue: 'billing', startMs: 0, offered: 1, answered: 1, handleS: 100, talked: 1, talkedHandleS: 100 },
      { queue: 'vip', startMs: 0, offered: 1, answered: 0, handleS: 0, talked: 0, talkedHandleS: 0 },
    ]);
    expect((await s.auditLog({})).map((a) => [a.action, a.detail])).toEqual([['db.migrate', { from: 5, to: 7 }]]);
    await s.close();

    // the migrated schema is the one a new store gets: same columns, keys and indexes
    const fresh = tmpDb();
    await (await openStore(fresh, { mode: 'write' })).close();
    const shape = (p: string) => {
      const db = new Database(p, { readonly: true });
      const out = TABLES.map((t) => ({
        table: t.name,
        columns: db.prepare(`PRAGMA table_xinfo(${t.name})`).all(),
        indexes: (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(t.name) as { name: string; sql: string }[]),
        fks: db.prepare(`PRAGMA foreign_key_list(${t.name})`).all(),
      }));
      const leftovers = db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'wfm_v5_%'`).all();
      db.close();
      return { out, leftovers };
    };
    expect(shape(path)).toEqual(shape(fresh));
    expect(shape(path).leftovers).toEqual([]);
  });

  it('the zone of site "default" after the migration is that of the latest call-data import, not of a later people import', async () => {
    const path = tmpDb();
    version5Store(path);
    const db = new Database(path);
    // an agents CSV imported later on a machine in UTC: people files have no times, their run's zone says nothing
    db.exec(`INSERT INTO imports (kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls) VALUES ('agents', '["p"]', 'UTC', 5, 6, 2, 2, 0, 0)`);
    db.close();
    const s = await openStore(path, { mode: 'write' });
    expect(await s.sites()).toEqual([{ name: 'default', tz: 'Asia/Shanghai' }]);
    await s.close();
  });

  it('two processes opening one new or schema-5 file for writing at once: both succeed, the schema is made once', async () => {
    for (const make of [(p: string) => new Database(p).close(), version5Store]) {
      const path = tmpDb();
      make(path);
      // a third writer holds the lock while both openers read the old version; then it lets go
      const holder = new Database(path);
      holder.pragma('journal_mode = WAL');
      holder.exec('BEGIN IMMEDIATE');
      ensureBuilt();
      // each opens as every writing command does: through untilFree, which waits out a busy store
      const script = `const m = await import('${join(ROOT, 'dist', 'store', 'index.js')}'); const a = await import('${join(ROOT, 'dist', 'app', 'store.js')}');
        const s = await a.untilFree({ db: process.argv[1] }, () => m.openStore(process.argv[1], { mode: 'write' })); console.log(s.version); await s.close();`;
      const { spawn } = await import('node:child_process');
      const runOne = () =>
        new Promise<{ code: number | null; out: string }>((res) => {
          const c = spawn(process.execPath, ['--input-type=module', '-e', script, path], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          c.stdout.on('data', (d) => (out += d));
          c.stderr.on('data', (d) => (out += d));
          c.on('close', (code) => res({ code, out }));
        });
      const both = Promise.all([runOne(), runOne()]);
      await new Promise((r) => setTimeout(r, 1500));
      holder.exec('COMMIT');
      holder.close();
      const results = await both;
      expect(results.map((r) => r.code), results.map((r) => r.out).join('\n')).toEqual([0, 0]);
      expect(results.map((r) => r.out.trim())).toEqual([String(SCHEMA_VERSION), String(SCHEMA_VERSION)]);
      const check = new Database(path, { readonly: true });
      expect(check.prepare(`SELECT count(*) FROM audit WHERE action = 'db.migrate'`).pluck().get()).toBe(1);
      check.close();
    }
  }, 60_000);

  it('a read-only open of a schema-5 store does not migrate it (exit 2: `wfm db migrate` upgrades it)', async () => {
    const path = tmpDb();
    version5Store(path);
    await expect(openStore(path, { mode: 'read' })).rejects.toMatchObject({ msg: { key: 'store.needsUpgrade' } });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    db.close();
  });
});
