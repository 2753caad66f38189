/** Public API of the pure forecasting engine. */
export * from './types.js';
export { ForecastInputError, type ForecastErrorCode, dayNumber, dateOf, weekdayOf, dayOfMonth, parseWallClock, wallClock, parseWeekday } from './calendar.js';
export { cnHolidays, noHolidays, holidaySet } from './holidays.js';
export { forecast, forecastPrepared, prepare, type Prepared } from './engine.js';
export {
  backtest,
  scorePoints,
  maseScale,
  PROTOCOL_PRESETS,
  type BacktestOptions,
  type BacktestResult,
  type MethodBacktest,
  type Metrics,
  type ScoredPoint,
} from './backtest.js';
export { hwDoubleRun, hwDoubleFit, type HwParams, type HwState } from './holt-winters.js';
export { METHODS, type MethodFn } from './methods.js';
