/**
 * Opening the store read-only (issue 15, item 12), the store layer called directly: SQLite's own
 * read-only open proves the code path whoever runs the tests (root included, whom file permissions do
 * not stop; test/cli/read-only-store.test.ts runs the CLI as an unprivileged user on a folder it cannot
 * write). A read-only open never writes: no migration, no journal-mode change; a store on an older
 * schema is refused (exit 2) untouched; a damaged store (a table missing) is exit 2 naming it, in
 * both modes.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WfmError } from '../../src/errors.js';
import { openStore, SCHEMA_VERSION } from '../../src/store/index.js';
import type { CallRecord } from '../../src/cdr/types.js';

const tmpDb = () => join(mkdtempSync(join(tmpdir(), 'wfm-ro-')), 'w.db');

const call = (i: number): CallRecord => ({
  queue: 'billing',
  callId: `c${i}`,
  enteredMs: 1_700_000_000_000 + i * 60_000,
  outcome: 'answered',
  waitS: 10,
  agent: 'Agent/1',
  talkS: 290,
  wrapS: null,
  ringNoAnswers: 0,
  transfer: null,
  source: 'test',
});

/** A store at the current schema holding `n` calls, closed. */
function filled(n: number): string {
  const path = tmpDb();
  const s = openStore(path);
  s.begin();
  s.importCalls(Array.from({ length: n }, (_, i) => call(i)), 'UTC');
  s.commit();
  s.close();
  return path;
}

/** The error `f` throws (failing when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const version = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('a read-only open', () => {
  it('reads what is stored and cannot write: the database file is not modified', () => {
    const path = filled(5);
    const before = statSync(path).mtimeMs;
    const s = openStore(path, { readonly: true });
    expect([...s.callsInRange({ fromMs: 0, toMs: 2e12 })].map((c) => c.callId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(s.listRosters()).toEqual([]);
    s.begin();
    expect(() => s.importCalls([call(9)], 'UTC')).toThrow(/readonly/i);
    s.close();
    expect(statSync(path).mtimeMs).toBe(before);
    expect(version(path)).toBe(SCHEMA_VERSION);
  });

  it('a store on an older schema: exit 2 saying a writing command upgrades it, and the store is left as it was', () => {
    const path = filled(3);
    const db = new Database(path);
    // back to schema 1: the calls of migration 1 only
    db.exec('DROP INDEX calls_kpi; DROP INDEX calls_agent; DROP TABLE roster_coverage; DROP TABLE roster_shifts; DROP TABLE rosters;');
    db.exec('DROP TABLE skill_requirements; DROP TABLE training; DROP TABLE exams; DROP TABLE agent_skills; DROP TABLE agents; DROP TABLE forecast_rows; DROP TABLE forecasts;');
    db.pragma('user_version = 1');
    db.close();
    const err = thrown(() => openStore(path, { readonly: true }));
    expect(err).toBeInstanceOf(WfmError);
    expect((err as WfmError).exitCode).toBe(2);
    expect((err as WfmError).msg).toEqual({ key: 'store.needsUpgrade', params: { path, version: 1, needed: SCHEMA_VERSION } });
    expect(version(path)).toBe(1);
    // a writing open upgrades it, and then a reading one reads it
    openStore(path).close();
    expect(version(path)).toBe(SCHEMA_VERSION);
    const s = openStore(path, { readonly: true });
    expect([...s.callsInRange({ fromMs: 0, toMs: 2e12 })]).toHaveLength(3);
    s.close();
  });

  it('a store from a newer wfm: exit 2 (read-only too)', () => {
    const path = filled(1);
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const err = thrown(() => openStore(path, { readonly: true }));
    expect((err as WfmError).exitCode).toBe(2);
    expect((err as WfmError).msg.key).toBe('store.tooNew');
  });
});

describe('a damaged store (a table missing)', () => {
  it('is exit 2 naming the store and the missing tables, opened for reading or for writing', () => {
    const path = filled(2);
    const db = new Database(path);
    db.exec('DROP TABLE volumes; DROP TABLE agent_skills;');
    db.close();
    for (const readonly of [true, false]) {
      const err = thrown(() => openStore(path, { readonly }));
      expect(err).toBeInstanceOf(WfmError);
      expect((err as WfmError).exitCode).toBe(2);
      // in the order the schema creates them
      expect((err as WfmError).msg).toEqual({ key: 'store.damaged', params: { path, tables: 'volumes, agent_skills' } });
    }
  });

  it('a column missing shows when a statement is prepared: exit 2 naming the store and what SQLite found', () => {
    const path = filled(2);
    const db = new Database(path);
    db.exec('DROP TABLE queues; CREATE TABLE queues (nom TEXT PRIMARY KEY) WITHOUT ROWID;');
    db.close();
    const err = thrown(() => openStore(path, { readonly: true }));
    expect((err as WfmError).exitCode).toBe(2);
    // the first statement naming queues.name says which (SQLite's words)
    expect((err as WfmError).msg).toMatchObject({ key: 'store.damagedSchema', params: { path } });
    expect((err as WfmError).msg.params!.message).toMatch(/^(table queues has no column named name|no such column: name)$/);
  });
});
