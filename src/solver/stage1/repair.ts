/**
 * Stage 1: break repair by ejection chains (repairBreaks): completes a shift move that saves paid
 * hours but leaves a few short slots, by moving other shifts' breaks out of those slots.
 */
import type { Solution } from './solution.js';

/**
 * Covers every short slot of queue q in [lo, hi) by moving breaks of other shifts out of it, slot by
 * slot: first a break whose other allowed position only lands on slots with a surplus; failing that
 * (with depth > 0) an ejection chain, a break landing on exactly one slot without surplus that is
 * then covered the same way (Glover 1996, "Ejection chains, reference structures and alternating path
 * methods for traveling salesman problems", Discrete Applied Math. 65). Shift `skip` and shifts flagged
 * in `removed` are not touched, nor a shift twice in one chain. Keeps the moves and returns true when
 * every short slot is covered; otherwise restores every break and returns false. Coverage and paid
 * hours of the moved shifts do not change, so a move it completes costs exactly its paid-hours change.
 */
export function repairBreaks(sol: Solution, q: number, lo: number, hi: number, skip: number, removed: Uint8Array, depth = 1): boolean {
  const st = sol.staffed[q];
  const r = sol.inp.required[q];
  const T = sol.T;
  const done: { s: { j: number; offs: number[] }; k: number; old: number }[] = [];
  const locked = new Set<number>();
  const move = (s: { j: number; offs: number[] }, k: number, to: number) => {
    const ty = sol.types[s.j];
    const len = ty.brk[k].len;
    for (let u = ty.s0 + s.offs[k]; u < Math.min(T, ty.s0 + s.offs[k] + len); u++) st[u]++;
    for (let u = ty.s0 + to; u < Math.min(T, ty.s0 + to + len); u++) st[u]--;
    s.offs[k] = to;
  };
  const record = (s: { j: number; offs: number[] }, k: number, to: number) => {
    done.push({ s, k, old: s.offs[k] });
    s.offs = s.offs.slice();
    move(s, k, to);
  };
  // one more agent at slot t by moving a break out of it; with d > 0 the break may land on one slot
  // without surplus, which is then fixed the same way (an ejection chain of break moves)
  const fix = (t: number, d: number): boolean => {
    for (let pass = 0; pass <= (d > 0 ? 1 : 0); pass++)
      for (let i = 0; i < sol.shifts.length; i++) {
        if (i === skip || removed[i] || locked.has(i)) continue;
        const s = sol.shifts[i];
        const ty = sol.types[s.j];
        if (ty.q !== q || t < ty.s0 || t >= ty.s0 + ty.len) continue;
        for (let k = 0; k < ty.brk.length; k++) {
          const b = ty.brk[k];
          const bs = ty.s0 + s.offs[k];
          if (t < bs || t >= bs + b.len) continue;
          for (const o of b.offs) {
            const ns = ty.s0 + o;
            if (t >= ns && t < ns + b.len) continue;
            let deficit = -1;
            let bad = 0;
            for (let u = ns; u < Math.min(T, ns + b.len) && bad < 2; u++)
              if ((u < bs || u >= bs + b.len) && st[u] - r[u] < 1) {
                bad += st[u] - r[u] === 0 ? 1 : 2;
                deficit = u;
              }
            if (bad === 0) {
              record(s, k, o);
              return true;
            }
            if (pass === 1 && bad === 1) {
              const mark = done.length;
              record(s, k, o);
              locked.add(i);
              if (fix(deficit, d - 1)) return true;
              locked.delete(i);
              while (done.length > mark) {
                const m = done.pop() as { s: { j: number; offs: number[] }; k: number; old: number };
                move(m.s, m.k, m.old);
              }
            }
          }
        }
      }
    return false;
  };
  for (let t = lo; t < hi; t++) {
    while (r[t] > st[t]) {
      if (!fix(t, depth)) {
        for (let m = done.length - 1; m >= 0; m--) move(done[m].s, done[m].k, done[m].old);
        return false;
      }
    }
  }
  return true;
}
