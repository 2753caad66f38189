import { describe, expect, it } from 'vitest';
import { catalogueKeys, langFromEnv, parseLang, t } from '../../src/i18n/index.js';
import { csvField, displayWidth, renderCsv, renderTable } from '../../src/format.js';

describe('message catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    const en = catalogueKeys('en');
    const zh = catalogueKeys('zh-CN');
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of en) expect([k, holes(t('zh-CN', k))]).toEqual([k, holes(t('en', k))]);
  });

  it('picks the language from LC_ALL, LC_MESSAGES, LANG in that order', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' })).toBe('zh-CN');
    expect(langFromEnv({})).toBe('en');
    expect(parseLang('zh_CN')).toBe('zh-CN');
    expect(parseLang('fr')).toBeUndefined();
  });
});

describe('formatters', () => {
  it('neutralises spreadsheet formulas in text but keeps negative numbers numeric', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // a leading tab is shown as \x09 (src/format.ts safeText), which no spreadsheet reads as a formula
    expect(csvField('\tx')).toBe('\\x09x');
    expect(csvField('\t=1+2')).toBe('\\x09=1+2');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(renderCsv(['a', 'b'], [{ a: 1, b: null }])).toBe('a,b\n1,\n');
  });

  it('aligns tables by display width, counting CJK characters as two cells', () => {
    expect(displayWidth('队列')).toBe(4);
    expect(displayWidth('abc')).toBe(3);
    const out = renderTable([{ key: 'q', header: '队列' }, { key: 'n', header: 'n' }], [{ q: 'billing', n: 5 }, { q: '投诉', n: 12 }]);
    const lines = out.trimEnd().split('\n');
    expect(lines.map((l) => displayWidth(l))).toEqual([displayWidth(lines[0]), displayWidth(lines[1]), displayWidth(lines[2]), displayWidth(lines[3])]);
    expect(lines[2]).toBe('billing   5');
    expect(lines[3]).toBe('投诉     12');
  });
});
