/**
 * Agent sessions from queue_log agent events. Pure.
 *
 * State per agent, events applied in time order:
 * - logged in while an AGENTLOGIN/AGENTCALLBACKLOGIN is open (until AGENTLOGOFF) or while the agent is a
 *   member of at least one queue (ADDMEMBER .. REMOVEMEMBER);
 * - paused while paused in any queue (PAUSE .. UNPAUSE, per queue) or after PAUSEALL (until
 *   UNPAUSEALL, which also clears per-queue pauses). Paused time counts only while logged in.
 * The result is a list of spans [startMs, endMs) in which the agent's state is constant.
 */
import type { AgentEvent } from './types.js';

export interface AgentSpan {
  agent: string;
  startMs: number;
  endMs: number;
  loggedIn: boolean;
  paused: boolean;
  /** The latest pause reason while paused, else null. */
  reason: string | null;
}

interface State {
  login: boolean;
  members: Set<string>;
  pausedQueues: Set<string>;
  pausedAll: boolean;
  reason: string | null;
  since: number;
}

function apply(s: State, e: AgentEvent): void {
  const q = e.queue ?? '*';
  switch (e.kind) {
    case 'login':
      s.login = true;
      break;
    case 'logoff':
      s.login = false;
      break;
    case 'add':
      s.members.add(q);
      break;
    case 'remove':
      s.members.delete(q);
      s.pausedQueues.delete(q);
      break;
    case 'pause':
      s.pausedQueues.add(q);
      s.reason = e.reason;
      break;
    case 'unpause':
      s.pausedQueues.delete(q);
      break;
    case 'pauseall':
      s.pausedAll = true;
      s.reason = e.reason;
      break;
    case 'unpauseall':
      s.pausedAll = false;
      s.pausedQueues.clear();
      break;
  }
}

const loggedIn = (s: State) => s.login || s.members.size > 0;
const paused = (s: State) => loggedIn(s) && (s.pausedAll || s.pausedQueues.size > 0);

/**
 * Spans of constant state for every agent, from events sorted by time (ties in input order),
 * cut to [fromMs, toMs). Events before fromMs only set the starting state.
 */
export function agentSpans(events: Iterable<AgentEvent>, fromMs: number, toMs: number): AgentSpan[] {
  const states = new Map<string, State>();
  const spans: AgentSpan[] = [];
  const close = (agent: string, s: State, at: number) => {
    const start = Math.max(s.since, fromMs);
    const end = Math.min(at, toMs);
    if (end > start && loggedIn(s)) {
      spans.push({ agent, startMs: start, endMs: end, loggedIn: true, paused: paused(s), reason: paused(s) ? s.reason : null });
    }
  };
  for (const e of events) {
    if (e.timeMs >= toMs) continue;
    let s = states.get(e.agent);
    if (!s) {
      s = { login: false, members: new Set(), pausedQueues: new Set(), pausedAll: false, reason: null, since: e.timeMs };
      states.set(e.agent, s);
    }
    close(e.agent, s, e.timeMs);
    apply(s, e);
    if (!paused(s)) s.reason = null;
    s.since = e.timeMs;
  }
  for (const [agent, s] of states) close(agent, s, toMs);
  spans.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.startMs - b.startMs));
  return spans;
}
