/**
 * Output formatters shared by every command: an aligned text table for people, RFC 4180 CSV that
 * is safe to open in a spreadsheet, and JSON. Pure: strings in, strings out.
 *
 * Text from the data (queue and agent names, pause reasons, file names, the quoted text of a
 * rejected line) may hold control characters: a queue named ESC ] 0 ; pwned BEL retitles the
 * terminal that prints it. Everything shown to a person passes through `safeText`, which writes such
 * a character as a visible escape; JSON keeps the exact text (see renderJson).
 */

/**
 * The characters `safeText` escapes: every C0 control (U+0000-U+001F, with tab, CR and LF: in a
 * name they break the table or forge a line), DEL and the C1 controls (U+007F-U+009F, the 8-bit
 * CSI U+009B among them), the line and paragraph separators (U+2028, U+2029) and the bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder the text shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same set, to test without replacing
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function escapeChar(ch: string): string {
  const cp = ch.charCodeAt(0);
  return cp <= 0xff ? '\\x' + cp.toString(16).toUpperCase().padStart(2, '0') : '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Text safe to show on a terminal or in a text document: each control character (see UNSAFE) as a
 * visible escape, `\xHH` below U+0100 (ESC is `\x1B`, BEL `\x07`, the 8-bit CSI `\x9B`) and `\uHHHH`
 * above (`\u202E`), in plain ASCII, so `displayWidth` counts it right. Every other character (East
 * Asian text, emoji, combining marks) is kept as it is. A name that already spells `\x1B` as four
 * characters looks the same: the exact text is in the JSON output.
 */
export function safeText(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

// eslint-disable-next-line no-control-regex -- control characters a terminal acts on, and the progress line's own
const STREAM_UNSAFE = /\u001b\[K|[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- the same, to test without replacing
const STREAM_HAS_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/**
 * The last line of defence on wfm's own stdout and stderr (src/cli.ts): any control character a
 * terminal acts on that a renderer let through (they all use safeText; this catches a future one
 * that does not) is escaped as safeText does. Line feeds pass; on stderr (`progress`) so do the
 * carriage return and erase-line (ESC [ K) of the progress line. The Ink screen writes to the
 * terminal itself: its names go through `fit` and `t`.
 */
export function safeStream(text: string, progress = false): string {
  if (!STREAM_HAS_UNSAFE.test(text)) return text;
  return text.replace(STREAM_UNSAFE, (m) => (progress && (m === '\r' || m === '\u001b[K') ? m : m.length > 1 ? escapeChar(m[0]) + m.slice(1) : escapeChar(m)));
}

/**
 * The characters JSON.stringify leaves raw that a terminal may still act on or a reader may reorder:
 * DEL, the C1 controls, the line separators and the bidirectional controls (C0 it escapes itself).
 */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export type OutputFormat = 'table' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

export interface Column<R> {
  /** Property of the row; also the CSV header, so machine output uses the documented field names. */
  key: string;
  /** Header shown in the table (localised). */
  header: string;
  align?: 'left' | 'right';
  /** How the table shows the value; CSV and JSON always get the raw value. */
  show?: (value: unknown, row: R) => string;
}

/** Display width of a string in a terminal: East Asian wide and full-width characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (cp >= 0x300 && cp <= 0x36f) continue; // combining marks
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** The default way a table shows a raw value: blank for null/undefined, numbers as given. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

/** An aligned plain-text table: header, a rule, one line per row. Numbers right-aligned by default. */
export function renderTable<R extends object>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const v = (row as Record<string, unknown>)[c.key];
      return safeText(c.show ? c.show(v, row) : showValue(v));
    }),
  );
  const headers = columns.map((c) => safeText(c.header));
  const widths = columns.map((_c, i) =>
    Math.max(displayWidth(headers[i]), ...cells.map((r) => displayWidth(r[i]))),
  );
  const aligns = columns.map((c) => {
    if (c.align) return c.align;
    const first = rows.find((r) => (r as Record<string, unknown>)[c.key] != null);
    return first && typeof (first as Record<string, unknown>)[c.key] === 'number' ? 'right' : 'left';
  });
  const line = (parts: string[]) =>
    parts
      .map((p, i) => pad(p, widths[i], aligns[i]))
      .join('  ')
      .replace(/\s+$/, '');
  const out = [line(headers), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of cells) out.push(line(r));
  return out.join('\n') + '\n';
}

/**
 * One CSV field (RFC 4180), safe against formula injection: a text value that a spreadsheet would
 * read as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with a single
 * quote. Numbers are written as numbers (a negative number stays a number); null is an empty field.
 *
 * Control characters are escaped as in a table (`safeText`), not kept as data: CSV goes to a
 * terminal as often as to a spreadsheet (`--format csv`, `cat`, `head`), a spreadsheet shows them as
 * boxes at best, and CSV has no escape of its own for them. The exact text is in the JSON output,
 * and the import readers refuse such names, so no round trip of real data loses anything.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = safeText(typeof value === 'string' ? value : JSON.stringify(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** CSV with a header row of the given keys, CRLF-free (LF line ends), UTF-8. */
export function renderCsv(keys: readonly string[], rows: readonly object[]): string {
  const out = [keys.map(csvField).join(',')];
  for (const row of rows) out.push(keys.map((k) => csvField((row as Record<string, unknown>)[k])).join(','));
  return out.join('\n') + '\n';
}

/**
 * JSON for machines: the object as computed, non-finite numbers as null, two-space indent. Strings
 * stay exact: JSON.stringify writes C0 controls as \u00XX, and the few it leaves raw (DEL, C1, the
 * line separators, the bidirectional controls; see JSON_RAW) are written as \uXXXX here, which
 * parses back to the same string.
 */
export function renderJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  return text.replace(JSON_RAW, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}

/** Round for display only (machine formats keep raw numbers). */
export function fixed(value: unknown, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '';
}

/** A 0..1 share shown as a percentage with the given decimals. */
export function percent(value: unknown, digits = 1): string {
  return typeof value === 'number' && Number.isFinite(value) ? (value * 100).toFixed(digits) + '%' : '';
}

/** The URL with its password shown as ***: postgresql://wfm:***@db.example/wfm */
export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  let rest = url.slice(scheme[0].length);
  // the last @ ends the user part: a password holding an unencoded / ? # @ is still masked whole
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0 && colon < userinfo.length - 1) rest = `${userinfo.slice(0, colon)}:***${rest.slice(at)}`;
  }
  rest = rest.replace(/([?&]password=)[^&]*/gi, '$1***');
  return scheme[0] + rest;
}

/**
 * A message parameter as printed: a store's or a PBX's URL (postgres://, ami://) without its password. Messages name
 * the store they read (`no forecast named X in {db}`), and the store may be a PostgreSQL URL whose
 * password must never reach a terminal, a log or a cron mail.
 */
export function hideUrlPassword(text: string): string {
  // only the addresses wfm connects to (a PostgreSQL store, an AMI server): a name or a value quoted
  // back to the user that merely looks like a URL is shown as it is
  return /^(postgres(ql)?|ami):\/\//i.test(text) ? redactUrl(text) : text;
}
