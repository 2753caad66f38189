/**
 * Sites (issue 16) on the embedded SQLite store, through the CLI: two PBXs' exports with the same
 * Asterisk uniqueids are two sets of calls; reports cover every site (one row per site and queue, each
 * in its own zone) or the one named; planning commands ask for a site when there are several; the
 * audit log records every change; `wfm db copy` gives a store whose reports are identical.
 * Expectations are counted from the generator's own calls (test/helpers/queue-log-gen.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
    // a site without data: no rows
    expect(json<SlaJson[]>(['report', 'sla', '--from', DAY, '--to', DAY, '--site', 'east'])).toEqual([]);
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
    expect(all[all.length - 1]).toMatchObject({ action: 'db.migrate', site: null, user: me, detail: { from: 0, to: 6 } });
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
