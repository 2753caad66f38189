/**
 * Experiment (issue 15): Chvatal-Gomory "break window" cuts on the stage-1 LP, and how much they raise
 * the bound. Not used by the solver: on the weeks they add 0.1-0.2% of bound for three times the
 * nonzeros (measurements in the commit that added this file).
 *
 * The cut. Take a shift type A with a break k of L slots whose allowed positions span the slot window
 * U = [a, a+m) (m = last offset - first offset + L). Sum the coverage rows of U:
 *   sum_j x_j pres_j(U) - sum_{j,k,p} b_jkp |slots(j,k,p) & U| + sum_{t in U} u_t >= R = sum_{t in U} r_t,
 * and for every (j, k) whose positions all lie inside U replace sum_p b_jkp L_jk by L_jk x_j (the
 * equality sum_p b_jkp = x_j). Multiply by lambda = 1/(m - L) > 0 and round every coefficient and the
 * right-hand side up (Chvatal-Gomory): valid for non-negative integer x, b, u. x and b are integer in
 * stage 1; u is continuous, but with integer x, b the coverage is integer and an optimal u_t is
 * max(0, r_t - coverage_t), an integer, so restricting u to integers keeps an optimal solution and the
 * cut LP stays below the MIP optimum. What it says: when A works through U and takes its break there,
 * at the break slot someone else must work, and the LP's fraction 1/m of a covering shift becomes 1.
 * Only windows with 1 <= r_t <= rmax throughout are generated, one per distinct (a, m, L).
 *
 *   npx vite-node bench/roster-cuts.ts FAMILY PEAK SEED FIRST_DAY DAYS RMAX [MIP_SECONDS]
 *   (DAYS 7: the whole week; otherwise a slice of DAYS days from FIRST_DAY, starting empty at midnight)
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateRules, highsSolver } from '../src/solver/index.js';
import { buildModel, enumerateTypes } from '../src/solver/stage1/index.js';
import type { LinearModel } from '../src/solver/lp.js';
import { familyWeek, type Family } from './roster-weeks.js';
const v = validateRules(parse(readFileSync(new URL('../data/roster-rules.yaml', import.meta.url), 'utf8')));
if (!v.ok) throw new Error('rules');
const [fam, peak, seed, d0, nd, rmaxS] = process.argv.slice(2);
const week = familyWeek(fam as Family, Number(peak), Number(seed));
const required = [nd === '7' ? week : week.slice(Number(d0) * 96, (Number(d0) + Number(nd)) * 96)];
const inp = { rules: v.rules, grid: 15, days: Number(nd), startWeekday: 1, queues: ['q'], required };
const types = enumerateTypes(inp);
const built = buildModel(inp, types);
const T = required[0].length;
const r = required[0];
const rmax = Number(rmaxS);
// cut windows
const seen = new Set<string>();
const cuts: { a: number; m: number; L: number }[] = [];
for (const ty of types) for (const b of ty.brk) {
  const a = ty.s0 + b.offs[0];
  const m = b.offs[b.offs.length - 1] - b.offs[0] + b.len;
  if (a + m > T) continue;
  let lo = Infinity, hi = 0;
  for (let t = a; t < a + m; t++) { lo = Math.min(lo, r[t]); hi = Math.max(hi, r[t]); }
  if (lo < 1 || hi > rmax) continue;
  const key = `${a} ${m} ${b.len}`;
  if (seen.has(key)) continue;
  seen.add(key);
  cuts.push({ a, m, L: b.len });
}
console.log('cols', built.model.numCols, 'cuts', cuts.length);
function withCuts(m0: LinearModel): LinearModel {
  const extra: { row: number; val: number }[][] = Array.from({ length: m0.numCols }, () => []);
  const rlo: number[] = [];
  cuts.forEach(({ a, m, L }, ci) => {
    const row = m0.numRows + ci;
    const lam = 1 / (m - L);
    let R = 0;
    for (let t = a; t < a + m; t++) R += r[t];
    rlo.push(Math.ceil(lam * R - 1e-9));
    types.forEach((ty, j) => {
      const pres = Math.max(0, Math.min(a + m, ty.s0 + ty.len, T) - Math.max(a, ty.s0));
      if (pres === 0) return;
      let sub = 0;
      ty.brk.forEach((b, k) => {
        const first = ty.s0 + b.offs[0];
        const last = ty.s0 + b.offs[b.offs.length - 1] + b.len;
        if (first >= a && last <= a + m) { sub += b.len; return; }
        b.offs.forEach((o, p) => {
          const n = Math.max(0, Math.min(a + m, ty.s0 + o + b.len, T) - Math.max(a, ty.s0 + o));
          const c = Math.ceil(-lam * n - 1e-12);
          if (c !== 0) extra[built.bCol[j][k][p]].push({ row, val: c });
        });
      });
      const c = Math.ceil(lam * (pres - sub) - 1e-12);
      if (c !== 0) extra[built.xCol[j]].push({ row, val: c });
    });
    for (let t = a; t < a + m; t++) if (built.uCol[0][t] >= 0) extra[built.uCol[0][t]].push({ row, val: 1 });
  });
  const start = [0]; const idx: number[] = []; const val: number[] = [];
  for (let c = 0; c < m0.numCols; c++) {
    for (let k = m0.colStart[c]; k < m0.colStart[c + 1]; k++) { idx.push(m0.rowIndex[k]); val.push(m0.value[k]); }
    for (const e of extra[c]) { idx.push(e.row); val.push(e.val); }
    start.push(idx.length);
  }
  const n = m0.numRows + cuts.length;
  return { ...m0, numRows: n, rowLower: Float64Array.from([...m0.rowLower, ...rlo]), rowUpper: Float64Array.from([...m0.rowUpper, ...rlo.map(() => Infinity)]), colStart: Int32Array.from(start), rowIndex: Int32Array.from(idx), value: Float64Array.from(val) };
}
const mc = withCuts(built.model);
let t0 = performance.now();
const lp = await highsSolver.solve(built.model, { relax: true, lpMethod: 'ipm' });
console.log('LP', lp.status, lp.objective.toFixed(3), ((performance.now() - t0) / 1000).toFixed(2));
t0 = performance.now();
const lpc = await highsSolver.solve(mc, { relax: true, lpMethod: 'ipm' });
console.log('LP+cuts', lpc.status, lpc.objective.toFixed(3), 'nnz', mc.value.length, 'vs', built.model.value.length, ((performance.now() - t0) / 1000).toFixed(2));
if (process.argv[8]) {
  const mip = await highsSolver.solve(built.model, { timeLimitSeconds: Number(process.argv[8]), mipRelGap: 1e-6 });
  console.log('MIP', mip.status, mip.objective, 'bound', mip.bound);
}
