/**
 * Exact arithmetic for the staffing targets at their boundaries.
 *
 * The inputs people type are decimals (663 calls, 30 s AHT, 85 %), so the offered load
 * a = calls x AHT / interval seconds is a fraction of integers, and so are the Erlang C measures
 * that have no exponential in them: occupancy a / n, P(wait) C(n, a) (a rational function of a),
 * ASA = C AHT / (n - a), and the service level at T = 0, 1 - C. A target can sit exactly on such a
 * value (22.1 Erlangs / 26 agents is exactly 85 %), where doubles fall either side (22.1 / 0.85 is
 * 26.000000000000004). So these comparisons are made here in BigInt fractions.
 *
 * The service level at T > 0, 1 - C exp(-(n - a) T / AHT), cannot tie with a decimal target: C is a
 * nonzero fraction and exp(r) is irrational for every nonzero fraction r (Lambert, Hermite), so
 * C exp(-r) = 1 - target has no solution. Erlang A's measures go through exponentials and the
 * incomplete gamma function; they are compared in doubles (see src/queueing/required.ts).
 */
import { exactDecimal } from './shrinkage.js';

/** num / den with den > 0 (not necessarily in lowest terms). */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** A finite double >= 0 as the decimal it prints as (what the user typed), as a fraction. */
export function ratioOf(value: number): Ratio {
  const { digits, scale } = exactDecimal(value);
  return { num: digits, den: 10n ** BigInt(scale) };
}

/** Offered load from calls per interval, exactly: calls x AHT / (interval minutes x 60). */
export function trafficRatio(calls: number, ahtSeconds: number, intervalMinutes: number): Ratio {
  const c = ratioOf(calls);
  const h = ratioOf(ahtSeconds);
  const m = ratioOf(intervalMinutes);
  return { num: c.num * h.num * m.den, den: c.den * h.den * m.num * 60n };
}

/** floor(x) for x >= 0. */
export function floorRatio(x: Ratio): bigint {
  return x.num / x.den;
}

/** The fewest agents n with a / n <= cap: ceil(a / cap), exactly (cap > 0). */
export function agentsForOccupancy(a: Ratio, cap: number): bigint {
  const c = ratioOf(cap);
  const num = a.num * c.den;
  const den = a.den * c.num;
  return (num + den - 1n) / den;
}

/**
 * 1 / C(n, a) as a fraction, for n > a > 0. With I = 1 / B(n, a) (Erlang B),
 * I_0 = 1, I_k = 1 + (k / a) I_(k-1), and 1 / C = (1 - a/n) I_n + a/n. Writing a = p / q and
 * I_k = X_k / p^k: X_k = p^k + k q X_(k-1), so
 *   1 / C = ((q n - p) X_n + p^(n+1)) / (q n p^n).
 * Cost: n steps on numbers of about n log10(p) digits.
 */
export function inverseErlangC(n: number, a: Ratio): Ratio {
  const p = a.num;
  const q = a.den;
  let x = 1n;
  let pk = 1n;
  for (let k = 1; k <= n; k++) {
    pk *= p;
    x = pk + BigInt(k) * q * x;
  }
  const qn = q * BigInt(n);
  return { num: (qn - p) * x + pk * p, den: qn * pk };
}

/** Whether ASA(n, a) = C AHT / (n - a) <= maxAsa, exactly (n > a > 0, maxAsa > 0). */
export function asaWithin(n: number, a: Ratio, ahtSeconds: number, maxAsa: number): boolean {
  // C AHT <= m (n - a)  <=>  AHT <= m (n - a) / C   (C > 0)
  const inv = inverseErlangC(n, a);
  const h = ratioOf(ahtSeconds);
  const m = ratioOf(maxAsa);
  const gap = { num: a.den * BigInt(n) - a.num, den: a.den }; // n - a
  // h.num / h.den <= (m.num gap.num inv.num) / (m.den gap.den inv.den)
  return h.num * m.den * gap.den * inv.den <= m.num * gap.num * inv.num * h.den;
}

/** Whether the service level at T = 0, 1 - C(n, a), is at least `target`, exactly (n > a > 0). */
export function answeredAtOnceAtLeast(n: number, a: Ratio, target: number): boolean {
  // 1 - C >= s  <=>  C <= 1 - s  <=>  (1 - s) / C >= 1
  const inv = inverseErlangC(n, a);
  const s = ratioOf(target);
  return (s.den - s.num) * inv.num >= s.den * inv.den;
}
