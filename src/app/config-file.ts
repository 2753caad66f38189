/**
 * Reading wfm.yaml (see src/app/config.ts for the keys and precedence): YAML parsed with line
 * numbers, every key validated with the value syntax of src/values.ts, errors naming the file, the
 * line of the key and its path. Loaded only when a configuration file exists (the YAML parser is
 * not needed otherwise, which keeps start-up quick).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { InputError, type Message } from '../errors.js';
import { parseLang } from '../i18n/index.js';
import * as values from '../values.js';
import { CONFIG_MAX_BYTES, QUEUE_KEYS, TOP_KEYS, type QueueSettings, type SiteConfig } from './config.js';

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
  const config: SiteConfig = { file, defaults: {}, queues: {}, lines: {} };
  if (raw === null || raw === undefined) return config;
  if (!isPlainObject(raw)) throw problem([], 'config.notMap');
  const dir = dirname(file);
  const str = (path: string[], v: unknown): string => {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number') return String(v);
    throw problem(path, 'config.notText');
  };
  const parsed = <T>(path: string[], v: unknown, parse: (s: string) => T): T => {
    const at = lineOf(path);
    if (at !== undefined) config.lines![path.join('.')] = at;
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
      case 'db': {
        // a PostgreSQL URL is kept as it is; a SQLite file is relative to this file's folder
        const db = str(path, v);
        config.db = /^postgres(ql)?:\/\//i.test(db) ? db : inside(dir, db);
        break;
      }
      case 'site':
        config.site = parsed(path, v, values.parseSiteName);
        break;
      case 'sites': {
        if (v === null) break;
        if (!isPlainObject(v)) throw problem(path, 'config.notMap');
        config.sites = {};
        for (const [name, spec] of Object.entries(v)) {
          parsed([key, name], name, values.parseSiteName);
          if (spec === null) {
            config.sites[name] = {};
            continue;
          }
          if (!isPlainObject(spec)) throw problem([key, name], 'config.notMap');
          const site: { tz?: string } = {};
          for (const [k, value] of Object.entries(spec)) {
            if (k !== 'tz') throw problem([key, name, k], 'config.unknownKey', { keys: 'tz' });
            site.tz = parsed([key, name, k], value, values.parseZone);
          }
          config.sites[name] = site;
        }
        break;
      }
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
