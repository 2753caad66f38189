/**
 * One agent's cheapest schedule under its rotation rules: dynamic programming over the days (label
 * setting), exact unless the number of states per day exceeds `maxLabels` (then the cheapest of each
 * total of minutes and the cheapest others are kept, and `exact` is false; with `preferMinutes`, at
 * equal cost those with more minutes first when a minimum applies: a search for any schedule keeping
 * the hard rules, prices 0, then finds one even with a narrow beam).
 *
 * State after day d: the template worked that day (-1 off), the length of the current block of work or
 * rest (work: up to the max run; rest: capped at the min rest), whether the current work block began on
 * day 0 (exempt from the min run), weekends worked, paid minutes, and the shifts worked of each template
 * whose limit can bind. Costs: cost[d * (S + 1) + (s + 1)] for template s on day d, s = -1 for off.
 */
import { isWeekend, requestWorks } from './check.js';
import type { CountProblem } from './types.js';

export interface BestSchedule {
  /** row[d] = template or -1; null when no schedule keeps the rules. */
  row: number[] | null;
  cost: number;
  /** Whether the search was exhaustive (the cost is the true minimum). */
  exact: boolean;
}

/** Minutes beyond which labels share a group key (larger totals are told apart within the group). */
const MAX_MINUTES = 1 << 20;

interface Label {
  last: number;
  run: number;
  exempt: boolean;
  weekends: number;
  minutes: number;
  counts: number[];
  /** Per block limit of the rules: the amount used in the current 7-day block. */
  blk: number[];
  cost: number;
  pred: Label | null;
}

/** The cheapest schedule of agent `e` under `cost` (see the file comment). */
export function bestSchedule(p: CountProblem, e: number, cost: Float64Array, maxLabels = 20000, preferMinutes = false): BestSchedule {
  const H = p.days;
  const S = p.shifts.length;
  const a = p.agents[e];
  const r = a.rules;
  const C = r.maxConsecutiveDays ?? H;
  const K = r.minConsecutiveDays ?? 0;
  const KO = r.minConsecutiveDaysOff ?? 0;
  const W = r.maxWeekends ?? H;
  const maxMin = r.maxTotalMinutes ?? Infinity;
  const minMin = r.minTotalMinutes ?? 0;
  const cap = p.shifts.map((sh) => r.maxShifts?.[sh.id] ?? H);
  const binding = p.shifts.map((_, s) => s).filter((s) => cap[s] > 0 && cap[s] < H);
  const slot = new Int32Array(S).fill(-1);
  binding.forEach((s, i) => (slot[s] = i));
  const off = new Set(a.daysOff ?? []);
  const banned = new Uint8Array(H * S);
  for (const c of a.banned ?? []) if (c >= 0 && c < H * S) banned[c] = 1;
  const limits = r.blockLimits ?? [];
  // row S: a day worked before day 0 whose template is unknown (forbids nothing)
  const forbid = [...p.shifts, null].map(() => new Uint8Array(S));
  for (const [x, y] of p.forbidden) forbid[x][y] = 1;
  const longest = Math.max(...p.shifts.map((s) => s.minutes));
  const before = a.before;
  // block lengths are only compared with K, C and KO: kept at most R so labels group by them (a run
  // carried from before day 0 may reach C within a horizon shorter than C)
  const R = Math.max(K, KO, Math.min(C, H + (before?.run ?? 0))) + 1;
  let exact = true;
  const first: Label =
    before && before.run > 0
      ? { last: before.last >= 0 && before.last < S ? before.last : S, run: Math.min(R, before.run), exempt: true, weekends: 0, minutes: 0, counts: binding.map(() => 0), blk: limits.map(() => 0), cost: 0, pred: null }
      : { last: -1, run: KO, exempt: false, weekends: 0, minutes: 0, counts: binding.map(() => 0), blk: limits.map(() => 0), cost: 0, pred: null };
  let labels: Label[] = [first];
  for (let d = 0; d < H; d++) {
    // labels grouped by (template, block length, exemption, minutes); within a group only the
    // labels no other beats on cost, weekends and every count at once (Pareto) are kept
    const next = new Map<number, Label[]>();
    const weekend = isWeekend(p.startWeekday, d);
    const sunday = (d + p.startWeekday - 1) % 7 === 6;
    const beats = (x: Label, y: Label) => {
      if (x.cost > y.cost || x.weekends > y.weekends || x.minutes !== y.minutes) return false;
      for (let i = 0; i < x.counts.length; i++) if (x.counts[i] > y.counts[i]) return false;
      for (let i = 0; i < x.blk.length; i++) if (x.blk[i] > y.blk[i]) return false;
      return true;
    };
    const put = (l: Label) => {
      const key = (((l.last + 1) * (R + 2) + l.run) * 2 + (l.exempt ? 1 : 0)) * (MAX_MINUTES + 1) + Math.min(l.minutes, MAX_MINUTES);
      const group = next.get(key);
      if (!group) {
        next.set(key, [l]);
        return;
      }
      for (const q of group) if (beats(q, l)) return;
      let k = 0;
      for (const q of group) if (!beats(l, q)) group[k++] = q;
      group.length = k;
      group.push(l);
    };
    const remaining = (H - d - 1) * longest;
    const newBlock = limits.map((lim) => d > 0 && d % (lim.days ?? 7) === 0);
    for (const l of labels) {
      const blk0 = newBlock.some(Boolean) ? l.blk.map((v, k) => (newBlock[k] ? 0 : v)) : l.blk;
      // off
      if (l.last < 0 || l.run >= K || l.exempt) {
        if (l.minutes + remaining >= minMin) put({ last: -1, run: l.last < 0 ? Math.min(KO, l.run + 1) : 1, exempt: false, weekends: l.weekends, minutes: l.minutes, counts: l.counts, blk: blk0, cost: l.cost + cost[d * (S + 1)], pred: l });
      }
      if (off.has(d)) continue;
      // a new work block needs the rest before it to be long enough (or to have begun on day 0)
      if (l.last < 0 && d > 0 && l.run < KO) continue;
      if (l.last >= 0 && l.run >= C) continue;
      const weekends = l.weekends + (weekend && (!sunday || l.last < 0 || d === 0) ? 1 : 0);
      if (weekends > W) continue;
      for (let s = 0; s < S; s++) {
        if (cap[s] <= 0 || banned[d * S + s] || (l.last >= 0 && forbid[l.last][s])) continue;
        const minutes = l.minutes + p.shifts[s].minutes;
        if (minutes > maxMin || minutes + remaining < minMin) continue;
        let counts = l.counts;
        const i = slot[s];
        if (i >= 0) {
          if (counts[i] >= cap[s]) continue;
          counts = counts.slice();
          counts[i]++;
        }
        let blk = blk0;
        if (limits.length) {
          blk = blk0.slice();
          let ok = true;
          limits.forEach((lim, k) => {
            if (lim.weekendOnly && !weekend) return;
            blk[k] += lim.weight[s];
            if (blk[k] > lim.max + 1e-9) ok = false;
          });
          if (!ok) continue;
        }
        // a work block from day 0 is exempt from the minimum run unless what came before is known
        const exempt = l.last >= 0 ? d > 0 && l.exempt : d === 0 && !before;
        put({ last: s, run: l.last >= 0 ? Math.min(R, l.run + 1) : 1, exempt, weekends, minutes, counts, blk, cost: l.cost + cost[d * (S + 1) + s + 1], pred: l });
      }
    }
    labels = [];
    for (const g of next.values()) for (const l of g) labels.push(l);
    if (labels.length > maxLabels) {
      exact = false;
      // the cheapest label of each total of minutes first (the minimum-minutes rule needs them all),
      // then the cheapest others
      labels.sort((x, y) => x.cost - y.cost || (preferMinutes && minMin > 0 ? y.minutes - x.minutes : 0));
      const seenMinutes = new Set<number>();
      const first: Label[] = [];
      const rest: Label[] = [];
      for (const l of labels) {
        if (seenMinutes.has(l.minutes) || first.length >= 4 * maxLabels) rest.push(l);
        else {
          seenMinutes.add(l.minutes);
          first.push(l);
        }
      }
      labels = first.concat(rest.slice(0, Math.max(0, maxLabels - first.length)));
    }
  }
  let best: Label | null = null;
  for (const l of labels) if (l.minutes >= minMin && (!best || l.cost < best.cost)) best = l;
  if (!best) return { row: null, cost: Infinity, exact };
  const row = new Array<number>(H).fill(-1);
  let l: Label | null = best;
  for (let d = H - 1; d >= 0 && l; d--) {
    row[d] = l.last;
    l = l.pred;
  }
  return { row, cost: best.cost, exact };
}

/**
 * The cost array of agent `e` for bestSchedule: its requests, plus `work[d * S + s]` for working
 * template s on day d (cover prices: the marginal cover cost, or minus a dual).
 */
export function agentCosts(p: CountProblem, e: number, work: Float64Array): Float64Array {
  const S = p.shifts.length;
  const cost = new Float64Array(p.days * (S + 1));
  for (let d = 0; d < p.days; d++) for (let s = 0; s < S; s++) cost[d * (S + 1) + s + 1] = work[d * S + s];
  for (const q of p.requests) {
    if (q.agent !== e) continue;
    const base = q.day * (S + 1);
    for (let c = -1; c < S; c++) {
      const works = requestWorks(q, c);
      if (works !== (q.kind === 'on')) cost[base + c + 1] += q.weight;
    }
  }
  return cost;
}
