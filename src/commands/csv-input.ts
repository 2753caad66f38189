/**
 * Reading a small CSV input file for a command: header + records with line numbers. Syntax errors
 * (an unclosed quote) become an InputError naming the file and line.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, type Rejection } from '../errors.js';
import type { CsvRecord } from '../staff/input.js';

/**
 * Header, records and the lines csv-parse could not read (an unbalanced quote, say): those become
 * rejections naming the line, so one bad line does not sink the file.
 */
export function readCsvFile(path: string): { header: string[]; records: CsvRecord[]; syntaxRejections: Rejection[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EIO';
    throw new InputError({ file: path }, { key: 'input.cannotRead', params: { code } }, `cannot read ${path}: ${code}`);
  }
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
          file: path,
          line: (err as { lines?: number } | undefined)?.lines ?? 0,
          reason: { key: 'input.csvSyntax', params: { message: err?.message ?? '' } },
        });
        return undefined;
      },
    }) as never;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError({ file: path, line }, { key: 'input.csvSyntax', params: { message: (err as Error).message } });
  }
  if (rows.length === 0) throw new InputError({ file: path }, { key: 'input.empty' }, `${path} is empty`);
  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const records = rows.slice(1).map(({ record, info }) => {
    const fields: Record<string, string> = {};
    header.forEach((h, i) => (fields[h] = record[i] ?? ''));
    return { line: info.lines, fields };
  });
  return { header, records, syntaxRejections };
}
