/**
 * Scheduled agents from agents on the phones: ceil(N / (1 - shrinkage)), computed exactly.
 *
 * In doubles 21 / (1 - 0.3) is 30.000000000000004 and 22.1 / 0.85 is 26.000000000000004, so a plain
 * Math.ceil schedules one agent too many. Here both numbers are read as the decimals they were
 * written as (the shortest decimal string that round-trips, which is what a user typed or a CSV
 * held), and the ceiling is taken in exact integer arithmetic: with N = p / 10^e and
 * s = q / 10^f, N / (1 - s) = p 10^f / (10^e (10^f - q)).
 *
 * Units: agents (may be fractional, e.g. a requirement already averaged), shrinkage as a fraction
 * 0 <= s < 1. Cost: O(digits).
 */

/** A finite double as an exact decimal: value = digits / 10^scale, digits a BigInt. */
export function exactDecimal(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value); // shortest round-trip representation (ECMA-262 Number::toString)
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) throw new RangeError(`cannot read ${text} as a decimal`);
  const [, sign, whole, frac = '', exp = '0'] = match;
  let digits = BigInt(sign + whole + frac);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** ceil(N / (1 - shrinkage)) exactly. 0 agents stay 0. Throws for shrinkage outside [0, 1). */
export function scheduledAgents(agents: number, shrinkage: number): number {
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError(`shrinkage must be >= 0 and < 1, got ${shrinkage}`);
  if (!(agents >= 0)) throw new RangeError(`agents must be >= 0, got ${agents}`);
  const n = exactDecimal(agents);
  const s = exactDecimal(shrinkage);
  const tenF = 10n ** BigInt(s.scale);
  const numerator = n.digits * tenF;
  const denominator = 10n ** BigInt(n.scale) * (tenF - s.digits);
  const quotient = numerator / denominator;
  return Number(quotient * denominator === numerator ? quotient : quotient + 1n);
}
