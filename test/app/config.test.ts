/**
 * wfm.yaml (src/app/config.ts) and each queue's targets (src/app/targets.ts), called directly:
 * the values as written, errors that name the file, the line (counted by hand in the texts below)
 * and the key path, the search for the file, and the precedence flag > env > file > built-in.
 */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, NO_CONFIG, resolveGlobals } from '../../src/app/config.js';
import { loadConfig, parseConfig } from '../../src/app/config-file.js';
import { targetResolver } from '../../src/app/targets.js';
import { InputError, UsageError } from '../../src/errors.js';

/** The shape the issue asks for, verbatim. */
const ISSUE_EXAMPLE = `db: ./wfm.db
tz: Asia/Shanghai
defaults:            # every queue not listed below
  sla: 80/20
  shrinkage: 30%
queues:
  vip:
    sla: 90/10
    max-occupancy: 85%
    shrinkage: 35%
`;

function problem(text: string): InputError {
  try {
    parseConfig(text, '/site/wfm.yaml');
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('wfm.yaml', () => {
  it('reads the shape of the issue: paths against the file\'s folder, shares as fractions, X/T targets', () => {
    const c = parseConfig(ISSUE_EXAMPLE, '/site/wfm.yaml');
    expect(c.file).toBe('/site/wfm.yaml');
    expect(c.db).toBe('/site/wfm.db');
    expect(c.tz).toBe('Asia/Shanghai');
    expect(c.defaults).toEqual({ sla: { target: 0.8, seconds: 20 }, shrinkage: 0.3 });
    expect(c.queues.vip).toEqual({ sla: { target: 0.9, seconds: 10 }, maxOccupancy: 0.85, shrinkage: 0.35 });
  });

  it('reads every key (numbers may be written as numbers)', () => {
    const c = parseConfig(
      'lang: zh-CN\nholidays: none\nroster-rules: rules/roster.yaml\nalert-rules: /etc/wfm/alerts.yaml\nqueues:\n  billing:\n    asa: 30\n    patience: 180\n    max-abandon: 0.05\n    aht: "240"\n    short-abandon: 3\n',
      '/site/wfm.yaml',
    );
    expect(c).toMatchObject({ lang: 'zh-CN', holidays: 'none', rosterRules: '/site/rules/roster.yaml', alertRules: '/etc/wfm/alerts.yaml' });
    expect(c.queues.billing).toEqual({ asa: 30, patience: 180, maxAbandon: 0.05, aht: 240, shortAbandon: 3 });
  });

  it('an empty file is no settings', () => {
    expect(parseConfig('', '/x/wfm.yaml')).toEqual({ file: '/x/wfm.yaml', defaults: {}, queues: {}, lines: {} });
    expect(parseConfig('# nothing yet\n', '/x/wfm.yaml').queues).toEqual({});
  });

  it('a bad value names the file, the line of its key and the key path', () => {
    const e = problem(ISSUE_EXAMPLE.replace('sla: 90/10', 'sla: 90-10'));
    expect(e.where).toEqual({ file: '/site/wfm.yaml', line: 8, field: 'queues.vip.sla' });
    expect(e.msg.key).toBe('opt.badSla');
    const share = problem(ISSUE_EXAMPLE.replace('shrinkage: 30%', 'shrinkage: 130%'));
    expect(share.where).toEqual({ file: '/site/wfm.yaml', line: 5, field: 'defaults.shrinkage' });
    expect(problem('tz: Mars/Base\n').where).toEqual({ file: '/site/wfm.yaml', line: 1, field: 'tz' });
    expect(problem('lang: fr\n').where.field).toBe('lang');
  });

  it('an unknown key is an error naming its path and the keys there are (a typo is not silently ignored)', () => {
    const e = problem(ISSUE_EXAMPLE.replace('max-occupancy: 85%', 'max-ocupancy: 85%'));
    expect(e.where).toEqual({ file: '/site/wfm.yaml', line: 9, field: 'queues.vip.max-ocupancy' });
    expect(e.msg.key).toBe('config.unknownKey');
    expect(String(e.msg.params?.keys)).toContain('max-occupancy');
    expect(problem('timezone: UTC\n').where).toEqual({ file: '/site/wfm.yaml', line: 1, field: 'timezone' });
  });

  it('YAML that does not parse, and a list where a mapping belongs', () => {
    const syntax = problem('db: a\nqueues:\n  vip: [\n');
    expect(syntax.msg.key).toBe('config.syntax');
    expect(syntax.where.file).toBe('/site/wfm.yaml');
    expect(syntax.where.line).toBeGreaterThanOrEqual(3);
    expect(problem('- a\n- b\n').msg.key).toBe('config.notMap');
    expect(problem('queues:\n  vip: 80/20\n').where).toEqual({ file: '/site/wfm.yaml', line: 2, field: 'queues.vip' });
  });

  it('is found in the folder or a parent, or named by WFM_CONFIG or --config; none is null', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-config-')));
    const deep = join(root, 'site', 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(findConfig(deep, {})).toBeNull();
    writeFileSync(join(root, 'site', 'wfm.yaml'), 'tz: UTC\n');
    expect(findConfig(deep, {})).toBe(join(root, 'site', 'wfm.yaml'));
    writeFileSync(join(root, 'other.yaml'), 'tz: Asia/Shanghai\n');
    expect(findConfig(deep, { WFM_CONFIG: join(root, 'other.yaml') })).toBe(join(root, 'other.yaml'));
    expect(findConfig(deep, { WFM_CONFIG: join(root, 'other.yaml') }, '../x.yaml')).toBe(join(root, 'site', 'a', 'x.yaml'));
    expect(loadConfig(join(root, 'site', 'wfm.yaml')).tz).toBe('UTC');
    expect(() => loadConfig(join(root, 'missing.yaml'))).toThrow(InputError);
  });
});

describe('precedence of db, tz and lang: flag > environment > wfm.yaml > built-in', () => {
  const file = parseConfig('db: data/wfm.db\ntz: Asia/Shanghai\nlang: zh-CN\n', '/site/wfm.yaml');
  it('the file over the built-in defaults (and the locale)', () => {
    const g = resolveGlobals({}, { LANG: 'en_US.UTF-8' }, file, 'Europe/Berlin');
    expect(g.db).toEqual({ value: '/site/data/wfm.db', source: 'file', from: '/site/wfm.yaml' });
    expect(g.tz).toEqual({ value: 'Asia/Shanghai', source: 'file', from: '/site/wfm.yaml' });
    expect(g.lang).toEqual({ value: 'zh-CN', source: 'file', from: '/site/wfm.yaml' });
  });
  it('the environment over the file', () => {
    const g = resolveGlobals({}, { WFM_DB: 'env.db', WFM_TZ: 'UTC', WFM_LANG: 'en' }, file, 'Europe/Berlin');
    expect([g.db.value, g.db.source, g.db.from]).toEqual(['env.db', 'env', 'WFM_DB']);
    expect([g.tz.value, g.tz.source]).toEqual(['UTC', 'env']);
    expect([g.lang.value, g.lang.source]).toEqual(['en', 'env']);
  });
  it('a flag over everything', () => {
    const g = resolveGlobals({ db: 'flag.db', tz: 'Asia/Tokyo', lang: 'en' }, { WFM_DB: 'env.db', WFM_TZ: 'UTC', WFM_LANG: 'zh-CN' }, file, 'Europe/Berlin');
    expect([g.db, g.tz, g.lang].map((x) => [x.value, x.source])).toEqual([
      ['flag.db', 'flag'],
      ['Asia/Tokyo', 'flag'],
      ['en', 'flag'],
    ]);
  });
  it('without any: ./wfm.db, the system zone, the locale', () => {
    const g = resolveGlobals({}, { LC_ALL: 'zh_CN.UTF-8' }, NO_CONFIG, 'Europe/Berlin');
    expect([g.db.value, g.db.source]).toEqual(['wfm.db', 'built-in']);
    expect([g.tz.value, g.tz.source]).toEqual(['Europe/Berlin', 'built-in']);
    expect(g.lang).toEqual({ value: 'zh-CN', source: 'locale', from: 'LC_ALL' });
    expect(resolveGlobals({}, {}, NO_CONFIG, 'UTC').lang).toEqual({ value: 'en', source: 'built-in' });
  });
  it('a bad WFM_TZ or WFM_LANG is an error naming the variable', () => {
    for (const env of [{ WFM_TZ: 'Mars/Base' }, { WFM_LANG: 'xx' }]) {
      try {
        resolveGlobals({}, env, NO_CONFIG, 'UTC');
        throw new Error('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        expect((err as InputError).where.field).toBe(Object.keys(env)[0]);
      }
    }
  });
});

describe("each queue's targets", () => {
  const config = parseConfig(ISSUE_EXAMPLE + '  billing:\n    patience: 150\n    max-abandon: 4%\n', '/site/wfm.yaml');
  it('a listed queue takes its own keys over the defaults, others take the defaults, then the built-in ones', () => {
    const t = targetResolver(config, {});
    expect(t('vip')).toMatchObject({ sla: { target: 0.9, seconds: 10 }, shrinkage: 0.35, targets: { serviceLevel: { target: 0.9, seconds: 10 }, maxOccupancy: 0.85 }, shortAbandon: 5 });
    expect(t('billing')).toMatchObject({ sla: { target: 0.8, seconds: 20 }, shrinkage: 0.3, patience: 150, targets: { maxAbandon: 0.04 } });
    expect(t('fault-reports')).toMatchObject({ sla: { target: 0.8, seconds: 20 }, shrinkage: 0.3, targets: { maxOccupancy: undefined } });
    expect(targetResolver(NO_CONFIG, {})('any')).toMatchObject({ sla: { target: 0.8, seconds: 20 }, shrinkage: 0, shortAbandon: 5 });
  });
  it('a flag applies to every queue', () => {
    const t = targetResolver(config, { sla: { target: 0.7, seconds: 30 }, shrinkage: 0.1 });
    for (const q of ['vip', 'billing', 'other']) expect(t(q)).toMatchObject({ sla: { target: 0.7, seconds: 30 }, shrinkage: 0.1 });
    expect(t('vip').targets.maxOccupancy).toBe(0.85);
  });
  it('max-abandon without patience: a usage error for the flag, the key path for the file', () => {
    expect(() => targetResolver(NO_CONFIG, { maxAbandon: 0.05 })('x')).toThrow(UsageError);
    const bad = parseConfig('queues:\n  vip:\n    max-abandon: 5%\n', '/site/wfm.yaml');
    try {
      targetResolver(bad, {})('vip');
      throw new Error('accepted');
    } catch (err) {
      expect((err as InputError).where).toEqual({ file: '/site/wfm.yaml', line: 3, field: 'queues.vip.max-abandon' });
    }
    // a queue without the key is not affected
    expect(targetResolver(bad, {})('billing').targets.maxAbandon).toBeUndefined();
  });
});

describe('the search for wfm.yaml stops at the home folder', () => {
  it('a wfm.yaml above HOME is not found from inside it', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'wfm-home-')));
    const sub = join(root, 'home', 'ann', 'site', 'reports');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(root, 'wfm.yaml'), 'tz: UTC\n');
    expect(findConfig(sub, { HOME: join(root, 'home', 'ann') })).toBeNull();
    writeFileSync(join(root, 'home', 'ann', 'wfm.yaml'), 'tz: UTC\n');
    expect(findConfig(sub, { HOME: join(root, 'home', 'ann') })).toBe(join(root, 'home', 'ann', 'wfm.yaml'));
    // outside HOME the search goes on up (but never into the temp folder or / themselves)
    expect(findConfig(sub, { HOME: '/nowhere' })).toBe(join(root, 'home', 'ann', 'wfm.yaml'));
  });
});
