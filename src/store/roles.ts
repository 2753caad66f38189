/**
 * Who may change what in a PostgreSQL store: three group roles (NOLOGIN), created by `wfm db migrate`
 * and granted to login roles by an administrator (`GRANT wfm_plan TO alice;`).
 *
 * | role | may |
 * |---|---|
 * | wfm_read | read every table; append to the audit log (reports, live, intraday without --apply) |
 * | wfm_plan | wfm_read, and change the `plan` and `both` tables: people, exams, training, skills, forecasts, rosters, sites, import runs |
 * | wfm_import | wfm_read, and change the `import` and `both` tables: calls, agent events, open calls, volumes, queues, sites, import runs |
 *
 * Each table's `writer` in src/store/schema.ts decides it; wfm_plan and wfm_import are members of
 * wfm_read. Roles belong to the server, not to a database: a second database migrated on the same
 * server reuses them (and two migrations creating them at once both succeed).
 */
import { UsageError } from '../errors.js';
import { TABLES, table, type TableDef } from './schema.js';

export const READ_ROLE = 'wfm_read';
export const PLAN_ROLE = 'wfm_plan';
export const IMPORT_ROLE = 'wfm_import';
export const GROUP_ROLES = [READ_ROLE, PLAN_ROLE, IMPORT_ROLE] as const;

/** The PostgreSQL-only table holding the schema version (SQLite keeps it in `PRAGMA user_version`). */
export const VERSION_TABLE = 'wfm_schema';

/** The group roles that may change a table (wfm_read for the append-only audit log). */
export function writersOf(t: TableDef): string[] {
  switch (t.writer) {
    case 'import':
      return [IMPORT_ROLE];
    case 'plan':
      return [PLAN_ROLE];
    case 'both':
      return [IMPORT_ROLE, PLAN_ROLE];
    case 'admin':
      return [READ_ROLE];
  }
}

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
 * The GRANTs of the schema's tables (re-running them changes nothing): wfm_read reads everything and
 * appends to the audit log (using the identity sequences); wfm_plan and wfm_import change their tables.
 * `schema`: the PostgreSQL schema the tables are in, quoted; `sequences`: the identity sequences, quoted.
 */
export function grantStatements(schema: string, sequences: readonly string[]): string[] {
  const names = (w: (t: TableDef) => boolean) => TABLES.filter(w).map((t) => t.name);
  const plan = names((t) => t.writer === 'plan' || t.writer === 'both');
  const imp = names((t) => t.writer === 'import' || t.writer === 'both');
  return [
    `GRANT USAGE ON SCHEMA ${schema} TO ${READ_ROLE}, ${PLAN_ROLE}, ${IMPORT_ROLE}`,
    `GRANT SELECT ON ${[...TABLES.map((t) => t.name), VERSION_TABLE].join(', ')} TO ${READ_ROLE}`,
    `GRANT INSERT ON audit TO ${READ_ROLE}`,
    ...(sequences.length ? [`GRANT USAGE ON SEQUENCE ${sequences.join(', ')} TO ${READ_ROLE}`] : []),
    `GRANT INSERT, UPDATE, DELETE ON ${plan.join(', ')} TO ${PLAN_ROLE}`,
    `GRANT INSERT, UPDATE, DELETE ON ${imp.join(', ')} TO ${IMPORT_ROLE}`,
  ];
}
