/**
 * Schema migrations: how a store of an older schema version reaches SCHEMA_VERSION (the tables of
 * src/store/schema.ts). A new store is created from schema.ts directly; only an older store runs them.
 *
 * Versions 1-5 predate PostgreSQL: they exist only as SQLite stores, and their SQL (which has shipped:
 * never edit it) is kept as it was. Version 6 adds sites: every table gets a `site` column (the first
 * column of its natural key), saved forecasts and rosters who saved them, and the `sites` and `audit`
 * tables; on SQLite the tables are rebuilt and every existing row belongs to the site `default`. A
 * later migration is written for both backends.
 */
import { BUCKET_MS, columnNames, createIndexes, createSchema, createTable, table, TABLES, type Dialect } from './schema.js';

/** SQLite migrations 1-5: migration i (0-based) takes the schema from version i to i+1 (`PRAGMA user_version`). */
export const LEGACY_SQLITE: readonly string[] = [
  // 1: calls, agent events, open calls between imports, interval volumes, import runs
  `
  CREATE TABLE calls (
    queue TEXT NOT NULL,
    entered_ms INTEGER NOT NULL,
    call_id TEXT NOT NULL,
    tz TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('answered','abandoned','timeout','key','empty')),
    wait_s REAL NOT NULL,
    agent TEXT,
    talk_s REAL,
    wrap_s REAL,
    ring_no_answers INTEGER NOT NULL DEFAULT 0,
    transfer TEXT,
    source TEXT NOT NULL,
    PRIMARY KEY (queue, entered_ms, call_id)
  ) WITHOUT ROWID;

  CREATE TABLE queues (name TEXT PRIMARY KEY) WITHOUT ROWID;

  CREATE TABLE agent_events (
    agent TEXT NOT NULL,
    queue TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    reason TEXT,
    tz TEXT NOT NULL,
    PRIMARY KEY (agent, queue, kind, time_ms)
  ) WITHOUT ROWID;
  CREATE INDEX agent_events_time ON agent_events (time_ms);

  CREATE TABLE pending_calls (
    source TEXT NOT NULL,
    seq INTEGER NOT NULL,
    queue TEXT NOT NULL,
    call_id TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (source, seq)
  );

  CREATE TABLE volumes (
    queue TEXT NOT NULL,
    interval_start_ms INTEGER NOT NULL,
    tz TEXT NOT NULL,
    interval_minutes INTEGER,
    offered INTEGER NOT NULL,
    answered INTEGER,
    abandoned INTEGER,
    answered_within INTEGER,
    aht_s REAL,
    asa_s REAL,
    PRIMARY KEY (queue, interval_start_ms)
  ) WITHOUT ROWID;

  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    files TEXT NOT NULL,
    tz TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    calls INTEGER NOT NULL
  );
  `,
  // forecasts: named, immutable forecast snapshots (wfm forecast --save), one row per queue and interval
  `
  CREATE TABLE forecasts (
    name TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL,
    tz TEXT NOT NULL,
    interval_minutes INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    days INTEGER NOT NULL,
    methods TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE forecast_rows (
    forecast TEXT NOT NULL REFERENCES forecasts (name) ON DELETE CASCADE,
    queue TEXT NOT NULL,
    interval_start_ms INTEGER NOT NULL,
    calls REAL NOT NULL,
    aht_s REAL,
    calls_low REAL NOT NULL,
    calls_high REAL NOT NULL,
    PRIMARY KEY (forecast, queue, interval_start_ms)
  ) WITHOUT ROWID;
  `,
  // people: agents with skills and contracts, exam sittings, training/certificates, skill requirements
  `
  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT,
    team TEXT,
    supervisor TEXT,
    contract TEXT CHECK (contract IS NULL OR contract IN ('full','part')),
    min_weekly_hours REAL,
    max_weekly_hours REAL,
    hire_date TEXT
  ) WITHOUT ROWID;

  CREATE TABLE agent_skills (
    agent TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    proficiency REAL,
    PRIMARY KEY (agent, skill)
  ) WITHOUT ROWID;

  CREATE TABLE exams (
    agent TEXT NOT NULL,
    exam TEXT NOT NULL,
    date TEXT NOT NULL,
    attempt INTEGER,
    score REAL,
    pass_mark REAL,
    passed INTEGER
  );
  CREATE UNIQUE INDEX exams_key ON exams (agent, exam, date, ifnull(attempt, 0));

  CREATE TABLE training (
    agent TEXT NOT NULL,
    course TEXT NOT NULL,
    date TEXT NOT NULL,
    hours REAL,
    result TEXT,
    certificate_expiry TEXT,
    PRIMARY KEY (agent, course, date)
  ) WITHOUT ROWID;
  CREATE INDEX training_expiry ON training (certificate_expiry);

  CREATE TABLE skill_requirements (
    skill TEXT PRIMARY KEY,
    exam TEXT,
    certificate TEXT
  ) WITHOUT ROWID;
  `,
  // rosters: named roster snapshots (wfm roster --save), their shifts with breaks, and coverage
  `
  CREATE TABLE rosters (
    name TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL,
    tz TEXT NOT NULL,
    start_date TEXT NOT NULL,
    days INTEGER NOT NULL,
    interval_minutes INTEGER NOT NULL,
    solver TEXT NOT NULL,
    paid_hours REAL NOT NULL,
    lower_bound REAL NOT NULL,
    gap REAL NOT NULL,
    understaffed INTEGER NOT NULL,
    seconds REAL NOT NULL,
    rules TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE roster_shifts (
    roster TEXT NOT NULL REFERENCES rosters (name) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    agent TEXT NOT NULL,
    queue TEXT NOT NULL,
    template TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    breaks TEXT NOT NULL,
    PRIMARY KEY (roster, seq)
  ) WITHOUT ROWID;
  CREATE INDEX roster_shifts_agent ON roster_shifts (roster, agent, start_ms);

  CREATE TABLE roster_coverage (
    roster TEXT NOT NULL REFERENCES rosters (name) ON DELETE CASCADE,
    queue TEXT NOT NULL,
    interval_start_ms INTEGER NOT NULL,
    required REAL NOT NULL,
    scheduled INTEGER NOT NULL,
    PRIMARY KEY (roster, queue, interval_start_ms)
  ) WITHOUT ROWID;
  `,
  // report aggregates: covering indexes for the queries of src/store/aggregates.ts - per queue and
  // outcome an enter-time range (interval KPIs), per queue and agent of answered calls an enter-time
  // range (agent totals without sorting every call) - read without the wide call rows
  `
  CREATE INDEX calls_kpi ON calls (queue, outcome, entered_ms, wait_s, talk_s, wrap_s);
  CREATE INDEX calls_agent ON calls (queue, outcome, agent, entered_ms, wait_s, talk_s, wrap_s);
  `,
];


/** Index names of schema version 5 (dropped before its tables are rebuilt, so version 6 can reuse them). */
const V5_INDEXES = ['agent_events_time', 'exams_key', 'training_expiry', 'roster_shifts_agent', 'calls_kpi', 'calls_agent'];
/** Tables of version 6 and later that version 5 did not have. */
const NEW_IN_V6 = new Set(['sites', 'audit', 'call_buckets']);
/** Columns of version 6 that version 5 did not have, with the value existing rows get. */
const NEW_COLUMNS: Record<string, string> = { site: `'default'`, created_by: 'NULL' };

/**
 * SQLite statements taking a version-5 store to version 6 (run in one transaction with foreign keys
 * off): the old tables are renamed aside, the version-6 schema created, the rows copied over (the
 * site `default`), the old tables dropped. The site `default` gets the zone of the latest import of
 * call data (queue_log, CDRs, volumes: the zone its times were read in), else of the latest saved
 * forecast, else roster, else of the latest people import (which has no times of its own), when the
 * store holds any.
 */
export function sqliteSitesMigration(): string[] {
  const old = TABLES.filter((t) => !NEW_IN_V6.has(t.name));
  return [
    ...old.map((t) => `ALTER TABLE ${t.name} RENAME TO wfm_v5_${t.name}`),
    ...V5_INDEXES.map((i) => `DROP INDEX IF EXISTS ${i}`),
    ...createSchema('sqlite'),
    ...old.map((t) => {
      const cols = columnNames(t);
      return `INSERT INTO ${t.name} (${cols.join(', ')}) SELECT ${cols.map((c) => NEW_COLUMNS[c] ?? c).join(', ')} FROM wfm_v5_${t.name}`;
    }),
    `INSERT INTO sites (name, tz)
       SELECT 'default', tz FROM (
         SELECT tz, CASE WHEN kind IN ('queue-log', 'cdr', 'volumes') THEN 1 ELSE 4 END AS p, id AS o FROM wfm_v5_imports
         UNION ALL SELECT tz, 2, created_ms FROM wfm_v5_forecasts
         UNION ALL SELECT tz, 3, created_ms FROM wfm_v5_rosters
       ) ORDER BY p, o DESC LIMIT 1`,
    ...[...old].reverse().map((t) => `DROP TABLE wfm_v5_${t.name}`),
  ];
}

/** The tables of SQLite schema `version`, in the order they are created (the legacy versions from their SQL). */
export function tablesAt(version: number): string[] {
  if (version >= 7) return TABLES.map((t) => t.name);
  if (version === 6) return TABLES.filter((t) => t.name !== 'call_buckets').map((t) => t.name);
  const tables: string[] = [];
  for (const sql of LEGACY_SQLITE.slice(0, version)) {
    for (const m of sql.matchAll(/\b(CREATE|DROP)\s+TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(\w+)/gi)) {
      const at = tables.indexOf(m[2]);
      if (m[1].toUpperCase() === 'CREATE' && at < 0) tables.push(m[2]);
      else if (m[1].toUpperCase() === 'DROP' && at >= 0) tables.splice(at, 1);
    }
  }
  return tables;
}

/**
 * Version 7 adds `call_buckets` (src/store/schema.ts): the table (unless the migration from version 5
 * has just created every table) and its rows, counted from every call there is, for either backend.
 */
export function bucketsMigration(dialect: Dialect, from: number): string[] {
  if (from >= 7) return [];
  const t = table('call_buckets');
  return [
    ...(from === 6 ? [createTable(t, dialect), ...createIndexes(t, dialect)] : []),
    `INSERT INTO call_buckets (${BUCKET_COLUMNS})
       SELECT site, queue, ${bucketSums(dialect, '')}
         FROM calls GROUP BY site, queue, ${bucketStart('')}`,
  ];
}

/** The columns of `call_buckets` in the order `bucketSums` gives them after site and queue. */
export const BUCKET_COLUMNS = 'site, queue, start_ms, offered, answered, handle_s, talked, talked_handle_s';

/**
 * The select list of a call bucket after its site and queue, over calls (alias `c`, given as `c.`, or
 * none) grouped by quarter hour: start, offered, answered, handle, talked, talked handle. The same
 * counts in both dialects (SQLite's total() and PostgreSQL's sum are both 0-based here).
 */
export function bucketSums(dialect: Dialect, c: string): string {
  const answered = `${c}outcome = 'answered'`;
  const talked = `${answered} AND ${c}talk_s IS NOT NULL`;
  const handle = `coalesce(${c}talk_s, 0) + coalesce(${c}wrap_s, 0)`;
  const count = (cond: string) => (dialect === 'sqlite' ? `count(CASE WHEN ${cond} THEN 1 END)` : `count(*) FILTER (WHERE ${cond})`);
  const total = (cond: string) => (dialect === 'sqlite' ? `total(CASE WHEN ${cond} THEN ${handle} END)` : `coalesce(sum(${handle}) FILTER (WHERE ${cond}), 0)`);
  return `${bucketStart(c)}, count(*), ${count(answered)}, ${total(answered)}, ${count(talked)}, ${total(talked)}`;
}

/**
 * The start of a call's bucket: entered_ms rounded down to a multiple of BUCKET_MS (also before 1970:
 * both dialects' % keeps the dividend's sign, so the remainder is brought into [0, BUCKET_MS) first).
 */
export function bucketStart(c: string): string {
  return `(${c}entered_ms - ((${c}entered_ms % ${BUCKET_MS}) + ${BUCKET_MS}) % ${BUCKET_MS})`;
}
