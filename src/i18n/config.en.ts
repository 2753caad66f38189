/** English messages: the site configuration file (wfm.yaml), `wfm config show`, shared value syntax. */
export const catalogue = {
  'global.config': 'the site configuration file (default: $WFM_CONFIG, else wfm.yaml here or in a parent folder)',
  'format.default.tableOrJson': 'table on a terminal, json otherwise',
  'format.default.md': 'md',
  'format.default.lines': 'one line per alert',
  'format.default.cdr': 'table on a terminal, json otherwise; asterisk or freeswitch name the input layout (as --type)',
  'format.default.live': 'the live board on a terminal, else json',

  'opt.badFormatChoice': '--format {value}: this command prints {choices}',
  'opt.badDate': '"{value}" is not a date: write YYYY-MM-DD',
  'opt.badDateTime': '"{value}" is not a date or time: write YYYY-MM-DD or YYYY-MM-DD HH:MM',
  'opt.badTimeOfDay': '"{value}" is not a time of day: write HH:MM',
  'opt.badRange': '"{value}" is not a date range: write FROM..TO (YYYY-MM-DD, either side may be left open, FROM not after TO)',
  'opt.badDuration': '"{value}" is not a duration: e.g. 8h, 90m or 3600s',
  'opt.badDays': '"{value}" is not a number of days: e.g. 30, 30d or 4w',
  'opt.badSpeed': '"{value}" is not a speed: a number above 0, e.g. 10x',
  'opt.badPercentChange': '"{value}" is not a change in percent above -100: e.g. 5, +5% or -10%',
  'opt.badIntervalChoice': '"{value}" is not one of the interval lengths here: {choices}',
  'opt.badIntervalStep': '"{value}" is not an interval length here: whole minutes that divide a day and are a multiple of {step}',

  'config.description': 'the site configuration (wfm.yaml): show the settings in force and where each came from',
  'config.show.description': 'the settings in force (store, zone, language, rules files, each queue\'s targets) and where each came from',
  'config.show.help':
    'Precedence: a flag, then the environment (WFM_DB, WFM_TZ, WFM_LANG), then wfm.yaml, then the built-in\n' +
    'default (for the language: the locale, LC_ALL / LC_MESSAGES / LANG). wfm.yaml is --config FILE, else\n' +
    '$WFM_CONFIG, else the first wfm.yaml in the current folder or one of its parents. Paths in it are\n' +
    'relative to its folder. Example:\n\n' +
    '  db: ./wfm.db\n  tz: Asia/Shanghai\n  lang: zh-CN\n  roster-rules: roster-rules.yaml\n  defaults:            # every queue not listed below\n    sla: 80/20\n    shrinkage: 30%\n  queues:\n    vip:\n      sla: 90/10\n      max-occupancy: 85%\n      shrinkage: 35%\n\n' +
    'Top-level keys: db, tz, lang, holidays (cn or none), roster-rules, alert-rules, defaults, queues.\n' +
    'Queue keys: sla (X/T), asa (seconds), max-occupancy, shrinkage, max-abandon (shares: 0.3 or 30%),\n' +
    'patience (seconds: Erlang A), aht (seconds, where the data has none), short-abandon (seconds).\n' +
    'Target flags (--sla, --shrinkage ...) override every queue\'s targets for that run.',
  'config.col.key': 'setting',
  'config.col.value': 'value',
  'config.col.source': 'from',
  'config.source.flag': 'flag',
  'config.source.env': 'environment',
  'config.source.file': 'wfm.yaml',
  'config.source.locale': 'locale',
  'config.source.built-in': 'built-in',
  'config.file': 'Configuration file: {file}',
  'config.noFile': 'No configuration file (wfm.yaml here or in a parent folder, --config FILE or $WFM_CONFIG): built-in defaults.',
  'config.tooBig': 'the configuration file is larger than {max} bytes',
  'config.syntax': 'not valid YAML: {message}',
  'config.notMap': 'expected keys and values (a mapping)',
  'config.notText': 'expected a value',
  'config.unknownKey': 'unknown key (known keys: {keys})',
  'config.badChoice': '"{value}" is not one of: {choices}',
  'config.badEnv': '${name}="{value}" is not valid',
  'config.maxAbandonNeedsPatience': 'queue {queue}: max-abandon needs patience (it applies to Erlang A only)',

  'shifts.badJson': 'not valid JSON: {message}',
  'shifts.shape': 'expected an array of shifts, or an object with "shifts": [...]',
  'shifts.noAgent': 'the agent is missing',
  'shifts.order': 'the shift must end after it starts',
  'shifts.break': 'a break must end after it starts and lie inside the shift',
  'shifts.notFound': '{option}no roster file "{name}" and no roster saved under that name in {db} (wfm roster --save NAME)',
  'rejects.isInput': '--rejects {file} is one of the inputs: writing the rejected lines there would destroy it',
} satisfies Record<string, string>;
