import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Pure modules: no file system, no database, no process, no clock from the environment. */
const PURE = ['src/queueing', 'src/staff', 'src/forecast', 'src/solver', 'src/cdr', 'src/sim'];
const FORBIDDEN = [
  /from ['"]node:fs/,
  /from ['"]fs['"]/,
  /better-sqlite3/,
  /\bprocess\.(env|argv|exit|stdout|stderr|stdin|cwd|hrtime|on)\b/,
  /\bDate\.now\(/,
  /\bnew Date\(\)/,
  /from ['"]node:child_process/,
];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('module boundaries', () => {
  it('pure modules do no I/O', () => {
    const offenders: string[] = [];
    for (const dir of PURE) {
      for (const f of files(dir)) {
        const text = readFileSync(f, 'utf8');
        for (const rx of FORBIDDEN) if (rx.test(text)) offenders.push(`${f}: ${rx}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('src/kpi.ts is a pure leaf: imports nothing from src/ but errors.ts', () => {
    const text = readFileSync('src/kpi.ts', 'utf8');
    const imports = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(imports.filter((m) => m.startsWith('.') && m !== './errors.js')).toEqual([]);
    expect(FORBIDDEN.filter((rx) => rx.test(text))).toEqual([]);
  });

  it('only src/store touches SQL', () => {
    const offenders = files('src')
      .filter((f) => !f.startsWith('src/store'))
      .filter((f) => /better-sqlite3|\bSELECT\s+.+\s+FROM\b|\bINSERT\s+INTO\b/i.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
