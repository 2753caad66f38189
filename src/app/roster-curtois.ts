/**
 * `wfm roster curtois FILE`: reads a Curtois & Qu benchmark instance (src/roster-io/curtois.ts), turns
 * it into the ordinary roster engine's input (curtoisRosterInput: templates with nominal starts, one
 * contract per employee with its rotation rules, days off, requests, shift-count cover, nothing
 * required per interval, rest rule off, paid hours weighing nothing) and runs `solveRoster` on it (the
 * rotation stage does the work). The answer is checked by the ordinary checker (src/solver/check.ts)
 * and returned with the benchmark's objective (the roster's), the roster's lower bound and the
 * assignments with the file's own ids and 0-based days.
 */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { curtoisRosterInput, parseCurtois } from '../roster-io/curtois.js';
import { checkRoster, RosterInputError, solveRoster, type CountProblem, type Violation } from '../solver/index.js';
import { readBoundedText } from './files.js';
import type { Session } from './session.js';

/** The largest instance file accepted (the benchmark's largest is about 200 KiB). */
export const CURTOIS_MAX_BYTES = 16 << 20;

export interface CurtoisAnswer {
  instance: string;
  /** The benchmark's objective: cover under + over + requests not met, weighted. */
  objective: number;
  parts: { total: number; under: number; over: number; requests: number };
  lowerBound: number;
  seconds: number;
  assignments: { employee: string; day: number; shift: string }[];
  violations: Violation[];
  problem: CountProblem;
}

export async function solveCurtois(s: Pick<Session, 'cwd'>, file: string, timeLimit: number, log?: (m: string) => void): Promise<CurtoisAnswer> {
  const clock = () => performance.now();
  const t0 = clock();
  const problem = parseCurtois(readBoundedText(s, file, CURTOIS_MAX_BYTES), file);
  const input = curtoisRosterInput(problem);
  let roster;
  try {
    roster = await solveRoster(input, { solver: 'highs', timeLimitSeconds: Math.max(0.5, timeLimit - (clock() - t0) / 1000 - 0.2), clock, log });
  } catch (err) {
    if (err instanceof RosterInputError && err.issues.some((i) => i.code === 'infeasible-agent')) throw new InputError({ file }, { key: 'roster.curtois.infeasible' }, err.message);
    if (err instanceof RosterInputError) throw new InputError({ file }, { key: 'roster.curtois.bad', params: { field: err.issues[0].path, value: err.issues[0].code } }, `${file}: ${err.message}`);
    if (err instanceof Error && err.name === 'CountTimeoutError') throw new InputError({ file }, { key: 'roster.curtois.none' }, err.message);
    throw err;
  }
  const agentIndex = new Map(problem.agents.map((a, e) => [a.id, e]));
  const assignments = roster.shifts
    .map((x) => ({ employee: x.agent, day: Math.floor(x.start / 1440), shift: x.template }))
    .sort((a, b) => (agentIndex.get(a.employee) as number) - (agentIndex.get(b.employee) as number) || a.day - b.day);
  // the cover part split into agents short and above
  const count = new Map<string, number>();
  for (const a of assignments) count.set(`${a.day} ${a.shift}`, (count.get(`${a.day} ${a.shift}`) ?? 0) + 1);
  let under = 0;
  let over = 0;
  for (const c of input.cover ?? []) {
    const have = count.get(`${c.day} ${c.template}`) ?? 0;
    under += Math.max(0, c.required - have) * c.underWeight;
    over += Math.max(0, have - c.required) * c.overWeight;
  }
  return {
    instance: basename(file).replace(/\.txt$/i, ''),
    objective: roster.objective,
    parts: { total: roster.objective, under, over, requests: roster.parts?.requests ?? 0 },
    lowerBound: roster.lowerBound,
    seconds: (clock() - t0) / 1000,
    assignments,
    violations: checkRoster(input, roster),
    problem,
  };
}
