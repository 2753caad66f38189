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
import { openStore, SCHEMA_VERSION, type Store } from '../../src/store/index.js';
import { LEGACY_SQLITE } from '../../src/store/migrations.js';
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
async function filled(n: number): Promise<string> {
  const path = tmpDb();
  const s = await openStore(path, { mode: 'write' });
  await s.begin();
  await s.importCalls('default', Array.from({ length: n }, (_, i) => call(i)), 'UTC');
  await s.commit();
  await s.close();
  return path;
}

/** The error `f` throws (failing when it returns). */
async function thrown(f: () => Promise<unknown>): Promise<unknown> {
  try {
    await f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

async function callIds(s: Store): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of s.callsInRange({ site: 'default', fromMs: 0, toMs: 2e12 })) ids.push(...page.map((c) => c.callId));
  return ids;
}

const readOnly = (path: string) => openStore(path, { mode: 'read' });

const version = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('a read-only open', () => {
  it('reads what is stored and cannot write: the database file is not modified', async () => {
    const path = await filled(5);
    const before = statSync(path).mtimeMs;
    const s = await readOnly(path);
    expect(await callIds(s)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(await s.listRosters()).toEqual([]);
    await s.begin();
    await expect(s.importCalls('default', [call(9)], 'UTC')).rejects.toThrow(/readonly/i);
    await s.close();
    expect(statSync(path).mtimeMs).toBe(before);
    expect(version(path)).toBe(SCHEMA_VERSION);
  });

  it('a store on an older schema: exit 2 saying a writing command upgrades it, and the store is left as it was', async () => {
    const path = tmpDb();
    const db = new Database(path);
    // a store of schema 1 (the calls of migration 1 only), as the first wfm wrote it
    db.exec(LEGACY_SQLITE[0]);
    for (let i = 0; i < 3; i++) {
      const c = call(i);
      db.prepare(`INSERT INTO calls (queue, entered_ms, call_id, tz, outcome, wait_s, agent, talk_s, source) VALUES (?, ?, ?, 'UTC', ?, ?, ?, ?, ?)`).run(c.queue, c.enteredMs, c.callId, c.outcome, c.waitS, c.agent, c.talkS, c.source);
    }
    db.exec(`INSERT INTO queues (name) VALUES ('billing')`);
    db.pragma('user_version = 1');
    db.close();
    const err = await thrown(() => readOnly(path));
    expect(err).toBeInstanceOf(WfmError);
    expect((err as WfmError).exitCode).toBe(2);
    expect((err as WfmError).msg).toEqual({ key: 'store.needsUpgrade', params: { path, version: 1, needed: SCHEMA_VERSION } });
    expect(version(path)).toBe(1);
    // a writing open upgrades it, and then a reading one reads it
    await (await openStore(path, { mode: 'write' })).close();
    expect(version(path)).toBe(SCHEMA_VERSION);
    const s = await readOnly(path);
    expect(await callIds(s)).toHaveLength(3);
    await s.close();
  });

  it('a store from a newer wfm: exit 2 (read-only too)', async () => {
    const path = await filled(1);
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const err = await thrown(() => readOnly(path));
    expect((err as WfmError).exitCode).toBe(2);
    expect((err as WfmError).msg.key).toBe('store.tooNew');
  });
});

describe('a damaged store (a table missing)', () => {
  it('is exit 2 naming the store and the missing tables, opened for reading or for writing', async () => {
    const path = await filled(2);
    const db = new Database(path);
    db.exec('DROP TABLE volumes; DROP TABLE agent_skills;');
    db.close();
    for (const mode of ['read', 'write'] as const) {
      const err = await thrown(() => openStore(path, { mode }));
      expect(err).toBeInstanceOf(WfmError);
      expect((err as WfmError).exitCode).toBe(2);
      // in the order the schema creates them
      expect((err as WfmError).msg).toEqual({ key: 'store.damaged', params: { path, tables: 'volumes, agent_skills' } });
    }
  });

  it('a column missing shows when a statement is prepared: exit 2 naming the store and what SQLite found', async () => {
    const path = await filled(2);
    const db = new Database(path);
    db.exec('DROP TABLE queues; CREATE TABLE queues (site TEXT, nom TEXT, PRIMARY KEY (site, nom)) WITHOUT ROWID;');
    db.close();
    const err = await thrown(() => readOnly(path));
    expect((err as WfmError).exitCode).toBe(2);
    // the first statement naming queues.name says which (SQLite's words)
    expect((err as WfmError).msg).toMatchObject({ key: 'store.damagedSchema', params: { path } });
    expect((err as WfmError).msg.params!.message).toMatch(/^(table queues has no column named name|no such column: name)$/);
  });
});
