/**
 * `--source ami://USER@HOST:5038`: the Asterisk Manager Interface over TCP.
 *
 * Protocol (docs.asterisk.org, "Asterisk Manager Interface (AMI)"): on connect the server sends one
 * greeting line `Asterisk Call Manager/<version>` CRLF; after that every packet is `Key: Value`
 * lines ending in CRLF, terminated by an empty line. The client sends `Action: Login`, `Username`,
 * `Secret` (and an `ActionID`, echoed in the response); the server answers `Response: Success` or
 * `Response: Error` (then closes). `Action: QueueStatus` answers `Response: Success` and then the
 * events QueueParams, QueueMember (one per member: Queue, MemberName/Name, Status = AST_DEVICE_*
 * 0..8, Paused, PausedReason), QueueEntry (one per waiting caller: Queue, Uniqueid, Wait seconds)
 * and QueueStatusComplete, each with the ActionID. Live events used (AMI event docs): QueueMemberStatus,
 * QueueMemberAdded, QueueMemberRemoved, QueueMemberPause (Paused, PausedReason), QueueCallerJoin,
 * QueueCallerLeave, QueueCallerAbandon (HoldTime), AgentCalled, AgentRingNoAnswer, AgentConnect
 * (HoldTime, RingTime), AgentComplete (HoldTime, TalkTime). Event times come from `Timestamp` when
 * the server sends it (manager.conf timestampevents=yes), else from the local clock.
 *
 * The secret is only ever written to the socket: never to a log, a message or the screen. It comes
 * from WFM_AMI_SECRET or a prompt, not from the address: `ami://USER:PASSWORD@HOST` is refused
 * (src/app/live.ts), since a command line is visible to `ps` and kept in shell history, and any
 * address echoed in a message goes through `redactUrl` first.
 *
 * Time limit: from the connection to the end of the first status listing (greeting, login,
 * QueueStatus ... QueueStatusComplete) a connection has `timeoutMs` (default 10 s, `wfm live
 * --timeout`), counted from the connection (a server trickling bytes cannot extend it). Then there is
 * none: a quiet queue sends no events for long stretches. A one-shot run (failFast) then fails with
 * an AmiTimeoutError; the board retries (status "reconnecting", reason "timeout").
 */
import { createConnection, type Socket } from 'node:net';
import { BaseSource } from './source.js';
import type { LiveOptions } from './reducer.js';
import type { LiveEvent } from './types.js';
import { LineSplitter } from './lines.js';

export type AmiMessage = Record<string, string>;

export interface AmiTarget {
  user: string;
  host: string;
  port: number;
}

/**
 * A text with the password of every `scheme://user:password@` in it shown as `***`. The password is
 * taken to run to the last `@` before a blank, so a password with `@` or `/` in it is hidden whole.
 */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):\S*@/gi, '$1:***@');
}

/** Whether an address carries a password (`scheme://user:password@...`). */
export function hasUrlPassword(spec: string): boolean {
  return redactUrl(spec) !== spec;
}

/** Parse `ami://USER@HOST[:PORT]` (port 5038 by default); null when it is not one. */
export function parseAmiUrl(spec: string): AmiTarget | null {
  const m = /^ami:\/\/([^@\s/:]+)@(\[[0-9a-fA-F:]+\]|[^:/\s]+)(?::(\d{1,5}))?\/?$/.exec(spec.trim());
  if (!m) return null;
  const port = m[3] ? Number(m[3]) : 5038;
  if (port < 1 || port > 65535) return null;
  return { user: decodeURIComponent(m[1]), host: m[2].replace(/^\[|\]$/g, ''), port };
}

/** One AMI packet as text: `Key: Value` CRLF lines and an empty line. */
export function encodeAmi(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, ' ')}\r\n`).join('') + '\r\n';
}

/** Lines of one packet at most (a QueueStatus reply has a few dozen); more are dropped. */
const MAX_PACKET_LINES = 10_000;

/**
 * Splits the text of an AMI connection into the greeting and packets (`Key: Value` lines ended by an
 * empty line), in bounded memory: a line longer than any AMI line can be is dropped (src/live/lines.ts),
 * and so are lines beyond MAX_PACKET_LINES in one packet; `dropped` counts both.
 */
export class AmiDecoder {
  private readonly lines = new LineSplitter();
  private current: AmiMessage = {};
  /** Lower-case key -> the spelling first seen in this packet. */
  private spelled = new Map<string, string>();
  private fields = 0;
  private extra = 0;
  greeting: string | null = null;

  /** Lines dropped (too long, or too many in one packet). */
  get dropped(): number {
    return this.lines.dropped + this.extra;
  }

  /** Feed received text; returns the complete packets in it. */
  push(text: string): AmiMessage[] {
    const out: AmiMessage[] = [];
    for (const line of this.lines.push(text)) {
      if (this.greeting === null) {
        this.greeting = line;
        continue;
      }
      if (line.trim() === '') {
        if (this.fields > 0) out.push(this.current);
        this.current = {};
        this.spelled = new Map();
        this.fields = 0;
        continue;
      }
      const c = line.indexOf(':');
      if (c <= 0) continue;
      if (this.fields >= MAX_PACKET_LINES) {
        this.extra++;
        continue;
      }
      const key = line.slice(0, c).trim();
      const value = line.slice(c + 1).trim();
      // keys are case-insensitive on the wire; keep the first spelling seen
      const lower = key.toLowerCase();
      const spelling = this.spelled.get(lower) ?? key;
      this.spelled.set(lower, spelling);
      this.current[spelling] = value;
      this.fields++;
    }
    return out;
  }
}

/** A field by case-insensitive name. */
export function field(msg: AmiMessage, name: string): string | undefined {
  if (name in msg) return msg[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(msg)) if (k.toLowerCase() === lower) return msg[k];
  return undefined;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The live events of one AMI event packet (none for events the view does not use). `nowMs` is the
 * local clock, used when the packet has no `Timestamp`.
 */
export function amiToLive(msg: AmiMessage, nowMs: number): LiveEvent[] {
  const ev = field(msg, 'Event');
  if (!ev) return [];
  const ts = num(field(msg, 'Timestamp'));
  const t = ts !== undefined ? Math.round(ts * 1000) : nowMs;
  const queue = field(msg, 'Queue') ?? '';
  const agent = field(msg, 'MemberName') || field(msg, 'Name') || field(msg, 'Interface') || field(msg, 'Location') || '';
  const callId = field(msg, 'Uniqueid') ?? '';
  switch (ev.toLowerCase()) {
    case 'queuemember':
    case 'queuememberstatus':
    case 'queuememberadded': {
      if (!queue || !agent) return [];
      const reason = field(msg, 'PausedReason') || null;
      return [{ kind: 'agentStatus', t, agent, queue, device: num(field(msg, 'Status')) ?? 0, paused: field(msg, 'Paused') === '1', reason }];
    }
    case 'queuememberremoved':
      return queue && agent ? [{ kind: 'agentLogoff', t, agent, queue }] : [];
    case 'queuememberpause':
    case 'queuememberpaused': {
      if (!agent) return [];
      const q = queue || null;
      if (field(msg, 'Paused') === '1') {
        return [{ kind: 'agentPause', t, agent, queue: q, reason: field(msg, 'PausedReason') || field(msg, 'Reason') || null }];
      }
      return [{ kind: 'agentUnpause', t, agent, queue: q }];
    }
    case 'queueentry': {
      if (!queue || !callId) return [];
      const wait = num(field(msg, 'Wait')) ?? 0;
      return [{ kind: 'callJoin', t: t - wait * 1000, queue, callId }];
    }
    case 'queuecallerjoin':
      return queue && callId ? [{ kind: 'callJoin', t, queue, callId }] : [];
    case 'queuecallerleave':
      return queue && callId ? [{ kind: 'callLeave', t, queue, callId }] : [];
    case 'queuecallerabandon':
      return queue && callId ? [{ kind: 'callAbandon', t, queue, callId, waitS: num(field(msg, 'HoldTime')) }] : [];
    case 'agentcalled':
      return queue && agent ? [{ kind: 'callRing', t, queue, callId, agent }] : [];
    case 'agentringnoanswer':
      return queue && agent ? [{ kind: 'callRingNoAnswer', t, queue, callId, agent }] : [];
    case 'agentconnect':
      return queue && agent ? [{ kind: 'callConnect', t, queue, callId, agent, waitS: num(field(msg, 'HoldTime')) }] : [];
    case 'agentcomplete':
      return queue
        ? [{ kind: 'callComplete', t, queue, callId, agent: agent || null, waitS: num(field(msg, 'HoldTime')), talkS: num(field(msg, 'TalkTime')) }]
        : [];
    default:
      return [];
  }
}

/** Thrown (with failFast) when the server has not finished the status listing within the time limit. */
export class AmiTimeoutError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly timeoutMs: number,
  ) {
    super(`no queue status from ${host}:${port} within ${timeoutMs / 1000} s`);
    this.name = 'AmiTimeoutError';
  }
}

/** Thrown when the server refuses the login (no retry: the secret is wrong). */
export class AmiAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmiAuthError';
  }
}

export interface AmiSourceOptions {
  target: AmiTarget;
  /** The secret; written only to the socket. */
  secret: string;
  live: Partial<LiveOptions>;
  now: () => number;
  /** First reconnect delay, ms (doubles per attempt up to maxBackoffMs). Default 1000. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Give up on the first connection instead of retrying (one-shot snapshots). */
  failFast?: boolean;
  /** Time from connecting to the end of the first status listing, ms (default AMI_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** The default time limit from connecting to the end of the status listing: 10 s. */
export const AMI_TIMEOUT_MS = 10_000;

/** Reconnect delay before attempt n (1-based): base * 2^(n-1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export class AmiSource extends BaseSource {
  private socket: Socket | null = null;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private seq = 0;
  private statusId = '';
  private loaded = false;
  private resolveStart: (() => void) | null = null;
  private rejectStart: ((e: Error) => void) | null = null;
  /** Completed connections (login + QueueStatus), for tests and the status line. */
  connections = 0;

  constructor(private readonly o: AmiSourceOptions) {
    super(o.live);
  }

  /** Resolves after login and the first QueueStatus; rejects on a refused login (or any failure with failFast). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.resolveStart = resolve;
      this.rejectStart = reject;
      this.connect();
    });
  }

  private connect(): void {
    if (this.closed) return;
    this.setStatus(this.attempt === 0 ? { kind: 'connecting' } : this.status);
    const { host, port, user } = this.o.target;
    const sock = createConnection({ host, port });
    this.socket = sock;
    sock.setEncoding('utf8');
    const timeoutMs = this.o.timeoutMs ?? AMI_TIMEOUT_MS;
    let timedOut = false;
    // one deadline for greeting, login and the whole status listing, whatever arrives meanwhile
    let deadline: NodeJS.Timeout | null = setTimeout(() => {
      timedOut = true;
      sock.destroy();
    }, timeoutMs);
    const clearDeadline = () => {
      if (deadline) clearTimeout(deadline);
      deadline = null;
    };
    const dec = new AmiDecoder();
    let loggedIn = false;
    let greeted = false;
    const loginId = `wfm-login-${++this.seq}`;
    sock.on('data', (chunk: string) => {
      const msgs = dec.push(chunk);
      if (!greeted && dec.greeting !== null) {
        greeted = true;
        if (!/^Asterisk Call Manager/i.test(dec.greeting)) {
          sock.destroy(new Error('not an AMI server'));
          return;
        }
        sock.write(encodeAmi([['Action', 'Login'], ['ActionID', loginId], ['Username', user], ['Secret', this.o.secret], ['Events', 'on']]));
      }
      const batch: LiveEvent[] = [];
      for (const m of msgs) {
        const response = field(m, 'Response');
        const id = field(m, 'ActionID');
        if (response && id === loginId) {
          if (response.toLowerCase() !== 'success') {
            this.closed = true;
            const err = new AmiAuthError(field(m, 'Message') ?? 'Authentication failed');
            sock.destroy();
            this.setStatus({ kind: 'ended' });
            this.fail(err);
            return;
          }
          loggedIn = true;
          this.statusId = `wfm-qs-${++this.seq}`;
          sock.write(encodeAmi([['Action', 'QueueStatus'], ['ActionID', this.statusId]]));
          continue;
        }
        const ev = field(m, 'Event');
        if (!ev) continue;
        if (ev.toLowerCase() === 'queuestatuscomplete' && id === this.statusId) {
          clearDeadline();
          this.emit(batch.splice(0));
          this.attempt = 0;
          this.connections++;
          this.setStatus({ kind: 'ok' });
          if (!this.loaded) {
            this.loaded = true;
            this.resolveStart?.();
          }
          continue;
        }
        if (ev.toLowerCase() === 'queueparams') {
          // the start of a fresh status listing: the waiting list comes with it
          if (id === this.statusId && this.connections > 0) this.state.clearWaiting();
          continue;
        }
        batch.push(...amiToLive(m, this.o.now()));
      }
      this.emit(batch);
    });
    sock.on('error', () => {
      /* handled in close */
    });
    sock.on('close', () => {
      clearDeadline();
      if (this.socket === sock) this.socket = null;
      if (this.closed) return;
      if (this.o.failFast && !this.loaded) {
        this.closed = true;
        this.fail(timedOut ? new AmiTimeoutError(host, port, timeoutMs) : new Error(loggedIn ? 'connection lost' : `cannot connect to ${host}:${port}`));
        return;
      }
      this.attempt++;
      const delay = backoffDelay(this.attempt, this.o.backoffMs ?? 1000, this.o.maxBackoffMs ?? 30_000);
      this.setStatus({ kind: 'reconnecting', attempt: this.attempt, retryInMs: delay, reason: timedOut ? 'timeout' : loggedIn ? 'lost' : 'refused' });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay);
    });
  }

  private fail(err: Error): void {
    const reject = this.rejectStart;
    this.rejectStart = null;
    this.resolveStart = null;
    reject?.(err);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const s = this.socket;
    if (s && !s.destroyed) {
      try {
        s.write(encodeAmi([['Action', 'Logoff']]));
      } catch {
        /* already gone */
      }
      s.destroy();
    }
    this.socket = null;
  }
}
