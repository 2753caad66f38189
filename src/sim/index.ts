/**
 * Discrete-event call-center simulation (pure: no I/O, no clock). See engine.ts for the model,
 * pbx-format.ts for the queue_log / Master.csv formats, summary.ts for the summary definitions,
 * sample.ts for the bundled sample data generator.
 */
export { Rng, deriveSeed, splitMix64 } from './rng.js';
export {
  makeSampler,
  validateDistribution,
  distributionMean,
  standardNormal,
  DistributionError,
  type Distribution,
  type Sampler,
} from './distributions.js';
export { studentTQuantile, studentTAbsCdf, meanConfidenceInterval, type MeanCi } from './stats.js';
export {
  Simulation,
  SimInputError,
  runReplication,
  queueLogEvents,
  validateSimInput,
  flatStaffingAgents,
  type SimSinks,
} from './engine.js';
export { formatQueueLogLine, formatMasterCsvLine, formatCdrDate, type MasterCsvOptions } from './pbx-format.js';
export {
  summarize,
  simulateSummary,
  runReplications,
  erlangPrediction,
  type IntervalSummary,
  type SummaryOptions,
} from './summary.js';
export type * from './types.js';
export {
  generateSample,
  parseSampleSpec,
  classifyChineseDay,
  intradayShares,
  SampleSpecError,
  type SampleSpec,
  type SampleQueueSpec,
  type SampleData,
  type SampleDay,
  type SampleDayType,
  type SampleQueueSeries,
} from './sample.js';
export {
  generatePeople,
  type WorkforceSpec,
  type SampleAgent,
  type ExamRecord,
  type TrainingRecord,
  type SamplePeople,
} from './people.js';
