/**
 * Running the built CLI as a user whom file permissions stop. Tests often run as root, for whom
 * `chmod` stops nothing; then the CLI runs as `nobody` (uid/gid 65534) when this process may switch
 * to it, and the tests that need permissions to bite are skipped (with the reason) only when it may
 * not. Folders made with mkdtemp are private (0700): `reachable` opens them for that user to read.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { BIN, type Run } from './wfm-cli.js';

const NOBODY = 65534;

let reason = '';

function probe(): { uid?: number; gid?: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.getuid()))'], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  if (r.status !== 0 || r.stdout !== String(NOBODY)) {
    reason = 'running as root without the right to switch to an unprivileged user: file permissions do not stop root';
    return null;
  }
  // the project itself must be reachable for that user (a clone inside a private mktemp folder is not)
  if (!canRead(BIN)) {
    reason = `running as root, and ${BIN} is not reachable for the unprivileged user (a folder above it is private): file permissions do not stop root`;
    return null;
  }
  return { uid: NOBODY, gid: NOBODY };
}

function canRead(file: string): boolean {
  const r = spawnSync(process.execPath, ['-e', 'require("node:fs").accessSync(process.argv[1], require("node:fs").constants.R_OK)', file], { uid: NOBODY, gid: NOBODY });
  return r.status === 0;
}

/** How to run as a user permissions apply to: {} (this user is not root), nobody's ids, or null (root that cannot switch, or cannot reach the project). */
export const AS_USER = probe();

/** Why permission tests are skipped (empty when they run). */
export const SKIP_REASON = AS_USER ? '' : reason;

/** Let the test user reach (read, and list) `dir`, and each of `more`. */
export function reachable(dir: string, ...more: string[]): void {
  for (const d of [dir, ...more]) chmodSync(d, 0o755);
}

/** `wfm args...` in `cwd` as the unprivileged user (see AS_USER), fixed language and zone unless given. */
export function wfmAsUser(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  if (!AS_USER) throw new Error(SKIP_REASON);
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C', WFM_TZ: 'UTC', HOME: cwd, ...env },
    maxBuffer: 64 * 1024 * 1024,
    ...AS_USER,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
