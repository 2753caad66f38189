/**
 * The live sources read hostile input in bounded memory (issue 15, item 2): a followed queue_log
 * with a line of 100 MB, and an AMI server that sends a 100 MB line or a packet that never ends.
 * The long line is dropped (counted), the lines around it arrive, and the heap does not grow with it.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiDecoder } from '../../src/live/ami.js';
import { FileFollower } from '../../src/live/follower.js';
import { LineSplitter, MAX_LINE_CHARS } from '../../src/live/lines.js';

const MB = 1 << 20;

describe('LineSplitter', () => {
  it('splits across pushes, drops a line over the cap whole, and goes on at the next line end', () => {
    const s = new LineSplitter(10);
    expect(s.push('ab\r\ncd')).toEqual(['ab']);
    expect(s.push('ef\n')).toEqual(['cdef']);
    expect(s.push('0123456789')).toEqual([]); // 10 chars: at the cap, kept
    expect(s.push('X')).toEqual([]); // 11: over it, dropped
    expect(s.push('YYYYYYYYYYYYYYYY\nok\n')).toEqual(['ok']);
    expect(s.push('0123456789\n')).toEqual(['0123456789']);
    expect(s.dropped).toBe(1);
    expect(s.push('tail')).toEqual([]);
    expect(s.flush()).toBe('tail');
  });
});

describe('a followed queue_log with a 100 MB line', () => {
  it('delivers the lines around it, drops it, and keeps memory flat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfm-follow-'));
    const path = join(dir, 'queue_log');
    writeFileSync(path, '1|a|q|NONE|ENTERQUEUE||1|1\n');
    const got: string[] = [];
    const f = new FileFollower(path, (lines) => got.push(...lines), {});
    f.start(false);
    const chunk = 'A'.repeat(MB);
    for (let i = 0; i < 100; i++) appendFileSync(path, chunk);
    appendFileSync(path, '\n2|b|q|NONE|ENTERQUEUE||1|1\n');
    const before = process.memoryUsage().heapUsed;
    f.poll();
    const grew = process.memoryUsage().heapUsed - before;
    f.close();
    expect(got).toEqual(['1|a|q|NONE|ENTERQUEUE||1|1', '2|b|q|NONE|ENTERQUEUE||1|1']);
    expect(f.longLines).toBe(1);
    // a few buffers of the cap's size at most, not the 100 MB line (x2 as UTF-16)
    expect(grew).toBeLessThan(20 * MB);
  });
});

describe('an AMI server sending hostile data', () => {
  it('a 100 MB line is dropped; the packets around it arrive; the decoder keeps at most the cap', () => {
    const d = new AmiDecoder();
    expect(d.push('Asterisk Call Manager/5.0.1\r\nEvent: A\r\n\r\n')).toEqual([{ Event: 'A' }]);
    const chunk = 'x'.repeat(MB);
    d.push('Event: B\r\nJunk: ');
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) expect(d.push(chunk)).toEqual([]);
    const grew = process.memoryUsage().heapUsed - before;
    expect(d.push('\r\nQueue: q\r\n\r\nEvent: C\r\n\r\n')).toEqual([{ Event: 'B', Queue: 'q' }, { Event: 'C' }]);
    expect(d.dropped).toBe(1);
    expect(grew).toBeLessThan(20 * MB);
  });

  it('a packet that never ends keeps only its first 10,000 lines', () => {
    const d = new AmiDecoder();
    d.push('greeting\r\n');
    for (let i = 0; i < 20; i++) d.push(Array.from({ length: 1000 }, (_, k) => `K${i * 1000 + k}: v\r\n`).join(''));
    const [p] = d.push('\r\n');
    expect(Object.keys(p)).toHaveLength(10_000);
    expect(d.dropped).toBe(10_000);
    expect(MAX_LINE_CHARS).toBe(MB);
  });
});
