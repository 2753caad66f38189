/**
 * Stage 2, tours: assigns stage-1 shifts to named (or anonymous) agents.
 *
 * Greedy constructive heuristic in time order: every shift, in order of start, goes to the feasible
 * agent with the lowest score. Hard rules: skill (queue), availability, leave, approved days off, one shift start
 * per day, minimum rest since the previous shift, most consecutive days, most days / paid hours /
 * nights / weekend days per 7-day block. Score terms (lower is better):
 *   - urgency: -(days still allowed in the block) / (days left in the block), so agents who must
 *     work most of the remaining days are used first and the others keep their days off;
 *   - contract minimum: agents below their minimum weekly hours come first;
 *   - stability: distance in hours between this start and the agent's previous start time of day;
 *   - fairness: nights worked (for night shifts) and weekend days worked (for weekend shifts);
 *   - balance: paid hours so far relative to the contract maximum.
 * Shifts no agent can take are returned unassigned (named agents) or go to a new anonymous agent.
 */
import { skillAllowed, type Agent, type Contract, type RosterRules, type Span } from './types.js';

export interface TourShift {
  queue: string;
  start: number;
  end: number;
  paidMinutes: number;
}

export interface TourInput {
  rules: RosterRules;
  days: number;
  startWeekday: number;
  shifts: TourShift[];
  /** Named agents; when absent, anonymous agents are created as needed. */
  agents?: Agent[];
  /** All queues (anonymous agents get every skill). */
  queues: string[];
}

export interface TourResult {
  /** agentOf[i]: agent id for shift i, or null when unassigned. */
  agentOf: (string | null)[];
  /** Agent ids in use (anonymous: A001...). */
  agents: Agent[];
}

/** Minutes of [start, end) inside the night window (rules.night) of any day. */
export function nightMinutes(rules: RosterRules, start: number, end: number): number {
  const { start: ns, end: ne } = rules.night;
  const wlen = ne > ns ? ne - ns : ne + 1440 - ns;
  let total = 0;
  const d0 = Math.floor(start / 1440) - 1;
  const d1 = Math.floor(end / 1440) + 1;
  for (let d = d0; d <= d1; d++) {
    const ws = d * 1440 + ns;
    const we = ws + wlen;
    total += Math.max(0, Math.min(end, we) - Math.max(start, ws));
  }
  return total;
}

/** ISO weekday (1..7) of roster day d. */
export function weekdayOf(startWeekday: number, d: number): number {
  return ((((startWeekday - 1 + d) % 7) + 7) % 7) + 1;
}

interface AgentState {
  agent: Agent;
  contract: Contract;
  skills: Set<string>;
  lastEnd: number;
  lastStartTod: number;
  dayWorked: Uint8Array;
  blockDays: number[];
  blockMinutes: number[];
  blockNights: number[];
  blockWeekends: number[];
}

function overlaps(spans: Span[] | undefined, s: number, e: number): boolean {
  return !!spans && spans.some((p) => p.start < e && s < p.end);
}
function inside(spans: Span[] | undefined, s: number, e: number): boolean {
  return !spans || spans.some((p) => p.start <= s && e <= p.end);
}

/** Assigns shifts to agents (see the file comment). Deterministic. */
export function buildTours(inp: TourInput): TourResult {
  const { rules, days } = inp;
  const blocks = Math.ceil(days / 7);
  const contractOf = (id: string | undefined): Contract => {
    const k = rules.contracts.find((c) => c.id === (id ?? rules.defaultContract)) ?? rules.contracts[0];
    return k;
  };
  const anonymous = !inp.agents;
  const states: AgentState[] = [];
  const mkState = (a: Agent): AgentState => ({
    agent: a,
    contract: contractOf(a.contract),
    skills: new Set(a.skills),
    lastEnd: -Infinity,
    lastStartTod: -1,
    dayWorked: new Uint8Array(days),
    blockDays: new Array(blocks).fill(0),
    blockMinutes: new Array(blocks).fill(0),
    blockNights: new Array(blocks).fill(0),
    blockWeekends: new Array(blocks).fill(0),
  });
  const newAnon = (): AgentState => {
    const id = `A${String(states.length + 1).padStart(3, '0')}`;
    const s = mkState({ id, skills: [...inp.queues], contract: rules.defaultContract });
    states.push(s);
    return s;
  };
  if (inp.agents) for (const a of inp.agents) states.push(mkState(a));
  else {
    // start from a lower bound on the head count; more are added when a shift finds nobody
    const perDay = new Array(days).fill(0);
    let paid = 0;
    for (const s of inp.shifts) {
      perDay[Math.floor(s.start / 1440)]++;
      paid += s.paidMinutes;
    }
    const k = contractOf(undefined);
    const maxDays = Math.max(1, Math.min(k.maxDaysPerWeek, rules.maxDaysPerWeek));
    const lb = Math.max(0, ...perDay, Math.ceil(inp.shifts.length / (maxDays * blocks)), k.maxWeeklyHours > 0 ? Math.ceil(paid / 60 / (k.maxWeeklyHours * blocks)) : 0);
    for (let i = 0; i < lb; i++) newAnon();
  }

  // scarcity: how many named agents may serve the shift's queue over its days (skills, per-day gates);
  // among shifts starting together the scarcer go first, so versatile agents stay free for them
  const scarcity = inp.shifts.map((s) => (anonymous ? 0 : states.filter((st) => skillAllowed(st.agent, s.queue, s.start, s.end)).length));
  const order = inp.shifts.map((_, i) => i).sort((a, b) => inp.shifts[a].start - inp.shifts[b].start || scarcity[a] - scarcity[b] || inp.shifts[b].end - inp.shifts[a].end);
  /** Other queues the agent may serve on a shift like s (a versatile agent is kept for scarcer queues). */
  const otherSkills = (st: AgentState, s: TourShift): number => {
    let n = 0;
    for (const q of st.skills) if (q !== s.queue && skillAllowed(st.agent, q, s.start, s.end)) n++;
    return n;
  };
  const agentOf: (string | null)[] = new Array(inp.shifts.length).fill(null);

  const feasible = (st: AgentState, s: TourShift, d: number, b: number, night: boolean, weekend: boolean): boolean => {
    const a = st.agent;
    if (!st.skills.has(s.queue)) return false;
    if (a.skillDays?.[s.queue] && !skillAllowed(a, s.queue, s.start, s.end)) return false;
    if (st.dayWorked[d]) return false;
    if (s.start < st.lastEnd + rules.minRestMinutes) return false;
    let run = 0;
    for (let e = d - 1; e >= 0 && st.dayWorked[e]; e--) run++;
    let after = 0;
    for (let e = d + 1; e < days && st.dayWorked[e]; e++) after++;
    if (run + 1 + after > rules.maxConsecutiveDays) return false;
    if (st.blockDays[b] + 1 > Math.min(rules.maxDaysPerWeek, st.contract.maxDaysPerWeek)) return false;
    if (st.blockMinutes[b] + s.paidMinutes > st.contract.maxWeeklyHours * 60 + 1e-9) return false;
    if (night && rules.maxNightsPerWeek !== null && st.blockNights[b] + 1 > rules.maxNightsPerWeek) return false;
    if (weekend && rules.maxWeekendDaysPerWeek !== null && st.blockWeekends[b] + 1 > rules.maxWeekendDaysPerWeek) return false;
    if (a.daysOff?.includes(d)) return false;
    if (overlaps(a.leave, s.start, s.end)) return false;
    if (!inside(a.availability, s.start, s.end)) return false;
    return true;
  };

  for (const i of order) {
    const s = inp.shifts[i];
    const d = Math.floor(s.start / 1440);
    const b = Math.floor(d / 7);
    const blockEnd = Math.min(days, (b + 1) * 7);
    const daysLeft = blockEnd - d;
    const night = nightMinutes(rules, s.start, s.end) >= rules.night.minMinutes;
    const weekend = weekdayOf(inp.startWeekday, d) >= 6;
    const tod = s.start - d * 1440;
    let best: AgentState | null = null;
    let bestScore = Infinity;
    for (const st of states) {
      if (!feasible(st, s, d, b, night, weekend)) continue;
      const maxDays = Math.min(rules.maxDaysPerWeek, st.contract.maxDaysPerWeek);
      const capLeft = maxDays - st.blockDays[b];
      let score = (-4 * capLeft) / daysLeft;
      const minMin = st.contract.minWeeklyHours * 60;
      if (st.blockMinutes[b] < minMin) score -= 2 * ((minMin - st.blockMinutes[b]) / Math.max(1, minMin));
      if (st.lastStartTod >= 0) {
        const diff = Math.abs(tod - st.lastStartTod);
        score += Math.min(diff, 1440 - diff) / 240;
      } else if (anonymous) score += 1.5;
      if (night) score += 0.8 * st.blockNights[b];
      if (weekend) score += 0.8 * st.blockWeekends[b];
      score += st.contract.maxWeeklyHours > 0 ? st.blockMinutes[b] / (st.contract.maxWeeklyHours * 60) : 0;
      if (!anonymous) score += 1.5 * otherSkills(st, s);
      if (score < bestScore) {
        bestScore = score;
        best = st;
      }
    }
    if (!best && anonymous) {
      best = newAnon();
      if (!feasible(best, s, d, b, night, weekend)) best = null;
    }
    if (!best) continue;
    agentOf[i] = best.agent.id;
    best.dayWorked[d] = 1;
    best.lastEnd = s.end;
    best.lastStartTod = tod;
    best.blockDays[b]++;
    best.blockMinutes[b] += s.paidMinutes;
    if (night) best.blockNights[b]++;
    if (weekend) best.blockWeekends[b]++;
  }
  const used = anonymous ? states.filter((st) => st.dayWorked.some((v) => v)) : states;
  // renumber anonymous agents densely in order of first use
  if (anonymous) {
    const rename = new Map<string, string>();
    used.forEach((st, k) => rename.set(st.agent.id, `A${String(k + 1).padStart(3, '0')}`));
    for (let i = 0; i < agentOf.length; i++) if (agentOf[i] !== null) agentOf[i] = rename.get(agentOf[i] as string) ?? null;
    return { agentOf, agents: used.map((st) => ({ ...st.agent, id: rename.get(st.agent.id) as string })) };
  }
  return { agentOf, agents: used.map((st) => st.agent) };
}
