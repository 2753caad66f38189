/**
 * People CSV readers (src/people/csv.ts): the plausible range of each numeric and date field at its
 * edges, "no end date" expiries, and control characters in names.
 */
import { describe, expect, it } from 'vitest';
import { PeopleCsvReader, parseSkills, type PeopleKind } from '../../src/people/csv.js';

const NOW = Date.UTC(2026, 11, 7, 12); // 2026-12-07

/** A reader that has read `header`, and a row reader over it. */
function reader(kind: PeopleKind, header: string[]) {
  const r = new PeopleCsvReader(kind, { nowMs: NOW });
  expect(r.line(header.join(','), header, 1)).toBeUndefined();
  return (row: string[]) => r.line(row.join(','), row, 2) as unknown as Record<string, unknown>;
}

describe('people ranges', () => {
  it('exams: score and pass mark 0..100, attempt 1..100, dates from 1950-01-01 to a year from today', () => {
    const row = reader('exams', ['agent', 'exam', 'date', 'score', 'pass_mark', 'attempt']);
    expect(row(['A', 'E', '1950-01-01', '100', '0', '100'])).toMatchObject({ date: '1950-01-01', score: 100, passMark: 0, attempt: 100, passed: true });
    expect(row(['A', 'E', '1949-12-31', '70', '60', '1'])).toMatchObject({ field: 'date', reason: { key: 'people.reject.dateRange', params: { min: '1950-01-01', max: '2027-12-08' } } });
    expect(row(['A', 'E', '2027-12-08', '70', '60', '1'])).toMatchObject({ date: '2027-12-08' }); // 366 days after 2026-12-07
    expect(row(['A', 'E', '2027-12-09', '70', '60', '1'])).toMatchObject({ field: 'date' });
    expect(row(['A', 'E', '2026-03-01', '100.5', '60', '1'])).toMatchObject({ field: 'score', reason: { key: 'people.reject.range', params: { min: 0, max: 100 } } });
    expect(row(['A', 'E', '2026-03-01', '70', '101', '1'])).toMatchObject({ field: 'pass_mark' });
    expect(row(['A', 'E', '2026-03-01', '70', '60', '101'])).toMatchObject({ field: 'attempt', reason: { key: 'people.reject.range' } });
  });

  it('training: hours 0..2000; expiry up to 100 years ahead; 9999-12-31 is no expiry', () => {
    const row = reader('training', ['agent', 'course', 'date', 'hours', 'expiry']);
    expect(row(['A', 'C', '2026-03-01', '2000', '2126-12-31'])).toMatchObject({ hours: 2000, certificateExpiry: '2126-12-31' });
    expect(row(['A', 'C', '2026-03-01', '2000.5', ''])).toMatchObject({ field: 'hours' });
    expect(row(['A', 'C', '2026-03-01', '8', '2127-01-01'])).toMatchObject({ field: 'expiry', reason: { key: 'people.reject.dateRange' } });
    expect(row(['A', 'C', '2026-03-01', '8', '9999-12-31'])).toMatchObject({ certificateExpiry: null });
    expect(row(['A', 'C', '2026-03-01', '8', '9999/12/31'])).toMatchObject({ certificateExpiry: null });
    expect(row(['A', 'C', '2026-03-01', '8', '9999-12-30'])).toMatchObject({ field: 'expiry' });
  });

  it('agents: weekly hours 0..168 each, proficiency 0..100', () => {
    const row = reader('agents', ['id', 'skills', 'min_hours', 'max_hours']);
    expect(row(['A', 'b:100', '168', '168'])).toMatchObject({ minWeeklyHours: 168, maxWeeklyHours: 168, skills: [{ skill: 'b', proficiency: 100 }] });
    expect(row(['A', 'b', '168.5', ''])).toMatchObject({ field: 'min_hours', reason: { key: 'people.reject.hoursWeek' } });
    expect(row(['A', 'b', '', '169'])).toMatchObject({ field: 'max_hours', reason: { key: 'people.reject.hoursWeek' } });
    expect(parseSkills('a:3;b:100.5')).toEqual({ field: 'skills', reason: { key: 'people.reject.range', params: { value: 'b:100.5', min: 0, max: 100 } } });
  });
});

describe('people names', () => {
  it('a control character in a name field rejects the row, naming the field and code point; other columns are not names', () => {
    const row = reader('agents', ['id', 'name', 'team', 'supervisor', 'skills', 'notes']);
    expect(row(['A1', 'Ann', 'T', 'S', 'b', 'free\ttext'])).toMatchObject({ id: 'A1' });
    expect(row(['A1', 'Ann\nSmith', 'T', 'S', 'b', ''])).toEqual({ field: 'name', reason: { key: 'import.reject.control', params: { field: 'name', codePoint: 'U+000A' } } });
    const sk = reader('skills', ['skill', 'exam', 'certificate']);
    expect(sk(['vip', 'E', 'C\u009b'])).toMatchObject({ field: 'certificate', reason: { params: { codePoint: 'U+009B' } } });
  });
});
