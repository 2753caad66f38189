export { erlangB, erlangBDirect, erlangBNext } from './erlang-b.js';
export { erlangC, erlangCFromB, probWaitC, serviceLevelFromC, asaFromC, occupancyC, type QueueMetrics } from './erlang-c.js';
export { erlangA } from './erlang-a.js';
export {
  requiredAgents,
  evaluate,
  meetsTargets,
  searchBound,
  TargetUnreachableError,
  DEFAULT_THRESHOLD_SECONDS,
  type StaffingTargets,
  type ServiceLevelTarget,
  type TrafficInput,
} from './required.js';
export { scheduledAgents, exactDecimal } from './shrinkage.js';
export { trafficRatio, type Ratio } from './exact.js';
export { calculate, trafficFromCalls, type CalculatorInput, type CalculatorResult, type WhatIfRow } from './calculator.js';
