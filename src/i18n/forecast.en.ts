/** English messages of `wfm forecast` (keys `forecast.*`). */
export const catalogue = {
  'forecast.description': 'forecast calls and handle time per queue and interval, with an 80% band; `forecast backtest` measures accuracy',
  'forecast.opt.queue': 'queue(s) to forecast, comma-separated (default: every queue in the history)',
  'forecast.opt.start': 'first forecast day YYYY-MM-DD, local date in --tz (default: the day after the last history day)',
  'forecast.opt.days': 'number of days to forecast (default 7)',
  'forecast.opt.interval': 'interval length in minutes, 15, 30 or 60 (default: the resolution of the history; coarser values add it up)',
  'forecast.opt.method': 'auto (default: chosen by a backtest on the history) or one method name (see below)',
  'forecast.opt.input': 'history CSV with columns interval_start,queue,calls[,aht] (queue optional; local times in --tz)',
  'forecast.opt.history': 'use only history days FROM..TO (YYYY-MM-DD..YYYY-MM-DD, either side may be left open)',
  'forecast.opt.holidays': 'holiday calendar: cn (Chinese public holidays and make-up working days) or none (default: cn when --tz is a China zone, else none)',
  'forecast.opt.specialDays': 'CSV of special days: date,label,factor where factor is a multiplier (1.3) or like:<weekday> (like:sunday)',
  'forecast.opt.adjust': 'change every forecast by this percentage, e.g. 5 or -10% (calls and band; AHT unchanged)',
  'forecast.opt.save': 'store the forecast in the --db store as an immutable snapshot with this name (for wfm staff --forecast NAME)',
  'forecast.opt.calibrationWeeks': 'weeks of backtest inside the history used by auto and for the band (default 6)',
  'forecast.opt.weeks': 'number of weekly folds ending with the last history day (default 4)',
  'forecast.opt.methods': 'methods to evaluate, comma-separated (default: all methods and auto)',
  'forecast.opt.origins': 'explicit fold start dates, comma-separated YYYY-MM-DD (instead of --weeks)',
  'forecast.opt.testEnd': 'last scored date YYYY-MM-DD (default: last fold start + 6 days)',
  'forecast.backtest.description': 'rolling-origin backtest: train on everything before each fold, forecast its 7 days, score every method',

  'forecast.help':
    'Methods (--method):\n' +
    '  snaive    same interval on the same weekday last week (Hyndman & Athanasopoulos, FPP3 §5.2)\n' +
    '  mean4w    mean of the last 4 same weekdays per interval (Ibrahim et al. 2016, IJF 32(3))\n' +
    '  profile   daily total by exponential smoothing with weekday seasonality x weekday intraday shape\n' +
    '            (top-down WFM method; Gans, Koole & Mandelbaum 2003, M&SOM 5(2))\n' +
    '  hw        double-seasonal Holt-Winters, day and week cycles, fitted by least squares (Taylor 2003, JORS 54(8))\n' +
    '  calendar  robust weekday level x day-of-month factors x shrunk intraday shape (Weinberg, Brown &\n' +
    '            Stroud 2007, JASA 102; James-Stein shrinkage, Efron & Morris 1975)\n' +
    '  combo     equal-weight mean of calendar and hw (Bates & Granger 1969; Clemen 1989)\n' +
    '  auto      the method with the lowest WAPE in a rolling backtest over the weeks before --start;\n' +
    '            it leaves calendar only when the gain is consistent week by week (paired t > 1)\n' +
    'History: an interval with no row is closed, not zero; forecasts cover the intervals open (per weekday)\n' +
    'in the last 4 weeks. Holidays (--holidays cn) are forecast from past holidays of the same festival\n' +
    '(or a scaled Sunday), make-up working days like a normal weekday; both are left out of the weekday\n' +
    'profiles. Special days: a factor scales the normal forecast (history on that day is divided by it);\n' +
    'like:<weekday> forecasts the day as that weekday.\n' +
    'Output: intervalStart (ISO 8601 with the offset of --tz), queue, calls (expected), aht (seconds,\n' +
    'call-weighted and smoothed; blank when the history has no aht), callsLow and callsHigh (80% band:\n' +
    '10% and 90% quantiles, calibrated on the backtest). Time zones: the grid is local wall-clock time;\n' +
    'an interval that a daylight-saving change skips is not output; an interval repeated when clocks go\n' +
    'back is output twice (once per offset), each with the forecast of that local interval; in history\n' +
    'the two occurrences are added into the local interval.\n' +
    'Examples:\n' +
    '  wfm forecast --input calls.csv --queue billing --start 2026-10-05 --days 14 --tz Asia/Shanghai\n' +
    '  wfm forecast --input calls.csv --interval 30 --method calendar --adjust 5% --format csv\n' +
    '  wfm forecast --input calls.csv --special-days campaigns.csv --holidays cn --save oct-w41\n' +
    '  wfm forecast backtest --input calls.csv --queue billing --weeks 6',
  'forecast.backtest.help':
    'Each fold trains on every row before its first day and forecasts that day and the next 6; rows of\n' +
    'the fold are scored. e = forecast - actual, pooled over all scored intervals:\n' +
    '  WAPE     100 x sum|e| / sum(actual)\n' +
    '  MAPE     100 x mean(|e| / actual) over intervals with calls\n' +
    '  RMSE     sqrt(mean(e^2))\n' +
    '  MASE     mean|e| / mean|y(t) - y(t - 7 days)| over the history before the first fold (weekly naive)\n' +
    '  bias     100 x sum(e) / sum(actual)  (negative = under-forecast)\n' +
    '  dayWape  WAPE of daily totals;  weekWape  WAPE of fold totals\n' +
    '  coverage share of actual intervals inside the 80% band (well calibrated: about 80%)\n' +
    '  runtimeMs  fit + forecast time of the method over all folds (auto: including its own backtest)\n' +
    'Examples:\n' +
    '  wfm forecast backtest --input calls.csv --queue billing --weeks 4\n' +
    '  wfm forecast backtest --input na_bank_15min.csv --holidays none --origins 2003-09-29,2003-10-06 --methods mean4w,calendar,auto',
  'forecast.note.method': 'queue {queue}: method {method}{detail}',
  'forecast.note.methodDetail': ' (backtest WAPE {wape}% over {weeks} weeks)',
  'forecast.note.days': 'queue {queue}: {date} {treatment}{label}',
  'forecast.note.noRows': 'queue {queue}: no open intervals in the forecast period',
  'forecast.progress.queue': 'forecasting queue {queue} ({i}/{n})',
  'forecast.progress.fold': 'backtest fold {i}/{n}',
  'forecast.head': 'Forecast {queue}: {method}, {interval}-minute intervals, {start} + {days} days',
  'forecast.backtest.head': 'Backtest {queue}: {interval}-minute intervals, test {from}..{to}, {folds} folds, MASE scale {scale}',
  'forecast.treatment.holiday-history': 'holiday, forecast from past holidays',
  'forecast.treatment.holiday-scaled-sunday': 'holiday, forecast as a scaled Sunday',
  'forecast.treatment.makeup-workday': 'make-up working day, forecast as a weekday',
  'forecast.treatment.special-factor': 'special day, scaled',
  'forecast.treatment.special-like': 'special day, forecast like another weekday',
  'forecast.treatment.closed': 'closed',
  'forecast.col.low': 'low 80%',
  'forecast.col.high': 'high 80%',
  'forecast.col.method': 'method',
  'forecast.col.wape': 'WAPE %',
  'forecast.col.mape': 'MAPE %',
  'forecast.col.rmse': 'RMSE',
  'forecast.col.mase': 'MASE',
  'forecast.col.bias': 'bias %',
  'forecast.col.dayWape': 'day WAPE %',
  'forecast.col.coverage': 'band cover %',
  'forecast.col.runtime': 'ms',
  'forecast.col.chosen': 'chosen per fold',

  'forecast.err.noInput': 'give --input FILE.csv (columns interval_start,queue,calls[,aht]) or import calls into the store first',
  'forecast.err.noQueue': 'no history for queue "{queue}" (queues: {queues})',
  'forecast.err.oneQueue': 'the history has several queues ({queues}): choose one with --queue',
  'forecast.err.interval': '--interval {interval} does not fit history at {native}-minute resolution (use a multiple of {native})',
  'forecast.err.badRange': '"{value}" is not a date range: write FROM..TO with dates YYYY-MM-DD (either may be omitted)',
  'forecast.err.badDate': '"{value}" is not a date (YYYY-MM-DD)',
  'forecast.err.badMethod': '"{value}" is not a method (use: {methods})',
  'forecast.err.badAdjust': '"{value}" is not a percentage above -100, e.g. 5, -10 or 7.5%',
  'forecast.err.badHolidays': '"{value}": use cn or none',
  'forecast.err.specialColumns': 'the special-days file needs columns date,label,factor (factor: a number or like:<weekday>)',
  'forecast.err.specialFactor': '"{value}" is neither a factor (a number, 0 or more) nor like:<weekday>',
  'forecast.err.specialDuplicate': '{value} is already given on line {first}',
  'forecast.err.emptyHistory': 'no history rows are left (check --input, --history and --queue)',
  'forecast.err.bad-interval': 'the interval length must divide a day',
  'forecast.err.empty-history': 'no history rows',
  'forecast.err.bad-date': '"{value}" is not a date (YYYY-MM-DD)',
  'forecast.err.bad-weekday': '"{value}" is not a weekday (monday … sunday)',
  'forecast.err.bad-factor': 'special day {date}: "{factor}" is not a factor of 0 or more',
  'forecast.err.bad-days': '--days must be a whole number, 1 or more',
  'forecast.err.no-history-before-start': 'no history before {start}: the forecast uses only days before --start',
  'forecast.err.unknown-method': '"{method}" is not a method',
  'forecast.err.no-mase-pairs': 'no history before {testStart} to scale MASE (need rows a week apart before the first fold)',
  'forecast.err.other': 'cannot forecast: {code}',
  'forecast.err.saveExists': 'a forecast named "{name}" is already saved for site {site} (by {by}, {at}): snapshots are immutable and nothing was overwritten; choose another name',
  'forecast.err.noHistory': 'no --input and no store at {db}: import history first (wfm import queue-log FILE) or give --input FILE.csv',
  'forecast.err.noStoredCalls': 'the store {db} has no calls from {from} to {to}: import them (wfm import ...), choose --history FROM..TO, or give --input FILE.csv',
  'forecast.note.saved': 'saved forecast "{name}" ({rows} intervals) in {db}; use it with: wfm staff --forecast {name}',
} satisfies Record<string, string>;
