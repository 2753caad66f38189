/**
 * queue_log parsing and call assembly against the lines of the Asterisk documentation: the sample
 * in "Asterisk: The Definitive Guide" (queue_log file section) and the event parameter lists of
 * docs.asterisk.org "Queue Logs" (1.8: ENTERQUEUE url|callerid, EXITWITHKEY key|position;
 * 11+: ENTERQUEUE url|callerid|origposition, EXITWITHKEY key|position|origposition|waittime;
 * 12+: BLINDTRANSFER / ATTENDEDTRANSFER).
 */
import { describe, expect, it } from 'vitest';
import { parseQueueLogLine, type CallEvent } from '../../src/cdr/queue-log.js';
import { QueueLogAssembler } from '../../src/cdr/assembler.js';
import { agentSpans } from '../../src/cdr/sessions.js';
import type { AgentEvent, CallRecord } from '../../src/cdr/types.js';

const OPTS = { zone: 'UTC', nowMs: Date.UTC(2026, 0, 1) };

// From the documentation's sample queue_log (a call answered after one ring-no-answer)
const DOC_SAMPLE = [
  '1292281046|psy1-1292281041.87|7100|NONE|ENTERQUEUE||4165551212|1',
  '1292281046|psy1-1292281041.87|7100|Local/9996@MemberConnector|RINGNOANSWER|0',
  '1292281048|psy1-1292281041.87|7100|Local/9990@MemberConnector|CONNECT|2|psy1-1292281046.90|0',
  '1292284121|psy1-1292281041.87|7100|Local/9990@MemberConnector|COMPLETECALLER|2|3073|1',
  '1292284222|MANAGER|7100|Local/9990@MemberConnector|REMOVEMEMBER|',
  '1292284491|MANAGER|7100|Local/9990@MemberConnector|ADDMEMBER|',
];

function assemble(lines: string[]): { calls: CallRecord[]; agents: AgentEvent[]; asm: QueueLogAssembler } {
  const asm = new QueueLogAssembler();
  const calls: CallRecord[] = [];
  const agents: AgentEvent[] = [];
  for (const l of lines) {
    const p = parseQueueLogLine(l, OPTS);
    if (p.kind === 'call') {
      const c = asm.feed(p.event);
      if (c) calls.push(c);
    } else if (p.kind === 'agent') agents.push(p.event);
  }
  return { calls, agents, asm };
}

describe('parseQueueLogLine', () => {
  it('reads the documented sample: times, fields, parameters', () => {
    const p = DOC_SAMPLE.map((l) => parseQueueLogLine(l, OPTS));
    expect(p[0]).toEqual({ kind: 'call', event: { type: 'enter', timeMs: 1292281046000, callId: 'psy1-1292281041.87', queue: '7100', agent: null } });
    expect(p[2]).toMatchObject({ kind: 'call', event: { type: 'connect', waitS: 2, agent: 'Local/9990@MemberConnector' } });
    expect(p[3]).toMatchObject({ kind: 'call', event: { type: 'complete', waitS: 2, talkS: 3073, timeMs: 1292284121000 } });
    expect(p[4]).toEqual({ kind: 'agent', event: { agent: 'Local/9990@MemberConnector', queue: '7100', kind: 'remove', timeMs: 1292284222000, reason: null } });
  });

  it('builds the documented call: wait 2 s, talk 3073 s, one ring-no-answer', () => {
    const { calls } = assemble(DOC_SAMPLE);
    expect(calls).toEqual([
      {
        queue: '7100', callId: 'psy1-1292281041.87', enteredMs: 1292281046000, outcome: 'answered', waitS: 2,
        agent: 'Local/9990@MemberConnector', talkS: 3073, wrapS: null, ringNoAnswers: 1, transfer: null, source: 'queue_log',
      },
    ]);
  });

  it('1.8 and 11+ layouts of EXITWITHKEY: waittime when written, else from the times', () => {
    const v11 = assemble(['1000000000|a|q|NONE|ENTERQUEUE||123|1', '1000000042|a|q|NONE|EXITWITHKEY|5|1|1|40']).calls[0];
    const v18 = assemble(['1000000000|a|q|NONE|ENTERQUEUE||123', '1000000042|a|q|NONE|EXITWITHKEY|5|1']).calls[0];
    expect(v11).toMatchObject({ outcome: 'key', waitS: 40 });
    expect(v18).toMatchObject({ outcome: 'key', waitS: 42 });
  });

  it('transfers (TRANSFER, 12+ BLINDTRANSFER and ATTENDEDTRANSFER) are answered calls with a transfer', () => {
    const lines = (ev: string) => ['1000000000|t|q|NONE|ENTERQUEUE||1|1', `1000000100|t|q|SIP/1|${ev}`];
    expect(assemble(lines('TRANSFER|200|sales|10|90|1')).calls[0]).toMatchObject({ outcome: 'answered', waitS: 10, talkS: 90, transfer: 'TRANSFER 200@sales', agent: 'SIP/1' });
    expect(assemble(lines('BLINDTRANSFER|300|support|5|95|1')).calls[0]).toMatchObject({ waitS: 5, talkS: 95, transfer: 'BLINDTRANSFER 300@support' });
    expect(assemble(lines('ATTENDEDTRANSFER|BRIDGE|x-1|7|93|1')).calls[0]).toMatchObject({ waitS: 7, talkS: 93, transfer: 'ATTENDEDTRANSFER BRIDGE x-1' });
  });

  it('abandon, timeout, empty take the waittime parameter', () => {
    for (const [ev, outcome] of [['ABANDON', 'abandoned'], ['EXITWITHTIMEOUT', 'timeout'], ['EXITEMPTY', 'empty']] as const) {
      const c = assemble(['1000000000|x|q|NONE|ENTERQUEUE||1|1', `1000000031|x|q|NONE|${ev}|2|3|30`]).calls[0];
      expect(c).toMatchObject({ outcome, waitS: 30, agent: null, talkS: null });
    }
  });

  it('agent events: pause reasons, PAUSEALL with queue NONE', () => {
    expect(parseQueueLogLine('1000000000|NONE|q1|SIP/7|PAUSE|lunch', OPTS)).toEqual({
      kind: 'agent', event: { agent: 'SIP/7', queue: 'q1', kind: 'pause', timeMs: 1e12, reason: 'lunch' },
    });
    expect(parseQueueLogLine('1000000000|NONE|NONE|SIP/7|PAUSEALL|training', OPTS)).toMatchObject({ event: { queue: null, kind: 'pauseall', reason: 'training' } });
    expect(parseQueueLogLine('1000000000|NONE|NONE|Agent/1001|AGENTLOGIN|SIP/1001-0001', OPTS)).toMatchObject({ event: { kind: 'login', agent: 'Agent/1001' } });
  });

  it('skips blank lines, a header row and known events without statistics', () => {
    for (const l of ['', '   ', 'time|callid|queuename|agent|event|data1', '1000000000|NONE|NONE|NONE|QUEUESTART|', '1000000000|NONE|NONE|NONE|CONFIGRELOAD|']) {
      expect(parseQueueLogLine(l, OPTS)).toEqual({ kind: 'skip' });
    }
  });

  it('rejects dirty lines with the field and the reason', () => {
    const rej = (l: string) => {
      const p = parseQueueLogLine(l, OPTS);
      return p.kind === 'reject' ? [p.rejection.field, p.rejection.reason.key] : p.kind;
    };
    expect(rej('1000000000|a|q|NONE')).toEqual([undefined, 'import.reject.fewFields']); // truncated
    expect(rej('1000000000|a|q|NONE|FROB|1')).toEqual(['event', 'import.reject.unknownEvent']);
    expect(rej('99999999999|a|q|NONE|ENTERQUEUE||1')).toEqual(['time', 'import.reject.timeRange']); // year 5138
    expect(rej('100|a|q|NONE|ENTERQUEUE||1')).toEqual(['time', 'import.reject.badTime']);
    expect(rej('2025-02-30 10:00:00|a|q|NONE|ENTERQUEUE||1')).toEqual(['time', 'import.reject.badTime']); // impossible date
    expect(rej('1000000000|a|q\uFFFD|NONE|ENTERQUEUE||1')).toEqual(['queuename', 'import.reject.encoding']);
    expect(rej('1000000000|a|q|SIP/1|COMPLETEAGENT|12')).toEqual(['calltime', 'import.reject.missing']);
    expect(rej('1000000000|a|q|NONE|ABANDON|1|1|-3')).toEqual(['waittime', 'import.reject.notNumber']);
    expect(rej('1000000000|NONE|q|NONE|ENTERQUEUE||1')).toEqual(['callid', 'import.reject.missing']);
    // undecodable bytes in free text (caller id) are tolerated
    expect(parseQueueLogLine('1000000000|a|q|NONE|ENTERQUEUE||\uFFFD\uFFFD|1', OPTS).kind).toBe('call');
  });

  it('reads realtime-export date-time stamps in the site zone', () => {
    const p = parseQueueLogLine('2012-07-04 07:27:55.640421|1341401275.9|q1|NONE|ENTERQUEUE||1|1', { ...OPTS, zone: 'Europe/Paris' });
    expect(p).toMatchObject({ event: { timeMs: Date.UTC(2012, 6, 4, 5, 27, 55, 640) } }); // CEST = UTC+2
  });
});

describe('QueueLogAssembler', () => {
  const call = ['1000000000|c|q|NONE|ENTERQUEUE||1|1', '1000000004|c|q|SIP/2|RINGNOANSWER|4000', '1000000009|c|q|SIP/1|CONNECT|9|b|1', '1000000109|c|q|SIP/1|COMPLETEAGENT|9|100|1'];

  it('lines in any order and duplicated lines give the same single call', () => {
    const ref = assemble(call).calls;
    expect(assemble([call[3], call[1], call[0], call[2]]).calls).toEqual(ref);
    const dup = assemble([call[0], call[0], call[1], call[1], call[2], call[3], call[3]]);
    expect(dup.calls).toEqual(ref);
    expect(dup.asm.stats.duplicates).toBe(3);
  });

  it('an open call is exported and completed after restore (a call spanning two files)', () => {
    const first = assemble(call.slice(0, 2));
    expect(first.calls).toEqual([]);
    const pending = JSON.parse(JSON.stringify(first.asm.pending()));
    const asm = new QueueLogAssembler();
    asm.restore(pending);
    const out = call.slice(2).map((l) => {
      const p = parseQueueLogLine(l, OPTS);
      return asm.feed((p as { event: CallEvent }).event);
    });
    expect(out[1]).toEqual(assemble(call).calls[0]);
    expect(asm.pending()).toEqual([]);
  });
});

describe('agentSpans', () => {
  it('logged in while a member or logged in; paused while paused in a queue or after PAUSEALL', () => {
    const ev = (t: number, kind: AgentEvent['kind'], queue: string | null = 'q', reason: string | null = null): AgentEvent => ({ agent: 'A', queue, kind, timeMs: t, reason });
    const spans = agentSpans([ev(0, 'add'), ev(100, 'pause', 'q', 'lunch'), ev(160, 'unpause'), ev(200, 'pauseall', null, 'meeting'), ev(260, 'unpauseall', null), ev(300, 'remove')], 0, 1000);
    expect(spans).toEqual([
      { agent: 'A', startMs: 0, endMs: 100, loggedIn: true, paused: false, reason: null },
      { agent: 'A', startMs: 100, endMs: 160, loggedIn: true, paused: true, reason: 'lunch' },
      { agent: 'A', startMs: 160, endMs: 200, loggedIn: true, paused: false, reason: null },
      { agent: 'A', startMs: 200, endMs: 260, loggedIn: true, paused: true, reason: 'meeting' },
      { agent: 'A', startMs: 260, endMs: 300, loggedIn: true, paused: false, reason: null },
    ]);
  });
});
