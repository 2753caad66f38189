/**
 * Control characters in names never reach a terminal or a text document raw (issue 15, item 8, the
 * output half): the one function (src/format.ts safeText) and every renderer that shows user text
 * (tables, CSV, JSON, messages with user text in their parameters, rejections and errors, the
 * Markdown and HTML daily report, the alert lines). Expected escapes are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { csvField, displayWidth, renderCsv, renderJson, renderTable, safeStream, safeText } from '../src/format.js';
import { t } from '../src/i18n/index.js';
import { describeRejection } from '../src/app/rejects.js';
import { describeError } from '../src/cli.js';
import { InputError } from '../src/errors.js';
import { renderDailyMarkdown, type DailyReport } from '../src/report/daily.js';
import { esc } from '../src/report/charts.js';

/** Any C0 control but the line feed, DEL, any C1 control. */
// eslint-disable-next-line no-control-regex -- what must not be printed
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const TITLE = '\u001b]0;pwned\u0007'; // OSC 0: set the window title, ended by BEL
const CSI_C1 = '\u009b2J'; // the 8-bit CSI: clear the screen
const HOSTILE = `q${TITLE}x${CSI_C1}\u007f\u0000\t\r\n\u202e`;

describe('safeText', () => {
  it('shows every C0 and C1 control, DEL and the bidi and line-separator controls visibly', () => {
    expect(safeText(TITLE)).toBe('\\x1B]0;pwned\\x07');
    expect(safeText(CSI_C1)).toBe('\\x9B2J');
    expect(safeText(HOSTILE)).toBe('q\\x1B]0;pwned\\x07x\\x9B2J\\x7F\\x00\\x09\\x0D\\x0A\\u202E');
    expect(safeText('a\u2028b\u2029c\u2066d\u2069')).toBe('a\\u2028b\\u2029c\\u2066d\\u2069');
    for (let cp = 0; cp < 0x20; cp++) expect(safeText(String.fromCharCode(cp))).toBe('\\x' + cp.toString(16).toUpperCase().padStart(2, '0'));
    for (let cp = 0x7f; cp < 0xa0; cp++) expect(safeText(String.fromCharCode(cp))).toBe('\\x' + cp.toString(16).toUpperCase());
  });

  it('leaves ordinary text, East Asian text, emoji and combining marks as they are', () => {
    for (const s of ['billing', '投诉热线', 'Zoë', 'e\u0301', 'Ünïcödé ß', '客服-VIP 🎧', 'a\\x1Bb', '', ' spaced ', '\u00a0nbsp\u00a0', 'ملاء']) expect(safeText(s)).toBe(s);
  });

  it('keeps displayWidth right: the escape is plain ASCII, one cell a character', () => {
    expect(displayWidth(safeText('投诉' + TITLE))).toBe(4 + '\\x1B]0;pwned\\x07'.length);
  });
});

describe('safeStream, the net on wfm\'s own stdout and stderr', () => {
  it('escapes what a renderer let through, keeps line feeds, and on stderr the progress line', () => {
    expect(safeStream(`a${TITLE}\n`)).toBe('a\\x1B]0;pwned\\x07\n');
    expect(safeStream('\r50%\u001b[K')).toBe('\\x0D50%\\x1B[K');
    expect(safeStream('\r50%\u001b[K', true)).toBe('\r50%\u001b[K');
    expect(safeStream(`\r${TITLE}\u001b[K`, true)).toBe('\r\\x1B]0;pwned\\x07\u001b[K');
    expect(safeStream('投诉 \u202e ok\n')).toBe('投诉 \u202e ok\n'); // only what a terminal acts on
  });
});

describe('renderers', () => {
  it('tables escape cells and headers, and stay aligned', () => {
    const out = renderTable(
      [
        { key: 'queue', header: `queue${TITLE}` },
        { key: 'calls', header: 'calls' },
      ],
      [
        { queue: `vip${TITLE}`, calls: 3 },
        { queue: '投诉', calls: 12 },
      ],
    );
    expect(out).not.toMatch(RAW_CONTROL);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('queue\\x1B]0;pwned\\x07  calls');
    // the column is 21 cells wide (the escaped header), then two spaces, then 'calls' right-aligned in 5
    expect(lines[2]).toBe('vip\\x1B]0;pwned\\x07' + ' '.repeat(2) + '  ' + '    3');
    expect(lines[3]).toBe('投诉' + ' '.repeat(17) + '  ' + '   12');
    expect(displayWidth(lines[2])).toBe(displayWidth(lines[3]));
  });

  it('CSV escapes control characters too, and keeps the formula guard', () => {
    expect(csvField(`vip${TITLE}`)).toBe('vip\\x1B]0;pwned\\x07');
    expect(csvField(`=cmd${TITLE}`)).toBe("'=cmd\\x1B]0;pwned\\x07");
    expect(csvField('\t=1+1')).toBe('\\x09=1+1'); // no longer a tab a spreadsheet would skip
    expect(csvField('a,b')).toBe('"a,b"');
    expect(renderCsv(['queue'], [{ queue: HOSTILE }])).not.toMatch(RAW_CONTROL);
  });

  it('JSON stays exact: it parses back to the very string, with no raw C1 or DEL in the text', () => {
    const value = { queue: HOSTILE, agent: '投诉\u0085' };
    const text = renderJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u001b]0;pwned\\u0007');
    expect(text).toContain('\\u009b2J');
    expect(text).toContain('投诉\\u0085');
  });

  it('messages escape the user text in their parameters (both languages), not their own words', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const m = t(lang, 'live.alert.longWait', { subject: `vip${TITLE}`, value: '1:00', limit: '0:30' });
      expect(m).not.toMatch(RAW_CONTROL);
      expect(m).toContain('vip\\x1B]0;pwned\\x07');
    }
    expect(t('en', 'live.help.body')).toContain('\n'); // a message's own line breaks stay
  });

  it('rejections and input errors escape the file, the field and the quoted text', () => {
    const line = describeRejection('en', { file: `in${TITLE}.csv`, line: 3, field: `qu${CSI_C1}eue`, reason: { key: 'opt.notNumber', params: { value: HOSTILE } } });
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line).toContain('in\\x1B]0;pwned\\x07.csv:3');
    const err = describeError('en', new InputError({ file: `in${TITLE}.csv`, line: 2, field: `f${TITLE}` }, { key: 'opt.notNumber', params: { value: HOSTILE } }));
    expect(err).not.toMatch(RAW_CONTROL);
    expect(err).toContain('in\\x1B]0;pwned\\x07.csv:2');
  });

  it('the Markdown daily report and the HTML escape', () => {
    const report: DailyReport = {
      date: '2026-12-07',
      zone: 'UTC',
      slThresholdSeconds: 20,
      sla: [{ queue: `vip${TITLE}`, intervalStart: null, offered: 1, answered: 1, abandoned: 0, shortAbandoned: 0, answeredWithin: 1, serviceLevel: 1, abandonRate: 0, asaSeconds: 1, ahtSeconds: 100, maxWaitSeconds: 1 } as DailyReport['sla'][number]],
      forecastSource: null,
      forecastAccuracy: null,
      staffing: [],
      outliers: [{ agent: `Agent${CSI_C1}`, team: `t${TITLE}`, metric: 'aht', value: 400, median: 200, z: 4 } as DailyReport['outliers'][number]],
      examFailures: [],
      certificates: [],
      alerts: [{ rule: 'service_level_below', queue: `vip${TITLE}`, agent: null, intervalStart: null, value: 0.5, threshold: 0.8, message: `SL 50% on vip${TITLE}` } as DailyReport['alerts'][number]],
    };
    const md = renderDailyMarkdown(report, 'en');
    expect(md).not.toMatch(RAW_CONTROL);
    expect(md).toContain('**service_level_below** SL 50% on vip\\x1B]0;pwned\\x07');
    expect(md).toContain('| vip\\x1B]0;pwned\\x07 |');
    expect(md).toContain('| Agent\\x9B2J |');
    expect(esc(`<b>${TITLE}</b>`)).toBe('&lt;b&gt;\\x1B]0;pwned\\x07&lt;/b&gt;');
  });
});
