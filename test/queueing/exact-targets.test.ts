/**
 * Every staffing target compared exactly at its boundary (issue 15, item 14).
 *
 * The references here are BigInt fractions written in this file and Erlang C as a BigInt fraction
 * from test/helpers/exact.ts (B = p^n / sum n!/(n-i)! q^i p^(n-i)), not the code under test. The cases
 * are built to land exactly on a boundary (traffic / N = cap, ASA(N) = the ASA cap, 1 - C(N) = the
 * service-level target at T = 0), where doubles fall either side; their neighbours a step off the
 * boundary are checked too. They run in-process through `main` (the same parsing of the decimals the
 * user typed as the binary); the binary itself answers the case.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { main } from '../../src/cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requiredAgents, evaluate } from '../../src/queueing/index.js';
import { agentsForOccupancy, answeredAtOnceAtLeast, asaWithin, inverseErlangC, trafficRatio } from '../../src/queueing/exact.js';
import { erlangCExact } from '../helpers/exact.js';
import { ensureBuilt, wfm, ROOT } from '../helpers/wfm-cli.js';

// ---------------------------------------------------------------------------------------------
// BigInt fractions (the reference arithmetic of this file)

interface Q {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const cmp = (a: Q, b: Q) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const ceilQ = (a: Q) => (a.n + a.d - 1n) / a.d; // a >= 0
const floorQ = (a: Q) => a.n / a.d;

/** A decimal string as a fraction ("12.375" -> 99/8). */
function dec(text: string): Q {
  const [w, f = ''] = text.split('.');
  return q(BigInt(w + f), 10n ** BigInt(f.length));
}

/** A fraction whose denominator has only the factors 2 and 5, as its decimal string; null otherwise. */
function decimalString(x: Q): string | null {
  let d = x.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return null;
  const scale = Math.max(twos, fives);
  const digits = ((x.n * 10n ** BigInt(scale)) / x.d).toString().padStart(scale + 1, '0');
  if (scale === 0) return digits;
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/0+$/, '').replace(/\.$/, '');
  return text;
}

/** Significant digits of a decimal string (a double holds up to 15 exactly). */
const significant = (text: string) => text.replace('.', '').replace(/^0+/, '').length;

/** A seeded generator (mulberry32), so the held-out set is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

/** C(n, a) for a = x exactly. */
function erlangC(n: number, a: Q): Q {
  const c = erlangCExact(n, a.n, a.d);
  return q(c.num, c.den);
}
/** ASA(n, a) = C AHT / (n - a), exactly (n > a). */
const asaExact = (n: number, a: Q, aht: Q) => div(mul(erlangC(n, a), aht), sub(q(BigInt(n)), a));

// ---------------------------------------------------------------------------------------------

async function agentsFor(args: string[]): Promise<{ code: number; agents: number; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['erlang', ...args, '--format', 'json'], {
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    env: { LANG: 'C', WFM_TZ: 'UTC' },
    cwd: process.cwd(),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { code, agents: code === 0 ? (JSON.parse(stdout) as { agents: number }).agents : NaN, stderr };
}

/**
 * With --sla 1%/3600 and AHT <= 600 s the service level never binds at an n with n - a >= 0.05 (a cap of at most 95 %, or a >= 0.1 below n):
 * SL = 1 - C exp(-(n - a) 3600 / AHT) >= 1 - exp(-0.3) > 0.25. So the answer is the other target's.
 */
const LOOSE_SLA = ['--sla', '1%/3600'];

describe('the occupancy cap is compared exactly', () => {
  beforeAll(() => ensureBuilt());

  it("answers the issue's case: 663 calls in 15 min at 30 s AHT is 22.1 Erlangs, 22.1 / 26 = 85 % exactly: 26 agents", () => {
    expect((663 * 30) / 900 / 0.85).toBeGreaterThan(26); // the float trap itself
    expect(cmp(div(q(663n * 30n, 900n), dec('0.85')), q(26n))).toBe(0); // and the exact truth
    const r = wfm(['erlang', '--calls', '663', '--interval', '15', '--aht', '30', '--max-occupancy', '85%', '--format', 'json'], ROOT);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { agents: number; occupancy: number };
    expect(json.agents).toBe(26);
    expect(json.occupancy).toBeCloseTo(0.85, 12);
    const table = wfm(['erlang', '--calls', '663', '--interval', '15', '--aht', '30', '--max-occupancy', '85%', '--format', 'table'], ROOT);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^→\s+26\s/m);
    expect(table.stdout).toMatch(/85\.0%/);
  });

  it('in the pure search too, with the traffic read as the decimal it prints as', () => {
    expect(requiredAgents({ trafficErlangs: 22.1, ahtSeconds: 30 }, { maxOccupancy: 0.85 })).toBe(26);
    expect(requiredAgents({ trafficErlangs: 22.1, ahtSeconds: 30 }, { maxOccupancy: 0.85, serviceLevel: { target: 0.01, seconds: 3600 } })).toBe(26);
    expect(evaluate(26, { trafficErlangs: 22.1, ahtSeconds: 30 }, 20).occupancy).toBeCloseTo(0.85, 14);
  });

  it('wfm staff staffs an interval on the boundary the same way (15-minute rows)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfm-exact-'));
    const p = join(dir, 'demand.csv');
    writeFileSync(p, 'interval_start,queue,calls,aht\n2026-12-07 09:00,billing,663,30\n2026-12-07 09:15,billing,663,30\n');
    const r = wfm(['staff', '--input', p, '--interval', '15', '--max-occupancy', '85%', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { intervals: { agents: number }[] };
    expect(json.intervals.map((i) => i.agents)).toEqual([26, 26]);
  });

  it('answers 320 held-out exact-boundary cases (and their neighbours) exactly', async () => {
    const r = rng(20261215);
    const CAPS = ['80', '85', '90', '75', '87.5', '92.5', '95', '82.5'];
    const INTERVALS = [5, 10, 15, 20, 30, 60];
    let cases = 0;
    let floatWrong = 0;
    while (cases < 320) {
      const N = r.int(1, 1500);
      const capText = r.pick(CAPS);
      const cap = div(dec(capText), q(100n));
      const interval = r.pick(INTERVALS);
      // AHT = g 2^i 5^j / 10^k with g a divisor of N * interval * 60: calls = cap N interval 60 / AHT
      // is then a terminating decimal
      const base = BigInt(N * interval * 60);
      const divisors: bigint[] = [];
      for (let g = 1n; g * g <= base; g++) if (base % g === 0n) divisors.push(g, base / g);
      const g = r.pick(divisors);
      const aht = q(g * 2n ** BigInt(r.int(0, 3)) * 5n ** BigInt(r.int(0, 2)), 10n ** BigInt(r.int(0, 2)));
      if (cmp(aht, q(1n)) < 0 || cmp(aht, q(600n)) > 0) continue;
      const calls = div(mul(mul(cap, q(BigInt(N))), q(BigInt(interval * 60))), aht);
      const callsText = decimalString(calls);
      const ahtText = decimalString(aht);
      if (!callsText || !ahtText || significant(callsText) > 15 || significant(ahtText) > 15) continue;
      const traffic = div(mul(dec(callsText), dec(ahtText)), q(BigInt(interval * 60)));
      expect(cmp(div(traffic, cap), q(BigInt(N)))).toBe(0); // on the boundary by construction
      const args = ['--calls', callsText, '--interval', String(interval), '--aht', ahtText, '--max-occupancy', `${capText}%`, ...LOOSE_SLA];
      const got = await agentsFor(args);
      expect(got, args.join(' ')).toMatchObject({ code: 0, agents: N });
      // the float answer this replaces: traffic in doubles, then the ceiling
      const a = (Number(callsText) * Number(ahtText)) / (interval * 60);
      if (Math.ceil(a / (Number(capText) / 100)) !== N) floatWrong++;
      // a step off the boundary either way: one more call's worth of a hundredth needs N + 1
      // (traffic / cap just above N); a hundredth fewer still needs N
      for (const delta of ['0.01', '-0.01']) {
        const moved = add(dec(callsText), q(delta.startsWith('-') ? -1n : 1n, 100n));
        if (moved.n <= 0n) continue;
        const movedText = decimalString(moved)!;
        if (significant(movedText) > 15) continue;
        const t2 = div(mul(moved, dec(ahtText)), q(BigInt(interval * 60)));
        const expected = Number(ceilQ(div(t2, cap)) > floorQ(t2) ? ceilQ(div(t2, cap)) : floorQ(t2) + 1n);
        const near = await agentsFor(['--calls', movedText, ...args.slice(2)]);
        expect(near, `--calls ${movedText} ${args.slice(2).join(' ')}`).toMatchObject({ code: 0, agents: expected });
      }
      cases++;
    }
    expect(cases).toBe(320);
    // the set does hold float traps (else it would prove nothing)
    expect(floatWrong).toBeGreaterThan(20);
  });
});

describe('the exact pieces (src/queueing/exact.ts) against this file\'s fractions', () => {
  it('1 / C(n, a) equals the reference C inverted, for n = 1..30 and a few loads', () => {
    for (const [p, d] of [[1n, 4n], [17n, 20n], [221n, 10n], [663n, 30n], [29n, 1n]] as const) {
      for (let n = Number(p / d) + 1; n <= 30; n++) {
        const inv = inverseErlangC(n, { num: p, den: d });
        const c = erlangC(n, q(p, d));
        expect(cmp(q(inv.num, inv.den), div(q(1n), c)), `n=${n} a=${p}/${d}`).toBe(0);
      }
    }
  });

  it('traffic, the occupancy ceiling and the two tie checks', () => {
    const t = trafficRatio(663, 30, 15);
    expect(cmp(q(t.num, t.den), dec('22.1'))).toBe(0);
    expect(agentsForOccupancy(t, 0.85)).toBe(26n);
    expect(agentsForOccupancy(t, 0.8501)).toBe(26n);
    expect(agentsForOccupancy(t, 0.8499)).toBe(27n);
    // n = 1, a = 0.25: C = 0.25, ASA = 0.25 x 30 / 0.75 = 10 s exactly
    expect(asaWithin(1, { num: 1n, den: 4n }, 30, 10)).toBe(true);
    expect(asaWithin(1, { num: 1n, den: 4n }, 30, 9.999999999)).toBe(false);
    // n = 2, a = 1: C = 1/3, ASA = AHT / 3 = 10 s at 30 s AHT
    expect(asaWithin(2, { num: 1n, den: 1n }, 30, 10)).toBe(true);
    expect(asaWithin(2, { num: 1n, den: 1n }, 30.000000001, 10)).toBe(false);
    // n = 1, a = 0.8: 1 - C = 0.2
    expect(answeredAtOnceAtLeast(1, { num: 4n, den: 5n }, 0.2)).toBe(true);
    expect(answeredAtOnceAtLeast(1, { num: 4n, den: 5n }, 0.2000000001)).toBe(false);
  });
});

describe('the ASA cap and the service level at T = 0 are compared exactly', () => {
  it('an ASA cap met exactly is met (n = 1, 2, 3: ASA(n) is a fraction the cap can equal)', async () => {
    const r = rng(7);
    let cases = 0;
    let tries = 0;
    while (cases < 120 && tries < 200_000) {
      tries++;
      const n = r.int(1, 3);
      // a = k / 20 with n - a >= 0.1 (so the loose service level holds at n)
      const k = r.int(1, 20 * n - 2);
      const a = q(BigInt(k), 20n);
      const unit = asaExact(n, a, q(1n)); // ASA per second of AHT
      // AHT = the odd part of the unit's denominator, times a small factor and a power of ten: the
      // ASA is then a terminating decimal
      let odd = unit.d;
      while (odd % 2n === 0n) odd /= 2n;
      while (odd % 5n === 0n) odd /= 5n;
      const aht = q(odd * BigInt(r.int(1, 9)), 10n ** BigInt(r.int(0, 1)));
      if (cmp(aht, q(600n)) > 0 || cmp(aht, q(1n, 10n)) < 0) continue;
      const asa = mul(unit, aht);
      const ahtText = decimalString(aht)!;
      const asaText = decimalString(asa);
      const aText = decimalString(a)!;
      if (!asaText || significant(asaText) > 15 || asa.n === 0n) continue;
      // the reference: the smallest stable m whose exact ASA is within the cap (n, by construction)
      let expected = Number(floorQ(a)) + 1;
      while (cmp(asaExact(expected, a, aht), asa) > 0) expected++;
      expect(expected).toBe(n);
      const got = await agentsFor(['--traffic', aText, '--aht', ahtText, '--asa', asaText, ...LOOSE_SLA]);
      expect(got, `--traffic ${aText} --aht ${ahtText} --asa ${asaText}`).toMatchObject({ code: 0, agents: n });
      cases++;
    }
    expect(cases).toBe(120);
  });

  it('a service level met exactly at T = 0 is met (1 - C(n, a) = target)', async () => {
    const r = rng(11);
    let cases = 0;
    let tries = 0;
    while (cases < 120 && tries < 200_000) {
      tries++;
      const n = r.int(1, 4);
      const k = r.int(1, 40 * n - 1);
      const a = q(BigInt(k), 40n);
      const c = erlangC(n, a);
      const target = sub(q(1n), c);
      const targetText = decimalString(mul(target, q(100n)));
      if (!targetText || significant(targetText) > 15 || target.n <= 0n) continue;
      let expected = Number(floorQ(a)) + 1;
      while (cmp(sub(q(1n), erlangC(expected, a)), target) < 0) expected++;
      expect(expected).toBe(n);
      const aText = decimalString(a)!;
      const got = await agentsFor(['--traffic', aText, '--aht', '30', '--sla', `${targetText}%/0`]);
      expect(got, `--traffic ${aText} --sla ${targetText}%/0`).toMatchObject({ code: 0, agents: n });
      cases++;
    }
    expect(cases).toBe(120);
  });
});
