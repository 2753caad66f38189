/**
 * Seeded pseudo-random numbers for the simulator. No `Math.random`: the same seed always gives the
 * same sequence on every platform.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021; reference C at https://prng.di.unimi.it/xoshiro128starstar.c). 128-bit state,
 * period 2^128 - 1, 32-bit output, passes BigCrush. All arithmetic is 32-bit (`Math.imul`, `>>> 0`).
 *
 * Seeding: the four state words come from two outputs of SplitMix64 (Steele, Lea & Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014), as Vigna recommends, so that nearby seeds
 * (1, 2, 3, ...) give unrelated streams. Independent streams for replications, queues and purposes
 * are derived by {@link deriveSeed}, which folds extra integers into the seed through SplitMix64.
 */

const MASK64 = (1n << 64n) - 1n;
const GOLDEN64 = 0x9e3779b97f4a7c15n;

/** One SplitMix64 step: returns [next state, output]. Both are unsigned 64-bit BigInts. */
export function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + GOLDEN64) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  z = z ^ (z >> 31n);
  return [s, z];
}

function toU64(seed: number | bigint): bigint {
  if (typeof seed === 'bigint') return seed & MASK64;
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return BigInt(seed) & MASK64;
}

/**
 * A seed for an independent stream: SplitMix64 of the seed mixed with each part in turn,
 * s <- SplitMix64(s xor part). Parts are small integers (replication number, queue index, purpose).
 * Returns an unsigned 64-bit BigInt.
 */
export function deriveSeed(seed: number | bigint, ...parts: number[]): bigint {
  let s = splitMix64(toU64(seed))[1];
  for (const p of parts) s = splitMix64(s ^ toU64(p))[1];
  return s;
}

/** xoshiro128** generator with helpers for uniform variates. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * Seed from an integer (or a 64-bit BigInt from {@link deriveSeed}): state words are the high and
   * low halves of the first two SplitMix64 outputs from that seed.
   */
  constructor(seed: number | bigint) {
    const [st1, a] = splitMix64(toU64(seed));
    const [, b] = splitMix64(st1);
    this.s0 = Number(a & 0xffffffffn) >>> 0;
    this.s1 = Number(a >> 32n) >>> 0;
    this.s2 = Number(b & 0xffffffffn) >>> 0;
    this.s3 = Number(b >> 32n) >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is forbidden
  }

  /** Seed the state words directly (for checking against the reference implementation). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const r = new Rng(0);
    r.s0 = s0 >>> 0;
    r.s1 = s1 >>> 0;
    r.s2 = s2 >>> 0;
    r.s3 = s3 >>> 0;
    return r;
  }

  /** Next 32-bit output, an unsigned integer 0 .. 2^32 - 1: rotl(s1 * 5, 7) * 9, then the xoshiro state update. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits (two outputs: 27 high bits, 26 low bits). */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on (0, 1]: 1 - next(); safe to take the logarithm of. */
  nextOpen(): number {
    return 1 - this.next();
  }

  /** Uniform integer 0 .. n - 1 (n >= 1), by scaling a 53-bit uniform (bias below 2^-40 for n < 2^13). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
