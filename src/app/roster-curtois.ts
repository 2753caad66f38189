/**
 * `wfm roster curtois FILE`: reads a Curtois & Qu benchmark instance (src/roster-io/curtois.ts) and
 * solves it with the shift-count rotation-rules engine (src/solver/rotation), checks the answer with
 * the engine's checker and returns the benchmark's objective, the lower bound and the assignments with
 * the file's own ids and 0-based days.
 */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { parseCurtois } from '../roster-io/curtois.js';
import { checkCount, CountInfeasibleError, CountTimeoutError, highsSolver, solveCount, type CountCost, type CountProblem, type RotationViolation } from '../solver/index.js';
import { readBoundedText } from './files.js';
import type { Session } from './session.js';

/** The largest instance file accepted (the benchmark's largest is about 200 KiB). */
export const CURTOIS_MAX_BYTES = 16 << 20;

export interface CurtoisAnswer {
  instance: string;
  objective: number;
  parts: CountCost;
  lowerBound: number;
  seconds: number;
  assignments: { employee: string; day: number; shift: string }[];
  violations: RotationViolation[];
  problem: CountProblem;
}

export async function solveCurtois(s: Pick<Session, 'cwd'>, file: string, timeLimit: number, log?: (m: string) => void): Promise<CurtoisAnswer> {
  const t0 = performance.now();
  const problem = parseCurtois(readBoundedText(s, file, CURTOIS_MAX_BYTES), file);
  let res;
  try {
    res = await solveCount(problem, { solver: highsSolver, timeLimitSeconds: Math.max(0.5, timeLimit - (performance.now() - t0) / 1000 - 0.2), clock: () => performance.now(), log });
  } catch (err) {
    if (err instanceof CountInfeasibleError) throw new InputError({ file }, { key: 'roster.curtois.infeasible' }, err.message);
    if (err instanceof CountTimeoutError) throw new InputError({ file }, { key: 'roster.curtois.none' }, err.message);
    throw err;
  }
  const assignments: CurtoisAnswer['assignments'] = [];
  res.assignment.forEach((row, e) => row.forEach((sh, d) => sh >= 0 && assignments.push({ employee: problem.agents[e].id, day: d, shift: problem.shifts[sh].id })));
  return {
    instance: basename(file).replace(/\.txt$/i, ''),
    objective: res.cost.total,
    parts: res.cost,
    lowerBound: res.lowerBound,
    seconds: (performance.now() - t0) / 1000,
    assignments,
    violations: checkCount(problem, res.assignment),
    problem,
  };
}
