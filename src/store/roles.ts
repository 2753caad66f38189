/**
 * Who may change what in a PostgreSQL store: three group roles (NOLOGIN), created by `wfm db migrate`
 * and granted to login roles by an administrator (`GRANT wfm_plan TO alice;`).
 *
 * | role | may |
 * |---|---|
 * | wfm_read | read every table (reports, live, intraday without --apply); nothing else |
 * | wfm_plan | wfm_read, and change the `plan` tables: people, exams, training, skills, forecasts, rosters; add sites (or change a zone) and import runs, as wfm_import |
 * | wfm_import | wfm_read, and what an import does: upsert calls and volumes (INSERT, UPDATE), add agent events, queues and import runs (INSERT), replace open calls (INSERT, DELETE), add a site or change its zone (INSERT, UPDATE of tz: an explicit --tz) |
 *
 * The audit log: wfm_plan and wfm_import append to it through the columns action, site and detail
 * only; who (user_name: current_user) and when (at_ms: the server's clock) are the columns' defaults,
 * set by `wfm db migrate`, which a client cannot override. The store's owner (`wfm db copy`) writes
 * every column, keeping a copied row's original user and time.
 *
 * Each table's `writer` in src/store/schema.ts decides who may change it (IMPORT_RIGHTS narrows
 * wfm_import's); wfm_plan and wfm_import are members of wfm_read. Roles belong to the server, not to
 * a database: a second database migrated on the same server reuses them (and two migrations creating
 * them at once both succeed).
 */
import { UsageError } from '../errors.js';
import { columnNames, TABLES, table, type TableDef } from './schema.js';

export const READ_ROLE = 'wfm_read';
export const PLAN_ROLE = 'wfm_plan';
export const IMPORT_ROLE = 'wfm_import';
export const GROUP_ROLES = [READ_ROLE, PLAN_ROLE, IMPORT_ROLE] as const;

/** The PostgreSQL-only table holding the schema version (SQLite keeps it in `PRAGMA user_version`). */
export const VERSION_TABLE = 'wfm_schema';

/** The group roles that may change a table (the audit log: both writers append to it). */
export function writersOf(t: TableDef): string[] {
  switch (t.writer) {
    case 'import':
      return [IMPORT_ROLE];
    case 'plan':
      return [PLAN_ROLE];
    case 'both':
    case 'admin':
      return [IMPORT_ROLE, PLAN_ROLE];
  }
}

/**
 * What wfm_import may do to each `import` and `both` table: what src/store/postgres.ts does when it
 * imports (an upsert's ON CONFLICT DO UPDATE needs UPDATE; DO NOTHING does not), and no more (no
 * DELETE of calls or import runs, no renaming of sites).
 */
export const IMPORT_RIGHTS: Readonly<Record<string, string>> = {
  sites: 'INSERT, UPDATE (tz)',
  imports: 'INSERT',
  calls: 'INSERT, UPDATE',
  // rebuilt from `calls` for the (queue, day) an import touched: its rows are deleted and inserted
  call_buckets: 'INSERT, DELETE',
  queues: 'INSERT',
  agent_events: 'INSERT',
  pending_calls: 'INSERT, DELETE',
  volumes: 'INSERT, UPDATE',
};

/** The audit columns a writer names; user_name and at_ms are the server's (column defaults). */
export const AUDIT_INSERT_COLUMNS = ['action', 'site', 'detail'] as const;

/** The defaults of the audit log's who and when (set by every `wfm db migrate`). */
export function auditDefaultStatements(nowMs: string): string[] {
  return [
    `ALTER TABLE audit ALTER COLUMN user_name SET DEFAULT current_user, ALTER COLUMN at_ms SET DEFAULT ${nowMs}`,
    // who saved a forecast or roster is the server's too: wfm_plan may not name it (SERVER_COLUMNS)
    ...Object.entries(SERVER_COLUMNS).map(([t, cols]) => `ALTER TABLE ${t} ${cols.map((c) => `ALTER COLUMN ${c} SET DEFAULT current_user`).join(', ')}`),
  ];
}

/** Plan tables whose columns wfm_plan writes all but these (the server's: column defaults). */
export const SERVER_COLUMNS: Readonly<Record<string, readonly string[]>> = { forecasts: ['created_by'], rosters: ['created_by'] };

/** The server-side defaults `auditDefaultStatements` sets, as (table, column) pairs: a store has them all or was migrated by an older wfm. */
export const SERVER_DEFAULTS: readonly [string, string][] = [
  ['audit', 'user_name'],
  ['audit', 'at_ms'],
  ...Object.entries(SERVER_COLUMNS).flatMap(([t, cols]) => cols.map((c): [string, string] => [t, c])),
];

/** A write refused for lack of a privilege: exit 2 naming the group role the table needs. */
export function deniedWrite(path: string, user: string, tableName: string): UsageError {
  const [role, other] = writersOf(table(tableName));
  const english = `${user} may not change ${tableName} of ${path}: that needs ${role}`;
  if (other) return new UsageError({ key: 'store.pg.deniedWriteEither', params: { path, user, table: tableName, role, other } }, english);
  return new UsageError({ key: 'store.pg.deniedWrite', params: { path, user, table: tableName, role } }, english);
}

/**
 * The statement creating a missing group role: in a block that takes "it exists" quietly, also when
 * a migration of another database creates it at the same moment (duplicate_object once the other has
 * committed, unique_violation on pg_authid while it is committing).
 */
export function createRoleStatement(role: (typeof GROUP_ROLES)[number]): string {
  return quietlyIfDone(`CREATE ROLE ${role} NOLOGIN`);
}

/** Make wfm_plan or wfm_import a member of wfm_read (quietly when another migration just did). */
export function memberStatement(role: typeof PLAN_ROLE | typeof IMPORT_ROLE): string {
  return quietlyIfDone(`GRANT ${READ_ROLE} TO ${role}`);
}

function quietlyIfDone(statement: string): string {
  return `DO $$ BEGIN
    ${statement};
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;
}

/**
 * The privileges of the schema's tables (re-running them changes nothing): first every privilege of
 * the group roles on them is revoked (a store migrated by an older wfm loses what it no longer
 * grants), then wfm_read reads everything, wfm_plan changes its tables, wfm_import does what an
 * import does (IMPORT_RIGHTS, also wfm_plan's on the `both` tables: sites and import runs), and both append to the audit log through AUDIT_INSERT_COLUMNS.
 * `schema`: the PostgreSQL schema the tables are in, quoted; `sequences`: the identity sequences,
 * quoted (an identity column's default needs no privilege on its sequence).
 */
export function grantStatements(schema: string, sequences: readonly string[]): string[] {
  const names = (w: (t: TableDef) => boolean) => TABLES.filter(w).map((t) => t.name);
  const plan = names((t) => t.writer === 'plan');
  // the tables both write (sites, import runs): as wfm_import may (no DELETE, no renaming a site)
  const both = names((t) => t.writer === 'both');
  const imp = names((t) => t.writer === 'import' || t.writer === 'both');
  const all = [...TABLES.map((t) => t.name), VERSION_TABLE];
  const roles = `${READ_ROLE}, ${PLAN_ROLE}, ${IMPORT_ROLE}`;
  const unknown = imp.filter((n) => !(n in IMPORT_RIGHTS));
  if (unknown.length) throw new Error(`roles.ts: no IMPORT_RIGHTS for ${unknown.join(', ')}`);
  return [
    `REVOKE ALL ON ${all.join(', ')} FROM ${roles}`,
    ...(sequences.length ? [`REVOKE ALL ON SEQUENCE ${sequences.join(', ')} FROM ${roles}`] : []),
    `GRANT USAGE ON SCHEMA ${schema} TO ${roles}`,
    `GRANT SELECT ON ${all.join(', ')} TO ${READ_ROLE}`,
    `GRANT INSERT, UPDATE, DELETE ON ${plan.filter((n) => !(n in SERVER_COLUMNS)).join(', ')} TO ${PLAN_ROLE}`,
    ...Object.entries(SERVER_COLUMNS).map(([n, server]) => {
      const cols = columnNames(table(n)).filter((c) => !server.includes(c)).join(', ');
      return `GRANT INSERT (${cols}), UPDATE (${cols}), DELETE ON ${n} TO ${PLAN_ROLE}`;
    }),
    ...imp.map((n) => `GRANT ${IMPORT_RIGHTS[n]} ON ${n} TO ${IMPORT_ROLE}`),
    ...both.map((n) => `GRANT ${IMPORT_RIGHTS[n]} ON ${n} TO ${PLAN_ROLE}`),
    `GRANT INSERT (${AUDIT_INSERT_COLUMNS.join(', ')}) ON audit TO ${PLAN_ROLE}, ${IMPORT_ROLE}`,
  ];
}
