/** English messages: `wfm db migrate|status|copy` and `wfm audit`. */
export const catalogue = {
  'db.description': 'the store as a whole: create or upgrade its schema, see what it holds, copy it to another backend',
  'db.migrate.description': 'create or upgrade the store\'s schema (PostgreSQL: also the group roles wfm_read, wfm_plan, wfm_import)',
  'db.migrate.help':
    'The store is --db (or WFM_DB, or wfm.yaml\'s db): a SQLite file, or a PostgreSQL URL\n' +
    'postgresql://USER@HOST:PORT/DATABASE?sslmode=require (the password from PGPASSWORD or ~/.pgpass).\n' +
    'A SQLite file is also upgraded by any writing command; a PostgreSQL store only by this one, run\n' +
    'by its owner (another command on an older schema stops with exit 2 and says so). On PostgreSQL\n' +
    'the three group roles are created when the server has none yet (they belong to the server, so a\n' +
    'second database reuses them) and granted: wfm_read reads everything; wfm_plan also writes\n' +
    'forecasts, rosters and people; wfm_import also writes call data. Grant them to login roles with\n' +
    'plain SQL, e.g.  GRANT wfm_plan TO alice;\n\n' +
    'Examples:\n  wfm db migrate --db postgresql://wfm_owner@db.example:5432/wfm\n  wfm db migrate --db wfm.db --format json',
  'db.migrate.done': '{store}: schema version {from} -> {to} ({backend})',
  'db.migrate.current': '{store}: schema version {to} is current ({backend}); nothing to do',
  'db.status.description': 'backend, schema version, sites and rows per table of the store',
  'db.status.help': 'Examples:\n  wfm db status\n  wfm db status --db postgresql://planner@db.example/wfm --format json',
  'db.status.head': '{store}: {backend}, schema version {version}, changes recorded as {user}',
  'db.status.sites': 'sites: {sites}',
  'db.status.noSites': 'sites: none yet',
  'db.col.table': 'table',
  'db.col.rows': 'rows',
  'db.copy.description': 'copy a whole store into an empty one, between any two backends (SQLite, PostgreSQL)',
  'db.copy.help':
    'Copies every table (calls, sessions, volumes, people, exams, training, skills, forecasts, rosters,\n' +
    'the audit log) in one transaction on the destination: interrupted, the destination is as before.\n' +
    'An empty destination gets the schema first (a SQLite file is created; a PostgreSQL database must\n' +
    'exist); one that already holds data is refused. Afterwards every report is the same on both.\n\n' +
    'Examples:\n  wfm db copy --from wfm.db --to postgresql://wfm_owner@db.example/wfm\n  wfm db copy --from postgresql://planner@db.example/wfm --to laptop.db',
  'db.copy.opt.from': 'the store to copy (a SQLite file or a PostgreSQL URL)',
  'db.copy.opt.to': 'the empty store to copy into (a SQLite file or a PostgreSQL URL)',
  'db.copy.done': 'copied {from} -> {to}: {rows} rows in {tables} tables',
  'db.copy.progress': 'copying {table}: {rows} rows',
  'db.copy.same': '--from and --to name the same store ({store})',
  'db.copy.notEmpty': 'the destination {store} already holds data: copy into an empty store (nothing was written)',
  'db.copy.needBoth': 'give --from STORE and --to STORE',
  'audit.description': 'who changed what: imports, saved forecasts and rosters, people imports, copies and migrations',
  'audit.help':
    'Each change to the store writes an audit row: when, who (the database user on PostgreSQL, the\n' +
    'OS user on SQLite), what, which site, and its counts. Newest first.\n\n' +
    'Examples:\n  wfm audit --since 2026-12-01\n  wfm audit --site beijing --user alice --format json',
  'audit.opt.since': 'only changes from this local date on (YYYY-MM-DD)',
  'audit.opt.user': 'only changes by this user',
  'audit.opt.limit': 'at most this many rows (default: all)',
  'audit.col.at': 'when',
  'audit.col.user': 'user',
  'audit.col.action': 'action',
  'audit.col.site': 'site',
  'audit.col.detail': 'detail',
  'audit.none': 'no changes recorded',
  'store.pgNeedsMigrate': 'the PostgreSQL store {store} is on schema version {version} and this wfm needs {needed}: its owner runs `wfm db migrate` first (it is never upgraded by another command)',
} as const;
