import { describe, expect, it } from 'vitest';
import { wfm, wfmJson } from '../helpers/cli.js';
import { erlangCExact, ratioToNumber } from '../helpers/exact.js';

interface ErlangJson {
  model: string;
  trafficErlangs: number;
  agents: number;
  scheduledAgents: number;
  serviceLevel: number;
  asaSeconds: number | null;
  occupancy: number;
  probWait: number;
  probAbandon: number | null;
  table: Record<string, unknown>[];
}

describe('wfm erlang', () => {
  it('prints exactly the documented JSON object', () => {
    const { code, json } = wfmJson<ErlangJson>(['erlang', '--calls', '320', '--interval', '30', '--aht', '240', '--sla', '80/20', '--shrinkage', '0.3']);
    expect(code).toBe(0);
    expect(Object.keys(json).sort()).toEqual(
      ['model', 'trafficErlangs', 'agents', 'scheduledAgents', 'serviceLevel', 'asaSeconds', 'occupancy', 'probWait', 'probAbandon', 'table'].sort(),
    );
    expect(json.model).toBe('erlang-c');
    expect(json.trafficErlangs).toBeCloseTo((320 * 240) / 1800, 12);
    expect(json.agents).toBe(49);
    expect(json.scheduledAgents).toBe(70); // ceil(49 / 0.7) = 70 exactly
    expect(json.probAbandon).toBeNull();
    // P(wait) from exact rational arithmetic: a = 128/3
    const c = erlangCExact(49, 128n, 3n);
    expect(Math.abs(json.probWait - ratioToNumber(c.num, c.den))).toBeLessThan(1e-12);
    expect(json.table.map((r) => r.agents)).toEqual([46, 47, 48, 49, 50, 51, 52]);
    for (const row of json.table) expect(Object.keys(row).sort()).toEqual(['agents', 'asaSeconds', 'occupancy', 'probAbandon', 'probWait', 'serviceLevel']);
  });

  it('evaluates a given headcount, with null ASA when unstable', () => {
    const { code, json } = wfmJson<ErlangJson>(['erlang', '--traffic', '42', '--aht', '240', '--agents', '40']);
    expect(code).toBe(0);
    expect(json.agents).toBe(40);
    expect(json.serviceLevel).toBe(0);
    expect(json.asaSeconds).toBeNull();
    expect(json.probWait).toBe(1);
  });

  it('switches to Erlang A with --patience and reports P(abandon)', () => {
    const { json } = wfmJson<ErlangJson>(['erlang', '--calls', '320', '--aht', '240', '--patience', '120', '--max-abandon', '5%']);
    expect(json.model).toBe('erlang-a');
    expect(json.probAbandon).toBeLessThanOrEqual(0.05);
    const less = json.table.find((r) => r.agents === json.agents - 1)!;
    expect((less.probAbandon as number) > 0.05 || (less.serviceLevel as number) < 0.8).toBe(true);
  });

  it('needs 0 agents for 0 calls', () => {
    const { code, json } = wfmJson<ErlangJson>(['erlang', '--calls', '0', '--aht', '240']);
    expect(code).toBe(0);
    expect(json.agents).toBe(0);
    expect(json.scheduledAgents).toBe(0);
  });

  it('exits 2 and names the option on bad input', () => {
    const r = wfm(['erlang', '--calls', '320', '--aht', '240', '--sla', '80/abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sla');
    const r2 = wfm(['erlang', '--calls', 'many', '--aht', '240']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--calls');
    const r3 = wfm(['erlang', '--calls', '320']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('--aht');
    const r4 = wfm(['erlang', '--calls', '10', '--aht', '240', '--sla', '100/20']);
    expect(r4.code).toBe(2);
    expect(r4.stderr).toMatch(/100%|never/);
    const r5 = wfm(['erlang', '--calls', '10', '--aht', '240', '--max-abandon', '5%']);
    expect(r5.code).toBe(2);
    expect(r5.stderr).toContain('--patience');
    const r6 = wfm(['erlang', '--calls', '10', '--aht', '240', '--tz', 'Mars/Olympus']);
    expect(r6.code).toBe(2);
    expect(r6.stderr).toContain('--tz');
  });

  it('speaks Chinese with --lang zh-CN or LANG=zh_CN.UTF-8', () => {
    const r = wfm(['erlang', '--calls', '320', '--aht', '240', '--format', 'table', '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('所需在线座席');
    const h = wfm(['erlang', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('来电量');
    const e = wfm(['erlang', '--calls', '1', '--aht', '0'], { env: { LC_ALL: 'zh_CN.UTF-8' } });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('必须大于 0');
  });

  it('prints CSV with one row per what-if headcount', () => {
    const r = wfm(['erlang', '--calls', '320', '--aht', '240', '--format', 'csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('model,trafficErlangs,agents,serviceLevel,asaSeconds,occupancy,probWait,probAbandon,selected');
    expect(lines).toHaveLength(8);
    expect(lines.filter((l) => l.endsWith(',true'))).toHaveLength(1);
  });
});

describe('wfm (program)', () => {
  it('help exits 0 and documents the exit codes; no command exits 2; unknown option exits 2', () => {
    const h = wfm(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Exit codes:[\s\S]*2\s+bad usage/);
    expect(wfm([]).code).toBe(2);
    expect(wfm(['erlang', '--nope']).code).toBe(2);
    expect(wfm(['frobnicate']).code).toBe(2);
    expect(wfm(['--version']).code).toBe(0);
  });

  it('every command accepts the global options', () => {
    for (const cmd of [['erlang', '--calls', '10', '--aht', '200'], ['staff', '--input', 'data/sample-demand.csv']]) {
      const r = wfm([...cmd, '--format', 'json', '--lang', 'en', '--quiet', '--tz', 'Asia/Shanghai', '--db', '/tmp/none.db']);
      expect(r.code).toBe(0);
    }
  });
});
