/**
 * readLines (src/app/lines.ts) says "cannot read the file" only for the file's own failures: an error
 * thrown by its line or chunk callbacks (the store went away mid-import, a refused write, a lost race
 * the import retries) reaches the caller unchanged, and the file is closed.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../../src/app/lines.js';
import { InputError } from '../../src/errors.js';
import { StoreConflictError } from '../../src/store/index.js';

// three 256 KiB chunks of 64-byte lines
const file = () => {
  const p = join(mkdtempSync(join(tmpdir(), 'wfm-lines-')), 'big.log');
  writeFileSync(p, ('x'.repeat(63) + '\n').repeat(3 * 4096));
  return p;
};

describe('readLines and the errors of its callbacks', () => {
  it('an error thrown after a chunk (a store write) passes through unchanged, not as "cannot read"', async () => {
    const lost = new StoreConflictError('postgres://wfm@db/wfm', 'deadlock detected');
    let chunks = 0;
    const err = await readLines(file(), () => undefined, undefined, undefined, async () => {
      if (++chunks === 2) throw lost;
    }).catch((e: unknown) => e);
    expect(err).toBe(lost);
    expect(chunks).toBe(2);
  });

  it('an error thrown by the line callback passes through unchanged', async () => {
    const boom = new Error('store gone');
    const err = await readLines(file(), (_t, line) => {
      if (line === 5000) throw boom;
    }).catch((e: unknown) => e);
    expect(err).toBe(boom);
  });

  it('a file that cannot be read is still "cannot read the file" (exit 2, naming it)', async () => {
    const missing = join(tmpdir(), 'wfm-no-such-dir-x', 'q.log');
    const err = await readLines(missing, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
  });

  it('without errors every line is read', async () => {
    let n = 0;
    const r = await readLines(file(), () => void n++);
    expect([r.lines, n]).toEqual([3 * 4096, 3 * 4096]);
  });
});

describe('a damaged .gz', () => {
  it('ends the file early and closes it (no file descriptor left open per file read)', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readdirSync } = await import('node:fs');
    const p = join(mkdtempSync(join(tmpdir(), 'wfm-lines-gz-')), 'q.log.gz');
    // some 4 MB compressed (lines that do not compress well), garbled early: the file is far from read when gunzip fails
    const gz = gzipSync(Buffer.from(Array.from({ length: 300_000 }, (_, i) => `line ${i} ${((i * 2654435761) >>> 0).toString(36)} ${((i * 40503) >>> 0).toString(16)}`).join('\n') + '\n'), { level: 1 });
    for (let i = 200_000; i < 260_000; i++) gz[i] = (gz[i] * 7 + 13) & 0xff;
    writeFileSync(p, gz);
    const open = () => readdirSync('/proc/self/fd').length;
    const first = await readLines(p, () => undefined);
    expect(first.truncated).toBe(true);
    const before = open();
    for (let i = 0; i < 10; i++) expect((await readLines(p, () => undefined)).truncated).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(open()).toBeLessThanOrEqual(before);
  });
});
