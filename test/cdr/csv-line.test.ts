/**
 * CSV quoting (src/cdr/csv-line.ts): the line splitter of PBX exports and the record assembler of
 * people CSVs. Well-formed files are checked against a second parser (csv-parse, RFC 4180) on
 * generated records with quotes, commas and line breaks in fields; broken quoting against cases
 * worked out by hand.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecords, splitCsvLine, type CsvPiece } from '../../src/cdr/csv-line.js';
import { rng } from '../helpers/queue-log-gen.js';

describe('splitCsvLine', () => {
  it('reads RFC 4180 quoting, spaces around quoted fields and empty fields', () => {
    expect(splitCsvLine('a,"b ""c""",d')).toEqual(['a', 'b "c"', 'd']);
    expect(splitCsvLine('"x", "y" ,z')).toEqual(['x', 'y', 'z']); // FreeSWITCH writes ", " before accountcode
    expect(splitCsvLine(',,')).toEqual(['', '', '']);
    expect(splitCsvLine('a,')).toEqual(['a', '']);
    expect(splitCsvLine('""')).toEqual(['']);
    expect(splitCsvLine(' a , b ')).toEqual(['a', 'b']);
    expect(splitCsvLine('"a,b",c')).toEqual(['a,b', 'c']);
    // a quote inside an unquoted field is kept as written: it shifts nothing
    expect(splitCsvLine(`5'10",x`)).toEqual([`5'10"`, 'x']);
  });

  it('reports broken quoting with the field where it happens instead of guessing', () => {
    // the clid of an Asterisk row whose quote does not close where it should: splitting on would make
    // "billing,t" the lastapp column
    expect(splitCsvLine('"","138","Zhang <138>,"SIP/1","Queue"')).toEqual({ kind: 'stray', field: 2 });
    expect(splitCsvLine('a,"b"x,c')).toEqual({ kind: 'stray', field: 1 }); // text after the closing quote
    expect(splitCsvLine('a,"b" ,"c')).toEqual({ kind: 'open', field: 2 }); // open at the end of the line
    expect(splitCsvLine('"')).toEqual({ kind: 'open', field: 0 });
    // FreeSWITCH does not double quotes inside values: reported, not read half
    expect(splitCsvLine('"Bob "the" Builder","1000"')).toEqual({ kind: 'stray', field: 0 });
  });
});

/** Feed a text's lines (split at \n, 1-based numbers) and the end. */
function feed(text: string, maxBytes = 1 << 20): CsvPiece[] {
  const r = new CsvRecords(maxBytes);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return [...lines.flatMap((l, i) => r.line(l, i + 1)), ...r.end()];
}

/** RFC 4180 writing of one field: quoted when it holds a quote, comma, line break or edge space. */
function quote(v: string): string {
  return /[",\n]|^ | $/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
}

describe('CsvRecords', () => {
  it('agrees with csv-parse on 300 generated records with quotes, commas and line breaks in fields', () => {
    const r = rng(15);
    const alphabet = ['a', 'b', 'Z', '9', ' ', ',', '"', '\n', '张', 'é'];
    const records: string[][] = [];
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(r() * 5);
      records.push(Array.from({ length: n }, () => Array.from({ length: Math.floor(r() * 8) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('')));
    }
    const text = records.map((rec) => rec.map(quote).join(',')).join('\n') + '\n';
    const expected = parse(text, { relax_column_count: true }) as string[][];
    expect(expected).toEqual(records); // the writer above is right
    const got = feed(text);
    expect(got.every((p) => p.kind === 'record')).toBe(true);
    expect(got.map((p) => (p.kind === 'record' ? p.fields : []))).toEqual(expected);
    // each record starts on the line after the previous one ended
    let next = 1;
    for (const p of got) {
      expect(p.line).toBe(next);
      next = (p as { lastLine: number }).lastLine + 1;
    }
  });

  it('names the first line of a record; skips blank lines outside quotes, keeps them inside', () => {
    const got = feed('id,notes\n\nA1,"one\n\nthree"\n  \nA2,x\n');
    expect(got).toEqual([
      { kind: 'record', fields: ['id', 'notes'], line: 1, lastLine: 1, text: 'id,notes' },
      { kind: 'record', fields: ['A1', 'one\n\nthree'], line: 3, lastLine: 5, text: 'A1,"one\n\nthree"' },
      { kind: 'record', fields: ['A2', 'x'], line: 7, lastLine: 7, text: 'A2,x' },
    ]);
  });

  it('a broken quote rejects the lines it took, each once, and reading resumes after it', () => {
    const got = feed('h,n\nA1,x\nA4,"Bob,b\nA5,Ed\nA6,"Flo",v\nA7,Gus\nA8,"Hal\n');
    const summary = got.map((p) => (p.kind === 'record' ? `${p.line} record` : `${p.line} ${p.why} opened ${p.opened} field ${p.field} at ${p.at}`));
    expect(summary).toEqual([
      '1 record',
      '2 record',
      '3 stray opened 3 field 1 at 5',
      '4 inside opened 3 field 1 at 5',
      '5 inside opened 3 field 1 at 5',
      '6 record',
      '7 eof opened 7 field 1 at 7',
    ]);
  });

  it('a record over the byte limit: its lines are reported as they come until the quote closes, nothing kept', () => {
    // limit 20 bytes: line 2 opens a field; lines 2-4 pass 20 bytes; the quote closes on line 6
    const got = feed('h,n\nA1,"0123456789\n0123456789\n0123456789\nmore\nend",x\nA2,y\n', 20);
    const summary = got.map((p) => (p.kind === 'record' ? `${p.line} record ${p.fields.join('|')}` : `${p.line} ${p.why} opened ${p.opened}`));
    expect(summary).toEqual(['1 record h|n', '2 long opened 2', '3 inside opened 2', '4 inside opened 2', '5 inside opened 2', '6 inside opened 2', '7 record A2|y']);
  });

  it('a line that could not be read cuts the open record', () => {
    const r = new CsvRecords(1 << 20);
    expect(r.line('h,n', 1)).toHaveLength(1);
    expect(r.line('A1,"open', 2)).toEqual([]);
    expect(r.line('still', 3)).toEqual([]);
    const cut = r.cut(4);
    expect(cut.map((p) => [p.line, p.kind === 'broken' ? p.why : 'record'])).toEqual([
      [2, 'cut'],
      [3, 'inside'],
    ]);
    expect(r.line('A2,y', 5)).toEqual([{ kind: 'record', fields: ['A2', 'y'], line: 5, lastLine: 5, text: 'A2,y' }]);
  });
});
