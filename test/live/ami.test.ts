import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { AmiDecoder, AmiSource, amiToLive, backoffDelay, encodeAmi, parseAmiUrl } from '../../src/live/ami.js';

/**
 * A small AMI-speaking server built from the documented protocol: greeting line, CRLF-separated
 * `Key: Value` packets ended by an empty line, Login -> Response Success/Error (with the ActionID),
 * QueueStatus -> Response, QueueParams/QueueMember/QueueEntry events, QueueStatusComplete.
 */
class FakeAmi {
  server: Server;
  sockets: Socket[] = [];
  logins: Record<string, string>[] = [];
  received = '';
  port = 0;
  constructor(private secret: string, private members: string[][]) {
    this.server = createServer((sock) => {
      this.sockets.push(sock);
      sock.setEncoding('utf8');
      sock.write('Asterisk Call Manager/9.0.0\r\n');
      const dec = new AmiDecoder();
      dec.greeting = ''; // the client sends no greeting
      sock.on('data', (chunk: string) => {
        this.received += chunk;
        for (const m of dec.push(chunk)) {
          const id = m.ActionID ?? '';
          if (m.Action?.toLowerCase() === 'login') {
            this.logins.push(m);
            if (m.Secret === this.secret) sock.write(encodeAmi([['Response', 'Success'], ['ActionID', id], ['Message', 'Authentication accepted']]));
            else {
              sock.write(encodeAmi([['Response', 'Error'], ['ActionID', id], ['Message', 'Authentication failed']]));
              sock.end();
            }
          } else if (m.Action?.toLowerCase() === 'queuestatus') {
            sock.write(encodeAmi([['Response', 'Success'], ['ActionID', id], ['EventList', 'start'], ['Message', 'Queue status will follow']]));
            sock.write(encodeAmi([['Event', 'QueueParams'], ['Queue', 'vip'], ['Calls', '1'], ['ActionID', id]]));
            for (const [name, status, paused, reason] of this.members) {
              sock.write(
                encodeAmi([['Event', 'QueueMember'], ['Queue', 'vip'], ['Name', name], ['Location', name], ['Status', status], ['Paused', paused], ['PausedReason', reason], ['ActionID', id]]),
              );
            }
            sock.write(encodeAmi([['Event', 'QueueEntry'], ['Queue', 'vip'], ['Position', '1'], ['Uniqueid', '100.1'], ['Wait', '12'], ['ActionID', id]]));
            sock.write(encodeAmi([['Event', 'QueueStatusComplete'], ['ActionID', id], ['EventList', 'Complete']]));
          }
        }
      });
    });
  }
  listen(): Promise<number> {
    return new Promise((res) => this.server.listen(0, '127.0.0.1', () => {
      this.port = (this.server.address() as { port: number }).port;
      res(this.port);
    }));
  }
  send(fields: [string, string][]): void {
    for (const s of this.sockets) if (!s.destroyed) s.write(encodeAmi(fields));
  }
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets = [];
  }
  close(): Promise<void> {
    this.dropAll();
    return new Promise((res) => this.server.close(() => res()));
  }
}

const servers: FakeAmi[] = [];
const sources: AmiSource[] = [];
afterEach(async () => {
  for (const s of sources.splice(0)) await s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('AMI protocol pieces', () => {
  it('parses ami:// addresses with the default port 5038', () => {
    expect(parseAmiUrl('ami://wfm@pbx.example:5039')).toEqual({ user: 'wfm', host: 'pbx.example', port: 5039 });
    expect(parseAmiUrl('ami://wfm@10.0.0.1')).toEqual({ user: 'wfm', host: '10.0.0.1', port: 5038 });
    expect(parseAmiUrl('ami://pbx:5038')).toBeNull();
    expect(parseAmiUrl('ami://u@h:70000')).toBeNull();
  });

  it('splits a byte stream at arbitrary points into the greeting and packets', () => {
    const text = 'Asterisk Call Manager/5.0.3\r\nResponse: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nStatus: Fully Booted\r\n\r\n';
    for (const cut of [1, 7, 30, 60, 90]) {
      const d = new AmiDecoder();
      const msgs = [...d.push(text.slice(0, cut)), ...d.push(text.slice(cut))];
      expect(d.greeting).toBe('Asterisk Call Manager/5.0.3');
      expect(msgs).toEqual([
        { Response: 'Success', ActionID: '1', Message: 'Authentication accepted' },
        { Event: 'FullyBooted', Status: 'Fully Booted' },
      ]);
    }
  });

  it('maps the documented queue events', () => {
    const now = 1_000_000;
    expect(amiToLive({ Event: 'QueueCallerAbandon', Queue: 'q', Uniqueid: 'u', HoldTime: '42' }, now)).toEqual([
      { kind: 'callAbandon', t: now, queue: 'q', callId: 'u', waitS: 42 },
    ]);
    expect(amiToLive({ Event: 'QueueMemberPause', Queue: 'q', MemberName: 'SIP/1', Paused: '1', PausedReason: 'Lunch', Timestamp: '1700000000.5' }, now)).toEqual([
      { kind: 'agentPause', t: 1_700_000_000_500, agent: 'SIP/1', queue: 'q', reason: 'Lunch' },
    ]);
    expect(amiToLive({ Event: 'AgentComplete', Queue: 'q', MemberName: 'SIP/1', Uniqueid: 'u', HoldTime: '3', TalkTime: '120', Reason: 'caller' }, now)).toEqual([
      { kind: 'callComplete', t: now, queue: 'q', callId: 'u', agent: 'SIP/1', waitS: 3, talkS: 120 },
    ]);
    expect(amiToLive({ Event: 'QueueEntry', Queue: 'q', Uniqueid: 'u', Wait: '12' }, now)).toEqual([{ kind: 'callJoin', t: now - 12_000, queue: 'q', callId: 'u' }]);
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 1000, 30_000))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe('AmiSource against a test server on 127.0.0.1', () => {
  it('logs in, loads QueueStatus, follows events, and reconnects after a dropped connection', async () => {
    const srv = new FakeAmi('s3cret-XYZ', [
      ['SIP/1001', '1', '0', ''],
      ['SIP/1002', '2', '0', ''],
      ['SIP/1003', '1', '1', 'Lunch'],
    ]);
    servers.push(srv);
    const port = await srv.listen();
    let now = 1_772_416_800_000;
    const src = new AmiSource({ target: { user: 'wfm', host: '127.0.0.1', port }, secret: 's3cret-XYZ', live: { zone: 'UTC' }, now: () => now, backoffMs: 50 });
    sources.push(src);
    await src.start();
    expect(srv.logins[0]).toMatchObject({ Action: 'Login', Username: 'wfm', Secret: 's3cret-XYZ' });
    let snap = src.snapshot(now);
    expect(snap.status).toEqual({ kind: 'ok' });
    expect(Object.fromEntries(snap.agents.map((a) => [a.agent, a.state]))).toEqual({ 'SIP/1001': 'available', 'SIP/1002': 'talking', 'SIP/1003': 'paused' });
    expect(snap.agents[2].pauseReason).toBe('Lunch');
    expect(snap.queues[0]).toMatchObject({ queue: 'vip', waiting: 1, longestWaitSeconds: 12 });

    now += 3000;
    srv.send([['Event', 'AgentConnect'], ['Queue', 'vip'], ['MemberName', 'SIP/1001'], ['Interface', 'SIP/1001'], ['Uniqueid', '100.1'], ['HoldTime', '15'], ['RingTime', '2']]);
    await waitFor(() => src.snapshot(now).agents[0].state === 'talking');
    snap = src.snapshot(now);
    expect(snap.queues[0].waiting).toBe(0);
    expect(snap.queues[0].window).toMatchObject({ offered: 1, answered: 1, answeredWithin: 1 });

    // the server drops us: the status says so, and the source reconnects and reloads
    const notes: string[] = [];
    src.subscribe(() => notes.push(src.snapshot(now).status.kind));
    srv.dropAll();
    await waitFor(() => notes.includes('reconnecting'));
    await waitFor(() => src.connections === 2);
    expect(srv.logins.length).toBe(2);
    expect(src.snapshot(now).status).toEqual({ kind: 'ok' });
    // the secret went only to the socket: not into any snapshot or status
    expect(JSON.stringify(src.snapshot(now))).not.toContain('s3cret');
  });

  it('rejects a refused login without retrying', async () => {
    const srv = new FakeAmi('right', []);
    servers.push(srv);
    const port = await srv.listen();
    const src = new AmiSource({ target: { user: 'wfm', host: '127.0.0.1', port }, secret: 'wrong', live: { zone: 'UTC' }, now: () => 0, backoffMs: 20 });
    sources.push(src);
    await expect(src.start()).rejects.toThrow(/Authentication failed/);
    await new Promise((r) => setTimeout(r, 100));
    expect(srv.logins.length).toBe(1);
  });

  it('fails fast when nothing listens and failFast is set (one-shot snapshot)', async () => {
    const srv = new FakeAmi('x', []);
    const port = await srv.listen();
    await srv.close(); // the port is now closed
    const src = new AmiSource({ target: { user: 'wfm', host: '127.0.0.1', port }, secret: 'x', live: { zone: 'UTC' }, now: () => 0, failFast: true });
    sources.push(src);
    await expect(src.start()).rejects.toThrow(/cannot connect/);
  });
});
