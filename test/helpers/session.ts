/** A Session (src/app/session.ts) for calling use-cases directly: a folder, a zone, a fixed clock, notes kept. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CONFIG, resolveGlobals } from '../../src/app/config.js';
import { NO_PROGRESS, type Session } from '../../src/app/session.js';
import type { Message } from '../../src/errors.js';

export type TestSession = Session & { notes: Message[]; warnings: Message[] };

export function testSession(over: Partial<Session> = {}): TestSession {
  const notes: Message[] = [];
  const warnings: Message[] = [];
  const cwd = over.cwd ?? mkdtempSync(join(tmpdir(), 'wfm-app-'));
  const config = over.config ?? NO_CONFIG;
  return {
    cwd,
    db: 'wfm.db',
    tz: 'Asia/Shanghai',
    lang: 'en',
    config,
    settings: resolveGlobals({ db: over.db ?? 'wfm.db', tz: over.tz ?? 'Asia/Shanghai', lang: 'en' }, {}, config, 'UTC'),
    env: {},
    now: () => new Date('2026-12-07T02:00:00Z'),
    startedMs: performance.now(),
    progress: NO_PROGRESS,
    note: (m) => void notes.push(m),
    warn: (m) => void warnings.push(m),
    ...over,
    notes,
    warnings,
  };
}
