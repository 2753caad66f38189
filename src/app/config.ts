/**
 * The site configuration file, `wfm.yaml`: the defaults planners would otherwise retype. Found with
 * `--config FILE`, else `$WFM_CONFIG`, else the first `wfm.yaml` in the current directory or one of
 * its parents. Validated key by key: an error names the file, the line and the key path
 * (`queues.vip.sla`). Paths in it are relative to the file's folder.
 *
 *   db: ./wfm.db                # the store
 *   tz: Asia/Shanghai           # the site's zone
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
 * QUEUE_KEYS). Precedence everywhere: a flag, then the environment (WFM_DB, WFM_TZ, WFM_LANG), then
 * this file, then the built-in default (for the language: the locale, LC_ALL / LC_MESSAGES / LANG).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { InputError, type Message } from '../errors.js';
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
  holidays?: 'cn' | 'none';
  rosterRules?: string;
  alertRules?: string;
  defaults: QueueSettings;
  queues: Record<string, QueueSettings>;
}

export const NO_CONFIG: SiteConfig = { file: null, defaults: {}, queues: {} };

/** The file name searched for. */
export const CONFIG_NAME = 'wfm.yaml';

/** Larger files are refused (a configuration is a few hundred bytes). */
export const CONFIG_MAX_BYTES = 1 << 20;

type QueueKey = keyof QueueSettings;

/** Keys of a queue section: file spelling -> field and value syntax. */
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

const TOP_KEYS = ['db', 'tz', 'lang', 'holidays', 'roster-rules', 'alert-rules', 'defaults', 'queues'];

/** The configuration file to read: `explicit` (--config), else $WFM_CONFIG, else wfm.yaml here or in a parent; null when none. */
export function findConfig(cwd: string, env: Record<string, string | undefined>, explicit?: string): string | null {
  const named = explicit ?? (env.WFM_CONFIG || undefined);
  if (named !== undefined) return resolve(cwd, named);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: look in the parent
    }
    if (dirname(dir) === dir) return null;
  }
}

/** Read and validate a configuration file. Throws InputError naming file, line and key path. */
export function loadConfig(file: string): SiteConfig {
  let text: string;
  try {
    if (statSync(file).size > CONFIG_MAX_BYTES) throw new InputError({ file }, { key: 'config.tooBig', params: { max: CONFIG_MAX_BYTES } });
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError({ file }, { key: 'input.cannotRead', params: { code: (err as { code?: string }).code ?? 'EIO' } });
  }
  return parseConfig(text, file);
}

/** Validate configuration text (`file` names it in errors and anchors its relative paths). */
export function parseConfig(text: string, file: string): SiteConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new InputError({ file, line: lines.linePos(e.pos[0]).line }, { key: 'config.syntax', params: { message: e.message.split('\n')[0] } });
  }
  const lineOf = (path: readonly string[]): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const keyNode = path.length ? findKeyNode(doc, path) : undefined;
    const at = keyNode?.range?.[0] ?? node?.range?.[0];
    return at === undefined ? undefined : lines.linePos(at).line;
  };
  const problem = (path: readonly string[], key: Message['key'], params: Message['params'] = {}): InputError =>
    new InputError({ file, line: lineOf(path), field: path.join('.') || undefined }, { key, params });
  const raw: unknown = doc.toJS();
  const config: SiteConfig = { file, defaults: {}, queues: {} };
  if (raw === null || raw === undefined) return config;
  if (!isPlainObject(raw)) throw problem([], 'config.notMap');
  const dir = dirname(file);
  const str = (path: string[], v: unknown): string => {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number') return String(v);
    throw problem(path, 'config.notText');
  };
  const parsed = <T>(path: string[], v: unknown, parse: (s: string) => T): T => {
    try {
      return parse(str(path, v));
    } catch (err) {
      if (err instanceof values.ValueError) throw problem(path, err.key, err.params);
      throw err;
    }
  };
  for (const [key, v] of Object.entries(raw)) {
    const path = [key];
    if (!TOP_KEYS.includes(key)) throw problem(path, 'config.unknownKey', { keys: TOP_KEYS.join(', ') });
    switch (key) {
      case 'db':
        config.db = inside(dir, str(path, v));
        break;
      case 'tz':
        config.tz = parsed(path, v, values.parseZone);
        break;
      case 'lang': {
        const l = parseLang(str(path, v));
        if (!l) throw problem(path, 'opt.badLang', { value: String(v) });
        config.lang = l;
        break;
      }
      case 'holidays': {
        const h = str(path, v);
        if (h !== 'cn' && h !== 'none') throw problem(path, 'config.badChoice', { value: h, choices: 'cn, none' });
        config.holidays = h as 'cn' | 'none';
        break;
      }
      case 'roster-rules':
        config.rosterRules = inside(dir, str(path, v));
        break;
      case 'alert-rules':
        config.alertRules = inside(dir, str(path, v));
        break;
      case 'defaults':
        config.defaults = queueSettings(path, v, problem, parsed);
        break;
      case 'queues': {
        if (v === null) break;
        if (!isPlainObject(v)) throw problem(path, 'config.notMap');
        for (const [queue, q] of Object.entries(v)) config.queues[queue] = queueSettings([key, queue], q, problem, parsed);
        break;
      }
    }
  }
  return config;
}

function queueSettings(
  path: string[],
  v: unknown,
  problem: (path: readonly string[], key: Message['key'], params?: Message['params']) => InputError,
  parsed: <T>(path: string[], v: unknown, parse: (s: string) => T) => T,
): QueueSettings {
  if (v === null || v === undefined) return {};
  if (!isPlainObject(v)) throw problem(path, 'config.notMap');
  const out: QueueSettings = {};
  for (const [key, value] of Object.entries(v)) {
    const spec = QUEUE_KEYS[key];
    if (!spec) throw problem([...path, key], 'config.unknownKey', { keys: Object.keys(QUEUE_KEYS).join(', ') });
    (out as Record<string, unknown>)[spec.field] = parsed([...path, key], value, spec.parse);
  }
  return out;
}

function inside(dir: string, p: string): string {
  return isAbsolute(p) ? p : join(dir, p);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The key node of a path (so an error points at the line of the key, also for a bad value). */
function findKeyNode(doc: Document, path: readonly string[]): { range?: [number, number, number] } | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
  return (pair?.key ?? undefined) as { range?: [number, number, number] } | undefined;
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
}

export interface Globals {
  db: Setting<string>;
  tz: Setting<string>;
  lang: Setting<Lang>;
}

/**
 * db, tz and lang: flag > environment (WFM_DB, WFM_TZ, WFM_LANG) > wfm.yaml > built-in (./wfm.db,
 * the system zone, the locale's language). A bad WFM_TZ or WFM_LANG is a usage error naming it.
 */
export function resolveGlobals(flags: GlobalFlags, env: Record<string, string | undefined>, config: SiteConfig, systemZone: string): Globals {
  const fromFile = (from: string | null) => ({ source: 'file' as const, from: from ?? undefined });
  const envValue = <T>(name: string, parse: (s: string) => T | undefined): Setting<T> | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const v = parse(text);
    if (v === undefined) throw new InputError({ field: name }, { key: 'config.badEnv', params: { name, value: text } });
    return { value: v, source: 'env', from: name };
  };
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
  const localeVar = ['LC_ALL', 'LC_MESSAGES', 'LANG'].find((k) => env[k]);
  const lang: Setting<Lang> =
    flags.lang !== undefined
      ? { value: flags.lang, source: 'flag' }
      : (envValue('WFM_LANG', parseLang) ??
        (config.lang !== undefined
          ? { value: config.lang, ...fromFile(config.file) }
          : localeVar
            ? { value: langFromEnv(env), source: 'locale', from: localeVar }
            : { value: 'en', source: 'built-in' }));
  return { db, tz, lang };
}
