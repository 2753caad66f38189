/**
 * The one writer of user-named outputs (src/app/output-files.ts), called directly: a link planted at
 * the old predictable temporary name (`.NAME.PID.tmp`) or at the target is never written through,
 * nothing temporary is left behind (also when the write fails), and every refusal is exit 2 naming
 * the option and the path with the reason in plain words.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputDir, checkOutputFile, fsReason, isFsError, writeInto, writeOutputFile } from '../../src/app/output-files.js';
import { describeError } from '../../src/cli.js';
import { UsageError, WfmError } from '../../src/errors.js';
import { testSession } from '../helpers/session.js';

/** The message a refusal prints (English), or '' when `f` does not throw. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as WfmError).exitCode).toBe(2);
    return describeError('en', err as WfmError);
  }
  return '';
}

describe('writeInto / writeOutputFile', () => {
  it('a link at the old temporary name .NAME.PID.tmp is not followed: the target gets the text, the linked file keeps its own', () => {
    const s = testSession();
    mkdirSync(join(s.cwd, 'out'));
    writeFileSync(join(s.cwd, 'victim'), 'precious\n');
    symlinkSync('../victim', join(s.cwd, 'out', `.report.md.${process.pid}.tmp`));
    const path = writeInto(s, '--out', 'out', 'report.md', 'the report\n');
    expect(path).toBe(join(s.cwd, 'out', 'report.md'));
    expect(readFileSync(join(s.cwd, 'victim'), 'utf8')).toBe('precious\n');
    expect(readFileSync(path, 'utf8')).toBe('the report\n');
    // only the planted link and the report: no temporary file of ours is left
    expect(readdirSync(join(s.cwd, 'out')).sort()).toEqual([`.report.md.${process.pid}.tmp`, 'report.md']);
  });

  it('a link at the target is replaced by a file, the file it pointed to is untouched', () => {
    const s = testSession();
    writeFileSync(join(s.cwd, 'victim'), 'precious\n');
    symlinkSync('victim', join(s.cwd, 'rules.yaml'));
    writeOutputFile(s, 'roster init', 'rules.yaml', 'shifts: []\n');
    expect(lstatSync(join(s.cwd, 'rules.yaml')).isFile()).toBe(true);
    expect(readFileSync(join(s.cwd, 'rules.yaml'), 'utf8')).toBe('shifts: []\n');
    expect(readFileSync(join(s.cwd, 'victim'), 'utf8')).toBe('precious\n');
  });

  it('a target that is a folder: exit 2, and no temporary file is left beside it', () => {
    const s = testSession();
    mkdirSync(join(s.cwd, 'out', 'report.md'), { recursive: true });
    expect(refusal(() => writeInto(s, '--out', 'out', 'report.md', 'x'))).toBe('--out out/report.md is a folder: name a file');
    expect(readdirSync(join(s.cwd, 'out'))).toEqual(['report.md']);
  });

  it('makes the folder when absent; re-writing replaces the file whole', () => {
    const s = testSession();
    writeInto(s, '--ics', 'a/b/c', 'x.ics', 'one');
    writeInto(s, '--ics', 'a/b/c', 'x.ics', 'two');
    expect(readdirSync(join(s.cwd, 'a', 'b', 'c'))).toEqual(['x.ics']);
    expect(readFileSync(join(s.cwd, 'a', 'b', 'c', 'x.ics'), 'utf8')).toBe('two');
  });
});

describe('checks before the long work', () => {
  it('a folder that is a file or lies under one; a file that is a folder or lies in a missing folder', () => {
    const s = testSession();
    writeFileSync(join(s.cwd, 'afile'), '');
    mkdirSync(join(s.cwd, 'folder'));
    expect(refusal(() => checkOutputDir(s, '--out', 'afile'))).toBe('--out afile: afile is a file, not a folder');
    expect(refusal(() => checkOutputDir(s, '--out', 'afile/x/y'))).toBe('--out afile/x/y: afile is a file, not a folder');
    expect(refusal(() => checkOutputDir(s, '--out', join(s.cwd, 'afile', 'x')))).toBe(`--out ${join(s.cwd, 'afile', 'x')}: ${join(s.cwd, 'afile')} is a file, not a folder`);
    expect(refusal(() => checkOutputDir(s, '--out', 'new/deeper'))).toBe('');
    expect(refusal(() => checkOutputDir(s, '--out', 'folder'))).toBe('');
    expect(refusal(() => checkOutputFile(s, '--rejects', 'folder'))).toBe('--rejects folder is a folder: name a file');
    expect(refusal(() => checkOutputFile(s, '--rejects', 'afile/r.csv'))).toBe('--rejects afile/r.csv: afile is a file, not a folder');
    expect(refusal(() => checkOutputFile(s, '--rejects', 'nowhere/r.csv'))).toBe('--rejects nowhere/r.csv: cannot write there: no such file or folder (ENOENT)');
    expect(refusal(() => checkOutputFile(s, '--rejects', 'afile'))).toBe('');
    expect(refusal(() => checkOutputFile(s, '--rejects', 'folder/new.csv'))).toBe('');
    // nothing was created by checking
    expect(readdirSync(s.cwd).sort()).toEqual(['afile', 'folder']);
  });
});

describe('file-system errors in plain words', () => {
  it('names the reason and keeps the code, in both languages', () => {
    const eacces = Object.assign(new Error('EACCES: permission denied, open \'/x\''), { code: 'EACCES', syscall: 'open', path: '/x' });
    expect(fsReason('en', eacces)).toBe('permission denied (EACCES)');
    expect(fsReason('zh-CN', eacces)).toBe('权限不足 (EACCES)');
    expect(fsReason('en', { code: 'EROFS' })).toBe('read-only file system (EROFS)');
    expect(fsReason('en', { code: 'ENOSPC' })).toBe('no space left on the device (ENOSPC)');
    expect(fsReason('en', { code: 'EWHATEVER' })).toBe('EWHATEVER');
    expect(isFsError(eacces)).toBe(true);
    expect(isFsError(new Error('a bug'))).toBe(false);
    expect(isFsError(Object.assign(new Error('sqlite'), { code: 'SQLITE_READONLY' }))).toBe(false);
  });
});
