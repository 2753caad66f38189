/**
 * Call aggregates computed in SQL (SQLite; src/store/postgres-aggregates.ts is the PostgreSQL twin), so reports over a day or a month of calls read a few hundred
 * pre-counted cells instead of every call row (`callsInRange` costs about 2 µs a row).
 *
 * - `callCells`: per queue and interval of a grid the caller gives (DST-correct boundaries computed
 *   in JS by `intervalGrid`, passed as a temp table), the counts and sums the interval KPIs of
 *   `wfm report sla` are computed from (src/report/sla.ts `slaFromCells` holds the KPI formulas).
 * - `agentCallTotals`: per agent and queue, answered calls and their handle time.
 *
 * Counting rules are those of the per-call path (`cellsFromCalls` in src/report/sla.ts, and
 * `agentTotalsFromCalls` in src/report/agents.ts), which the tests compare against these on generated
 * data. Sums use SQLite's `total()`, a Kahan-Babushka-Neumaier sum since SQLite 3.43, which the
 * per-call path mirrors; rows are aggregated in index order, i.e. by enter time within a queue,
 * outcome (and agent), the order `callsInRange` yields them.
 *
 * Indexes (src/store/schema.ts): `calls_kpi` (site, queue, outcome, entered_ms, wait_s, talk_s, wrap_s)
 * and `calls_agent` (site, queue, outcome, agent, entered_ms, wait_s, talk_s, wrap_s) cover every query here:
 * a range is read without touching the wide call rows, without testing the outcome per row, and the
 * per-agent totals need no sort (a loose index scan lists the agents, then one range per agent).
 */
import type Database from 'better-sqlite3';
import type { Outcome } from '../cdr/types.js';

import type { AgentCallQuery, AgentCallTotal, CallCell, CallCellQuery } from '../report/cells.js';

const GRID_TABLE = `CREATE TEMP TABLE IF NOT EXISTS wfm_report_grid (i INTEGER PRIMARY KEY, s INTEGER NOT NULL, e INTEGER NOT NULL)`;

/** Prepare the aggregate statements on a connection (creates its temp grid table). */
export function prepareAggregates(db: Database.Database) {
  db.exec(GRID_TABLE);
  // the grid drives the loop (CROSS JOIN keeps it outside), so groups come out in interval order
  // without a sort; each interval is one range of the covering index
  const join = `FROM temp.wfm_report_grid g CROSS JOIN calls c INDEXED BY calls_kpi
    WHERE c.site = $site AND c.queue = $queue AND c.outcome = $outcome AND c.entered_ms >= g.s AND c.entered_ms < g.e GROUP BY g.i ORDER BY g.i`;
  return {
    clearGrid: db.prepare(`DELETE FROM temp.wfm_report_grid`),
    addInterval: db.prepare(`INSERT INTO temp.wfm_report_grid (i, s, e) VALUES (?, ?, ?)`),
    answered: db
      .prepare(
        `SELECT g.i, count(*), sum(c.wait_s <= $sl), total(c.wait_s), total(ifnull(c.talk_s, 0) + ifnull(c.wrap_s, 0)), max(c.wait_s) ${join}`,
      )
      .raw(),
    abandoned: db.prepare(`SELECT g.i, count(*), sum(c.wait_s < $short), max(c.wait_s) ${join}`).raw(),
    exited: db.prepare(`SELECT g.i, count(*), max(c.wait_s) ${join}`).raw(),
    queues: db.prepare(`SELECT name FROM queues WHERE site = ? ORDER BY name`).pluck(),
    // the agents with answered calls on a queue, by a loose index scan (one seek per agent)
    agentList: db
      .prepare(
        `WITH RECURSIVE a(agent) AS (
           SELECT (SELECT min(agent) FROM calls INDEXED BY calls_agent WHERE site = $site AND queue = $queue AND outcome = 'answered' AND agent IS NOT NULL)
           UNION ALL
           SELECT (SELECT min(c.agent) FROM calls c INDEXED BY calls_agent WHERE c.site = $site AND c.queue = $queue AND c.outcome = 'answered' AND c.agent > a.agent)
             FROM a WHERE a.agent IS NOT NULL)
         SELECT agent FROM a WHERE agent IS NOT NULL`,
      )
      .pluck(),
    // one agent's answered calls on a queue: one range of calls_agent, no GROUP BY (no sort)
    agentTotals: db
      .prepare(
        `SELECT count(*) FILTER (WHERE entered_ms >= $from),
                count(*) FILTER (WHERE entered_ms + wait_s * 1000 >= $from AND entered_ms + wait_s * 1000 < $to),
                total(ifnull(talk_s, 0) + ifnull(wrap_s, 0)) FILTER (WHERE entered_ms + wait_s * 1000 >= $from AND entered_ms + wait_s * 1000 < $to)
           FROM calls INDEXED BY calls_agent
          WHERE site = $site AND queue = $queue AND outcome = 'answered' AND agent = $agent AND entered_ms >= $lookback AND entered_ms < $to`,
      )
      .raw(),
  };
}

export type AggregateStatements = ReturnType<typeof prepareAggregates>;

function queueList(p: AggregateStatements, site: string, queues: readonly string[] | undefined): string[] {
  return queues && queues.length ? [...new Set(queues)].sort() : (p.queues.all(site) as string[]);
}

const EXITS: readonly Exclude<Outcome, 'answered' | 'abandoned'>[] = ['timeout', 'key', 'empty'];

/**
 * Per queue and interval of the grid, the counts and sums of the calls that entered in it (see
 * `CallCell`); only non-empty cells, by queue name then interval. Runs in the caller's transaction
 * if any (the temp grid table is rewritten).
 */
export function callCells(db: Database.Database, p: AggregateStatements, site: string, q: CallCellQuery): CallCell[] {
  const n = q.starts.length;
  for (let i = 1; i < n; i++) if (!(q.starts[i] > q.starts[i - 1])) throw new RangeError('callCells: interval starts must ascend');
  if (n && !(q.endMs > q.starts[n - 1])) throw new RangeError('callCells: endMs must follow the last start');
  return db.transaction(() => {
    p.clearGrid.run();
    const lo = q.fromMs ?? -Infinity;
    const hi = q.toMs ?? Infinity;
    for (let i = 0; i < n; i++) {
      const s = Math.max(q.starts[i], lo);
      const e = Math.min(i + 1 < n ? q.starts[i + 1] : q.endMs, hi);
      if (e > s) p.addInterval.run(i, s, e);
    }
    const out: CallCell[] = [];
    for (const queue of queueList(p, site, q.queues)) {
      const cells = new Map<number, CallCell>();
      const cell = (i: number): CallCell => {
        let c = cells.get(i);
        if (!c) {
          c = {
            queue, interval: i, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timeout: 0, key: 0, empty: 0,
            answeredWithin: 0, answeredWaitS: 0, handleS: 0, maxWaitS: -Infinity,
          };
          cells.set(i, c);
        }
        return c;
      };
      for (const r of p.answered.iterate({ site, queue, outcome: 'answered', sl: q.slThresholdS }) as IterableIterator<number[]>) {
        const c = cell(r[0]);
        c.answered = r[1];
        c.answeredWithin = r[2];
        c.answeredWaitS = r[3];
        c.handleS = r[4];
        c.maxWaitS = Math.max(c.maxWaitS, r[5]);
      }
      for (const r of p.abandoned.iterate({ site, queue, outcome: 'abandoned', short: q.shortAbandonS }) as IterableIterator<number[]>) {
        const c = cell(r[0]);
        c.abandoned = r[1];
        c.shortAbandoned = r[2];
        c.maxWaitS = Math.max(c.maxWaitS, r[3]);
      }
      for (const kind of EXITS) {
        for (const r of p.exited.iterate({ site, queue, outcome: kind }) as IterableIterator<number[]>) {
          const c = cell(r[0]);
          c[kind] = r[1];
          c.maxWaitS = Math.max(c.maxWaitS, r[2]);
        }
      }
      for (const i of [...cells.keys()].sort((a, b) => a - b)) {
        const c = cells.get(i)!;
        c.offered = c.answered + c.abandoned + c.timeout + c.key + c.empty;
        out.push(c);
      }
    }
    return out;
  })();
}

/** Per agent and queue with any such call, answered calls and handle time (see `AgentCallTotal`), by agent then queue. */
export function agentCallTotals(p: AggregateStatements, site: string, q: AgentCallQuery): AgentCallTotal[] {
  const out: AgentCallTotal[] = [];
  const lookback = Math.min(q.enteredFromMs, q.fromMs);
  for (const queue of queueList(p, site, q.queues)) {
    for (const agent of p.agentList.all({ site, queue }) as string[]) {
      const r = p.agentTotals.get({ site, queue, agent, from: q.fromMs, to: q.toMs, lookback }) as number[];
      // calls of the look-back answered before the period count for neither
      if (r[0] === 0 && r[1] === 0) continue;
      out.push({ agent, queue, enteredCalls: r[0], answeredCalls: r[1], handleS: r[2] });
    }
  }
  return out.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
}
