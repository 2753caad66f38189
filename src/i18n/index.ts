/**
 * The message catalogue: every user-facing string in English and Simplified Chinese.
 * `t(lang, key, params)` fills `{name}` placeholders. A key missing from zh-CN falls back to English;
 * a key missing from both is a bug and shows the key itself (the catalogue test catches it).
 */
import { catalogue as coreEn } from './core.en.js';
import { catalogue as coreZh } from './core.zh-CN.js';
import { catalogue as cdrEn } from './cdr.en.js';
import { catalogue as cdrZh } from './cdr.zh-CN.js';
import { catalogue as forecastEn } from './forecast.en.js';
import { catalogue as forecastZh } from './forecast.zh-CN.js';
import { catalogue as liveEn } from './live.en.js';
import { catalogue as liveZh } from './live.zh-CN.js';
import { catalogue as reportsEn } from './reports.en.js';
import { catalogue as reportsZh } from './reports.zh-CN.js';
import { catalogue as rosterEn } from './roster.en.js';
import { catalogue as rosterZh } from './roster.zh-CN.js';
import { catalogue as simEn } from './sim.en.js';
import { catalogue as simZh } from './sim.zh-CN.js';
import { catalogue as configEn } from './config.en.js';
import { catalogue as configZh } from './config.zh-CN.js';

// One catalogue file per area keeps parallel work apart; keys are namespaced by area.
const en: Record<string, string> = { ...coreEn, ...cdrEn, ...forecastEn, ...liveEn, ...reportsEn, ...rosterEn, ...simEn, ...configEn };
const zh: Record<string, string> = { ...coreZh, ...cdrZh, ...forecastZh, ...liveZh, ...reportsZh, ...rosterZh, ...simZh, ...configZh };

export type Lang = 'en' | 'zh-CN';

/** Values filled into a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

const catalogues: Record<Lang, Record<string, string>> = { en, 'zh-CN': zh };

export function t(lang: Lang, key: string, params?: MessageParams): string {
  const template = catalogues[lang][key] ?? en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** All keys of the English catalogue (the reference language). */
export function catalogueKeys(lang: Lang = 'en'): string[] {
  return Object.keys(catalogues[lang]);
}

/**
 * The language from the environment, POSIX order: LC_ALL, then LC_MESSAGES, then LANG.
 * Anything starting with `zh` is Chinese; everything else (including C/POSIX) is English.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(value) ? 'zh-CN' : 'en';
}

/** Parse a `--lang` value; accepts en, zh, zh-CN, zh_CN (case-insensitive). */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans') return 'zh-CN';
  return undefined;
}
