/**
 * The message catalogue: every user-facing string in English and Simplified Chinese.
 * `t(lang, key, params)` fills `{name}` placeholders; a text parameter is filled in through
 * src/format.ts `safeText`, so the user text a message quotes (a queue, a file, a rejected value)
 * shows its control characters as visible escapes, not as commands to the terminal.
 *
 * Keys are typed: `MessageKey` is the union of the English catalogue's keys (each `*.en.ts` keeps its
 * literal keys through `satisfies`), and each `*.zh-CN.ts` is checked to have exactly the keys of its
 * English counterpart. So a key that `t` (or an error's `Message`) receives exists in both languages
 * by construction. A key assembled at run time is a template literal over a union type
 * (`` `live.state.${SeatState}` ``), which the compiler checks like a literal; there is no unchecked
 * way in. test/i18n/catalogue-keys.test.ts fails on keys that no source file uses.
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
import { catalogue as intradayEn } from './intraday.en.js';
import { catalogue as intradayZh } from './intraday.zh-CN.js';
import { catalogue as storeEn } from './store.en.js';
import { catalogue as storeZh } from './store.zh-CN.js';
import { hideUrlPassword, safeText } from '../format.js';

// One catalogue file per area keeps parallel work apart; keys are namespaced by area.
const en = { ...coreEn, ...cdrEn, ...forecastEn, ...liveEn, ...reportsEn, ...rosterEn, ...simEn, ...configEn, ...intradayEn, ...storeEn };
const zh: Record<MessageKey, string> = { ...coreZh, ...cdrZh, ...forecastZh, ...liveZh, ...reportsZh, ...rosterZh, ...simZh, ...configZh, ...intradayZh, ...storeZh };

/** A key of the message catalogue (of every area, in both languages). */
export type MessageKey = keyof typeof en;

export type Lang = 'en' | 'zh-CN';

/** Values filled into a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };

export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fill(lang, key, params, (x) => safeText(hideUrlPassword(x)));
}

/**
 * A message with its parameters as given (only a URL's password hidden), for a document with escaping of its own (the
 * iCalendar TEXT escaping of src/roster-io/ics.ts); never for a terminal, where `t` is the one to use.
 */
export function tExact(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fill(lang, key, params, hideUrlPassword);
}

function fill(lang: Lang, key: MessageKey, params: MessageParams | undefined, show: (text: string) => string): string {
  const template = catalogues[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? show(String(params[name])) : whole,
  );
}

/** All keys of a language's catalogue (by default English, the reference language). */
export function catalogueKeys(lang: Lang = 'en'): MessageKey[] {
  // Both catalogues are typed Record<MessageKey, string> and built from object literals checked
  // against the English keys, so their own keys are MessageKeys.
  return Object.keys(catalogues[lang]) as MessageKey[];
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
