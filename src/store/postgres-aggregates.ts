/**
 * Call aggregates computed in SQL on PostgreSQL (the twin of src/store/sqlite-aggregates.ts, with
 * the same counting rules: `cellsFromCalls` in src/report/sla.ts and `agentTotalsFromCalls` in
 * src/report/agents.ts, which the store contract tests compare against).
 *
 * - `callCells`: the grid goes in as one array of interval starts; `width_bucket(entered_ms, starts)`
 *   (a binary search) says which interval a call entered in, so each queue is one enter-time range of
 *   the primary key, which carries outcome, agent, wait, talk and wrap-up (INCLUDE, src/store/schema.ts):
 *   an index-only scan, grouped by interval and outcome in one statement, no temporary table (a store
 *   opened for reading runs its transactions READ ONLY, where PostgreSQL creates none).
 * - `agentCallTotals`: the same range, answered calls grouped by agent.
 *
 * Sums. SQLite adds seconds with total(), a Kahan-Babushka-Neumaier sum, and the per-call path
 * mirrors it; PostgreSQL's sum(double precision) adds naively, in whatever order a (parallel) plan
 * reads, and float8 -> numeric keeps only 15 significant digits. Neither could give the same bits.
 * So here each double x is split exactly into two integers, hi = round(x * 2^24) and
 * lo = (x * 2^24 - hi) * 2^48 (the difference of two nearby doubles is exact; lo is an integer for
 * every x that is a multiple of 2^-72, i.e. any duration from 2^-19 s up), summed exactly as bigint
 * (PostgreSQL's int8 sum accumulates in 128 bits), and the exact total (sum(hi) * 2^48 + sum(lo)) /
 * 2^72 is rounded once to the nearest double in JS (BigInt to Number rounds correctly). That is the
 * correctly rounded sum of the stored doubles, in any order. KBN's result equals it whenever its
 * running compensation is itself exact, which holds for any cell of realistic data (its error terms
 * are multiples of the smallest addend's ulp, bounded by the total's: for waits of at least a
 * millisecond and a total below 10^7 s they span under 53 bits); so the reports come out identical
 * on both backends after `wfm db copy`, and the contract tests check it on fractional waits.
 */
import type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from '../report/cells.js';
import type { Outcome } from '../cdr/types.js';
import type { PgConnection } from './pg-client.js';

/** 2^24 and 2^48: the scales of the two halves of an exact sum. */
const HI_SCALE = 16777216;
const LO_SCALE = 281474976710656;

/** SQL of `expr` (a double) scaled by 2^24: the input of `exactSum` (computed once per row in a subquery). */
export const scaled = (expr: string) => `(${expr}) * ${HI_SCALE}`;

/** SQL of the two bigint sums that together hold the exact sum of x / 2^24, `x` a `scaled` double column, under an optional FILTER. */
export function exactSum(x: string, filter?: string): string {
  const f = filter ? ` FILTER (WHERE ${filter})` : '';
  return `sum(${x}::bigint)${f}, sum(((${x} - ${x}::bigint) * ${LO_SCALE})::bigint)${f}`;
}

/** SQL of the two bigint sums that together hold the exact sum of `expr` (a double). */
export const exactSumSql = (expr: string) => exactSum(`(${scaled(expr)})`);

/** The exact sum held by the two bigint sums of `exactSumSql` (numeric text, or null: no rows), rounded once to a double. */
export function exactSumValue(hi: unknown, lo: unknown): number {
  if (hi === null || hi === undefined) return 0;
  const total = BigInt(hi as string) * 2n ** 48n + BigInt(lo as string);
  return Number(total) / 2 ** 72;
}

/** A bigint parameter from epoch ms: entered_ms >= x and entered_ms < x both hold as with ceil(x); clamped to what bigint holds. */
export const msBound = (x: number) => (x === Infinity ? 2 ** 62 : x === -Infinity ? -(2 ** 62) : Math.ceil(x));

/**
 * One enter-time range of the primary key per queue, read index-only (it carries outcome, agent,
 * wait, talk and wrap-up: src/store/schema.ts), grouped by interval and outcome; the subquery (kept
 * apart by OFFSET 0) computes each row's scaled wait and handle time once. The interval of a call:
 * on an evenly spaced grid (no DST change inside) integer arithmetic, `(t - $2) / $8` capped at the
 * last interval $9 (a call at or after the last start is in the last interval, as with
 * width_bucket); else `width_bucket(t, $2)`, a binary search of the starts ($2 an array).
 */
export function cellsSql(even: boolean): string {
  const i = even ? 'least((entered_ms - $2::bigint) / $8::bigint, $9::bigint)' : 'width_bucket(entered_ms, $2::bigint[]) - 1';
  return `SELECT queue, i, outcome, count(*), count(*) FILTER (WHERE wait_s <= $5), count(*) FILTER (WHERE wait_s < $6), max(wait_s), ${exactSum('w')}, ${exactSum('h')}
  FROM (SELECT queue, outcome, wait_s, ${i} AS i, ${scaled('wait_s')} AS w, ${scaled('coalesce(talk_s, 0) + coalesce(wrap_s, 0)')} AS h
          FROM calls WHERE site = $1 AND queue = ANY($7::text[]) AND entered_ms >= $3 AND entered_ms < $4 OFFSET 0) AS c
  GROUP BY 1, 2, 3`;
}
const CELLS_EVEN = cellsSql(true);
const CELLS_SEARCH = cellsSql(false);

/** The queues a query covers, in the order SQLite's store lists them: those given (sorted, distinct), else the site's. */
async function queueList(db: PgConnection, site: string, queues: readonly string[] | undefined): Promise<string[]> {
  if (queues && queues.length) return [...new Set(queues)].sort();
  return (await db.query(`SELECT name FROM queues WHERE site = $1 ORDER BY name`, [site], { reads: 'queues' })).map((r) => r[0] as string);
}

/** Per queue and interval of the grid, the counts and sums of the calls that entered in it (see `CallCell`); non-empty cells, by queue then interval. */
export async function callCells(db: PgConnection, site: string, q: CallCellQuery): Promise<CallCell[]> {
  const n = q.starts.length;
  for (let i = 1; i < n; i++) if (!(q.starts[i] > q.starts[i - 1])) throw new RangeError('callCells: interval starts must ascend');
  if (n && !(q.endMs > q.starts[n - 1])) throw new RangeError('callCells: endMs must follow the last start');
  if (n === 0) return [];
  const lo = msBound(Math.max(q.starts[0], q.fromMs ?? -Infinity));
  const hi = msBound(Math.min(q.endMs, q.toMs ?? Infinity));
  const queues = await queueList(db, site, q.queues);
  if (hi <= lo || queues.length === 0) return [];
  // interval starts as integers: a call at ms t is in interval i when starts[i] <= t < starts[i + 1]
  const starts = q.starts.map((s) => Math.ceil(s));
  const byQueue = new Map<string, Map<number, CallCell>>();
  const cell = (queue: string, i: number): CallCell => {
    let m = byQueue.get(queue);
    if (!m) byQueue.set(queue, (m = new Map()));
    let c = m.get(i);
    if (!c) {
      c = { queue, interval: i, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timeout: 0, key: 0, empty: 0, answeredWithin: 0, answeredWaitS: 0, handleS: 0, maxWaitS: -Infinity };
      m.set(i, c);
    }
    return c;
  };
  const step = n > 1 ? starts[1] - starts[0] : 1;
  const even = starts.every((x, k) => x === starts[0] + k * step);
  const args = [site, starts, lo, hi, q.slThresholdS, q.shortAbandonS, queues];
  const rows = even ? await db.query(CELLS_EVEN, [...args.slice(0, 1), starts[0], ...args.slice(2), step, n - 1], { reads: 'calls' }) : await db.query(CELLS_SEARCH, args, { reads: 'calls' });
  for (const r of rows) {
    const c = cell(r[0] as string, r[1] as number);
    const n = r[3] as number;
    switch (r[2] as Outcome) {
      case 'answered':
        c.answered = n;
        c.answeredWithin = r[4] as number;
        c.answeredWaitS = exactSumValue(r[7], r[8]);
        c.handleS = exactSumValue(r[9], r[10]);
        break;
      case 'abandoned':
        c.abandoned = n;
        c.shortAbandoned = r[5] as number;
        break;
      case 'timeout':
        c.timeout = n;
        break;
      case 'key':
        c.key = n;
        break;
      case 'empty':
        c.empty = n;
    }
    c.maxWaitS = Math.max(c.maxWaitS, r[6] as number);
  }
  const out: CallCell[] = [];
  for (const queue of queues) {
    const m = byQueue.get(queue);
    if (!m) continue;
    for (const i of [...m.keys()].sort((a, b) => a - b)) {
      const c = m.get(i)!;
      c.offered = c.answered + c.abandoned + c.timeout + c.key + c.empty;
      out.push(c);
    }
  }
  return out;
}

/** Per agent and queue with any such call, answered calls and handle time (see `AgentCallTotal`), by agent then queue. */
export async function agentCallTotals(db: PgConnection, site: string, q: AgentCallQuery): Promise<AgentCallTotal[]> {
  const queues = await queueList(db, site, q.queues);
  if (queues.length === 0) return [];
  const lookback = Math.min(q.enteredFromMs, q.fromMs);
  // answered in the period: enter + wait (a double, as in SQLite and the per-call path) in [from, to)
  const rows = await db.query(
    `SELECT agent, queue, count(*) FILTER (WHERE entered_ms >= $6), count(*) FILTER (WHERE a), ${exactSum('h', 'a')}
       FROM (SELECT agent, queue, entered_ms, entered_ms + wait_s * 1000 >= $4::float8 AND entered_ms + wait_s * 1000 < $5::float8 AS a,
                    ${scaled('coalesce(talk_s, 0) + coalesce(wrap_s, 0)')} AS h
               FROM calls
              WHERE site = $1 AND queue = ANY($2::text[]) AND entered_ms >= $3 AND entered_ms < $7 AND outcome = 'answered' AND agent IS NOT NULL
             OFFSET 0) AS c
      GROUP BY agent, queue`,
    [site, queues, msBound(lookback), q.fromMs, q.toMs, msBound(q.fromMs), msBound(q.toMs)],
    { reads: 'calls' },
  );
  const out: AgentCallTotal[] = [];
  for (const r of rows) {
    // calls of the look-back answered before the period count for neither
    if (r[2] === 0 && r[3] === 0) continue;
    out.push({ agent: r[0] as string, queue: r[1] as string, enteredCalls: r[2] as number, answeredCalls: r[3] as number, handleS: exactSumValue(r[4], r[5]) });
  }
  return out.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
}
