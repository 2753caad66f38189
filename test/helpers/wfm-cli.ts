/**
 * Running the built CLI (`node bin/wfm.js`) as a child process, building it first when the compiled
 * files are older than the sources.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'wfm.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Compile with tsc when dist is missing or older than src (tsc emits despite unrelated type errors). */
export function ensureBuilt(): void {
  const marker = join(ROOT, 'dist', 'commands', 'import.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest(join(ROOT, 'src'))) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // type errors elsewhere still emit; the check below catches a real failure
  }
  if (!existsSync(marker)) throw new Error('build failed: dist/commands/import.js missing');
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `wfm args...` in `cwd` with a fixed language and zone unless given. */
export function wfm(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
