/**
 * A store the user cannot write (issue 15, item 12), through the built CLI. Reading commands (reports,
 * lists, lookups) open the store read-only: they work on a copy in a folder the user cannot write and
 * change nothing; a store on an older schema is not upgraded by them (exit 2 saying a writing command
 * does it); a damaged store (a table missing) is exit 2 naming it; a writing command on a store the user
 * may not write says so (exit 2). File permissions do not stop root: when the tests run as root, the CLI
 * runs as `nobody` (test/helpers/unprivileged.ts), and the permission cases are skipped, with the reason,
 * only when that is impossible; test/store/read-only.test.ts proves the read-only open with SQLite's own
 * read-only mode either way.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_SQLITE } from '../../src/store/migrations.js';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { AS_USER, reachable, SKIP_REASON, wfmAsUser } from '../helpers/unprivileged.js';

beforeAll(() => ensureBuilt());

/** 20 answered calls of 2026-12-07 from 09:00 UTC: each waited 10 s and talked 290 s. */
function queueLog(): string {
  const t0 = Date.UTC(2026, 11, 7, 9) / 1000;
  const lines: string[] = [];
  for (let i = 0; i < 20; i++) {
    const t = t0 + i * 60;
    lines.push(`${t}|c${i}|billing|NONE|ENTERQUEUE||5551234|1`, `${t + 10}|c${i}|billing|Agent/1|CONNECT|10|c${i}.1|2`, `${t + 300}|c${i}|billing|Agent/1|COMPLETEAGENT|10|290|1`);
  }
  return lines.join('\n') + '\n';
}

/** A folder with a store of those calls, cleanly closed. */
function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wfm-rostore-'));
  writeFileSync(join(dir, 'q.log'), queueLog());
  const r = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC'], dir);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

const SLA = ['report', 'sla', '--from', '2026-12-07', '--to', '2026-12-07', '--interval', 'day', '--format', 'json', '--tz', 'UTC'];

/** The day total of `report sla --format json`, checked against the calls above counted by hand. */
function expectDayTotals(stdout: string): void {
  const rows = JSON.parse(stdout) as { intervalStart: string | null; offered: number; answered: number; answeredWithin: number; asaSeconds: number; ahtSeconds: number }[];
  const total = rows.find((x) => x.intervalStart === null)!;
  expect(total).toMatchObject({ offered: 20, answered: 20, answeredWithin: 20, asaSeconds: 10, ahtSeconds: 290 });
}

/** Make `dir/wfm.db` a store on schema 1 (as the first wfm wrote it) holding the same calls. */
function downgrade(db: string): void {
  const old = new Database(db, { readonly: true });
  const calls = old.prepare('SELECT queue, entered_ms, call_id, tz, outcome, wait_s, agent, talk_s, wrap_s, ring_no_answers, transfer, source FROM calls').raw().all() as unknown[][];
  old.close();
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const d = new Database(db);
  d.exec(LEGACY_SQLITE[0]);
  const insert = d.prepare('INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const c of calls) insert.run(c);
  d.exec('INSERT INTO queues SELECT DISTINCT queue FROM calls');
  d.pragma('user_version = 1');
  d.close();
}

const userVersion = (db: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return d.pragma('user_version', { simple: true }) as number;
  } finally {
    d.close();
  }
};

describe('an older schema and a damaged store (whoever runs the tests)', () => {
  it('a reading command does not upgrade an older store: exit 2 naming the store and what upgrades it; an import then does', () => {
    const dir = storeDir();
    const db = join(dir, 'wfm.db');
    downgrade(db);
    const before = statSync(db).mtimeMs;
    for (const args of [SLA, ['roster', 'list'], ['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC']]) {
      const r = wfm(args, dir);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`the store ${db} has schema version 1`);
      expect(r.stderr).toMatch(/run a writing command once to upgrade it \(any wfm import/);
    }
    expect(userVersion(db)).toBe(1);
    expect(statSync(db).mtimeMs).toBe(before);
    // an import (of the same calls: nothing new) upgrades it; then the report reads it
    const imp = wfm(['import', 'queue-log', 'q.log', '--tz', 'UTC'], dir);
    expect(imp.code, imp.stderr).toBe(0);
    expect(userVersion(db)).toBeGreaterThan(1);
    const r = wfm(SLA, dir);
    expect(r.code, r.stderr).toBe(0);
    expectDayTotals(r.stdout);
  });

  it('a table missing: exit 2 naming the store and the table, for reading and writing commands, never "unexpected failure"', () => {
    const dir = storeDir();
    const db = join(dir, 'wfm.db');
    const d = new Database(db);
    d.exec('DROP TABLE volumes');
    d.close();
    for (const args of [SLA, ['import', 'queue-log', 'q.log', '--tz', 'UTC']]) {
      const r = wfm(args, dir);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`the store ${db} is damaged: table(s) volumes missing`);
      expect(r.stderr).not.toMatch(/unexpected failure/);
    }
  });
});

describe.skipIf(!AS_USER)(`a store the user cannot write${SKIP_REASON ? ' - skipped: ' + SKIP_REASON : ''}`, () => {
  it('a copy in a folder the user cannot write (read-only file too): reports, lists and the daily report work and leave the folder as it was', () => {
    const dir = storeDir();
    const share = join(dir, 'share');
    mkdirSync(share);
    copyFileSync(join(dir, 'wfm.db'), join(share, 'wfm.db'));
    reachable(dir);
    chmodSync(join(share, 'wfm.db'), 0o444);
    chmodSync(share, 0o555);
    const db = ['--db', join(share, 'wfm.db')];
    const sla = wfmAsUser([...SLA, ...db], dir);
    expect(sla.code, sla.stderr).toBe(0);
    expectDayTotals(sla.stdout);
    for (const args of [['roster', 'list', '--format', 'json'], ['report', 'daily', '--date', '2026-12-07', '--tz', 'UTC', '--format', 'json'], ['alerts', 'check', '--date', '2026-12-07', '--tz', 'UTC']]) {
      const r = wfmAsUser([...args, ...db], dir);
      expect([0, 5], `${args.join(' ')}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr).not.toMatch(/cannot open|unexpected failure/);
    }
    expect(readdirSync(share)).toEqual(['wfm.db']);
  });

  it('a read-only store file in a folder the user may write: reading works; an import says the store is read-only (exit 2)', () => {
    const dir = storeDir();
    reachable(dir);
    chmodSync(dir, 0o777);
    chmodSync(join(dir, 'wfm.db'), 0o444);
    const sla = wfmAsUser(SLA, dir);
    expect(sla.code, sla.stderr).toBe(0);
    expectDayTotals(sla.stdout);
    const imp = wfmAsUser(['import', 'queue-log', 'q.log', '--tz', 'UTC'], dir);
    expect(imp.code, imp.stderr).toBe(2);
    expect(imp.stderr).toContain(`the store ${join(dir, 'wfm.db')} is read-only for this user`);
    expect(imp.stderr).not.toMatch(/unexpected failure/);
  });
});
