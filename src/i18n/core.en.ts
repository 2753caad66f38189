/** English messages (the reference catalogue). */
export const catalogue = {
  'cli.description':
    'Workforce management for contact centers: Erlang C/A staffing, forecasting, rostering, PBX imports and reports.',
  'cli.version': 'print the version',
  'cli.help': 'show help for the command',
  'global.format': 'output format (default: {default})',
  'global.lang': 'language of messages and tables: en or zh-CN (default: $WFM_LANG, else wfm.yaml, else LC_ALL / LC_MESSAGES / LANG)',
  'global.quiet': 'no progress or notes on stderr (errors are still printed)',
  'global.tz': "the site's IANA time zone, e.g. Asia/Shanghai (default: $WFM_TZ, else wfm.yaml, else the system zone)",
  'global.db': 'the store: a SQLite file, or a PostgreSQL URL postgresql://user@host:port/db (default: $WFM_DB, else wfm.yaml, else ./wfm.db)',
  'global.site': 'the site (a PBX or location): imports and saves go to it, reports show only it (default: $WFM_SITE, else wfm.yaml; without one imports go to "default" and reports cover every site)',
  'cli.exitCodes':
    'Exit codes:\n  0  ok\n  1  unexpected failure (a bug, or the disk/permissions)\n  2  bad usage or invalid input (the message names the option, or the file, line and field)\n  3  partial: some input lines were rejected, the rest was used (see --rejects)\n  5  alerts fired (wfm alerts check)',
  'cli.examples':
    'Examples:\n  wfm erlang --calls 320 --interval 30 --aht 240 --sla 80/20\n  wfm erlang --calls 320 --aht 240 --agents 45 --patience 120\n  wfm staff --input data/sample-demand.csv --sla 80/20 --shrinkage 30% --tz Asia/Shanghai',
  'cli.seeHelp': '(add --help for usage)',
  'err.field': 'field {field}: ',
  'err.internal': 'unexpected failure: {message} (set WFM_DEBUG=1 for the stack; please report it)',
  'err.unreachable':
    'no staffing up to {bound} agents meets the targets for {traffic} Erlangs: relax --sla/--asa/--max-abandon (a 100% service level or a 0 s ASA can never be met)',
  'err.maxAbandonNeedsPatience': '--max-abandon needs --patience (it applies to Erlang A only)',
  'err.fileSystem': 'cannot {syscall} {path}: {reason}',

  'output.cannotWrite': '{what} {path}: cannot write there: {reason}',
  'output.notFolder': '{what} {path}: {file} is a file, not a folder',
  'output.isFolder': '{what} {path} is a folder: name a file',
  'fs.EACCES': 'permission denied',
  'fs.EPERM': 'operation not permitted',
  'fs.EROFS': 'read-only file system',
  'fs.ENOSPC': 'no space left on the device',
  'fs.EDQUOT': 'disk quota exceeded',
  'fs.EFBIG': 'file too large',
  'fs.ENOTDIR': 'a part of the path is not a folder',
  'fs.EISDIR': 'it is a folder',
  'fs.ENOENT': 'no such file or folder',
  'fs.ENAMETOOLONG': 'name too long',
  'fs.ELOOP': 'too many levels of symbolic links',
  'fs.EBUSY': 'busy',
  'fs.EIO': 'input/output error',
  'store.saveName': '--save {name}: a saved name cannot hold line breaks or other control characters (it goes into the store, file names and calendars)',
  'store.needsUpgrade': 'the store {path} has schema version {version}; this wfm reads version {needed}. Reading commands never change a store: run a writing command once to upgrade it (any wfm import, or roster/forecast --save), then run this again',
  'store.damaged': 'the store {path} is damaged: table(s) {tables} missing. Restore it from a backup, or import into a new store (--db)',
  'store.damagedSchema': 'the store {path} is damaged: {message}. Restore it from a backup, or import into a new store (--db)',
  'store.readOnly': 'the store {path} is read-only for this user ({code}): reading commands (reports, lists) still work; writing ones need a store you may write (--db)',

  'opt.badLang': '"{value}" is not a supported language (use en or zh-CN)',
  'opt.notNumber': '"{value}" is not a number',
  'opt.notPositive': '"{value}" must be greater than 0',
  'opt.notNonNegative': '"{value}" must be 0 or more',
  'opt.notWholeNumber': '"{value}" must be a whole number, 0 or more',
  'opt.notPositiveInt': '"{value}" must be a whole number, 1 or more',
  'opt.notShare': '"{value}" must be a share between 0 and 1, or a percentage such as 30%',
  'opt.shrinkageTooBig': '"{value}": shrinkage must be below 100%',
  'opt.badSla': '"{value}" is not a service-level target: write X/T, e.g. 80/20 for 80% answered within 20 seconds',
  'opt.badSite': '"{value}" is not a site name: 1 to {max} characters, no control characters, no space at either end',
  'opt.badZone': '"{value}" is not an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)',
  'opt.badInterval': '"{value}" is not an interval length: whole minutes that divide a day, e.g. 15, 30 or 60',
  'opt.sla': 'service-level target X/T: X% of calls answered within T seconds (default: each queue\'s in wfm.yaml, else 80/20)',
  'opt.asa': 'maximum average speed of answer, seconds (default: each queue\'s in wfm.yaml; none: no ASA target)',
  'opt.maxOccupancy': 'maximum agent occupancy, e.g. 0.85 or 85% (default: each queue\'s in wfm.yaml; none: no cap)',
  'opt.shrinkage': 'share of paid time off the phones (breaks, training, absence): scheduled = ceil(agents / (1 - shrinkage)) (default: each queue\'s in wfm.yaml, else 0)',
  'opt.patience': 'mean caller patience in seconds: switches to Erlang A (callers hang up) (default: each queue\'s in wfm.yaml; none: Erlang C for every queue)',
  'opt.maxAbandon': 'maximum abandon rate (Erlang A), e.g. 5% (default: each queue\'s in wfm.yaml; none: no cap)',
  'opt.strict': 'reject the whole file if any line is bad (default: report bad lines, use the rest, exit 3)',
  'opt.rejects': 'write every rejected line (file, line, field, reason) to this CSV file',

  'value.unstable': 'unbounded (unstable)',
  'col.agents': 'agents',
  'col.serviceLevel': 'service level',
  'col.asaSeconds': 'ASA s',
  'col.occupancy': 'occupancy',
  'col.probWait': 'P(wait)',
  'col.probAbandon': 'P(abandon)',
  'col.queue': 'queue',
  'col.site': 'site',
  'col.intervalStart': 'interval start',
  'col.calls': 'calls',
  'col.ahtSeconds': 'AHT s',
  'col.trafficErlangs': 'Erlangs',
  'col.scheduledAgents': 'scheduled',
  'col.date': 'date',
  'col.agentHours': 'agent-hours',
  'col.scheduledHours': 'scheduled hours',
  'col.peakAgents': 'peak agents',
  'col.peakScheduledAgents': 'peak scheduled',

  'erlang.description': 'required agents for one interval (Erlang C, or Erlang A with --patience), with a what-if table',
  'erlang.opt.calls': 'calls offered in the interval',
  'erlang.opt.traffic': 'offered traffic in Erlangs, instead of --calls',
  'erlang.opt.interval': 'interval length in minutes',
  'erlang.opt.aht': 'average handle time in seconds (talk + hold + wrap-up; default: the queue\'s aht in wfm.yaml)',
  'erlang.opt.agents': 'evaluate this many agents instead of searching for the requirement',
  'erlang.err.needCalls': 'give --calls (with --interval) or --traffic',
  'erlang.note.unknownQueue': 'queue {queue} is not in {file}: the defaults apply',
  'erlang.err.needAht': 'give --aht SECONDS (or aht for the queue in wfm.yaml)',
  'erlang.opt.queue': 'take this queue\'s targets and AHT from wfm.yaml (default: its defaults section)',
  'erlang.help':
    'Definitions:\n' +
    '  traffic (Erlangs) = calls x AHT / interval seconds\n' +
    '  Erlang C (no --patience): callers wait forever. Service level = P(wait <= T) over all calls;\n' +
    '    ASA = mean wait over all calls; unstable when agents <= traffic (service level 0, ASA unbounded).\n' +
    '  Erlang A (--patience S): callers hang up after an exponential patience with mean S seconds.\n' +
    '    Service level = share of ALL arriving calls answered within T (abandoned calls count as missed);\n' +
    '    ASA = mean wait of answered calls; P(abandon) = share of calls that hang up.\n' +
    '  Occupancy = handled traffic / agents. Required agents = the smallest number meeting every target\n' +
    '    given (--sla, --asa, --max-occupancy, --max-abandon). Scheduled = ceil(agents / (1 - shrinkage)).\n' +
    'Examples:\n' +
    '  wfm erlang --calls 320 --interval 30 --aht 240 --sla 80/20 --shrinkage 30%\n' +
    '  wfm erlang --calls 320 --aht 240 --patience 120 --max-abandon 5%\n' +
    '  wfm erlang --traffic 42.7 --aht 240 --agents 45 --format json',
  'erlang.head.c': 'Erlang C: {traffic} Erlangs, AHT {aht} s, target {sl} answered within {t} s',
  'erlang.head.a': 'Erlang A: {traffic} Erlangs, AHT {aht} s, patience {patience} s, target {sl} answered within {t} s',
  'erlang.line.required': 'Required agents on the phones: {agents}    scheduled (shrinkage {shrinkage}): {scheduled}',
  'erlang.line.given': 'Agents on the phones: {agents}    scheduled (shrinkage {shrinkage}): {scheduled}',
  'erlang.line.figures': 'Service level {sl}   ASA {asa}   occupancy {occ}   P(wait) {pw}',
  'erlang.line.abandon': 'P(abandon) {pa}',

  'staff.description': 'required and scheduled agents per queue and interval from a forecast of calls and AHT',
  'staff.opt.input': 'demand CSV with columns interval_start,queue,calls,aht (queue optional; local times in --tz)',
  'staff.opt.interval': 'interval length in minutes (default: inferred from the data)',
  'staff.opt.by': 'csv/table rows: interval (default) or day totals',
  'staff.err.needInput': 'give --input FILE.csv (columns interval_start,queue,calls,aht) or --forecast NAME',
  'staff.err.needInterval': 'cannot infer the interval length from one interval per queue: give --interval',
  'staff.help':
    'Input: CSV with a header row: interval_start (YYYY-MM-DD HH:MM local time in --tz, or ISO 8601 with an\n' +
    'offset), queue (optional), calls, aht (seconds; may be blank where calls is 0).\n' +
    'Per interval: traffic = calls x AHT / interval seconds; agents = smallest number meeting every target;\n' +
    'scheduled = ceil(agents / (1 - shrinkage)). Per queue and day: agent-hours and scheduled hours\n' +
    '(sum of agents x interval hours), peaks, call-weighted service level. See `wfm erlang --help` for\n' +
    'the service-level definitions. Bad rows are reported with file, line and field and skipped (exit 3),\n' +
    'or reject the file with --strict (exit 2).\n' +
    'Example:\n  wfm staff --input data/sample-demand.csv --sla 80/20 --shrinkage 30% --tz Asia/Shanghai --format csv',
  'staff.head.c': 'Erlang C, {interval}-minute intervals, target {sl} within {t} s, shrinkage {shrinkage}',
  'staff.head.a': 'Erlang A (patience {patience} s), {interval}-minute intervals, target {sl} within {t} s, shrinkage {shrinkage}',
  'staff.daysTitle': 'Day totals',

  'input.moreRejected': '... and {count} more rejected lines (write them all with --rejects FILE)',
  'input.cannotRead': 'cannot read the file ({code})',
  'input.tooLarge': 'the file is larger than {limit}, the most this kind of file may hold',
  'input.csvSyntax': 'not valid CSV: {message}',
  'input.empty': 'the file is empty',
  'input.noRows': 'no usable rows',
  'input.timeNonexistent': '"{value}" does not exist in {zone} (skipped by a daylight-saving change)',
  'input.badTime': '"{value}" is not a time: write YYYY-MM-DD HH:MM (local) or ISO 8601 with an offset',
  'input.badCount': '"{value}" is not a count of calls (a number, 0 or more)',
  'input.badAht': '"{value}" is not a handle time in seconds (a number above 0)',
  'input.missingAht': 'AHT is missing for an interval with calls',
  'input.emptyQueue': 'the queue name is empty',
  'input.duplicateInterval': 'queue {queue}, {value} already given on line {first}',
  'input.missingColumn': 'missing column(s): {columns}',
  'input.strictRejected': '--strict: {count} bad line(s), nothing was used',
  'staff.opt.forecast': 'a forecast saved with wfm forecast --save NAME, instead of --input',
  'staff.opt.aht': 'AHT in seconds for forecast intervals that have none (a forecast made without AHT history)',
  'staff.err.noStore': 'no store at {db}: save a forecast first (wfm forecast --save NAME), or give the requirements as a CSV file',
  'staff.err.noForecast': 'no forecast named "{name}" in {db} (wfm forecast --save NAME makes one)',
  'staff.err.forecastNoAht': 'forecast "{name}" has no AHT for queue {queue}: give --aht SECONDS',
  'help.usage': 'Usage:',
  'help.options': 'Options:',
  'help.commands': 'Commands:',
  'help.globalOptions': 'Global Options:',
  'help.arguments': 'Arguments:',
  'help.choices': 'choices',
  'help.default': 'default',
} satisfies Record<string, string>;
