/** The SQLite store: schema versioning, WAL, idempotent writes, open calls kept between runs. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION } from '../../src/store/index.js';
import type { CallRecord } from '../../src/cdr/types.js';

const tmpDb = () => join(mkdtempSync(join(tmpdir(), 'wfm-store-')), 'w.db');

const call = (i: number, over: Partial<CallRecord> = {}): CallRecord => ({
  queue: i % 2 ? 'billing' : 'vip',
  callId: `c${i}`,
  enteredMs: 1_700_000_000_000 + i * 1000,
  outcome: 'answered',
  waitS: i,
  agent: 'SIP/8001',
  talkS: 100,
  wrapS: null,
  ringNoAnswers: 0,
  transfer: null,
  source: 'test',
  ...over,
});

describe('store', () => {
  it('creates the schema at the current version, in WAL mode with synchronous NORMAL', () => {
    const path = tmpDb();
    openStore(path).close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a store from a newer wfm', () => {
    const path = tmpDb();
    openStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(path)).toThrow(/newer/);
  });

  it('insert-or-update by natural key: the same calls twice are stored once, updates win', () => {
    const s = openStore(tmpDb());
    const batch = Array.from({ length: 200 }, (_, i) => call(i)); // > one 64-row chunk, with a remainder
    s.begin();
    expect(s.importCalls(batch, 'UTC')).toBe(200);
    s.commit();
    s.begin();
    const changed = batch.map((c, i) => (i === 70 ? { ...c, outcome: 'abandoned' as const, talkS: null, agent: null } : c));
    expect(s.importCalls([...changed, call(500)], 'UTC')).toBe(1);
    s.commit();
    const all = [...s.callsInRange({ fromMs: 0, toMs: 2e12 })];
    expect(all.length).toBe(201);
    expect(all.find((c) => c.callId === 'c70')!.outcome).toBe('abandoned');
    expect(s.queues()).toEqual(['billing', 'vip']);
    expect([...s.callsInRange({ fromMs: 0, toMs: 2e12, queues: ['vip'] })].every((c) => c.queue === 'vip')).toBe(true);
    s.close();
  });

  it('a rolled-back run leaves nothing; open calls round-trip', () => {
    const path = tmpDb();
    const s = openStore(path);
    s.begin();
    s.importCalls([call(1)], 'UTC');
    s.replacePendingCalls('queue_log', [{ queue: 'q', callId: 'x', enteredMs: 5, rna: ['1|a'], lastMs: 5 }]);
    s.rollback();
    expect([...s.callsInRange({ fromMs: 0, toMs: 2e12 })]).toEqual([]);
    expect(s.pendingCalls('queue_log')).toEqual([]);
    s.begin();
    s.replacePendingCalls('queue_log', [{ queue: 'q', callId: 'x', enteredMs: 5, rna: ['1|a'], lastMs: 5 }]);
    s.commit();
    s.close();
    const again = openStore(path);
    expect(again.pendingCalls('queue_log')).toEqual([{ queue: 'q', callId: 'x', enteredMs: 5, rna: ['1|a'], lastMs: 5 }]);
    again.close();
  });

  it('agent events are kept once per (agent, queue, kind, time)', () => {
    const s = openStore(tmpDb());
    s.begin();
    const e = { agent: 'SIP/8001', queue: 'billing', kind: 'pause' as const, timeMs: 1000, reason: 'lunch' };
    expect(s.importAgentEvents([e, e, { ...e, queue: null, kind: 'pauseall' }], 'UTC')).toBe(2);
    s.commit();
    const got = [...s.agentEventsInRange(0, 2000)].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(got).toEqual([e, { ...e, queue: null, kind: 'pauseall' }]);
    s.close();
  });
});
