/**
 * Reading a small CSV input file for a command: header + records with line numbers. Syntax errors
 * (an unclosed quote) become an InputError naming the file and line.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { CsvRecord } from '../staff/input.js';

export function readCsvFile(path: string): { header: string[]; records: CsvRecord[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EIO';
    throw new InputError({ file: path }, { key: 'input.cannotRead', params: { code } }, `cannot read ${path}: ${code}`);
  }
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as never;
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
  return { header, records };
}
