/**
 * CSV fields (RFC 4180 quoting: "a ""b""",c), by line or by record. Pure.
 *
 * One grammar for both: fields are separated by commas; spaces around a quoted field are dropped
 * (FreeSWITCH's default template writes `", "` before accountcode) and an unquoted field is trimmed;
 * in a quoted field `""` is a quote and a quote closes the field only when spaces and then a comma
 * or the end of the line follow it. Any other quote in a quoted field is broken quoting: the line
 * cannot be split without guessing (a guess shifts every later field: Asterisk's lastapp becomes
 * another column and the call would silently be taken for a non-queue row), so it is reported, never
 * guessed at. A quote inside an unquoted field (`5'10"`) is kept as written: it shifts nothing.
 *
 * - `splitCsvLine`: PBX CSV exports (Asterisk cdr_csv, FreeSWITCH mod_cdr_csv, ACD reports) write
 *   one record per line, so a line is a record and a quote still open at its end is broken.
 * - `CsvRecords`: people CSVs (spreadsheet exports) may hold a line break inside a quoted field; the
 *   physical lines of one record are joined while a quote is open, up to a byte limit.
 */

/** Broken quoting: a quote inside a quoted field neither doubled nor closing it ('stray'), or a quoted field still open ('open'). */
export interface QuoteTrouble {
  kind: 'stray' | 'open';
  /** 0-based index of the field in which it happened. */
  field: number;
}

/** Incremental scanner of one record: feed it line by line. */
class Scanner {
  fields: string[] = [];
  private value = '';
  /** Inside a quoted field. */
  open = false;
  /** Whether the current field was quoted (it then is not trimmed). */
  private quoted = false;
  /** Where the current field is: before its first character, inside it, or after its closing quote. */
  private at: 'start' | 'in' | 'after' = 'start';

  /** The 0-based index of the field being read. */
  get field(): number {
    return this.fields.length;
  }

  /** Read one line (without its line end); a QuoteTrouble stops the record. */
  feed(line: string): QuoteTrouble | undefined {
    const n = line.length;
    let i = 0;
    while (i < n) {
      if (this.open) {
        const q = line.indexOf('"', i);
        if (q === -1) {
          this.value += line.slice(i);
          return undefined;
        }
        this.value += line.slice(i, q);
        if (line[q + 1] === '"') {
          this.value += '"';
          i = q + 2;
          continue;
        }
        // a closing quote only when spaces and then a comma or the end follow
        let j = q + 1;
        while (j < n && line[j] === ' ') j++;
        if (j < n && line[j] !== ',') return { kind: 'stray', field: this.field };
        this.open = false;
        this.at = 'after';
        i = j;
        continue;
      }
      const ch = line[i];
      if (ch === ',') {
        this.push();
        i++;
        continue;
      }
      if (this.at === 'start') {
        if (ch === ' ') {
          i++;
          continue;
        }
        if (ch === '"') {
          this.open = true;
          this.quoted = true;
          this.at = 'in';
          i++;
          continue;
        }
        this.at = 'in';
      } else if (this.at === 'after') {
        // only spaces after a closing quote (checked when the quote closed); skip them
        i++;
        continue;
      }
      let j = line.indexOf(',', i);
      if (j === -1) j = n;
      this.value += line.slice(i, j);
      i = j;
    }
    return undefined;
  }

  /** Forget the value read so far (a field too long to keep: only the quoting is followed). */
  discard(): void {
    this.value = '';
    this.fields = [];
  }

  /** A line end inside a quoted field: part of the value. */
  newline(): void {
    this.value += '\n';
  }

  /** The fields of the finished record. */
  finish(): string[] {
    this.push();
    return this.fields;
  }

  private push(): void {
    this.fields.push(this.quoted ? this.value : this.value.trim());
    this.value = '';
    this.quoted = false;
    this.at = 'start';
  }
}

/** Split one CSV line (a PBX export's record) into fields, or say how its quoting is broken. */
export function splitCsvLine(line: string): string[] | QuoteTrouble {
  const s = new Scanner();
  const trouble = s.feed(line);
  if (trouble) return trouble;
  if (s.open) return { kind: 'open', field: s.field };
  return s.finish();
}

export function isQuoteTrouble(v: string[] | QuoteTrouble): v is QuoteTrouble {
  return !Array.isArray(v);
}

/** What `CsvRecords` makes of the lines fed to it. */
export type CsvPiece =
  /** A record: its fields, its first and last line, and its text (lines joined by "\n"). */
  | { kind: 'record'; fields: string[]; line: number; lastLine: number; text: string }
  /**
   * A line that is not imported because of broken quoting. `opened` is the line on which the
   * broken quoted field opened (this line, or an earlier one it belongs to), `field` its 0-based field.
   * `why`: 'stray' (broken on line `at`), 'eof' (not closed by the end of the file), 'long' (the
   * record passed `maxBytes`), 'cut' (line `at` of the record could not be read); on the lines after
   * the first, `why` is 'inside'.
   */
  | {
      kind: 'broken';
      line: number;
      text: string;
      opened: number;
      field: number;
      why: 'stray' | 'eof' | 'long' | 'cut' | 'inside';
      at: number;
      /** The last line the broken field took (known once it ended; else the current line). */
      lastLine: number;
    };

/** UTF-8 length of a string, without allocating. */
function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/**
 * Records of a CSV file fed line by line (1-based numbers, without line ends), where a quoted field
 * may span lines. Memory is bounded by `maxBytes`: the lines of a record still open are kept up to
 * that many bytes; past it, the record is broken and the lines up to where its quote closes are
 * reported one by one as they come, without being kept.
 *
 * Broken quoting is reported for every line it takes, never guessed around: the record's first line
 * says why; each later line says it was inside the broken field opened on that first line. Reading
 * resumes with the line after the one where the field broke (or closed, past the limit).
 */
export class CsvRecords {
  private scanner: Scanner | undefined;
  /** The lines of the open record. */
  private lines: string[] = [];
  private bytes = 0;
  private first = 0;
  private openedField = 0;
  /** Past the limit: lines are reported as they come until the quote closes. */
  private overflow: { opened: number; field: number; state: Scanner } | undefined;

  constructor(private readonly maxBytes: number) {}

  /** Feed one line; returns what it completes (a record, broken lines, or nothing yet). */
  line(text: string, line: number): CsvPiece[] {
    if (this.overflow) return this.overflowLine(text, line);
    if (!this.scanner) {
      if (text.trim() === '') return [];
      this.scanner = new Scanner();
      this.first = line;
      this.lines = [];
      this.bytes = 0;
    } else {
      this.scanner.newline();
    }
    const s = this.scanner;
    this.lines.push(text);
    this.bytes += utf8Bytes(text) + 1;
    const trouble = s.feed(text);
    if (trouble) return this.fail(this.lines.length === 1 ? trouble.field : this.openedField, 'stray', line, line);
    if (s.open) {
      // a record goes on to the next line only while a quote is open: name the field open on its first line
      if (this.lines.length === 1) this.openedField = s.field;
      if (this.bytes > this.maxBytes) return this.startOverflow(line);
      return [];
    }
    if (this.bytes > this.maxBytes) return this.fail(this.openedField, 'long', line, line);
    const piece: CsvPiece = { kind: 'record', fields: s.finish(), line: this.first, lastLine: line, text: this.lines.join('\n') };
    this.reset();
    return [piece];
  }

  /** A line of the file could not be read (too long, say): an open record is broken there. */
  cut(line: number): CsvPiece[] {
    if (this.overflow) {
      // the overflowing field ends here as far as this file goes: resume after the unreadable line
      this.overflow = undefined;
      return [];
    }
    if (!this.scanner) return [];
    return this.fail(this.openedField, 'cut', line, line - 1);
  }

  /** The end of the file: a record still open is broken. */
  end(): CsvPiece[] {
    if (this.overflow) {
      this.overflow = undefined;
      return [];
    }
    if (!this.scanner) return [];
    return this.fail(this.openedField, 'eof', this.first + this.lines.length - 1, this.first + this.lines.length - 1);
  }

  /** The kept lines of the open record as broken lines, the first with `why`. */
  private fail(field: number, why: 'stray' | 'eof' | 'long' | 'cut', at: number, lastLine: number): CsvPiece[] {
    const opened = this.first;
    const out: CsvPiece[] = this.lines.map((text, k) => ({
      kind: 'broken' as const,
      line: opened + k,
      text,
      opened,
      field,
      why: k === 0 ? why : ('inside' as const),
      at,
      lastLine,
    }));
    this.reset();
    return out;
  }

  private startOverflow(line: number): CsvPiece[] {
    const state = this.scanner!;
    const field = this.openedField;
    const out = this.fail(field, 'long', line, line);
    state.discard();
    this.overflow = { opened: out[0].line, field, state };
    return out;
  }

  private overflowLine(text: string, line: number): CsvPiece[] {
    const o = this.overflow!;
    o.state.newline();
    const piece: CsvPiece = { kind: 'broken', line, text: text.slice(0, 200), opened: o.opened, field: o.field, why: 'inside', at: line, lastLine: line };
    // track the quote only; the value is not kept
    const trouble = o.state.feed(text);
    o.state.discard();
    if (trouble || !o.state.open) this.overflow = undefined;
    return [piece];
  }

  private reset(): void {
    this.scanner = undefined;
    this.lines = [];
    this.bytes = 0;
  }
}
