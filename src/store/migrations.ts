/**
 * Forward-only schema migrations. Migration i (0-based) takes the schema from version i to i+1;
 * the version is SQLite's `PRAGMA user_version`. To extend the schema (forecasts, rosters, agents),
 * append a migration; never edit one that has shipped.
 *
 * Conventions: times are INTEGER UTC epoch milliseconds (`*_ms`), durations REAL seconds (`*_s`),
 * the site's IANA zone in `tz` beside them.
 */
export const MIGRATIONS: readonly string[] = [
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

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The tables of schema `version` (migrations 1..version), in the order they are created. */
export function tablesAt(version: number): string[] {
  const tables: string[] = [];
  for (const sql of MIGRATIONS.slice(0, version)) {
    for (const m of sql.matchAll(/\b(CREATE|DROP)\s+TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(\w+)/gi)) {
      const at = tables.indexOf(m[2]);
      if (m[1].toUpperCase() === 'CREATE' && at < 0) tables.push(m[2]);
      else if (m[1].toUpperCase() === 'DROP' && at >= 0) tables.splice(at, 1);
    }
  }
  return tables;
}
