import { describe, expect, it } from 'vitest';
import { commandOf } from '../../src/cli.js';
import { wfm } from '../helpers/cli.js';

describe('loading only the command being run', () => {
  it('finds the command after global options and their values', () => {
    expect(commandOf(['--db', 'import', 'erlang', '--calls', '1'])).toBe('erlang'); // "import" is the --db value
    expect(commandOf(['--format=json', '-q', 'report', 'sla'])).toBe('report');
    expect(commandOf(['--tz', 'UTC', '--lang', 'zh-CN', 'roster', 'init'])).toBe('roster');
    expect(commandOf(['--help'])).toBeUndefined();
    expect(commandOf(['frobnicate'])).toBeUndefined();
    expect(commandOf(['--', 'erlang'])).toBeUndefined();
  });

  it('still lists every command in help and answers a typo with usage (exit 2)', () => {
    const h = wfm(['--help']);
    for (const c of ['erlang', 'staff', 'forecast', 'live', 'import', 'report', 'alerts', 'roster', 'simulate', 'quickstart']) {
      expect(h.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    }
    const typo = wfm(['--db', '/tmp/x.db', 'erlng']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('erlng');
  });
});
