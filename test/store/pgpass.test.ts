/** ~/.pgpass as libpq reads it (src/store/pg-client.ts pgpassLookup): the first matching line, `*` wildcards, `\:` and `\\` escapes, a socket as localhost, a file others may read ignored. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgpassLookup } from '../../src/store/pg-client.js';

const dir = mkdtempSync(join(tmpdir(), 'wfm-pgpass-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string, mode = 0o600): NodeJS.ProcessEnv {
  const path = join(dir, `p${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return { PGPASSFILE: path };
}

describe('pgpassLookup', () => {
  const text = [
    '# host:port:database:user:password',
    'db.example:5432:wfm:alice:first',
    'db.example:5432:wfm:alice:second', // never reached: the first match wins
    'db.example:*:*:bob:b\\:c\\\\d', // escaped colon and backslash
    'localhost:5433:*:carol:sock',
    '*:*:*:*:fallback',
    '',
  ].join('\n');
  it('takes the first line matching host, port, database and user', () => {
    const env = file(text);
    expect(pgpassLookup({ host: 'db.example', port: 5432, database: 'wfm', user: 'alice' }, env)).toBe('first');
    expect(pgpassLookup({ host: 'db.example', port: 6000, database: 'x', user: 'bob' }, env)).toBe('b:c\\d');
    expect(pgpassLookup({ host: '/var/run/postgresql', port: 5433, database: 'x', user: 'carol' }, env)).toBe('sock');
    expect(pgpassLookup({ host: 'other', port: 1, database: 'x', user: 'dave' }, env)).toBe('fallback');
    // the database defaults to the user's name, the port to 5432
    expect(pgpassLookup({ host: 'db.example', user: 'alice', database: undefined }, file('db.example:5432:alice:alice:mine\n'))).toBe('mine');
  });
  it('ignores a file others may read, and a missing one', () => {
    expect(pgpassLookup({ host: 'db.example', port: 5432, database: 'wfm', user: 'alice' }, file(text, 0o644))).toBeUndefined();
    expect(pgpassLookup({ host: 'db.example', port: 5432, database: 'wfm', user: 'alice' }, { PGPASSFILE: join(dir, 'none') })).toBeUndefined();
  });
});
