/**
 * The store's schema, one definition for both backends: tables with their columns, keys and indexes,
 * written once here and rendered as SQLite or PostgreSQL DDL. A new store is created from it
 * directly; an older SQLite store is brought to it by the migrations of src/store/migrations.ts.
 *
 * Conventions: times are 64-bit integer UTC epoch milliseconds (`*_ms`), durations double-precision
 * seconds (`*_s`), the site's IANA zone in `tz` beside them. Every data row carries its `site` (a
 * PBX or location; `default` unless named), the first column of every natural key.
 *
 * `writer` says which PostgreSQL group role may change a table (src/store/roles.ts): `import`
 * (call data), `plan` (people, forecasts, rosters), `both`, or `admin` (the audit log). Every role
 * reads everything; wfm_plan and wfm_import append to the audit log (who and when are the server's).
 *
 * To change the schema: bump SCHEMA_VERSION, change the tables here, and add the migration that takes
 * a store of the previous version to this one (src/store/migrations.ts), for both backends.
 */

export type Dialect = 'sqlite' | 'postgres';

/** Column types: `text`, `int` (64-bit integer), `real` (double precision). */
export type ColumnType = 'text' | 'int' | 'real';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  notNull?: boolean;
  /** SQL literal of the default. */
  default?: string;
  /** A CHECK expression valid in both dialects. */
  check?: string;
}

export interface IndexDef {
  name: string;
  /** Columns, or expressions in parentheses valid in both dialects. */
  columns: string[];
  /** Carried in the index for index-only reads (PostgreSQL INCLUDE; SQLite: more key columns). */
  include?: string[];
  unique?: boolean;
  /** Only in this dialect (the other reads the same rows another way). */
  dialect?: Dialect;
}

export interface TableDef {
  name: string;
  columns: ColumnDef[];
  /** Natural key; absent when `identity` is the key. */
  primaryKey?: string[];
  /**
   * PostgreSQL: columns carried in the primary key's index (INCLUDE), so reads of a key range need
   * not visit the table. (A SQLite WITHOUT ROWID table is its primary key's B-tree: every column is there.)
   */
  primaryKeyInclude?: string[];
  /** A generated integer id column as the key (SQLite INTEGER PRIMARY KEY, PostgreSQL identity). */
  identity?: string;
  /** A parent table: rows go with it (ON DELETE CASCADE). */
  references?: { columns: string[]; table: string; to: string[] };
  indexes?: IndexDef[];
  /** The order `dumpTable` reads it in (a unique key). */
  order: string[];
  writer: 'import' | 'plan' | 'both' | 'admin';
}

/** The length of a call bucket (table `call_buckets`): a quarter hour, on UTC epoch multiples. */
export const BUCKET_MS = 900_000;

/** The schema version this wfm reads and writes. */
export const SCHEMA_VERSION = 7;

const site: ColumnDef = { name: 'site', type: 'text', notNull: true };
const text = (name: string, notNull = false): ColumnDef => ({ name, type: 'text', notNull });
const int = (name: string, notNull = false): ColumnDef => ({ name, type: 'int', notNull });
const real = (name: string, notNull = false): ColumnDef => ({ name, type: 'real', notNull });

/** The tables, parents before children. */
export const TABLES: readonly TableDef[] = [
  {
    name: 'sites',
    columns: [text('name', true), text('tz', true)],
    primaryKey: ['name'],
    order: ['name'],
    writer: 'both',
  },
  {
    name: 'calls',
    columns: [
      site,
      text('queue', true),
      int('entered_ms', true),
      text('call_id', true),
      text('tz', true),
      { name: 'outcome', type: 'text', notNull: true, check: `outcome IN ('answered','abandoned','timeout','key','empty')` },
      real('wait_s', true),
      text('agent'),
      real('talk_s'),
      real('wrap_s'),
      { name: 'ring_no_answers', type: 'int', notNull: true, default: '0' },
      text('transfer'),
      text('source', true),
    ],
    primaryKey: ['site', 'queue', 'entered_ms', 'call_id'],
    // report aggregates. SQLite (src/store/sqlite-aggregates.ts): per site, queue and outcome an
    // enter-time range (interval KPIs); per agent of answered calls an enter-time range (agent totals
    // without a sort). PostgreSQL (src/store/postgres-aggregates.ts) reads one enter-time range of the
    // primary key per queue, index-only, and groups by outcome and agent in a hash: one index to keep
    // up on import instead of three (imports twice as fast), the same rows read by a report
    primaryKeyInclude: ['outcome', 'agent', 'wait_s', 'talk_s', 'wrap_s'],
    indexes: [
      { name: 'calls_kpi', columns: ['site', 'queue', 'outcome', 'entered_ms'], include: ['wait_s', 'talk_s', 'wrap_s'], dialect: 'sqlite' },
      { name: 'calls_agent', columns: ['site', 'queue', 'outcome', 'agent', 'entered_ms'], include: ['wait_s', 'talk_s', 'wrap_s'], dialect: 'sqlite' },
    ],
    order: ['site', 'queue', 'entered_ms', 'call_id'],
    writer: 'import',
  },
  {
    // per site, queue and quarter hour (UTC epoch, a multiple of 900,000 ms) the calls that entered:
    // how many, how many were answered and their handle time (talk + wrap, a missing one 0), and how
    // many answered ones have a talk time and their talk + wrap (the AHT of `wfm forecast`). Derived from `calls`
    // only, rebuilt for every (site, queue, UTC day) an import writes, in the import's transaction
    // (src/store/sqlite.ts, src/store/postgres.ts), so the morning forecast of `wfm intraday` reads a
    // few thousand rows instead of every call of the history (`wfm forecast` from the store too). A local interval of 15, 30 or 60
    // minutes is a union of whole quarter hours (every zone's offset is a multiple of 15 minutes).
    name: 'call_buckets',
    columns: [
      site, text('queue', true), int('start_ms', true), int('offered', true), int('answered', true), real('handle_s', true), int('talked', true), real('talked_handle_s', true),
    ],
    primaryKey: ['site', 'start_ms', 'queue'],
    order: ['site', 'start_ms', 'queue'],
    writer: 'import',
  },
  {
    name: 'queues',
    columns: [site, text('name', true)],
    primaryKey: ['site', 'name'],
    order: ['site', 'name'],
    writer: 'import',
  },
  {
    name: 'agent_events',
    columns: [
      site,
      text('agent', true),
      { name: 'queue', type: 'text', notNull: true, default: `''` },
      text('kind', true),
      int('time_ms', true),
      text('reason'),
      text('tz', true),
    ],
    primaryKey: ['site', 'agent', 'queue', 'kind', 'time_ms'],
    indexes: [{ name: 'agent_events_time', columns: ['site', 'time_ms'] }],
    order: ['site', 'agent', 'queue', 'kind', 'time_ms'],
    writer: 'import',
  },
  {
    name: 'pending_calls',
    columns: [site, text('source', true), int('seq', true), text('queue', true), text('call_id', true), text('state', true)],
    primaryKey: ['site', 'source', 'seq'],
    order: ['site', 'source', 'seq'],
    writer: 'import',
  },
  {
    name: 'volumes',
    columns: [
      site,
      text('queue', true),
      int('interval_start_ms', true),
      text('tz', true),
      int('interval_minutes'),
      int('offered', true),
      int('answered'),
      int('abandoned'),
      int('answered_within'),
      real('aht_s'),
      real('asa_s'),
    ],
    primaryKey: ['site', 'queue', 'interval_start_ms'],
    order: ['site', 'queue', 'interval_start_ms'],
    writer: 'import',
  },
  {
    name: 'imports',
    columns: [
      int('id', true),
      site,
      text('kind', true),
      text('files', true),
      text('tz', true),
      int('started_ms', true),
      int('finished_ms', true),
      int('lines', true),
      int('accepted', true),
      int('rejected', true),
      int('calls', true),
    ],
    identity: 'id',
    order: ['id'],
    writer: 'both',
  },
  {
    name: 'forecasts',
    columns: [
      site,
      text('name', true),
      int('created_ms', true),
      text('created_by'),
      text('tz', true),
      int('interval_minutes', true),
      text('start_date', true),
      int('days', true),
      text('methods', true),
    ],
    primaryKey: ['site', 'name'],
    order: ['site', 'name'],
    writer: 'plan',
  },
  {
    name: 'forecast_rows',
    columns: [
      site,
      text('forecast', true),
      text('queue', true),
      int('interval_start_ms', true),
      real('calls', true),
      real('aht_s'),
      real('calls_low', true),
      real('calls_high', true),
    ],
    primaryKey: ['site', 'forecast', 'queue', 'interval_start_ms'],
    references: { columns: ['site', 'forecast'], table: 'forecasts', to: ['site', 'name'] },
    order: ['site', 'forecast', 'queue', 'interval_start_ms'],
    writer: 'plan',
  },
  {
    name: 'agents',
    columns: [
      site,
      text('id', true),
      text('name'),
      text('team'),
      text('supervisor'),
      { name: 'contract', type: 'text', check: `contract IS NULL OR contract IN ('full','part')` },
      real('min_weekly_hours'),
      real('max_weekly_hours'),
      text('hire_date'),
    ],
    primaryKey: ['site', 'id'],
    order: ['site', 'id'],
    writer: 'plan',
  },
  {
    name: 'agent_skills',
    columns: [site, text('agent', true), text('skill', true), real('proficiency')],
    primaryKey: ['site', 'agent', 'skill'],
    references: { columns: ['site', 'agent'], table: 'agents', to: ['site', 'id'] },
    order: ['site', 'agent', 'skill'],
    writer: 'plan',
  },
  {
    name: 'exams',
    columns: [site, text('agent', true), text('exam', true), text('date', true), int('attempt'), real('score'), real('pass_mark'), int('passed')],
    indexes: [{ name: 'exams_key', columns: ['site', 'agent', 'exam', 'date', '(coalesce(attempt, 0))'], unique: true }],
    order: ['site', 'agent', 'exam', 'date', 'coalesce(attempt, 0)'],
    writer: 'plan',
  },
  {
    name: 'training',
    columns: [site, text('agent', true), text('course', true), text('date', true), real('hours'), text('result'), text('certificate_expiry')],
    primaryKey: ['site', 'agent', 'course', 'date'],
    indexes: [{ name: 'training_expiry', columns: ['site', 'certificate_expiry'] }],
    order: ['site', 'agent', 'course', 'date'],
    writer: 'plan',
  },
  {
    name: 'skill_requirements',
    columns: [site, text('skill', true), text('exam'), text('certificate')],
    primaryKey: ['site', 'skill'],
    order: ['site', 'skill'],
    writer: 'plan',
  },
  {
    name: 'rosters',
    columns: [
      site,
      text('name', true),
      int('created_ms', true),
      text('created_by'),
      text('tz', true),
      text('start_date', true),
      int('days', true),
      int('interval_minutes', true),
      text('solver', true),
      real('paid_hours', true),
      real('lower_bound', true),
      real('gap', true),
      int('understaffed', true),
      real('seconds', true),
      text('rules', true),
    ],
    primaryKey: ['site', 'name'],
    order: ['site', 'name'],
    writer: 'plan',
  },
  {
    name: 'roster_shifts',
    columns: [
      site,
      text('roster', true),
      int('seq', true),
      text('agent', true),
      text('queue', true),
      text('template', true),
      int('start_ms', true),
      int('end_ms', true),
      text('breaks', true),
    ],
    primaryKey: ['site', 'roster', 'seq'],
    references: { columns: ['site', 'roster'], table: 'rosters', to: ['site', 'name'] },
    indexes: [{ name: 'roster_shifts_agent', columns: ['site', 'roster', 'agent', 'start_ms'] }],
    order: ['site', 'roster', 'seq'],
    writer: 'plan',
  },
  {
    name: 'roster_coverage',
    columns: [site, text('roster', true), text('queue', true), int('interval_start_ms', true), real('required', true), int('scheduled', true)],
    primaryKey: ['site', 'roster', 'queue', 'interval_start_ms'],
    references: { columns: ['site', 'roster'], table: 'rosters', to: ['site', 'name'] },
    order: ['site', 'roster', 'queue', 'interval_start_ms'],
    writer: 'plan',
  },
  {
    name: 'audit',
    columns: [int('id', true), int('at_ms', true), text('user_name', true), text('action', true), text('site'), text('detail', true)],
    identity: 'id',
    indexes: [{ name: 'audit_at', columns: ['at_ms'] }],
    order: ['id'],
    writer: 'admin',
  },
];

/** A table of the schema by name (throws for an unknown one: names never come from users). */
export function table(name: string): TableDef {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in the schema`);
  return t;
}

/**
 * PostgreSQL text columns compare byte by byte (COLLATE "C"), as SQLite's BINARY does, whatever the
 * database's own collation: keys, indexes and every ORDER BY then sort the same on both backends
 * (UTF-8 byte order, i.e. code point order), and the B-trees compare with memcmp.
 */
const TYPES: Record<Dialect, Record<ColumnType, string>> = {
  sqlite: { text: 'TEXT', int: 'INTEGER', real: 'REAL' },
  postgres: { text: 'text COLLATE "C"', int: 'bigint', real: 'double precision' },
};

/** The CREATE TABLE statement of a table, named `as` (default its own name). */
export function createTable(t: TableDef, dialect: Dialect, as = t.name): string {
  const lines = t.columns.map((c) => {
    if (c.name === t.identity) {
      return dialect === 'sqlite' ? `${c.name} INTEGER PRIMARY KEY` : `${c.name} bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY`;
    }
    let s = `${c.name} ${TYPES[dialect][c.type]}`;
    if (c.notNull) s += ' NOT NULL';
    if (c.default !== undefined) s += ` DEFAULT ${c.default}`;
    if (c.check) s += ` CHECK (${c.check})`;
    return s;
  });
  if (t.primaryKey) {
    const include = dialect === 'postgres' && t.primaryKeyInclude?.length ? ` INCLUDE (${t.primaryKeyInclude.join(', ')})` : '';
    lines.push(`PRIMARY KEY (${t.primaryKey.join(', ')})${include}`);
  }
  if (t.references) {
    lines.push(`FOREIGN KEY (${t.references.columns.join(', ')}) REFERENCES ${t.references.table} (${t.references.to.join(', ')}) ON DELETE CASCADE`);
  }
  const withoutRowid = dialect === 'sqlite' && t.primaryKey ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${as} (\n  ${lines.join(',\n  ')}\n)${withoutRowid}`;
}

/** The CREATE INDEX statements of a table. */
export function createIndexes(t: TableDef, dialect: Dialect): string[] {
  return (t.indexes ?? []).filter((i) => !i.dialect || i.dialect === dialect).map((i) => {
    const cols = dialect === 'sqlite' ? [...i.columns, ...(i.include ?? [])] : i.columns;
    const include = dialect === 'postgres' && i.include?.length ? ` INCLUDE (${i.include.join(', ')})` : '';
    return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} ON ${t.name} (${cols.join(', ')})${include}`;
  });
}

/** Every statement that creates the schema in an empty database, tables then indexes. */
export function createSchema(dialect: Dialect): string[] {
  return TABLES.flatMap((t) => [createTable(t, dialect), ...createIndexes(t, dialect)]);
}

/** Column names of a table, in order. */
export function columnNames(t: TableDef): string[] {
  return t.columns.map((c) => c.name);
}
