/** Messages of the simulation area (`wfm simulate`, `wfm quickstart`), en. */
export const catalogue = {
  'simulate.description': 'simulate queues call by call (seeded) and write an Asterisk queue_log, or compare service level with Erlang C/A',
  'simulate.opt.input': 'demand CSV: interval_start,queue,calls[,aht] (local times in --tz; aht = talk + wrap-up, seconds)',
  'simulate.opt.forecast': 'arrivals of a forecast saved in the store (wfm forecast --save NAME; --db)',
  'simulate.opt.sample': 'arrivals and staffing of the bundled sample (data/sample-spec.json) or of another spec file',
  'simulate.opt.calls': 'flat arrivals: this many calls expected per interval (one queue, see --queue)',
  'simulate.opt.queue': 'queue name for --calls',
  'simulate.opt.interval': 'interval length in minutes (--calls: default 30; --input: inferred)',
  'simulate.opt.start': 'first day for --calls, YYYY-MM-DD (default: today in --tz)',
  'simulate.opt.days': 'days to simulate: --calls days, --input repeated this many times, --sample days from its start',
  'simulate.opt.agents': 'flat staffing: agents logged in all the time, one count or per queue (billing=12,fault=8)',
  'simulate.opt.roster': 'a roster saved in the store (wfm roster --save NAME), or a file of shifts (JSON or CSV: agent,queues,start,end,breaks)',
  'simulate.opt.aht': 'mean talk time in seconds (default: the call-weighted mean of the CSV aht per queue, minus --wrap)',
  'simulate.opt.ahtCv': 'talk-time coefficient of variation: lognormal with this CV (0: fixed); default exponential',
  'simulate.opt.wrap': 'wrap-up after each call, seconds (fixed; default 0)',
  'simulate.opt.patience': 'mean caller patience in seconds (exponential), or none: nobody hangs up (default none)',
  'simulate.opt.pauseRate': 'unplanned pauses per agent per hour logged in (default 0)',
  'simulate.opt.pauseLength': 'mean unplanned pause, seconds (exponential)',
  'simulate.opt.seed': 'random seed: the same inputs and seed give the same log (default 1; --sample: the spec seed)',
  'simulate.opt.out': 'write the queue_log here (.gz compresses; - is stdout); without --out and --summary it goes to stdout',
  'simulate.opt.masterCsv': 'also write Asterisk cdr_csv Master.csv lines here (local times in --tz; .gz compresses)',
  'simulate.opt.summary': 'print per interval simulated service level, ASA, abandon rate with 95% CIs next to Erlang C/A',
  'simulate.opt.replications': 'independent replications for --summary',
  'simulate.opt.by': 'summary rows: per interval, day or in total',
  'simulate.opt.warmup': 'leave the first minutes out of the summary (the simulation starts empty)',
  'simulate.opt.slThreshold': 'service-level threshold T in seconds for every queue (default: --sample\'s spec, else the seconds of each queue\'s sla in wfm.yaml, else 20)',
  'simulate.help':
    'Arrivals: a Poisson process with the rate of each interval; FIFO per queue; callers whose patience runs out\n' +
    'hang up (ABANDON). The queue_log is replication 0 and goes through the import like real data.\n' +
    'Service level = answered within T / offered. Erlang C when nobody abandons, Erlang A with --patience,\n' +
    'for the simulated average of agents available.\n' +
    'Examples:\n' +
    '  wfm simulate --calls 100 --aht 180 --agents 12 --days 1 --summary --by total --warmup 60\n' +
    '  wfm simulate --input demand.csv --agents billing=30,fault=20 --patience 120 --out day.log.gz\n' +
    '  wfm import queue-log day.log.gz\n' +
    '  wfm simulate --sample --out history.log.gz --tz Asia/Shanghai',
  'simulate.err.badAgents': '--agents: "{value}" is not a count: write a whole number (12) or per queue (billing=12,complaints=4)',
  'simulate.err.bigSeed': '--seed: {value} must be below 4294967296 (2^32)',
  'simulate.err.noStore': '--forecast: there is no store {db} (give --db, or import and forecast first)',
  'simulate.err.noForecast': '--forecast: no forecast named {name} in {db} (wfm forecast --save {name})',
  'simulate.err.summaryAndStdout': '--out -: the summary goes to stdout; write the queue_log to a file with --out FILE',
  'simulate.err.needArrivals': 'give the arrivals: --input FILE.csv, --forecast NAME, --calls N or --sample',
  'simulate.err.oneArrivals': 'give only one of --input, --forecast, --calls and --sample',
  'simulate.err.agentsOrRoster': 'give --agents or --roster, not both',
  'simulate.err.needAgents': 'give the staffing: --agents N (or per queue, billing=12,fault=8) or --roster FILE',
  'simulate.err.agentsUnknownQueue': '--agents: queue {queue} is not in the input (queues: {queues})',
  'simulate.err.agentsMissingQueue': '--agents: no count for queue {queue}',
  'simulate.err.needAht': '--aht: no talk time for queue {queue}: give --aht SECONDS or an aht column',
  'simulate.err.ahtBelowWrap': '--wrap: the aht of queue {queue} is not longer than the wrap-up',
  'simulate.err.badStart': '--start: "{value}" is not a date (YYYY-MM-DD)',
  'simulate.err.badQueue': '"{value}" is not a usable queue name (empty or with |)',
  'simulate.err.offGrid': '{value} is not on the {minutes}-minute grid of the other rows',
  'simulate.err.badJson': 'not valid JSON: {message}',
  'simulate.err.badSpec': 'not a sample spec: {message}',
  'simulate.err.invalid': 'cannot simulate this: {message}',
  'simulate.err.rosterStoredQueue': '--roster: roster {name} staffs queue {queue}, which the arrivals do not have (queues: {queues})',
  'simulate.err.rosterAgent': 'agent is missing (or contains |)',
  'simulate.err.rosterQueue': 'queue {queue} is not in the input (queues: {queues})',
  'simulate.err.masterNeedsOut': '--master-csv with --summary needs --out FILE for the queue_log',
  'simulate.progress': 'simulating: {time}, {calls} calls',
  'simulate.progressRep': 'replication {rep} of {reps}',
  'simulate.done': 'simulated {calls} calls ({answered} answered, {abandoned} abandoned), {from} .. {to}, queues {queues}, seed {seed}: queue_log {file} ({lines} lines){master}',
  'simulate.doneMaster': ', Master.csv {file}',
  'simulate.head':
    'Simulation: {reps} replications, seed {seed}; service level = answered within {t} s / offered; ranges are 95% confidence intervals; Erlang {model} for the same agents.',
  'simulate.col.sl': 'SL sim',
  'simulate.col.ci': '95% CI',
  'simulate.col.erlangSl': 'SL Erlang',
  'simulate.col.erlangAsa': 'ASA Erlang',
  'simulate.col.abandon': 'abandon sim',
  'simulate.col.erlangAbandon': 'abandon Erlang',
  'quickstart.description': 'run the whole planning loop on the bundled sample into a fresh store, and print each step as a command',
  'quickstart.opt.dir': 'directory for the store and every output',
  'quickstart.opt.force': 'start again when DIR already holds a quickstart store (replaces it)',
  'quickstart.help':
    'Steps (each an ordinary wfm command, printed so you can run it again by hand): simulate 8 weeks of queue_log\n' +
    'for 3 queues of a Chinese telecom hotline (Mid-Autumn and National Day holidays, make-up working days) ->\n' +
    'import it and the sample agents, exams and training -> forecast the next week -> requirements -> roster ->\n' +
    'simulate the roster against the forecast -> the daily report. Takes about half a minute.\n' +
    'DIR gets a wfm.yaml (the store, the zone, the rules file, each queue\'s own targets) and copies of the\n' +
    'sample files, so the printed commands are the short ones you would type inside DIR: edit them and rerun.',
  'quickstart.head': 'wfm quickstart: 8 weeks of a sample hotline ({queues} queues, {zone}) into {dir}/ in {seconds} s',
  'quickstart.step.simulate': 'simulated {calls} calls ({answered} answered, {abandoned} abandoned), {from} .. {to} -> {outputs}',
  'quickstart.step.import': 'imported {calls} calls into {outputs} ({rejected} lines rejected)',
  'quickstart.step.people': 'imported {agents} agents, {exams} exam results, {training} training records, {skills} skill rules',
  'quickstart.step.check': 'roster simulated against the forecast: service level {serviceLevel} for the week, worst {worst} ({worstDay}) -> {outputs}',
  'quickstart.step.forecast': 'forecast {from} .. {to} saved as {name}: {calls} calls -> {outputs}',
  'quickstart.step.staff': 'requirements: peak {peakScheduledAgents} agents scheduled, {scheduledHours} scheduled agent-hours -> {outputs}',
  'quickstart.step.roster': 'roster saved as {name}: {shifts} shifts for {agents} agents -> {outputs}',
  'quickstart.step.report': 'report for {date} -> {outputs}',
  'quickstart.config': 'settings in {config} (store, zone, rules, each queue\'s targets: wfm config show); the commands run inside {dir}:',
  'quickstart.failed': '{step} failed (exit {code}):',
  'quickstart.data': 'Sample agents, exam and training records and shift rules to edit, in {dir}: {files}',
  'quickstart.running': 'quickstart: {step} ...',
  'quickstart.err.exists': '--dir: {db} already exists: give --force to start again, or another --dir',
} satisfies Record<string, string>;
