/**
 * Plausible values and names (src/cdr/limits.ts), and how the PBX readers apply them: the edges of
 * each range (the last value in, the first out), control characters at the edges of C0, DEL and C1.
 */
import { describe, expect, it } from 'vitest';
import { CdrCsvReader } from '../../src/cdr/cdr-csv.js';
import { badName, boundedNumber, callSeconds, controlCharacter, endsTooLate, neutralised } from '../../src/cdr/limits.js';
import { parseQueueLogLine } from '../../src/cdr/queue-log.js';
import type { LineRejection } from '../../src/cdr/types.js';
import { VolumeCsvReader } from '../../src/cdr/volumes.js';

const key = (v: unknown) => (typeof v === 'object' && v !== null && 'reason' in v ? (v as LineRejection).reason.key : v);

describe('ranges', () => {
  it('call seconds: 0 and 86400 are in, 86400.001, 400 nines and exponent notation are not', () => {
    expect(callSeconds('0', 'wait')).toBe(0);
    expect(callSeconds('86400', 'wait')).toBe(86400);
    expect(key(callSeconds('86400.001', 'wait'))).toBe('import.reject.range');
    expect(callSeconds('9'.repeat(400), 'wait')).toEqual({ field: 'wait', reason: { key: 'import.reject.range', params: { field: 'wait', value: '9'.repeat(40), min: 0, max: 86400 } } });
    expect(key(callSeconds('1e3', 'wait'))).toBe('import.reject.notNumber');
    expect(key(boundedNumber('-1', 'x', 0, 10))).toBe('import.reject.notNumber');
  });

  it('a call may end at most a day after now', () => {
    const now = Date.UTC(2026, 11, 7, 12);
    // entered 20 h after now, waited 4 h: ends exactly now + 24 h (in), one second more is out
    expect(endsTooLate(now + 20 * 3600_000, 4 * 3600, null, now, 'wait')).toBeUndefined();
    expect(endsTooLate(now + 20 * 3600_000, 4 * 3600, 1, now, 'wait')?.reason.key).toBe('import.reject.endsLate');
    expect(endsTooLate(now - 3600_000, 86400, 3600, now, 'wait')).toBeUndefined(); // now - 1 h + 25 h = now + 24 h
  });
});

describe('names', () => {
  it('control characters: C0 (tab and line ends too), DEL and C1 are; space, ~, NBSP and CJK are not', () => {
    expect(controlCharacter('a\u0000')).toBe('U+0000');
    expect(controlCharacter('a\tb')).toBe('U+0009');
    expect(controlCharacter('a\u001f')).toBe('U+001F');
    expect(controlCharacter('a\u007f')).toBe('U+007F');
    expect(controlCharacter('a\u0080')).toBe('U+0080');
    expect(controlCharacter('a\u009f')).toBe('U+009F');
    expect(controlCharacter(' ~\u00a0张三 é')).toBeUndefined();
    expect(badName('bil\u001bling', 'queue')).toEqual({ field: 'queue', reason: { key: 'import.reject.control', params: { field: 'queue', codePoint: 'U+001B' } } });
    expect(badName(null, 'agent')).toBeUndefined();
  });

  it('neutralised text: each control character becomes U+FFFD, the rest is kept', () => {
    expect(neutralised('Lunch\u001b[31m\u0007 张')).toBe('Lunch\uFFFD[31m\uFFFD 张');
    expect(neutralised('plain')).toBe('plain');
  });
});

describe('queue_log ranges and names', () => {
  const OPTS = { zone: 'UTC', nowMs: Date.UTC(2026, 0, 1) };
  const p = (l: string) => parseQueueLogLine(l, OPTS);
  const rej = (l: string) => {
    const r = p(l);
    return r.kind === 'reject' ? [r.rejection.field, r.rejection.reason.key] : r.kind;
  };

  it('holdtime, calltime and waittime up to a day; ringtime (ms) up to a day of ms', () => {
    expect(p('1000000000|a|q|SIP/1|COMPLETEAGENT|86400|86400|1')).toMatchObject({ kind: 'call', event: { waitS: 86400, talkS: 86400 } });
    expect(rej('1000000000|a|q|SIP/1|COMPLETEAGENT|86401|10|1')).toEqual(['holdtime', 'import.reject.range']);
    expect(rej('1000000000|a|q|SIP/1|COMPLETECALLER|10|86400.5|1')).toEqual(['calltime', 'import.reject.range']);
    expect(rej('1000000000|a|q|SIP/1|TRANSFER|200|sales|10|100000|1')).toEqual(['calltime', 'import.reject.range']);
    expect(rej('1000000000|a|q|NONE|ABANDON|1|1|86401')).toEqual(['waittime', 'import.reject.range']);
    expect(rej('1000000000|a|q|NONE|EXITWITHKEY|5|1|1|86401')).toEqual(['waittime', 'import.reject.range']);
    expect(p('1000000000|a|q|SIP/1|RINGNOANSWER|86400000')).toMatchObject({ kind: 'call', event: { ringMs: 86400000 } });
    expect(rej('1000000000|a|q|SIP/1|RINGNOANSWER|86400001')).toEqual(['ringtime', 'import.reject.range']);
  });

  it('names with control characters are rejected, ignored events are not looked at, free text is neutralised', () => {
    expect(rej('1000000000|a\u0000|q|NONE|ENTERQUEUE||1|1')).toEqual(['callid', 'import.reject.control']);
    expect(rej('1000000000|a|q\u001b[2J|NONE|ENTERQUEUE||1|1')).toEqual(['queuename', 'import.reject.control']);
    expect(rej('1000000000|a|q|SIP/\u00851|CONNECT|1|b|1')).toEqual(['agent', 'import.reject.control']);
    expect(rej('1000000000|NONE|q|SIP/1\u007f|ADDMEMBER|')).toEqual(['agent', 'import.reject.control']);
    expect(rej('1000000000|NONE|q\u0007|NONE|QUEUESTART|')).toBe('skip');
    expect(p('1000000000|NONE|q|SIP/1|PAUSE|a\u001b]0;x\u0007b')).toMatchObject({ kind: 'agent', event: { reason: 'a\uFFFD]0;x\uFFFDb' } });
    expect(p('1000000000|t|q|SIP/1|BLINDTRANSFER|2\u001b00|sales|5|95|1')).toMatchObject({ kind: 'call', event: { transfer: 'BLINDTRANSFER 2\uFFFD00@sales' } });
  });
});

describe('CDR and volume readers', () => {
  const nowMs = Date.UTC(2026, 11, 7, 12);
  it('FreeSWITCH: an answer more than a day after the start is out of range (answer_stamp)', () => {
    const r = new CdrCsvReader({ format: 'freeswitch', zone: 'UTC', nowMs });
    const row = (answer: string, billsec: string) => ['Li', '137', 'q', 'public', '2026-12-01 09:00:00', answer, '2026-12-03 10:00:00', '60', billsec, 'NORMAL_CLEARING', 'u-1', '', ''];
    expect(r.line('', row('2026-12-02 09:00:00', '10'), 1)).toMatchObject({ waitS: 86400, talkS: 10 });
    expect(r.line('', row('2026-12-02 09:00:01', '10'), 2)).toMatchObject({ field: 'answer_stamp', reason: { key: 'import.reject.range' } });
    expect(r.line('', row('2026-12-01 09:00:10', '86401'), 3)).toMatchObject({ field: 'billsec', reason: { key: 'import.reject.range' } });
    expect(r.columnName(10)).toBe('uuid');
  });

  it('volumes: 10^7 calls in an interval are in, 10^7 + 1 are not', () => {
    const r = new VolumeCsvReader({ zone: 'UTC', nowMs });
    expect(r.line('', ['interval_start', 'offered', 'asa'], 1)).toBeUndefined();
    expect(r.line('', ['2026-12-01 09:00', '10000000', '86400'], 2)).toMatchObject({ offered: 10_000_000, asaS: 86400 });
    expect(r.line('', ['2026-12-01 09:00', '10000001', ''], 3)).toMatchObject({ field: 'offered', reason: { key: 'import.reject.range', params: { max: 10_000_000 } } });
    expect(r.line('', ['2026-12-01 09:00', '1', '86400.5'], 4)).toMatchObject({ field: 'asa', reason: { key: 'import.reject.range' } });
    expect(r.columnName(1)).toBe('offered');
  });
});
