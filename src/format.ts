/**
 * Output formatters shared by every command: an aligned text table for people, RFC 4180 CSV that
 * is safe to open in a spreadsheet, and JSON. Pure: strings in, strings out.
 */

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
      return c.show ? c.show(v, row) : showValue(v);
    }),
  );
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]))),
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
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of cells) out.push(line(r));
  return out.join('\n') + '\n';
}

/**
 * One CSV field (RFC 4180), safe against formula injection: a text value that a spreadsheet would
 * read as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with a single
 * quote. Numbers are written as numbers (a negative number stays a number); null is an empty field.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
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

/** JSON for machines: the object as computed, non-finite numbers as null, two-space indent. */
export function renderJson(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
  );
}

/** Round for display only (machine formats keep raw numbers). */
export function fixed(value: unknown, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '';
}

/** A 0..1 share shown as a percentage with the given decimals. */
export function percent(value: unknown, digits = 1): string {
  return typeof value === 'number' && Number.isFinite(value) ? (value * 100).toFixed(digits) + '%' : '';
}
