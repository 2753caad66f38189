/**
 * Week shapes for bench/roster.ts: families of 24x7 weeks of 15-minute requirements drawn from seeds,
 * so that the roster gap is measured on weeks the solver was not tuned on.
 *
 *   classic    the bench's historical week (morning and afternoon peaks, evening shoulder, 12% at
 *              night, weekends 70%); seed s is the historical instance of seed s
 *   one-peak   one midday peak (centre 11-14 h, narrow to broad), quiet night, weekend 50-85%
 *   two-peaks  two daytime peaks and an evening peak, quiet weekend (35-60%)
 *   evening    a low daytime shoulder and an evening peak (18:30-21 h), busy weekend (80-100%)
 *   flat       a business-hours plateau (opens 7-9 h, closes 19-22 h, one-hour ramps), night 20-45%
 *   weekend    weekdays at 40-65% of the weekend, a broad early-afternoon peak
 *
 * Every family: each day gets its own factor (Monday busier in the weekday families), the shape is
 * scaled so that its noiseless week maximum is the peak, and every interval gets +-7% noise, as the
 * classic week. Pure functions of (family, peak, seed).
 */

export const FAMILIES = ['classic', 'one-peak', 'two-peaks', 'evening', 'flat', 'weekend'] as const;
export type Family = (typeof FAMILIES)[number];

/** mulberry32 PRNG. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The historical bench week: morning and afternoon peaks, evening shoulder, 12% at night, weekends 70%, +-7% noise. */
export function classicWeek(peak: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let d = 0; d < 7; d++) {
    const wk = d >= 5 ? 0.7 : 1;
    for (let i = 0; i < 96; i++) {
      const h = i / 4;
      const shape = 0.12 + 0.88 * Math.max(Math.exp(-((h - 10.5) ** 2) / 6), 0.85 * Math.exp(-((h - 15) ** 2) / 8), 0.5 * Math.exp(-((h - 20) ** 2) / 5));
      out.push(Math.max(0, Math.round(peak * wk * shape * (0.93 + 0.14 * r()))));
    }
  }
  return out;
}

const bump = (h: number, c: number, w: number) => Math.exp(-((h - c) ** 2) / w);
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A day shape (hour of day -> 0..1, before the night floor) and the 7 day factors of one family draw. */
function draw(family: Exclude<Family, 'classic'>, r: () => number): { shape: (h: number) => number; night: number; days: number[] } {
  const u = (a: number, b: number) => a + (b - a) * r();
  const weekdays = (weekend: number) => [u(1.0, 1.1), u(0.9, 1.0), u(0.9, 1.0), u(0.9, 1.0), u(0.85, 1.0), weekend * u(0.9, 1.1), weekend * u(0.85, 1.0)];
  switch (family) {
    case 'one-peak': {
      const c = u(11, 14);
      const w = u(5, 14);
      return { shape: (h) => bump(h, c, w), night: u(0.05, 0.2), days: weekdays(u(0.5, 0.85)) };
    }
    case 'two-peaks': {
      const c1 = u(9.5, 11);
      const c2 = u(14, 16);
      const c3 = u(19, 21);
      const h2 = u(0.7, 1);
      const h3 = u(0.4, 0.7);
      const w = u(2.5, 5);
      return { shape: (h) => Math.max(bump(h, c1, w), h2 * bump(h, c2, w * u(1, 1.5)), h3 * bump(h, c3, 4)), night: u(0.06, 0.15), days: weekdays(u(0.35, 0.6)) };
    }
    case 'evening': {
      const c = u(18.5, 21);
      const w = u(3, 6);
      const day = u(0.3, 0.45);
      return { shape: (h) => Math.max(bump(h, c, w), day * bump(h, 13, 12)), night: u(0.1, 0.25), days: weekdays(u(0.8, 1.0)) };
    }
    case 'flat': {
      const open = u(7, 9);
      const close = u(19, 22);
      return { shape: (h) => logistic((h - open) * 4) * logistic((close - h) * 4), night: u(0.2, 0.45), days: weekdays(u(0.6, 0.9)) };
    }
    case 'weekend': {
      const c = u(12, 16);
      const w = u(10, 20);
      const wd = u(0.4, 0.65);
      return { shape: (h) => bump(h, c, w), night: u(0.05, 0.15), days: [wd * u(0.9, 1), wd * u(0.9, 1), wd * u(0.9, 1), wd * u(0.95, 1.05), wd * u(1, 1.15), u(0.95, 1), u(0.9, 1)] };
    }
  }
}

/** A week (7 x 96 intervals of 15 minutes, Monday first) of `family` with `peak` agents at its noiseless maximum. */
export function familyWeek(family: Family, peak: number, seed: number): number[] {
  if (family === 'classic') return classicWeek(peak, peak + 1000 * seed);
  const r = rng(peak * 7919 + seed * 104729 + FAMILIES.indexOf(family) * 15485863);
  const { shape, night, days } = draw(family, r);
  const base: number[] = [];
  for (let d = 0; d < 7; d++) for (let i = 0; i < 96; i++) base.push(days[d] * (night + (1 - night) * shape(i / 4)));
  const top = Math.max(...base);
  return base.map((v) => Math.max(0, Math.round(((peak * v) / top) * (0.93 + 0.14 * r()))));
}
