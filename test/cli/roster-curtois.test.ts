/** `wfm roster curtois FILE`: JSON shape, the objective re-scored by the test evaluator, CSV, bad input. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, wfm, wfmJson } from '../helpers/cli.js';
import { evaluateCurtois, type Assignment } from '../solver/curtois-evaluator.js';

const DATA = join(ROOT, '..', 'shared', 'data', 'curtois');

describe.skipIf(!existsSync(DATA))('wfm roster curtois', () => {
  it('instance 2: JSON with the file ids, the benchmark objective and a bound no higher', () => {
    const file = join(DATA, 'Instance2.txt');
    const r = wfmJson<{ instance: string; objective: number; lowerBound: number; seconds: number; assignments: Assignment[] }>(['roster', 'curtois', file, '--time-limit', '20']);
    expect(r.code).toBe(0);
    expect(r.json.instance).toBe('Instance2');
    const ev = evaluateCurtois(readFileSync(file, 'utf8'), r.json.assignments);
    expect(ev.violations).toEqual([]);
    expect(r.json.objective).toBe(ev.objective);
    // best known (optimal) 828
    expect(r.json.objective).toBeGreaterThanOrEqual(828);
    expect(r.json.lowerBound).toBeLessThanOrEqual(828);
    expect(r.json.seconds).toBeLessThan(30);
    expect(r.stderr).toMatch(/Instance2: objective \d+/);
  }, 60_000);
  it('CSV lists the assignments', () => {
    const r = wfm(['roster', 'curtois', join(DATA, 'Instance1.txt'), '--time-limit', '3', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('employee,day,shift');
    expect(lines.slice(1).every((l) => /^[A-H],\d+,D$/.test(l))).toBe(true);
  }, 30_000);
});

it('a malformed instance: exit 2 naming the file, line and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfm-curtois-'));
  const file = join(dir, 'bad.txt');
  writeFileSync(file, 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,2400,0,5,1,1,x\n');
  const r = wfm(['roster', 'curtois', file]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/bad\.txt.*6/);
  expect(r.stderr).toMatch(/max weekends/);
});
