/** English messages of `wfm intraday` and the live board's intraday panel (keys intraday.*). */
export const catalogue = {
  'intraday.description': 'the rest of today: a reforecast from the calls so far, staffing against the roster, and the actions (breaks, overtime, time off, moves between queues) that lift the service level',
  'intraday.opt.date': 'the day, YYYY-MM-DD, a local date of the site (its zone; default: today)',
  'intraday.opt.at': 'as of this local time HH:MM (00:00 to 24:00): only calls that entered before it count; or now (default; today only)',
  'intraday.opt.queue': 'queue(s), comma-separated (default: every queue of the morning forecast)',
  'intraday.opt.forecast': 'the morning forecast: one saved with wfm forecast --save NAME (default: the default method\'s forecast of the day from the store\'s history before it)',
  'intraday.opt.roster': 'the roster: a saved name or a roster file (default: the newest saved roster covering the day that --apply did not make, in its version in force at --at)',
  'intraday.opt.rules': 'the rules the actions are checked against (default: the saved roster\'s own; for a roster file wfm.yaml\'s roster-rules, else the bundled ones)',
  'intraday.opt.interval': 'interval length in minutes without a saved forecast (default 30; with interval volumes, theirs)',
  'intraday.opt.maxActions': 'list at most this many actions (0: none)',
  'intraday.opt.apply': 'save the accepted actions as a new roster version under this name (the roster itself stays as it is)',
  'intraday.opt.accept': 'with --apply: the actions to accept, by number, e.g. 1,3 (default: all listed)',
  'intraday.help':
    'As of --at, only the calls that entered a queue before it count (from call-level data; for a queue with\n' +
    'interval volumes only, the intervals ended and imported by then): a past day replays exactly as it looked.\n' +
    'The reforecast corrects the morning forecast by the day\'s level and its recent run (a two-state Kalman\n' +
    'filter tuned on real bank data; with no drift it is the credibility ratio (A + k)/(F + k)); the band is 80 %.\n' +
    'Per interval: requiredAgents as wfm staff plans them (each queue\'s targets, Erlang C, or Erlang A with a\n' +
    'patience; after shrinkage), scheduledAgents the roster\'s agents at work (time-weighted, breaks out; agents\n' +
    'on shift who have not logged in by --at are left out, when the store has agent events), and the projected\n' +
    'service level and abandon rate (Erlang A only) with them. Actions are checked against the roster rules\n' +
    '(templates, break windows, daily and weekly hours, rest, skills and certificates) and ranked by the lift\n' +
    'of the pooled rest-of-day service level per agent-hour; at most one per agent, so any of them can be\n' +
    'accepted. Exit 5 when a queue\'s projected rest-of-day service level is below its target.\n' +
    'One site, in its zone: --site, else the site that saved --forecast or --roster, else the store\'s only one.\n' +
    'JSON: {date, at, queues: [{queue, ..., intervals: [...]}], actions: [...]}; CSV: the intervals.\n' +
    'Examples:\n' +
    '  wfm intraday --at 10:00 --forecast morning --roster week-45\n' +
    '  wfm intraday --date 2026-10-21 --at 14:00 --queue billing --format json\n' +
    '  wfm intraday --at now --quiet --format json > /dev/null || page-supervisor     # cron, every 15 minutes\n' +
    '  wfm intraday --at 10:00 --roster week-45 --apply week-45-1000 --accept 1,2\n' +
    '  wfm simulate --forecast morning --roster week-45-1000 --summary                 # compare before and after',

  'intraday.err.atNow': '--at now is today ({today}): for {date} give --at HH:MM',
  'intraday.err.atMissing': '{value} does not exist in {zone} (the clocks skip it): choose another --at',
  'intraday.err.noStore': 'no store at {db}: import the calls first (wfm import queue-log FILE) or give --db',
  'intraday.err.forecastDay': 'the forecast {name} has no interval on {date}',
  'intraday.err.noHistory': 'no calls or volumes in {db} before {date} to forecast the day from: give --forecast NAME, or import the history',
  'intraday.err.volumeInterval': 'queue {queue}: the volumes are in {minutes}-minute intervals, longer than the {interval}-minute grid: give --interval {minutes}, or a forecast at {minutes} minutes',
  'intraday.err.rosterEmpty': 'the roster file {name} has no shifts',
  'intraday.err.applyNoRoster': '--apply needs a roster: give --roster NAME|FILE (no saved roster covers the day)',
  'intraday.err.accept': '--accept {rank}: there are {count} actions',
  'intraday.err.acceptNeedsApply': '--accept chooses the actions that --apply saves: give --apply NAME too',
  'intraday.err.interval': '--interval {interval}: the forecast {name} is in {minutes}-minute intervals',
  'intraday.err.noQueue': 'no forecast for queue {queue} (queues: {queues})',
  'intraday.err.noAht': 'queue {queue}: no handle time for the forecast calls: give the queue an aht in wfm.yaml, or a forecast with AHT',

  'intraday.note.noRoster': 'no roster (give --roster NAME|FILE, or save one covering the day): no scheduled agents, projection or actions',
  'intraday.note.rosterRules': 'the saved roster {name} holds no readable rules: its actions are checked against wfm.yaml\'s roster-rules, else the bundled ones',
  'intraday.note.unmatched': '{count} shifts of {name} match no shift template of the rules: they get no action',
  'intraday.note.noQueue': '{count} shifts of {name} name no queue: not counted (give each shift its queue)',
  'intraday.note.rosterDay': 'the roster {name} does not cover {date}: nobody is scheduled',
  'intraday.note.notLoggedIn': '{count} agents on shift have not logged in by {at} and are not counted from then on: {agents}',
  'intraday.note.noAgents': 'no agents in the store (wfm import agents): skills unknown, so no moves between queues',
  'intraday.note.applied': 'saved {actions} action(s) as roster {name} ({from} stays as it was); compare with wfm simulate --roster {name}',

  'intraday.head': 'Intraday {date} as of {at} · roster {roster}',
  'intraday.head.noRoster': 'Intraday {date} as of {at} · no roster',
  'intraday.queue.head': '{queue}: morning forecast {forecast} calls ({method}); so far {soFar} against {forecastSoFar} forecast ({change}); the day: {calls} ({low} to {high}, 80 %)',
  'intraday.queue.rest': '  rest of the day: {calls} calls ({low} to {high}); projected SL {sl} against {target}{below}; with the actions {withActions}; abandon {abandon}',
  'intraday.queue.below': ', BELOW TARGET',
  'intraday.col.time': 'time',
  'intraday.col.forecast': 'forecast',
  'intraday.col.actual': 'actual',
  'intraday.col.reforecast': 'reforecast',
  'intraday.col.band': '80 % band',
  'intraday.col.required': 'required',
  'intraday.col.scheduled': 'scheduled',
  'intraday.col.gap': 'gap',
  'intraday.col.sl': 'SL',
  'intraday.col.abandon': 'abandon',
  'intraday.actions': 'Actions, ranked by service-level lift per agent-hour',
  'intraday.actions.none': 'No action lifts the projected service level within the rules.',
  'intraday.col.rank': '#',
  'intraday.col.action': 'action',
  'intraday.col.effect': 'projected effect (rest of day)',
  'intraday.col.lift': 'lift',
  'intraday.col.perHour': 'per agent-hour',
  'intraday.action.break': 'move {agent}\'s break {from} to {start}-{end}',
  'intraday.action.overtime': 'offer {agent} overtime {start}-{end}',
  'intraday.action.timeOff': 'offer {agent} time off {start}-{end}',
  'intraday.action.move': 'move {agent} from {queue} to {toQueue} {start}-{end}',
  'intraday.effect': '{queue} {before} to {after}',

  'intraday.panel.title': 'Intraday: plan against actual (p: back to the seats)',
  'intraday.panel.waiting': 'computing the intraday figures…',
  'intraday.panel.failed': 'no intraday figures: {message}',
  'intraday.panel.asOf': 'as of {time}, refreshed every {minutes} min · roster {roster}',
  'intraday.panel.soFar': 'calls so far {soFar} against {forecastSoFar} forecast ({change})',
  'intraday.panel.day': 'day reforecast {calls} ({low} to {high}), morning {forecast}',
  'intraday.panel.gap': 'gap next 2 h',
  'intraday.panel.actions': 'Top actions',
  'intraday.panel.noActions': 'no action lifts the service level',
  'intraday.opt.liveForecast': 'the morning forecast of the intraday panel (key p): a saved forecast (default: the default method\'s forecast from the store\'s history)',
} satisfies Record<string, string>;
