/**
 * Sites (issue 16) on the embedded SQLite store, through the CLI: two PBXs' exports with the same
 * Asterisk uniqueids are two sets of calls; reports cover every site (one row per site and queue, each
 * in its own zone) or the one named; planning commands ask for a site when there are several; the
 * audit log records every change; `wfm db copy` gives a store whose reports are identical.
 * Expectations are counted from the generator's own calls (test/helpers/queue-log-gen.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { generate, type GenCall } from '../helpers/queue-log-gen.js';

let dir: string;
let calls: GenCall[];
const ZONES = { north: 'Asia/Shanghai', south: 'Europe/Berlin' } as const;
const DAY = '2026-12-07';

const json = <T>(args: string[], env: Record<string, string> = {}) => {
  const r = wfm([...args, '--format', 'json'], dir, env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-sites-'));
  // 500 calls from 2026-12-06 20:00 UTC, one every ~3 minutes: both sites' local 7 December
  const g = generate({ seed: 11, calls: 500, startS: Date.UTC(2026, 11, 6, 20) / 1000, meanGapS: 180 });
  calls = g.calls;
  writeFileSync(join(dir, 'pbx.log'), g.lines.map((l) => l.text).join('\n') + '\n');
  for (const [site, tz] of Object.entries(ZONES)) {
    const r = wfm(['import', 'queue-log', 'pbx.log', '--site', site, '--tz', tz, '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
  }
});

/** Calls of the generator that entered in `day` in `zone`, per queue. */
function expectedPerQueue(zone: string, day: string): Record<string, number> {
  const from = DateTime.fromISO(day, { zone }).toMillis();
  const to = DateTime.fromISO(day, { zone }).plus({ days: 1 }).toMillis();
  const out: Record<string, number> = {};
  for (const c of calls) if (c.enteredMs >= from && c.enteredMs < to) out[c.queue] = (out[c.queue] ?? 0) + 1;
  return out;
}

interface SlaJson {
  site: string;
  queue: string;
  intervalStart: string | null;
  offered: number;
}

describe('two sites with the same call ids', () => {
  it('are two sets of calls, each site with its zone', () => {
    const st = json<{ backend: string; sites: { name: string; tz: string }[]; rows: Record<string, number> }>(['db', 'status']);
    expect(st.backend).toBe('sqlite');
    expect(st.sites).toEqual([
      { name: 'north', tz: 'Asia/Shanghai' },
      { name: 'south', tz: 'Europe/Berlin' },
    ]);
    expect(st.rows.calls).toBe(2 * calls.length);
    expect(st.rows.imports).toBe(2);
  });

  it('report sla without --site: one row per site and queue, each counted over its own local day', () => {
    const rows = json<SlaJson[]>(['report', 'sla', '--from', DAY, '--to', DAY, '--interval', 'day']);
    for (const [site, zone] of Object.entries(ZONES)) {
      const got = Object.fromEntries(rows.filter((r) => r.site === site && r.intervalStart === null).map((r) => [r.queue, r.offered]));
      expect(got).toEqual(expectedPerQueue(zone, DAY));
    }
    // the two local days differ (7 hours apart), so the sites' counts do too
    expect(expectedPerQueue(ZONES.north, DAY)).not.toEqual(expectedPerQueue(ZONES.south, DAY));
    // the table shows a site column
    const table = wfm(['report', 'sla', '--from', DAY, '--to', DAY, '--interval', 'day', '--format', 'table'], dir);
    expect(table.stdout).toMatch(/^site\s+queue/m);
    expect(table.stdout).toContain('Asia/Shanghai (north), Europe/Berlin (south)');
  });

  it('--site names one: only its rows, intervals in its zone', () => {
    const north = json<SlaJson[]>(['report', 'sla', '--from', DAY, '--to', DAY, '--interval', '60', '--site', 'north']);
    expect(new Set(north.map((r) => r.site))).toEqual(new Set(['north']));
    expect(north.filter((r) => r.intervalStart !== null).every((r) => r.intervalStart!.endsWith('+08:00'))).toBe(true);
    const south = json<SlaJson[]>(['report', 'sla', '--from', DAY, '--to', DAY, '--interval', '60'], { WFM_SITE: 'south' });
    expect(south.filter((r) => r.intervalStart !== null).every((r) => r.intervalStart!.endsWith('+01:00'))).toBe(true);
    expect(Object.fromEntries(south.filter((r) => r.intervalStart === null).map((r) => [r.queue, r.offered]))).toEqual(expectedPerQueue(ZONES.south, DAY));
    // a site the store does not know: see 'a --site the store does not know' below
  });

  it('importing both again changes nothing', () => {
    for (const [site, tz] of Object.entries(ZONES)) {
      const s = json<{ calls: number; newCalls: number }>(['import', 'queue-log', 'pbx.log', '--site', site, '--tz', tz]);
      expect([s.calls, s.newCalls]).toEqual([calls.length, 0]);
    }
    expect(json<{ rows: Record<string, number> }>(['db', 'status']).rows.calls).toBe(2 * calls.length);
  });

  it('a planning command asks which site when there are several', () => {
    const r = wfm(['forecast', '--start', '2026-12-08', '--days', '1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('several sites (north, south)');
    expect(r.stderr).toContain('--site');
  });

  it('a bad site name is exit 2 naming it', () => {
    const r = wfm(['report', 'sla', '--from', DAY, '--to', DAY, '--site', 'bad\u0007name'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a site name');
  });
});

describe('the audit log', () => {
  it('records each import with its site, the OS user and the counts; filters by site and user', () => {
    type Row = { at: string; user: string; action: string; site: string | null; detail: Record<string, unknown> };
    const all = json<Row[]>(['audit']);
    const me = userInfo().username;
    const imports = all.filter((a) => a.action === 'import.queue-log');
    // two imports per site (the second run of 'importing both again' wrote nothing new but is a run)
    expect(imports.map((a) => a.site).sort()).toEqual(['north', 'north', 'south', 'south']);
    expect(imports.every((a) => a.user === me && Array.isArray(a.detail.files) && typeof a.detail.lines === 'number')).toBe(true);
    expect(all[all.length - 1]).toMatchObject({ action: 'db.migrate', site: null, user: me, detail: { from: 0, to: 7 } });
    // newest first
    expect([...all].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((a) => a.at)).toEqual(all.map((a) => a.at));
    expect(json<Row[]>(['audit', '--site', 'south']).every((a) => a.site === 'south')).toBe(true);
    expect(json<Row[]>(['audit', '--user', 'nobody-here'])).toEqual([]);
    expect(wfm(['audit', '--format', 'table'], dir).stdout).toMatch(/import\.queue-log\s+north\s+files=pbx\.log/);
  });
});

describe('wfm db copy (SQLite to SQLite)', () => {
  it('copies everything in one go; every report is identical on the copy; a store with data is refused', () => {
    const c = json<{ rows: Record<string, number>; migrated: boolean }>(['db', 'copy', '--from', 'wfm.db', '--to', 'copy.db']);
    expect(c.rows.calls).toBe(2 * calls.length);
    expect(c.migrated).toBe(true);
    for (const args of [
      ['report', 'sla', '--from', DAY, '--to', DAY, '--interval', '30', '--format', 'csv'],
      ['report', 'sla', '--from', DAY, '--to', DAY, '--by', 'agent', '--format', 'json'],
      ['report', 'staffing', '--date', DAY, '--format', 'json'],
      ['report', 'agents', '--date', DAY, '--format', 'json'],
      ['report', 'daily', '--date', DAY, '--format', 'md'],
      ['alerts', 'check', '--date', DAY, '--format', 'json'],
    ]) {
      const a = wfm(args, dir);
      const b = wfm([...args, '--db', 'copy.db'], dir);
      expect([b.code, b.stdout], args.join(' ')).toEqual([a.code, a.stdout]);
    }
    // the copy's audit log: the source's rows, then the copy itself
    const audit = json<{ action: string }[]>(['audit', '--db', 'copy.db']);
    expect(audit[0].action).toBe('db.copy');
    expect(audit.filter((a) => a.action === 'import.queue-log')).toHaveLength(4);
    const again = wfm(['db', 'copy', '--from', 'wfm.db', '--to', 'copy.db'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds data');
    const same = wfm(['db', 'copy', '--from', 'wfm.db', '--to', join(dir, 'wfm.db')], dir);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('same store');
  });
});

describe('a site keeps its zone; names and dates per site (review of the sites change)', () => {
  it('a later write without --tz (an agents CSV, a forecast saved on a UTC machine) does not move the site; only --tz does', () => {
    const d = mkdtempSync(join(tmpdir(), 'wfm-sites-zone-'));
    writeFileSync(join(d, 'pbx.log'), generate({ seed: 11, calls: 500, startS: Date.UTC(2026, 11, 6, 20) / 1000, meanGapS: 180 }).lines.map((l) => l.text).join('\n') + '\n');
    const imp = wfm(['import', 'queue-log', 'pbx.log', '--site', 'north', '--tz', ZONES.north], d);
    expect(imp.code, imp.stderr).toBe(0);
    writeFileSync(join(d, 'agents.csv'), 'agent_id,name,team\nA1,Ann,T1\n');
    const people = wfm(['import', 'agents', 'agents.csv', '--site', 'north'], d); // WFM_TZ=UTC
    expect(people.code, people.stderr).toBe(0);
    const st = (dd: string) => (JSON.parse(wfm(['db', 'status', '--format', 'json'], dd).stdout) as { sites: { name: string; tz: string }[] }).sites;
    expect(st(d)).toEqual([{ name: 'north', tz: ZONES.north }]);
    // the day's counts are still the Shanghai day's
    const sla = JSON.parse(wfm(['report', 'sla', '--site', 'north', '--from', DAY, '--to', DAY, '--interval', 'day', '--format', 'json'], d).stdout) as SlaJson[];
    const byQueue = Object.fromEntries(sla.map((r) => [r.queue, r.offered]));
    expect(byQueue).toEqual(expectedPerQueue(ZONES.north, DAY));
    // a second queue_log import without --tz reads its times in the site's zone: nothing new
    const again = JSON.parse(wfm(['import', 'queue-log', 'pbx.log', '--site', 'north', '--format', 'json'], d).stdout) as { newCalls: number };
    expect(again.newCalls).toBe(0);
    // an explicit --tz does change it
    expect(wfm(['import', 'agents', 'agents.csv', '--site', 'north', '--tz', 'Europe/Berlin'], d).code).toBe(0);
    expect(st(d)).toEqual([{ name: 'north', tz: 'Europe/Berlin' }]);
  });

  it('the first import into a schema-5 store without --tz reads its times in the zone the migration gives the site', async () => {
    const d = mkdtempSync(join(tmpdir(), 'wfm-sites-v5-'));
    writeFileSync(join(d, 'pbx.log'), generate({ seed: 11, calls: 500, startS: Date.UTC(2026, 11, 6, 20) / 1000, meanGapS: 180 }).lines.map((l) => l.text).join('\n') + '\n');
    const Database = (await import('better-sqlite3')).default;
    const { LEGACY_SQLITE } = await import('../../src/store/migrations.js');
    const old = new Database(join(d, 'wfm.db'));
    for (const sql of LEGACY_SQLITE) old.exec(sql);
    old.pragma('user_version = 5');
    old.exec(`INSERT INTO imports (kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls) VALUES ('queue-log', '["x"]', '${ZONES.north}', 1, 2, 0, 0, 0, 0)`);
    old.close();
    const imp = wfm(['import', 'queue-log', 'pbx.log'], d); // WFM_TZ=UTC
    expect(imp.code, imp.stderr).toBe(0);
    const sla = JSON.parse(wfm(['report', 'sla', '--from', DAY, '--to', DAY, '--interval', 'day', '--format', 'json'], d).stdout) as SlaJson[];
    expect(Object.fromEntries(sla.map((r) => [r.queue, r.offered]))).toEqual(expectedPerQueue(ZONES.north, DAY));
    const check = new Database(join(d, 'wfm.db'), { readonly: true });
    expect(check.prepare(`SELECT DISTINCT tz FROM calls`).pluck().all()).toEqual([ZONES.north]);
    check.close();
  });

  it('a --site the store does not know is exit 2 listing the known ones (alerts must not go quiet on a typo); wfm.yaml may name more', () => {
    const r = wfm(['alerts', 'check', '--date', DAY, '--site', 'nrth'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no site "nrth" (it has north, south');
    const zh = wfm(['report', 'sla', '--from', DAY, '--to', DAY, '--site', 'nrth', '--lang', 'zh-CN'], dir);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('没有站点“nrth”');
    writeFileSync(join(dir, 'wfm.yaml'), 'sites:\n  east: { tz: Asia/Shanghai }\n');
    try {
      const east = wfm(['report', 'sla', '--from', DAY, '--to', DAY, '--site', 'east', '--format', 'json'], dir);
      expect(east.code, east.stderr).toBe(0);
      expect(JSON.parse(east.stdout)).toEqual([]);
    } finally {
      rmSync(join(dir, 'wfm.yaml'));
    }
  });

  it('alerts: each JSON row carries its site\'s day; without --date each site is checked on its own yesterday', async () => {
    const r = wfm(['alerts', 'check', '--date', DAY, '--format', 'json'], dir);
    expect(r.code).toBe(5);
    const rows = JSON.parse(r.stdout) as { site: string; date: string }[];
    expect(new Set(rows.map((a) => a.site))).toEqual(new Set(['north', 'south']));
    expect(rows.every((a) => a.date === DAY)).toBe(true);
    // 2026-12-07 22:00 UTC: 06:00 on the 8th in Shanghai (yesterday the 7th), 23:00 on the 7th in Berlin (yesterday the 6th)
    const { dayFigures } = await import('../../src/app/reports.js');
    const { resolveGlobals, NO_CONFIG } = await import('../../src/app/config.js');
    const { testSession } = await import('../helpers/session.js');
    const s = testSession({ cwd: dir, tz: 'UTC', settings: resolveGlobals({}, { WFM_TZ: 'UTC' }, NO_CONFIG, 'UTC'), now: () => new Date('2026-12-07T22:00:00Z') });
    const parts = await dayFigures({ yesterday: true, period: {}, interval: 30, shortBy: 1, overBy: 2, outlierZ: 3.5, within: 30 }, s);
    expect(parts.map((p) => [p.site, p.period.fromDate])).toEqual([
      ['north', '2026-12-07'],
      ['south', '2026-12-06'],
    ]);
  });
});

describe('wfm db copy: the source read as of one moment, the destination checked before anything is written', () => {
  it('a destination on an older schema that holds data is refused and left as it was (not upgraded)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'wfm-copy-old-'));
    const Database = (await import('better-sqlite3')).default;
    const { LEGACY_SQLITE } = await import('../../src/store/migrations.js');
    const old = new Database(join(d, 'old.db'));
    for (const sql of LEGACY_SQLITE) old.exec(sql);
    old.pragma('user_version = 5');
    old.exec(`INSERT INTO queues VALUES ('billing')`);
    old.close();
    const r = wfm(['db', 'copy', '--from', join(dir, 'wfm.db'), '--to', 'old.db'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wfm db migrate');
    const check = new Database(join(d, 'old.db'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(5);
    check.close();
  });

  it('an import committed into the source while the copy runs is not half in the copy', async () => {
    const { copy } = await import('../../src/app/db.js');
    const Database = (await import('better-sqlite3')).default;
    const d = mkdtempSync(join(tmpdir(), 'wfm-copy-snap-'));
    const src = join(d, 'src.db');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(dir, 'wfm.db'), src);
    const before = new Database(src, { readonly: true });
    const counts = (db: InstanceType<typeof Database>) => ['calls', 'pending_calls', 'imports', 'queues'].map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    const expected = counts(before);
    before.close();
    // another process's import commits after the copy has read its first table
    let written = false;
    const progress = {
      update: (m: { params?: Record<string, unknown> }) => {
        if (written || m.params?.table !== 'calls') return;
        written = true;
        const w = new Database(src);
        w.exec(`INSERT INTO calls (site, queue, entered_ms, call_id, tz, outcome, wait_s, source) VALUES ('north', 'billing', 1, 'late-1', 'UTC', 'abandoned', 3, 'queue_log');
                INSERT INTO queues (site, name) VALUES ('north', 'late-queue');
                INSERT INTO imports (site, kind, files, tz, started_ms, finished_ms, lines, accepted, rejected, calls) VALUES ('north', 'queue-log', '[]', 'UTC', 1, 2, 1, 1, 0, 1)`);
        w.close();
      },
      done: () => {},
    };
    const { testSession } = await import('../helpers/session.js');
    const s = { ...testSession({ cwd: d }), progress } as unknown as Parameters<typeof copy>[2];
    await copy(src, join(d, 'dest.db'), s);
    expect(written).toBe(true);
    const dest = new Database(join(d, 'dest.db'), { readonly: true });
    expect(counts(dest)).toEqual(expected);
    dest.close();
  });
});
