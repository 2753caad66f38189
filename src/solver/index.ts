/** Rostering engine (pure): rules validation, stage-1 shift scheduling, stage-2 tours, checker. */
export * from './types.js';
export { validateRules, RULES_GRANULARITY, type RuleError, type RulesValidation } from './rules.js';
export { solveRoster, checkRosterInput, modelGrid, RosterInputError, LP_SOLVER_MAX_COLS, type RosterInput, type RosterOptions, type RosterInputIssue } from './roster.js';
export { checkRoster, type Violation, type ViolationCode, type CheckInput } from './check.js';
export { contractSpreads, type ContractFairness, type Spread } from './fairness.js';
export { solveStage1, estimateStage1Size, type Stage1Input, type Stage1Result, type Stage1Options, type Stage1Capacity, type PlacedShift } from './stage1/index.js';
export { buildTours, nightMinutes, weekdayOf, type TourInput, type TourResult, type TourShift } from './stage2.js';
export { highsSolver, lpSolver, solverByName, ModelBuilder, type MipSolver, type LinearModel, type SolveOptions, type SolveOutcome } from './lp.js';
export * from './rotation/types.js';
export { checkCount, countCost, requestMet, isWeekend, weekOf } from './rotation/check.js';
export { buildModel, type FreeSpan, type NeighbourhoodModel } from './rotation/model.js';
export { solveCount, COLGEN_COLS, CountInfeasibleError, CountTimeoutError, type CountOptions, type CountResult } from './rotation/solve.js';
export { bestSchedule, agentCosts, type BestSchedule } from './rotation/dp.js';
