/**
 * Erlang B: the probability that a call finds all `n` servers busy in an M/M/n/n loss system
 * offered `a` Erlangs.
 *
 *   B(n, a) = (a^n / n!) / sum_{k=0..n} a^k / k!
 *
 * Never evaluated from the powers and factorials (they overflow long before the ratio does):
 *
 * - for n <= a + 1 as 1/B = sum_{i=0..n} prod_{m=0..i-1} (n - m)/a, a sum of positive terms that
 *   shrink once m > n - a, stopped when the next term cannot change the double result
 *   (about 9 sqrt(a) terms near n = a, one or two when n is far below a);
 * - for larger n by the forward recursion B(k) = a B(k-1) / (k + a B(k-1)) from n = floor(a) + 1,
 *   which is numerically stable (it contracts errors).
 *
 * Units: `a` in Erlangs (arrival rate x mean holding time), `n` a whole number of servers.
 * Cost: O(sqrt(a) + max(0, n - a)). Domain: n >= 0 integer, a >= 0 finite. B(0, a) = 1; B(n, 0) = 0
 * for n >= 1.
 *
 * Source: A. K. Erlang (1917); the recursion as in Jagerman, "Some properties of the Erlang loss
 * function", Bell System Technical Journal 53 (1974) 525-551.
 */
export function erlangB(n: number, a: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`erlangB: servers must be a whole number >= 0, got ${n}`);
  if (!(a >= 0) || !Number.isFinite(a)) throw new RangeError(`erlangB: traffic must be finite and >= 0, got ${a}`);
  if (n === 0) return 1;
  if (a === 0) return 0;
  const start = Math.floor(a) + 1;
  if (n <= start) return erlangBDirect(n, a);
  let b = erlangBDirect(start, a);
  for (let k = start + 1; k <= n; k++) {
    b = (a * b) / (k + a * b);
    if (b === 0) return 0;
  }
  return b;
}

/**
 * B(n, a) from 1/B = sum_{i=0..n} prod_{m=0..i-1} (n-m)/a. Used for n <= floor(a) + 1, where no
 * term exceeds n/a <= 1 + 1/a.
 */
export function erlangBDirect(n: number, a: number): number {
  const inv = 1 / a;
  let term = 1;
  let sum = 1;
  // terms grow while n - m > a (at most to n/a <= 1 + 1/a here), then shrink faster than geometrically
  let m = 0;
  for (; m < n && n - m > a; m++) {
    term *= (n - m) * inv;
    sum += term;
  }
  for (; m < n; m++) {
    term *= (n - m) * inv;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return 1 / sum;
}

/**
 * Advance Erlang B by one server: B(n, a) from B(n-1, a). Stable forward recursion.
 */
export function erlangBNext(previous: number, n: number, a: number): number {
  return (a * previous) / (n + a * previous);
}
