/** Messages of the call-data area (imports, store, report sla), en. */
export const catalogue = {
  'import.description': 'import PBX call data into the store (--db): Asterisk queue_log, CDR CSV, ACD interval volumes',
  'import.help':
    'Every import streams the files (plain or .gz), is idempotent (the same call imported twice, or from an\n' +
    'overlapping re-export, is stored once) and transactional (interrupted, the store is as before; run it again).\n' +
    'Rejected lines are reported with file, line and reason; exit 0 all accepted, 3 some rejected, 2 nothing usable.',
  'import.arg.files': 'input files (.gz read directly)',
  'import.opt.strict': 'skip a whole file if any of its lines is bad (default: keep the good lines, exit 3)',
  'import.opt.map': 'column map file: one "field = column" per line',
  'import.queueLog.description': 'Asterisk queue_log (1.8 and 11+ layouts): one row per queue call, plus agent events',
  'import.queueLog.help':
    'Lines: epoch|callid|queue|agent|EVENT|data... (Asterisk "Queue Logs" docs). Calls are built from ENTERQUEUE,\n' +
    'CONNECT, COMPLETEAGENT, COMPLETECALLER, ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY, RINGNOANSWER,\n' +
    'TRANSFER/BLINDTRANSFER/ATTENDEDTRANSFER; agent sessions from AGENTLOGIN/AGENTLOGOFF, ADDMEMBER/REMOVEMEMBER,\n' +
    'PAUSE/UNPAUSE/PAUSEALL/UNPAUSEALL (with reasons). A call still open at the end of a file (e.g. yesterday\'s log)\n' +
    'is kept and completed by the import of the next file.\n' +
    'Plausible values (a line outside them is rejected, naming the field and the range): times from 1999 to a day\n' +
    'after now; holdtime, waittime and calltime 0 to 86400 s (no call waits or talks for a day); ringtime 0 to\n' +
    '86400000 ms. Call id, queue and agent may not contain control characters (C0 with tab, DEL, C1): such a line\n' +
    'is rejected; in a pause reason or a transfer target they become U+FFFD and the event still counts.\n' +
    'Example:\n  wfm import queue-log /var/log/asterisk/queue_log.1.gz /var/log/asterisk/queue_log --tz Asia/Shanghai',
  'import.cdr.description': 'call detail records: Asterisk cdr_csv Master.csv, FreeSWITCH mod_cdr_csv, or any CSV with --map',
  'import.cdr.opt.type': 'input layout: asterisk (Master.csv), freeswitch (default template) or csv (with --map)',
  'import.cdr.opt.queue': 'put every call in this queue (default: Asterisk Queue() argument, FreeSWITCH destination_number)',
  'import.cdr.help':
    'Asterisk: only rows whose last application is Queue are queue calls (unless --queue). answered = disposition\n' +
    'ANSWERED (FreeSWITCH: an answer_stamp); wait = answer - start; talk = billsec; otherwise abandoned.\n' +
    'Times are local in --tz (for Asterisk usegmtime=yes use --tz UTC).\n' +
    '--type csv --map FILE: map fields queue, call_id, entered, wait (required), outcome, talk, wrap, agent, answered.\n' +
    'Plausible values (a line outside them is rejected, naming the field and the range): times from 1990 to a day\n' +
    'after now; duration, billsec, wait, talk and wrap 0 to 86400 s (a call is not a day long); a call may not\n' +
    'end (entered + wait + talk) more than a day after now. Queue, call id and agent may not contain control\n' +
    'characters (C0 with tab, DEL, C1). A line is one record: a quoted field not closed on its line, or a quote\n' +
    'inside a quoted field neither doubled ("") nor followed by a comma, is broken quoting and the line is rejected\n' +
    '(FreeSWITCH does not double quotes inside values: a caller name with a quote does this).\n' +
    'Example:\n  wfm import cdr Master.csv --type asterisk\n  wfm import cdr export.csv --type csv --map columns.txt',
  'import.volumes.description': 'ACD interval reports (interval_start,queue,offered,answered,abandoned,answered_within,aht)',
  'import.volumes.help':
    'A CSV with a header row; interval_start and offered are required, other columns optional, names mappable with\n' +
    '--map FILE (fields interval_start, queue, offered, answered, abandoned, answered_within, aht, asa).\n' +
    '`wfm report sla` uses volumes for queues that have no call-level data.\n' +
    'Plausible values (a line outside them is rejected, naming the field and the range): offered, answered,\n' +
    'abandoned and answered_within 0 to 10,000,000 per interval; aht and asa 0 to 86400 s; interval_start from 1990\n' +
    'to a day after now; a queue name without control characters.',
  'import.retry': 'another import changed the same rows at the same time: starting again (attempt {attempt})',
  'import.progress': '{file}: {percent}% ({lines} lines)',
  'import.summary.calls':
    '{files} file(s), {lines} lines: {accepted} accepted, {rejected} rejected, {duplicates} duplicate(s); {calls} call(s) written ({newCalls} new), {agentEvents} new agent event(s)',
  'import.summary.volumes': '{files} file(s), {lines} lines: {accepted} accepted, {rejected} rejected; {calls} interval row(s) written ({newCalls} new)',
  'import.summary.pending': '{pending} call(s) still open: they are completed when the next log is imported',
  'import.nothingUsable': 'nothing usable in the input (no accepted lines)',
  'import.err.needMap': '--type csv needs --map FILE naming the columns',
  'import.err.queueControl': '--queue contains the control character {codePoint}: a queue name may not hold control characters',
  'import.map.badLine': 'not a "field = column" line: {value}',
  'import.reject.fewFields': 'too few fields ({count}, at least {expected} expected): a truncated line?',
  'import.reject.encoding': 'bytes that are not UTF-8',
  'import.reject.badTime': '"{value}" is not a time (epoch seconds or YYYY-MM-DD HH:MM:SS)',
  'import.reject.timeRange': '"{value}" is an impossible time (before 1999 in a queue_log, before 1990 in other exports, or more than a day after now)',
  'import.reject.unknownEvent': 'unknown event "{value}"',
  'import.reject.missing': '{field} is missing',
  'import.reject.notNumber': '{field} "{value}" is not a number of seconds',
  'import.reject.truncatedGzip': 'the compressed file is damaged here (a truncated .gz): this half-written line is not read; the lines before it were',
  'import.reject.tooLong': 'the line is longer than {max} bytes (no format here has such lines): skipped to its end',
  'import.reject.noLineEnd': 'no line end in {max} bytes (not a text export, or a damaged or hostile file): the rest of the file was not read',
  'import.reject.badOutcome': '"{value}" is not an outcome (answered, abandoned, timeout, key, empty)',
  'import.reject.countsExceed': 'answered + abandoned is more than offered ({offered})',
  'import.reject.withinExceeds': 'answered_within is more than answered ({answered})',
  'import.reject.range': '{field} "{value}" is outside the plausible range {min} to {max}',
  'import.reject.endsLate': 'the call entered at {entered}, waited {wait} s and talked {talk} s: it would end after {latest}, later than a call imported now can have ended',
  'import.reject.control': '{field} contains the control character {codePoint}: a name may not hold control characters (C0 with tab and line ends, DEL, C1)',
  'import.reject.strayQuote': 'broken quoting: a quote inside a quoted field is neither doubled ("") nor followed by a comma or the line end',
  'import.reject.openQuote': 'broken quoting: a quoted field is not closed by the end of the line (this export has one record per line)',
  'import.reject.quoteBroken': 'broken quoting: the quoted field opened on this line breaks on line {at} (a quote in it is neither doubled nor followed by a comma or the line end); the lines up to there are not imported',
  'import.reject.quoteEof': 'broken quoting: the quoted field opened on this line is not closed by the end of the file; the lines after it are inside it and not imported',
  'import.reject.quoteLong': 'the quoted field opened on this line runs past {max} bytes: neither it nor the lines up to where it closes are imported',
  'import.reject.quoteCut': 'the quoted field opened on this line is cut by line {at}, which could not be read; the lines up to there are not imported',
  'import.reject.insideQuote': 'inside the broken quoted field opened on line {line}',

  'store.cannotOpen': 'cannot open the store {path}: {code}',
  'store.tooNew': 'the store {path} has schema version {version}; this wfm knows up to {supported}: upgrade wfm',
  'store.busy': 'the store {db} stayed busy for {seconds} s (another import or save is writing to it): try again later, or wait longer with --wait SECONDS',
  'store.waiting': 'waiting for the store {db}: another process is writing to it ({seconds} s) ...',
  'import.opt.wait': 'seconds to wait for the store while another import or save writes to it (default 600); then exit 2 "store busy"',
  'site.choose': 'the store holds several sites ({sites}): name one with --site (or WFM_SITE, or site: in wfm.yaml)',
  'site.unknown': 'the store has no site "{site}" (it has {sites}; wfm.yaml may list more under sites:)',
  'site.snapshotAmbiguous': '"{name}" is saved for several sites ({sites}): name one with --site',
  'store.missing': 'no store at {path}: import data first (wfm import ...) or give --db',
  'store.pg.badUrl': 'the store address cannot be read: {message}',
  'store.pg.unavailable': 'the PostgreSQL server of the store {path} cannot be reached or went away: {reason}. Nothing of this run was kept: run it again when the server is back',
  'store.pg.gaveUp': 'the PostgreSQL server of the store {path} stopped this run: {reason}. Nothing of this run was kept: run it again (a timeout or lock wait set on the server may need raising, or the server more room)',
  'store.pg.regrant': 'the store {path} was migrated by an older wfm: its roles\' privileges and its audit log need updating. Run wfm db migrate as the store\'s owner',
  'store.pg.login': 'the PostgreSQL server of the store {path} refused the login: {reason} (the password is taken from the URL, else PGPASSWORD, else ~/.pgpass)',
  'store.pg.noDatabase': 'the PostgreSQL server of the store {path} has no database {database}: create it (createdb), then run wfm db migrate',
  'store.pg.serverTooOld': 'the PostgreSQL server of the store {path} runs version {version}; wfm needs PostgreSQL 11 or later',
  'store.pg.encoding': 'the database of the store {path} is encoded in {encoding}; wfm needs UTF8 (create the database with ENCODING \'UTF8\')',
  'store.pg.notMigrated': 'the PostgreSQL store {path} has no wfm schema yet: run wfm db migrate on it first (other commands never create or upgrade a PostgreSQL store)',
  'store.pg.oldSchema': 'the PostgreSQL store {path} has schema version {version}; this wfm needs version {needed}: run wfm db migrate (other commands never upgrade a PostgreSQL store)',
  'store.pg.deniedRead': 'the PostgreSQL user {user} may not read the store {path} (table {table}): that needs the group role wfm_read, which an administrator grants with GRANT wfm_read TO {user}',
  'store.pg.deniedWrite': 'the PostgreSQL user {user} may not change the table {table} of the store {path}: that needs the group role {role}, which an administrator grants with GRANT {role} TO {user}. Nothing was changed',
  'store.pg.deniedWriteEither': 'the PostgreSQL user {user} may not change the table {table} of the store {path}: that needs the group role {role} or {other}, which an administrator grants with GRANT {role} TO {user}. Nothing was changed',
  'store.pg.migrateDenied': 'wfm db migrate may not change the PostgreSQL store {path} as the user {user} ({reason}): run it as the owner of the database holding CREATEROLE, or as a superuser. Nothing was changed',
  'store.pg.readOnly': 'the store {path} was opened for reading and cannot be changed ({reason})',

  'report.description': 'reports from the store (--db)',
  'sla.description': 'interval KPIs per queue: offered, answered, abandoned, service level, ASA, AHT (or per agent)',
  'sla.opt.queue': 'only this queue (repeat or comma-separate for several)',
  'sla.opt.from': 'first day (YYYY-MM-DD, local in --tz) or a local date-time',
  'sla.opt.to': 'last day, inclusive (YYYY-MM-DD), or an exclusive local date-time',
  'sla.opt.interval': 'interval: 15, 30 or 60 minutes, or day',
  'sla.opt.slThreshold': 'service-level threshold in seconds: answered with wait <= this counts as within (default: the seconds of --sla, else of each queue\'s sla in wfm.yaml, else 20)',
  'sla.opt.shortAbandon': 'abandons after less than this many seconds are short abandons (0 turns it off; default: each queue\'s short-abandon in wfm.yaml, else 5)',
  'sla.opt.by': 'queue (default) or agent: logged-in, paused, calls, talk time, occupancy per agent',
  'sla.help':
    'A call belongs to the interval (in --tz) in which it entered the queue. Per queue and interval, plus a total row:\n' +
    '  offered = every call; answered; abandoned; exited = left by timeout, key or empty queue\n' +
    '  shortAbandoned = abandoned after waiting less than --short-abandon seconds (still in offered and abandoned)\n' +
    '  answeredWithin = answered with wait <= --sl-threshold\n' +
    '  serviceLevel = answeredWithin / (offered - shortAbandoned)\n' +
    '  abandonRate = (abandoned - shortAbandoned) / (offered - shortAbandoned)\n' +
    '  asaSeconds = mean wait of answered calls; ahtSeconds = mean talk (+ wrap-up where the data has it) of answered calls\n' +
    '  maxWaitSeconds = the longest wait of any call\n' +
    '--format json: an array of objects with exactly these fields plus queue and intervalStart (ISO 8601 with\n' +
    'offset; null on the total row); --format csv: the same columns. Only intervals with calls are listed.\n' +
    '--by agent: agent, intervalStart, loggedInSeconds, pausedSeconds, calls (answered, by answer time),\n' +
    'talkSeconds (spread over the intervals talked), occupancy = talk / (logged in - paused).\n' +
    'Example:\n  wfm report sla --from 2026-03-01 --to 2026-03-31 --interval 30 --queue billing --format csv',
  'sla.err.date': '{option} "{value}" is not a date: write YYYY-MM-DD or YYYY-MM-DD HH:MM',
  'sla.err.needPeriod': 'give the period with --from DATE and --to DATE',
  'sla.err.emptyPeriod': 'the period {from} .. {to} is empty (--to before --from)',
  'sla.head': 'Queue calls {from} .. {to} ({zone}), {interval}-minute intervals, service level within {threshold} s, short abandon < {short} s',
  'sla.day': 'one-day',
  'sla.total': 'total',
  'sla.noCalls': 'no calls in this period',
  'sla.noAgents': 'no agent activity in this period',
  'sla.col.offered': 'offered',
  'sla.col.answered': 'answered',
  'sla.col.abandoned': 'abandoned',
  'sla.col.shortAbandoned': 'short ab.',
  'sla.col.exited': 'exited',
  'sla.col.answeredWithin': 'within SL',
  'sla.col.abandonRate': 'abandon rate',
  'sla.col.maxWait': 'max wait s',
  'sla.col.agent': 'agent',
  'sla.col.loggedInHours': 'logged in h',
  'sla.col.pausedHours': 'paused h',
  'sla.col.talkHours': 'talk h',
} satisfies Record<string, string>;
