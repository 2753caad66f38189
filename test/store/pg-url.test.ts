/**
 * src/store/pg-url.ts: PostgreSQL store addresses read libpq-style into a node-postgres config, the
 * password never shown; then real connections to the run's test server with the password from the
 * URL, from PGPASSWORD and from ~/.pgpass (HOME pointed at a temp folder), and a wrong password
 * whose error never holds it.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresUrl, parsePostgresUrl, redactSecrets, redactUrl, type PgConnectionConfig } from '../../src/store/pg-url.js';
import { describePg, freshPgLoginRole, pgAdminUrl } from '../helpers/pg.js';

describe('isPostgresUrl', () => {
  it('takes postgres:// and postgresql:// (any case), nothing else', () => {
    for (const s of ['postgres://db/wfm', 'postgresql://db/wfm', 'postgresql://', 'PostgreSQL://db/wfm', 'postgresql:///wfm?host=/tmp']) {
      expect(isPostgresUrl(s), s).toBe(true);
    }
    for (const s of ['wfm.db', './postgres/wfm.db', 'postgres/wfm.db', 'postgresql:/db', 'postgresql:db', ' postgresql://db', 'file:///x.db', 'mysql://db/wfm', 'pg://db']) {
      expect(isPostgresUrl(s), s).toBe(false);
    }
  });
});

describe('parsePostgresUrl', () => {
  it('reads user, password, host, port, database, sslmode and application_name', () => {
    const c = parsePostgresUrl('postgresql://wfm:s3cret@db.example:6543/wfm?sslmode=require&application_name=wfm-cron');
    expect(c).toEqual({
      user: 'wfm',
      password: 's3cret',
      host: 'db.example',
      port: 6543,
      database: 'wfm',
      ssl: { rejectUnauthorized: false },
      application_name: 'wfm-cron',
    });
    // a node-postgres ClientConfig as it is
    const asPg: pg.ClientConfig = c;
    expect(asPg.host).toBe('db.example');
  });

  it('leaves out what the URL does not say: no password key, no ssl key, no port', () => {
    const c = parsePostgresUrl('postgres://db.example/wfm');
    expect(c).toEqual({ host: 'db.example', database: 'wfm' });
    expect('password' in c).toBe(false);
    expect(parsePostgresUrl('postgresql://')).toEqual({});
    expect(parsePostgresUrl('postgresql://wfm@/wfm')).toEqual({ user: 'wfm', database: 'wfm' });
    expect(parsePostgresUrl('postgresql://db:/wfm')).toEqual({ host: 'db', database: 'wfm' });
    // an empty password counts as none (as in libpq): PGPASSWORD or ~/.pgpass then apply
    expect(parsePostgresUrl('postgresql://wfm:@db/wfm')).toEqual({ user: 'wfm', host: 'db', database: 'wfm' });
  });

  it('percent-decodes user, password and database; a password may hold ":" after the first', () => {
    expect(parsePostgresUrl('postgresql://us%40er:p%40ss%2Fw%3A%3F%23@h/d%20b')).toEqual({ user: 'us@er', password: 'p@ss/w:?#', host: 'h', database: 'd b' });
    expect(parsePostgresUrl('postgresql://u:a:b@h/d').password).toBe('a:b');
    // + is a plus, not a space (libpq)
    expect(parsePostgresUrl('postgresql://u:a+b@h/d').password).toBe('a+b');
  });

  it('takes a unix socket folder percent-encoded as the host, or as host=', () => {
    expect(parsePostgresUrl('postgresql://%2Fvar%2Frun%2Fpostgresql:5433/wfm')).toEqual({ host: '/var/run/postgresql', port: 5433, database: 'wfm' });
    expect(parsePostgresUrl('postgresql:///wfm?host=/tmp/pg&port=5433&user=alice')).toEqual({ host: '/tmp/pg', port: 5433, user: 'alice', database: 'wfm' });
    expect(parsePostgresUrl('postgresql:///wfm?host=%2Ftmp%2Fpg')).toEqual({ host: '/tmp/pg', database: 'wfm' });
  });

  it('lets parameters override the parts before the "?" (the later wins)', () => {
    expect(parsePostgresUrl('postgresql://a:pw1@h1:1111/one?host=h2&port=2222&dbname=two&user=b&password=pw%262')).toEqual({
      host: 'h2',
      port: 2222,
      database: 'two',
      user: 'b',
      password: 'pw&2',
    });
    expect(parsePostgresUrl('postgresql://h/d?sslmode=disable&sslmode=verify-full').ssl).toEqual({ rejectUnauthorized: true });
  });

  it('reads IPv6 addresses in brackets', () => {
    expect(parsePostgresUrl('postgresql://[::1]:5433/wfm')).toEqual({ host: '::1', port: 5433, database: 'wfm' });
    expect(parsePostgresUrl('postgresql://u@[2001:db8::7]/wfm')).toEqual({ user: 'u', host: '2001:db8::7', database: 'wfm' });
    expect(parsePostgresUrl('postgresql://[fe80::1%25eth0]/wfm').host).toBe('fe80::1%eth0');
  });

  it('maps connect_timeout to milliseconds (0: none)', () => {
    expect(parsePostgresUrl('postgresql://h/d?connect_timeout=10').connectionTimeoutMillis).toBe(10_000);
    expect('connectionTimeoutMillis' in parsePostgresUrl('postgresql://h/d?connect_timeout=0')).toBe(false);
  });

  it('maps each sslmode to what node-postgres does with one try', () => {
    const ssl = (mode: string) => parsePostgresUrl(`postgresql://db.example/wfm?sslmode=${mode}`).ssl;
    expect(ssl('disable')).toBe(false);
    expect(ssl('allow')).toBe(false);
    expect(ssl('prefer')).toEqual({ rejectUnauthorized: false });
    expect(ssl('require')).toEqual({ rejectUnauthorized: false });
    const ca = ssl('verify-ca') as { rejectUnauthorized: boolean; checkServerIdentity: () => unknown };
    expect(ca.rejectUnauthorized).toBe(true);
    expect(ca.checkServerIdentity()).toBeUndefined(); // the chain is checked, the host name is not
    expect(ssl('verify-full')).toEqual({ rejectUnauthorized: true });
    // over a unix socket there is no TLS, as in libpq
    expect(parsePostgresUrl('postgresql:///wfm?host=/tmp/pg&sslmode=require').ssl).toBe(false);
    expect(parsePostgresUrl('postgresql://%2Ftmp%2Fpg/wfm?sslmode=verify-full').ssl).toBe(false);
  });

  it('refuses malformed URLs with the reason, the URL shown redacted', () => {
    const bad: [string, RegExp][] = [
      ['mysql://db/wfm', /^not a PostgreSQL URL \(postgres:\/\/ or postgresql:\/\/\): mysql:\/\/db\/wfm$/],
      ['postgresql://db:99999/wfm', /^bad port "99999" \(a number from 1 to 65535\) in the PostgreSQL URL postgresql:\/\/db:99999\/wfm$/],
      ['postgresql://db:0/wfm', /bad port "0"/],
      ['postgresql://db:54a/wfm', /bad port "54a"/],
      ['postgresql://db:-1/wfm', /bad port "-1"/],
      ['postgresql://db/wfm?port=70000', /bad port "70000"/],
      ['postgresql://db/wfm?sslmode=bogus', /^unknown sslmode "bogus" \(one of disable, allow, prefer, require, verify-ca, verify-full\) in the PostgreSQL URL/],
      ['postgresql://db/wfm?sslmode=', /unknown sslmode ""/],
      ['postgresql://db/wfm?sslrootcert=/etc/ca.pem', /unknown parameter "sslrootcert" \(wfm understands host, port, dbname, user, password, sslmode, application_name, connect_timeout\)/],
      ['postgresql://db/wfm?ssl=true', /unknown parameter "ssl" .*for TLS write sslmode=require/],
      ['postgresql://db/wfm?sslmode', /a parameter without a value/],
      ['postgresql://db/wfm?connect_timeout=soon', /bad connect_timeout "soon" \(whole seconds\)/],
      ['postgresql://h1:5432,h2:5432/wfm', /several hosts/],
      ['postgresql://db/wfm?host=h1,h2', /several hosts/],
      ['postgresql://::1/wfm', /IPv6 address without brackets/],
      ['postgresql://[::1/wfm', /unclosed \[/],
      ['postgresql://%zz@db/wfm', /bad percent-encoding in the user name/],
      ['postgresql://db/w%f', /bad percent-encoding in the database name/],
      ['postgresql://db/wfm\n', /control character/],
      ['postgresql://db/w@fm', /an "@" after the host/],
    ];
    for (const [url, rx] of bad) expect(() => parsePostgresUrl(url), url).toThrow(rx);
  });

  it('never shows the password in its errors, even one that broke the URL apart', () => {
    const cases: [string, string[]][] = [
      ['postgresql://wfm:hunter2@db:99999/wfm', ['hunter2']],
      ['postgresql://wfm:hunter2@db/wfm?sslmode=bogus', ['hunter2']],
      ['postgresql://db/wfm?password=hunter2&sslmode=bogus', ['hunter2']],
      ['postgresql://wfm:p%zzw@db/wfm', ['p%zzw', 'zzw']],
      // unencoded / ? in the password: split into the wrong parts, and those parts are not quoted
      ['postgresql://wfm:se/cret@db/wfm', ['se/cret', 'cret']],
      ['postgresql://wfm:se?cret@db/wfm', ['se?cret', '"se"', 'cret']],
      ['postgresql://wfm:12?x=3@db/wfm', ['12?x', '"12"', '"x"', 'x=3']],
    ];
    for (const [url, secrets] of cases) {
      let message = '';
      try {
        parsePostgresUrl(url);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, url).not.toBe('');
      for (const s of secrets) expect(message, url).not.toContain(s);
    }
    expect(() => parsePostgresUrl('postgresql://wfm:hunter2@db:99999/wfm')).toThrow('in the PostgreSQL URL postgresql://wfm:***@db:99999/wfm');
    expect(() => parsePostgresUrl('postgresql://wfm:se/cret@db/wfm')).toThrow(
      'an "@" after the host (percent-encode a / in the password as %2F, an @ in a database name as %40) in the PostgreSQL URL postgresql://wfm:***@db/wfm',
    );
  });
});

describe('redactUrl', () => {
  it('shows the password as ***, wherever it is', () => {
    expect(redactUrl('postgresql://wfm:s3cret@db.example/wfm')).toBe('postgresql://wfm:***@db.example/wfm');
    expect(redactUrl('postgres://wfm:p%40ss@[::1]:5433/wfm?sslmode=require')).toBe('postgres://wfm:***@[::1]:5433/wfm?sslmode=require');
    expect(redactUrl('postgresql://db/wfm?user=wfm&password=s3cret&sslmode=require')).toBe('postgresql://db/wfm?user=wfm&password=***&sslmode=require');
    expect(redactUrl('postgresql://wfm:a/b?c@db/wfm')).toBe('postgresql://wfm:***@db/wfm');
  });

  it('leaves an address without a password as it is', () => {
    for (const s of ['postgresql://wfm@db.example/wfm', 'postgresql://db:5432/wfm', 'postgresql://wfm:@db/wfm', 'wfm.db', '/var/lib/wfm/wfm.db']) expect(redactUrl(s)).toBe(s);
  });
});

describe('redactSecrets', () => {
  it('removes the URL and the password in every form from a text', () => {
    const url = 'postgresql://wfm:p%40ss%2Fw@db/wfm';
    const text = `connecting to ${url} failed; password p@ss/w; as written p%40ss%2Fw; re-encoded p%40ss%2Fw`;
    expect(redactSecrets(text, url)).toBe('connecting to postgresql://wfm:***@db/wfm failed; password ***; as written ***; re-encoded ***');
    expect(redactSecrets('password=s3cret rejected', 'postgresql://db/wfm?password=s3cret')).toBe('password=*** rejected');
  });

  it('removes even a short password everywhere, and leaves a text without it as it is', () => {
    expect(redactSecrets('box of x', 'postgresql://u:x@h/d')).toBe('bo*** of ***');
    expect(redactSecrets('connection refused', 'postgresql://u:s3cret@h/d')).toBe('connection refused');
    expect(redactSecrets('connection refused', 'postgresql://u@h/d')).toBe('connection refused');
  });

  it('works on a URL that does not parse', () => {
    expect(redactSecrets('bad: postgresql://wfm:se/cret@db/wfm (se/cret)', 'postgresql://wfm:se/cret@db/wfm')).toBe('bad: postgresql://wfm:***@db/wfm (***)');
  });
});

describePg('a real server: where the password comes from', () => {
  let role = { user: '', password: '', url: '' };
  let host = '';
  let port = 0;
  let home = '';
  const saved = { HOME: process.env.HOME, PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
  const restore = () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };

  beforeAll(async () => {
    // a role whose password the server checks; made hard to pass along: a quote, a colon and a
    // backslash for ~/.pgpass escaping, @ / ? # % and a space for the URL's
    role = await freshPgLoginRole();
    role.password = "pa:ss\\w'0rd @/?#%x";
    const admin = new pg.Client(await pgAdminUrl());
    await admin.connect();
    await admin.query(`ALTER ROLE ${admin.escapeIdentifier(role.user)} PASSWORD ${admin.escapeLiteral(role.password)}`);
    await admin.end();
    const at = parsePostgresUrl(role.url);
    host = at.host ?? '';
    port = at.port ?? 0;
    home = mkdtempSync(join(tmpdir(), 'wfm-pghome-'));
  });
  afterEach(restore);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  /** Connects with parsePostgresUrl(url) and says who we are; HOME is an empty folder unless set. */
  async function whoAmI(url: string): Promise<string> {
    const config: PgConnectionConfig = parsePostgresUrl(url);
    const c = new pg.Client(config);
    await c.connect();
    try {
      return (await c.query<{ who: string }>('SELECT current_user AS who')).rows[0].who;
    } finally {
      await c.end();
    }
  }
  const noPassword = () => `postgresql://${role.user}@${host}:${port}/postgres`;
  const bareEnv = (dir: string) => {
    process.env.HOME = dir;
    delete process.env.PGPASSWORD;
    delete process.env.PGPASSFILE;
  };

  it('needs a password at all: none given, none in the environment or ~/.pgpass, refused', async () => {
    const empty = mkdtempSync(join(home, 'empty-'));
    bareEnv(empty);
    expect('password' in parsePostgresUrl(noPassword())).toBe(false);
    await expect(whoAmI(noPassword())).rejects.toThrow(/password/);
  });

  it('from the URL (percent-encoded), with application_name', async () => {
    bareEnv(home);
    const url = `postgresql://${role.user}:${encodeURIComponent(role.password)}@${host}:${port}/postgres?application_name=wfm-url-test&sslmode=disable`;
    const c = new pg.Client(parsePostgresUrl(url));
    await c.connect();
    const [row] = (await c.query<{ who: string; app: string }>("SELECT current_user AS who, current_setting('application_name') AS app")).rows;
    await c.end();
    expect(row).toEqual({ who: role.user, app: 'wfm-url-test' });
  });

  it('from PGPASSWORD when the URL has none', async () => {
    const empty = mkdtempSync(join(home, 'empty-'));
    bareEnv(empty);
    process.env.PGPASSWORD = role.password;
    expect(await whoAmI(noPassword())).toBe(role.user);
  });

  it('from ~/.pgpass when the URL has none (node-postgres 8 reads it, with a DeprecationWarning)', async () => {
    const dir = mkdtempSync(join(home, 'pgpass-'));
    bareEnv(dir);
    const file = join(dir, '.pgpass');
    const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
    writeFileSync(file, `# host:port:database:user:password\notherhost:${port}:*:${esc(role.user)}:wrong\n${host}:${port}:*:${esc(role.user)}:${esc(role.password)}\n`);
    chmodSync(file, 0o600); // a file others may read is ignored, as by libpq
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      expect(await whoAmI(noPassword())).toBe(role.user);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    // pg 8 announces that pg 9 drops ~/.pgpass (printed on stderr once per process)
    expect(warnings.join('\n')).toMatch(/DeprecationWarning: pgpass support is deprecated and will be removed in pg@9/);
    // and the file is really what let us in: readable by others, it is ignored
    chmodSync(file, 0o644);
    await expect(whoAmI(noPassword())).rejects.toThrow(/password/);
  });

  it('a wrong password is refused, and nothing about the error holds it', async () => {
    bareEnv(home);
    const wrong = 'Wr0ng-Passw0rd/42';
    const url = `postgresql://${role.user}:${encodeURIComponent(wrong)}@${host}:${port}/postgres`;
    let err: unknown;
    try {
      await whoAmI(url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    const e = err as Error & { code?: string };
    expect(e.code).toBe('28P01');
    expect(e.message).toBe(`password authentication failed for user "${role.user}"`);
    for (const shown of [e.message, String(e), e.stack ?? '', inspect(e, { depth: 5 }), JSON.stringify(e)]) {
      expect(shown).not.toContain(wrong);
      expect(shown).not.toContain(encodeURIComponent(wrong));
    }
    // what the store will print: the redacted URL and the server's reason
    const printed = redactSecrets(`cannot connect to ${url}: ${e.message}`, url);
    expect(printed).toBe(`cannot connect to postgresql://${role.user}:***@${host}:${port}/postgres: password authentication failed for user "${role.user}"`);
  });
});
