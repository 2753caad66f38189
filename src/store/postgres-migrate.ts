/**
 * The schema of a PostgreSQL store: `wfm db migrate` creates it (from src/store/schema.ts, the one
 * definition both backends are rendered from) with its group roles and grants (src/store/roles.ts),
 * in one transaction; every other command only checks it (never migrating implicitly: a store
 * without the schema, or on an older version, is exit 2 saying to run `wfm db migrate`).
 *
 * The version lives in the table `wfm_schema` (one row). No PostgreSQL store predates version 6, so
 * there is nothing to upgrade yet: a later version adds its step here, for both backends.
 */
import { UsageError } from '../errors.js';
import type { PgConnection } from './pg-client.js';
import { auditDefaultStatements, SERVER_DEFAULTS, createRoleStatement, grantStatements, GROUP_ROLES, IMPORT_ROLE, memberStatement, PLAN_ROLE, READ_ROLE, VERSION_TABLE } from './roles.js';
import { createSchema, SCHEMA_VERSION, TABLES } from './schema.js';
import { bucketsMigration } from './migrations.js';

/** The server's clock in epoch ms (audit rows of a shared store carry the server's time, not a client's). */
export const NOW_MS = `floor(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** PostgreSQL 11: INCLUDE columns in indexes. */
const MIN_SERVER = 110000;

const tooNew = (path: string, version: number) =>
  new UsageError({ key: 'store.tooNew', params: { path, version, supported: SCHEMA_VERSION } }, `${path} has schema version ${version}, newer than this wfm (${SCHEMA_VERSION})`);

/** Who we are and what the server is; sets `db.user`. */
async function identify(db: PgConnection): Promise<{ server: number; encoding: string; hasVersion: boolean }> {
  const [r] = await db.query(`SELECT current_user, current_setting('server_version_num')::int, current_setting('server_encoding'), to_regclass($1) IS NOT NULL`, [
    VERSION_TABLE,
  ]);
  db.user = r[0] as string;
  const server = r[1] as number;
  if (server < MIN_SERVER) {
    const version = `${Math.floor(server / 10000)}.${server % 10000}`;
    throw new UsageError({ key: 'store.pg.serverTooOld', params: { path: db.shown, version } }, `${db.shown}: PostgreSQL ${version} is too old`);
  }
  return { server, encoding: r[2] as string, hasVersion: r[3] as boolean };
}

async function storedVersion(db: PgConnection): Promise<number> {
  const [r] = await db.query(`SELECT max(version) FROM ${VERSION_TABLE}`, [], { reads: VERSION_TABLE });
  return (r[0] as number | null) ?? 0;
}

/**
 * Check a store before use: on this wfm's schema version (else exit 2: run wfm db migrate; newer:
 * upgrade wfm), every table there (else exit 2: damaged). Returns the version.
 */
export async function checkSchema(db: PgConnection): Promise<number> {
  const { hasVersion } = await identify(db);
  const path = db.shown;
  if (!hasVersion) throw new UsageError({ key: 'store.pg.notMigrated', params: { path } }, `${path} has no wfm schema: run wfm db migrate`);
  const version = await storedVersion(db);
  if (version > SCHEMA_VERSION) throw tooNew(path, version);
  if (version < SCHEMA_VERSION) {
    throw new UsageError({ key: 'store.pg.oldSchema', params: { path, version, needed: SCHEMA_VERSION } }, `${path} has schema version ${version}: run wfm db migrate`);
  }
  const missing = (await db.query(`SELECT n FROM unnest($1::text[]) AS n WHERE to_regclass(n) IS NULL`, [TABLES.map((t) => t.name)])).map((r) => r[0] as string);
  if (missing.length) {
    throw new UsageError({ key: 'store.damaged', params: { path, tables: missing.join(', ') } }, `the store ${path} is damaged: ${missing.join(', ')} missing`);
  }
  // the audit log's who and when, and who saved a forecast or roster, are the server's (column
  // defaults): a store migrated by a wfm before that has not all of them nor the roles' narrower privileges
  if ((await serverDefaults(db, { reads: 'audit' })) !== SERVER_DEFAULTS.length) throw new UsageError({ key: 'store.pg.regrant', params: { path } }, `${path} was migrated by an older wfm: run wfm db migrate`);
  return version;
}

/**
 * `wfm db migrate`: create the schema (or find it current), set the audit log's defaults (who and
 * when: the server's), create the group roles that are missing, grant them (what an older wfm
 * granted beyond that is revoked), all in one transaction; an audit row `db.migrate {from, to}` when the schema changed.
 * Two migrations of one database at once run one after the other (an advisory lock).
 */
export async function migrate(db: PgConnection): Promise<{ from: number; to: number }> {
  const m = { migrate: true };
  await db.exec('BEGIN', m);
  try {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('wfm'), hashtext('wfm:migrate'))`, [], m);
    const { encoding, hasVersion } = await identify(db);
    if (encoding !== 'UTF8') {
      throw new UsageError({ key: 'store.pg.encoding', params: { path: db.shown, encoding } }, `${db.shown} is encoded in ${encoding}, not UTF8`);
    }
    const from = hasVersion ? await storedVersion(db) : 0;
    if (from > SCHEMA_VERSION) throw tooNew(db.shown, from);
    if (from === 0) {
      await db.exec(
        [
          ...createSchema('postgres'),
          `CREATE TABLE ${VERSION_TABLE} (version integer NOT NULL, migrated_ms bigint NOT NULL)`,
          `INSERT INTO ${VERSION_TABLE} (version, migrated_ms) VALUES (${SCHEMA_VERSION}, ${NOW_MS})`,
        ].join(';\n'),
        m,
      );
    }
    // version 6 -> 7: the call buckets, counted from the calls
    if (from === 6) {
      await db.exec([...bucketsMigration('postgres', 6), `UPDATE ${VERSION_TABLE} SET version = 7, migrated_ms = ${NOW_MS}`].join(';\n'), m);
    }
    // a migrate that must wait for a table lock (another session's long transaction) gives up after
    // 10 s (exit 4) rather than queue every import and report behind it
    await db.exec(`SET LOCAL lock_timeout = '10s'`, m);
    // the server's defaults (ALTER TABLE takes an exclusive lock): only where some are missing
    if ((await serverDefaults(db, m)) !== SERVER_DEFAULTS.length) await db.exec(auditDefaultStatements(NOW_MS).join(';\n'), m);
    await ensureRoles(db);
    const [[schema]] = await db.query(`SELECT quote_ident(current_schema())`, [], m);
    const sequences = (
      await db.query(
        `SELECT pg_get_serial_sequence(t, c)::regclass::text FROM unnest($1::text[], $2::text[]) AS x (t, c)`,
        [TABLES.filter((t) => t.identity).map((t) => t.name), TABLES.filter((t) => t.identity).map((t) => t.identity!)],
        m,
      )
    ).map((r) => r[0] as string);
    await db.exec(grantStatements(schema as string, sequences).join(';\n'), m);
    if (from !== SCHEMA_VERSION) {
      await db.query(`INSERT INTO audit (action, site, detail) VALUES ('db.migrate', NULL, $1)`, [
        JSON.stringify({ from, to: SCHEMA_VERSION }),
      ], m);
    }
    await db.exec('COMMIT', m);
    return { from, to: SCHEMA_VERSION };
  } catch (err) {
    if (!db.broken) await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** How many of the server-side column defaults (SERVER_DEFAULTS) the store has. */
async function serverDefaults(db: PgConnection, how: { reads?: string; migrate?: boolean }): Promise<number> {
  const [[n]] = await db.query(
    `SELECT count(*)::int FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       JOIN unnest($1::text[], $2::text[]) AS w (t, c) ON d.adrelid = to_regclass(w.t) AND a.attname = w.c`,
    [SERVER_DEFAULTS.map((x) => x[0]), SERVER_DEFAULTS.map((x) => x[1])],
    how,
  );
  return n as number;
}

/** Create the missing group roles and make wfm_plan and wfm_import members of wfm_read. */
async function ensureRoles(db: PgConnection): Promise<void> {
  const m = { migrate: true };
  const present = new Set((await db.query(`SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])`, [[...GROUP_ROLES]], m)).map((r) => r[0] as string));
  for (const role of GROUP_ROLES) if (!present.has(role)) await db.exec(createRoleStatement(role), m);
  const members = new Set(
    (
      await db.query(
        `SELECT r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.member JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname = $1`,
        [READ_ROLE],
        m,
      )
    ).map((r) => r[0] as string),
  );
  for (const role of [PLAN_ROLE, IMPORT_ROLE] as const) if (!members.has(role)) await db.exec(memberStatement(role), m);
}
