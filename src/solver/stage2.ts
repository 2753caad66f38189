/**
 * Stage 2, tours: assigns stage-1 shifts to named (or anonymous) agents.
 *
 * Greedy constructive heuristic in time order: every shift, in order of start, goes to the feasible
 * agent with the lowest score. Hard rules: skill (queue), availability, leave, approved days off, one shift start
 * per day, minimum rest since the previous shift (also one worked before the roster, agent.before),
 * most consecutive days (counting days worked right before the roster), most days / paid hours /
 * nights / weekend days per 7-day block. Score terms (lower is better):
 *   - urgency: -(days still allowed in the block) / (days left in the block), so agents who must
 *     work most of the remaining days are used first and the others keep their days off;
 *   - contract minimum: agents below their minimum weekly hours come first;
 *   - stability: distance in hours between this start and the agent's previous start time of day;
 *   - fairness: nights worked (for night shifts) and weekend days worked (for weekend shifts);
 *   - balance: paid hours so far relative to the contract maximum.
 * Shifts no agent can take are returned unassigned (named agents) or go to a new anonymous agent.
 * Then contract minimums (contractMinimums): shifts move to agents below their minimum from agents
 * who can spare them, and, when the caller offers top-up shifts, the rest get extra shifts.
 */
import { contractMinimumMinutes, daysWorkedBefore, skillAllowed, type Agent, type Contract, type RosterRules, type Span } from './types.js';

export interface TourShift {
  queue: string;
  start: number;
  end: number;
  paidMinutes: number;
}

/** Shifts stage 2 may add to bring agents up to their contract minimum (see buildTours). */
export interface TopUp {
  /** Every shift shape that could be added (queue, start, end, paid minutes). */
  candidates: TourShift[];
  /** Usefulness of adding candidate c now (higher is better; the caller tracks the coverage). */
  value(c: number): number;
  /** Short agent-slots (model grid) candidate c would cover now, net of its breaks. */
  gain(c: number): number;
  /** Candidate c has been added (the caller places its breaks and updates the coverage). */
  commit(c: number): void;
  /** Shift k leaves the roster: input shift k (k >= 0) or the top-up shift committed as number -1 - k. */
  remove(k: number): void;
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
  /** Extra shifts for agents still below their contract minimum after transfers. */
  topUp?: TopUp;
  /** True once the time for the repairs after the greedy assignment is up (they stop where they are). */
  deadline?: () => boolean;
}

export interface TourResult {
  /** agentOf[i]: agent id for shift i, or null when unassigned. */
  agentOf: (string | null)[];
  /** Agent ids in use (anonymous: A001...). */
  agents: Agent[];
  /** Top-up shifts added (index into topUp.candidates) and their agents, in commit order; agent ''
   *  for one later replaced by an extension (not in the roster). */
  extra: { candidate: number; agent: string }[];
  /** Input shifts replaced by longer ones (extensions): not in the roster, not unassigned. */
  dropped: number[];
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
  /** Consecutive days worked right before day 0 (agent.before). */
  carry: number;
  lastStartTod: number;
  dayWorked: Uint8Array;
  blockDays: number[];
  blockMinutes: number[];
  blockNights: number[];
  blockWeekends: number[];
  /** Shifts held: index into inp.shifts, or -1 - e for the top-up shift extra[e]. */
  mine: number[];
}

function overlaps(spans: Span[] | undefined, s: number, e: number): boolean {
  return !!spans && spans.some((p) => p.start < e && s < p.end);
}
function inside(spans: Span[] | undefined, s: number, e: number): boolean {
  return !spans || spans.some((p) => p.start <= s && e <= p.end);
}

/**
 * Every hard rule for agent `st` taking shift s on day d (block b) except rest: skill and its
 * per-day gates, one start per day, consecutive days (with those worked before day 0), days / paid
 * hours / nights / weekend days per block, days off, leave, availability.
 */
function rulesAllow(rules: RosterRules, days: number, st: AgentState, s: TourShift, d: number, b: number, night: boolean, weekend: boolean): boolean {
  const a = st.agent;
  if (!st.skills.has(s.queue)) return false;
  if (a.skillDays?.[s.queue] && !skillAllowed(a, s.queue, s.start, s.end)) return false;
  if (st.dayWorked[d]) return false;
  let run = 0;
  for (let e = d - 1; e >= 0 && st.dayWorked[e]; e--) run++;
  if (run === d) run += st.carry;
  for (let e = d + 1; e < days && st.dayWorked[e]; e++) run++;
  if (run + 1 > rules.maxConsecutiveDays) return false;
  if (st.blockDays[b] + 1 > Math.min(rules.maxDaysPerWeek, st.contract.maxDaysPerWeek)) return false;
  if (st.blockMinutes[b] + s.paidMinutes > st.contract.maxWeeklyHours * 60 + 1e-9) return false;
  if (night && rules.maxNightsPerWeek !== null && st.blockNights[b] + 1 > rules.maxNightsPerWeek) return false;
  if (weekend && rules.maxWeekendDaysPerWeek !== null && st.blockWeekends[b] + 1 > rules.maxWeekendDaysPerWeek) return false;
  if (a.daysOff?.includes(d)) return false;
  if (overlaps(a.leave, s.start, s.end)) return false;
  if (!inside(a.availability, s.start, s.end)) return false;
  return true;
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
    lastEnd: Math.max(-Infinity, ...(a.before ?? []).map((p) => p.end)),
    carry: daysWorkedBefore(a),
    lastStartTod: -1,
    dayWorked: new Uint8Array(days),
    blockDays: new Array(blocks).fill(0),
    blockMinutes: new Array(blocks).fill(0),
    blockNights: new Array(blocks).fill(0),
    blockWeekends: new Array(blocks).fill(0),
    mine: [],
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

  // in time order the rest rule only looks back at the agent's latest shift
  const feasible = (st: AgentState, s: TourShift, d: number, b: number, night: boolean, weekend: boolean): boolean =>
    s.start >= st.lastEnd + rules.minRestMinutes && rulesAllow(rules, days, st, s, d, b, night, weekend);

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
    best.mine.push(i);
  }
  const { extra, dropped } = contractMinimums(inp, states, agentOf);
  const used = anonymous ? states.filter((st) => st.dayWorked.some((v) => v)) : states;
  // renumber anonymous agents densely in order of first use
  if (anonymous) {
    const rename = new Map<string, string>();
    used.forEach((st, k) => rename.set(st.agent.id, `A${String(k + 1).padStart(3, '0')}`));
    for (let i = 0; i < agentOf.length; i++) if (agentOf[i] !== null) agentOf[i] = rename.get(agentOf[i] as string) ?? null;
    for (const x of extra) if (x.agent !== '') x.agent = rename.get(x.agent) as string;
    return { agentOf, agents: used.map((st) => ({ ...st.agent, id: rename.get(st.agent.id) as string })), extra, dropped };
  }
  return { agentOf, agents: used.map((st) => st.agent), extra, dropped };
}

/**
 * After the greedy assignment, with `inp.topUp`: each shift no named agent could take is replaced by
 * the most useful candidate of its queue overlapping it that some agent may work (if any: the
 * shift is then no longer reported unassigned; what it covered and the replacement does not stays
 * short). Then contract minimums, per full 7-day block (contractMinimumMinutes:
 * minWeeklyHours pro-rated for leave): agents below their minimum, largest shortfall first,
 *  1. take shifts from agents who stay at or above their own minimum without them (coverage and paid
 *     hours unchanged), the shift that best fills the shortfall first;
 *  2. swap a shift for a longer one another agent works that day (who stays at or above their own
 *     minimum with the shorter one);
 *  3. then, with `inp.topUp`, get extra shifts: the most useful candidate (topUp.value) the agent may
 *     legally work and after which the minimum can still be reached within the days left.
 * Every move keeps all hard rules (skills and gates, availability, leave, days off, one start per
 * day, rest both sides, consecutive days, days / hours / nights / weekend days per block). Agents
 * who still fall short are left so (the checker reports them), as are those not reached before
 * `inp.deadline`.
 */
function contractMinimums(inp: TourInput, states: AgentState[], agentOf: (string | null)[]): { extra: { candidate: number; agent: string }[]; dropped: number[] } {
  const { rules, days } = inp;
  const extra: { candidate: number; agent: string }[] = [];
  const dropped: number[] = [];
  const shiftOf = (k: number): TourShift => (k >= 0 ? inp.shifts[k] : (inp.topUp as TopUp).candidates[extra[-1 - k].candidate]);
  const dayOf = (s: TourShift) => Math.floor(s.start / 1440);
  const isNight = (s: TourShift) => nightMinutes(rules, s.start, s.end) >= rules.night.minMinutes;
  const isWeekend = (s: TourShift) => weekdayOf(inp.startWeekday, dayOf(s)) >= 6;
  const maxDays = (st: AgentState) => Math.min(rules.maxDaysPerWeek, st.contract.maxDaysPerWeek);
  const update = (st: AgentState, k: number, sign: 1 | -1) => {
    const s = shiftOf(k);
    const d = dayOf(s);
    const b = Math.floor(d / 7);
    st.dayWorked[d] = sign > 0 ? 1 : 0;
    st.blockDays[b] += sign;
    st.blockMinutes[b] += sign * s.paidMinutes;
    if (isNight(s)) st.blockNights[b] += sign;
    if (isWeekend(s)) st.blockWeekends[b] += sign;
    if (sign > 0) st.mine.push(k);
    else st.mine.splice(st.mine.indexOf(k), 1);
  };
  // any shift at any time: rest against the agent's shifts on both sides and those before day 0
  const canInsert = (st: AgentState, s: TourShift): boolean => {
    const d = dayOf(s);
    if (d < 0 || d >= days) return false;
    for (const p of st.agent.before ?? []) if (p.end > s.start - rules.minRestMinutes && p.start < s.end) return false;
    for (const k of st.mine) {
      const p = shiftOf(k);
      if (p.start < s.end && s.start < p.end) return false;
      if (p.end <= s.start && s.start - p.end < rules.minRestMinutes) return false;
      if (s.end <= p.start && p.start - s.end < rules.minRestMinutes) return false;
    }
    return rulesAllow(rules, days, st, s, d, Math.floor(d / 7), isNight(s), isWeekend(s));
  };
  const longest = Math.max(0, ...inp.rules.shifts.map((t) => t.paidMinutes));
  // 0. shifts no named agent could take leave the coverage; in their place comes the most useful
  //    top-up candidate of the same queue overlapping them that some agent may legally work
  const tu0 = inp.topUp;
  if (tu0 && inp.agents) {
    // all of them leave the coverage first, so each replacement is valued on what is really there
    for (let k = 0; k < agentOf.length; k++) if (agentOf[k] === null) tu0.remove(k);
    for (let k = 0; k < agentOf.length; k++) {
      if (agentOf[k] !== null || inp.deadline?.()) continue;
      const u = inp.shifts[k];
      let best: { st: AgentState; c: number } | null = null;
      let bestV = 0;
      tu0.candidates.forEach((sc, c) => {
        if (sc.queue !== u.queue || sc.start >= u.end || u.start >= sc.end) return;
        // only where the short agent-slots it covers cost more than its pay
        if (tu0.gain(c) * rules.understaffPenaltyHours <= sc.paidMinutes / 60) return;
        const v = tu0.value(c);
        if (v <= bestV) return;
        const st = states.find((x) => canInsert(x, sc));
        if (!st) return;
        bestV = v;
        best = { st, c };
      });
      if (!best) continue;
      const { st, c } = best as { st: AgentState; c: number };
      tu0.commit(c);
      extra.push({ candidate: c, agent: st.agent.id });
      update(st, -extra.length, 1);
      dropped.push(k);
    }
  }
  for (let b = 0; (b + 1) * 7 <= days; b++) {
    const owed = new Map(states.map((st) => [st, contractMinimumMinutes(st.contract, st.agent, b, days)]));
    const short = (st: AgentState) => (owed.get(st) as number) - st.blockMinutes[b];
    // anonymous agents exist only through their shifts: an unused one is dropped, not topped up
    const receivers = states.filter((st) => short(st) > 0 && (inp.agents !== undefined || st.mine.length > 0)).sort((x, y) => short(y) - short(x));
    for (const r of receivers) {
      if (inp.deadline?.()) break;
      // 1. transfers
      while (short(r) > 0) {
        let best: { d: AgentState; k: number } | null = null;
        let bestFit = -Infinity;
        for (const d of states) {
          if (d === r) continue;
          for (const k of d.mine) {
            const s = shiftOf(k);
            if (Math.floor(dayOf(s) / 7) !== b || d.blockMinutes[b] - s.paidMinutes < (owed.get(d) as number)) continue;
            if (!canInsert(r, s)) continue;
            // fill as much of the shortfall as possible, then overshoot least
            const fit = Math.min(s.paidMinutes, short(r)) - 1e-3 * Math.max(0, s.paidMinutes - short(r));
            if (fit > bestFit) {
              bestFit = fit;
              best = { d, k };
            }
          }
        }
        if (!best) break;
        update(best.d, best.k, -1);
        update(r, best.k, 1);
        if (best.k >= 0) agentOf[best.k] = r.agent.id;
        else extra[-1 - best.k].agent = r.agent.id;
      }
      // 2. swaps on one day: the agent's shift for a longer one of another agent, who stays at or
      //    above their own minimum and within every rule with the shorter one
      for (let again = true; again && short(r) > 0; ) {
        again = false;
        for (const x of r.mine.slice()) {
          const sx = shiftOf(x);
          const day = dayOf(sx);
          if (Math.floor(day / 7) !== b) continue;
          let done = false;
          for (const d of states) {
            if (d === r || !d.dayWorked[day]) continue;
            const y = d.mine.find((k) => dayOf(shiftOf(k)) === day) as number;
            const sy = shiftOf(y);
            if (sy.paidMinutes <= sx.paidMinutes || d.blockMinutes[b] - sy.paidMinutes + sx.paidMinutes < (owed.get(d) as number)) continue;
            update(r, x, -1);
            update(d, y, -1);
            if (canInsert(r, sy) && canInsert(d, sx)) {
              update(r, y, 1);
              update(d, x, 1);
              for (const [k, who] of [[y, r], [x, d]] as const) {
                if (k >= 0) agentOf[k] = who.agent.id;
                else extra[-1 - k].agent = who.agent.id;
              }
              done = true;
              again = true;
              break;
            }
            update(r, x, 1);
            update(d, y, 1);
          }
          if (done && short(r) <= 0) break;
        }
      }
      // 3. top-up shifts (named agents only: anonymous agents are hires still to be made, so paying
      //    hours nobody needs to reach their minimum would only add cost; transfers consolidate them)
      const tu = inp.agents ? inp.topUp : undefined;
      while (tu && short(r) > 0) {
        const daysLeft = maxDays(r) - r.blockDays[b];
        let bestC = -1;
        let bestV = -Infinity;
        tu.candidates.forEach((s, c) => {
          if (Math.floor(dayOf(s) / 7) !== b) return;
          // the minimum must stay reachable with the days left after this one
          if (s.paidMinutes + (daysLeft - 1) * longest < short(r)) return;
          if (!canInsert(r, s)) return;
          const v = tu.value(c);
          if (v > bestV) {
            bestV = v;
            bestC = c;
          }
        });
        if (bestC < 0) break;
        tu.commit(bestC);
        extra.push({ candidate: bestC, agent: r.agent.id });
        update(r, -extra.length, 1);
      }
      // 4. extensions (no day left for another shift): one of the agent's shifts is replaced by a
      //    longer candidate of the same queue on the same day that spans it, the one adding the most
      //    of the shortfall (then the most useful); the shorter shift leaves the roster
      while (tu && short(r) > 0) {
        let best: { x: number; c: number } | null = null;
        let bestKey = -Infinity;
        for (const x of r.mine.slice()) {
          const sx = shiftOf(x);
          if (Math.floor(dayOf(sx) / 7) !== b) continue;
          update(r, x, -1);
          tu.candidates.forEach((sc, c) => {
            if (sc.queue !== sx.queue || sc.start > sx.start || sc.end < sx.end || sc.paidMinutes <= sx.paidMinutes || dayOf(sc) !== dayOf(sx)) return;
            if (!canInsert(r, sc)) return;
            const key = Math.min(sc.paidMinutes - sx.paidMinutes, short(r) + sx.paidMinutes) * 1000 + tu.value(c);
            if (key > bestKey) {
              bestKey = key;
              best = { x, c };
            }
          });
          update(r, x, 1);
        }
        if (!best) break;
        const { x, c } = best as { x: number; c: number };
        update(r, x, -1);
        tu.remove(x);
        if (x >= 0) {
          agentOf[x] = null;
          dropped.push(x);
        } else extra[-1 - x].agent = '';
        tu.commit(c);
        extra.push({ candidate: c, agent: r.agent.id });
        update(r, -extra.length, 1);
      }
    }
  }
  return { extra, dropped };
}
