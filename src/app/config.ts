/**
 * The site configuration file, `wfm.yaml`: the defaults planners would otherwise retype. Found with
 * `--config FILE`, else `$WFM_CONFIG`, else the first `wfm.yaml` in the current directory or one of
 * its parents (up to the home folder; see findConfig). Validated key by key: an error names the file, the line and the key path
 * (`queues.vip.sla`). Paths in it are relative to the file's folder.
 *
 *   db: ./wfm.db                # the store: a SQLite file, or postgresql://user@host/db
 *   tz: Asia/Shanghai           # the zone (of sites not listed under sites)
 *   site: beijing               # the site commands work on (--site; reports: all sites without one)
 *   sites:                      # each site's zone
 *     beijing: { tz: Asia/Shanghai }
 *     urumqi: { tz: Asia/Urumqi }
 *   lang: zh-CN                 # en or zh-CN
 *   holidays: cn                # forecast holiday calendar: cn or none
 *   roster-rules: rules.yaml    # wfm roster --rules
 *   alert-rules: alerts.yaml    # wfm alerts check / report daily --rules
 *   defaults:                   # every queue not listed under queues
 *     sla: 80/20
 *     shrinkage: 30%
 *   queues:
 *     vip: { sla: 90/10, max-occupancy: 85%, shrinkage: 35% }
 *
 * Queue keys: sla, asa, max-occupancy, shrinkage, patience, max-abandon, aht, short-abandon (see
 * QUEUE_KEYS). Precedence everywhere: a flag, then the environment (WFM_DB, WFM_TZ, WFM_LANG, WFM_SITE), then
 * this file, then the built-in default (for the language: the locale, LC_ALL / LC_MESSAGES / LANG).
 */
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { langFromEnv, parseLang, type Lang } from '../i18n/index.js';
import * as values from '../values.js';

/** A queue's targets and defaults as the file gives them (all optional). */
export interface QueueSettings {
  sla?: values.SlaTarget;
  /** Maximum average speed of answer, seconds. */
  asa?: number;
  maxOccupancy?: number;
  shrinkage?: number;
  /** Mean caller patience, seconds (Erlang A). */
  patience?: number;
  maxAbandon?: number;
  /** Average handle time, seconds, where the data has none. */
  aht?: number;
  /** Abandons after less than this many seconds are short abandons. */
  shortAbandon?: number;
}

export interface SiteConfig {
  /** The file read (absolute path), or null without one. */
  file: string | null;
  /** The store, resolved against the file's folder. */
  db?: string;
  tz?: string;
  lang?: Lang;
  /** The site commands work on unless --site names one. */
  site?: string;
  /** Sites with their zones. */
  sites?: Record<string, { tz?: string }>;
  holidays?: 'cn' | 'none';
  rosterRules?: string;
  alertRules?: string;
  defaults: QueueSettings;
  queues: Record<string, QueueSettings>;
  /** The line of each queue key in the file, by key path (`queues.vip.sla`), for messages. */
  lines?: Record<string, number>;
}

export const NO_CONFIG: SiteConfig = { file: null, defaults: {}, queues: {} };

/** The file name searched for. */
export const CONFIG_NAME = 'wfm.yaml';

/** Larger files are refused (a configuration is a few hundred bytes). */
export const CONFIG_MAX_BYTES = 1 << 20;

type QueueKey = keyof QueueSettings;

/** Keys of a queue section: file spelling -> field and value syntax (read by src/app/config-file.ts). */
export const QUEUE_KEYS: Record<string, { field: QueueKey; parse: (v: string) => unknown }> = {
  sla: { field: 'sla', parse: values.parseSla },
  asa: { field: 'asa', parse: values.parseNonNegativeNumber },
  'max-occupancy': { field: 'maxOccupancy', parse: values.parseCap },
  shrinkage: { field: 'shrinkage', parse: values.parseShrinkage },
  patience: { field: 'patience', parse: values.parsePositiveNumber },
  'max-abandon': { field: 'maxAbandon', parse: values.parseCap },
  aht: { field: 'aht', parse: values.parsePositiveNumber },
  'short-abandon': { field: 'shortAbandon', parse: values.parseNonNegativeNumber },
};

export const TOP_KEYS = ['db', 'tz', 'lang', 'site', 'sites', 'holidays', 'roster-rules', 'alert-rules', 'defaults', 'queues'];

/**
 * The configuration file to read: `explicit` (--config), else $WFM_CONFIG, else wfm.yaml in the
 * current folder or a parent, up to the home folder (when the current one is inside it); the
 * filesystem root and the system's temporary folder themselves are never searched (a stray file
 * there would configure every run below). Null when none.
 */
export function findConfig(cwd: string, env: Record<string, string | undefined>, explicit?: string): string | null {
  const named = explicit ?? (env.WFM_CONFIG || undefined);
  if (named !== undefined) return resolve(cwd, named);
  const home = env.HOME ? resolve(env.HOME) : undefined;
  const temp = resolve(tmpdir());
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const root = dirname(dir) === dir;
    if (!root && dir !== temp) {
      const candidate = join(dir, CONFIG_NAME);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here: look in the parent
      }
    }
    if (root || dir === home) return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The global settings and where each came from

export type SettingSource = 'flag' | 'env' | 'file' | 'locale' | 'built-in';

export interface Setting<T> {
  value: T;
  source: SettingSource;
  /** The environment variable or file it came from, when that says more. */
  from?: string;
}

export interface GlobalFlags {
  db?: string;
  tz?: string;
  lang?: Lang;
  site?: string;
}

export interface Globals {
  db: Setting<string>;
  tz: Setting<string>;
  lang: Setting<Lang>;
  /** The site named (none: writes go to `default`, reports cover every site). */
  site: Setting<string | undefined>;
}

/**
 * db, tz, lang and site: flag > environment (WFM_DB, WFM_TZ, WFM_LANG, WFM_SITE) > wfm.yaml > built-in
 * (./wfm.db, the system zone, the locale's language, no site). A bad WFM_TZ, WFM_LANG or WFM_SITE is
 * a usage error naming it.
 */
export function resolveGlobals(flags: GlobalFlags, env: Record<string, string | undefined>, config: SiteConfig, systemZone: string): Globals {
  const fromFile = (from: string | null) => ({ source: 'file' as const, from: from ?? undefined });
  const envValue = envReader(env);
  const zone = (s: string) => {
    try {
      return values.parseZone(s);
    } catch {
      return undefined;
    }
  };
  const db: Setting<string> =
    flags.db !== undefined
      ? { value: flags.db, source: 'flag' }
      : (envValue('WFM_DB', (s) => s) ?? (config.db !== undefined ? { value: config.db, ...fromFile(config.file) } : { value: 'wfm.db', source: 'built-in' }));
  const tz: Setting<string> =
    flags.tz !== undefined
      ? { value: flags.tz, source: 'flag' }
      : (envValue('WFM_TZ', zone) ?? (config.tz !== undefined ? { value: config.tz, ...fromFile(config.file) } : { value: systemZone, source: 'built-in' }));
  const siteName = (s: string) => {
    try {
      return values.parseSiteName(s);
    } catch {
      return undefined;
    }
  };
  const site: Setting<string | undefined> =
    flags.site !== undefined
      ? { value: flags.site, source: 'flag' }
      : (envValue('WFM_SITE', siteName) ?? (config.site !== undefined ? { value: config.site, ...fromFile(config.file) } : { value: undefined, source: 'built-in' }));
  return { db, tz, lang: resolveLang(flags.lang, env, config), site };
}

/** An environment variable's value through `parse`, as a setting; a value that does not parse is an error naming it. */
function envReader(env: Record<string, string | undefined>) {
  return <T>(name: string, parse: (s: string) => T | undefined): Setting<T> | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const v = parse(text);
    if (v === undefined) throw new InputError({ field: name }, { key: 'config.badEnv', params: { name, value: text } });
    return { value: v, source: 'env', from: name };
  };
}

/** The language alone (needed before the program is built): flag > WFM_LANG > wfm.yaml > locale > en. */
export function resolveLang(flag: Lang | undefined, env: Record<string, string | undefined>, config: SiteConfig): Setting<Lang> {
  if (flag !== undefined) return { value: flag, source: 'flag' };
  const fromEnv = envReader(env)('WFM_LANG', parseLang);
  if (fromEnv) return fromEnv;
  if (config.lang !== undefined) return { value: config.lang, source: 'file', from: config.file ?? undefined };
  const localeVar = ['LC_ALL', 'LC_MESSAGES', 'LANG'].find((k) => env[k]);
  return localeVar ? { value: langFromEnv(env), source: 'locale', from: localeVar } : { value: 'en', source: 'built-in' };
}
