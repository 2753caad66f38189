/** Run the built `wfm` (bin/wfm.js -> dist/) as a child process, as a user or cron would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'wfm.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function wfm(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C', TZ: 'UTC', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function wfmJson<T = unknown>(args: string[], opts?: Parameters<typeof wfm>[1]): { code: number; json: T; stderr: string } {
  const r = wfm([...args, '--format', 'json'], opts);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 500)}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}
