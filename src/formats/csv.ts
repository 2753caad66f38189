/**
 * CSV text to records: a header and, per data line, its fields by (lower-case) column name with the
 * line number. Lines csv-parse cannot read (an unbalanced quote, say) become rejections naming the
 * line, so one bad line does not sink the file. Pure: text in (src/app/files.ts reads the file).
 */
import { parse } from 'csv-parse/sync';
import { InputError, type Rejection } from '../errors.js';

export interface CsvRecord {
  /** 1-based line number in the file (of the record's last line when a quoted field spans lines). */
  line: number;
  fields: Record<string, string>;
}

export interface CsvTable {
  /** Column names, trimmed and lower-case. */
  header: string[];
  records: CsvRecord[];
  /** Lines that are not CSV. */
  syntaxRejections: Rejection[];
}

/** Parse CSV text of `file` (the name used in messages). An empty file is an InputError. */
export function parseCsvText(text: string, file: string): CsvTable {
  let rows: { record: string[]; info: { lines: number } }[];
  const syntaxRejections: Rejection[] = [];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        syntaxRejections.push({
          file,
          line: (err as { lines?: number } | undefined)?.lines ?? 0,
          reason: { key: 'input.csvSyntax', params: { message: err?.message ?? '' } },
        });
        return undefined;
      },
    }) as never;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError({ file, line }, { key: 'input.csvSyntax', params: { message: (err as Error).message } });
  }
  if (rows.length === 0) throw new InputError({ file }, { key: 'input.empty' }, `${file} is empty`);
  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const records = rows.slice(1).map(({ record, info }) => {
    const fields: Record<string, string> = {};
    header.forEach((h, i) => (fields[h] = record[i] ?? ''));
    return { line: info.lines, fields };
  });
  return { header, records, syntaxRejections };
}

/** A column name as compared with aliases: lower-case, without `_`, `-` and spaces (interval_start = intervalStart). */
export function columnKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** The column for the first of `aliases` (column keys, in order of preference) that the header has. */
export function findColumn(header: readonly string[], aliases: readonly string[]): string | undefined {
  for (const alias of aliases) {
    const found = header.find((h) => columnKey(h) === alias);
    if (found !== undefined) return found;
  }
  return undefined;
}
