/**
 * The `wfm` program: the global options, wfm.yaml, the commands (each loaded only when run), and the
 * one place where errors become exit codes. `main` takes argv and optional I/O so tests and
 * quickstart can run it in-process.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, Help, InvalidArgumentError, Option, type Argument } from '@commander-js/extra-typings';
import { ExitCode, InputError, UsageError, WfmError } from './errors.js';
import { safeStream, safeText } from './format.js';
import { parseLang, t, type Lang, type MessageKey, type MessageParams } from './i18n/index.js';
import { findConfig, NO_CONFIG, resolveGlobals, resolveLang, type SiteConfig } from './app/config.js';
import { fsReason, isFsError } from './app/output-files.js';
import { describeRejection, REJECTS_SHOWN } from './app/rejects.js';
import { parseSite, parseZone, setParserLanguage } from './commands/options.js';
import { TerminalProgress } from './commands/progress.js';
import { TABLE_OR_JSON, type Context, type DefaultFormat, type MainIO, type Register, type Registrar } from './commands/context.js';

export type { MainIO } from './commands/context.js';

/**
 * The commands in help order, each loaded only when needed: a run imports just its own command's
 * module (and so its dependencies), which keeps start-up and memory small for cron jobs and imports.
 */
const COMMANDS: readonly [string, () => Promise<Register>][] = [
  ['erlang', async () => (await import('./commands/erlang.js')).registerErlang],
  ['staff', async () => (await import('./commands/staff.js')).registerStaff],
  ['forecast', async () => (await import('./commands/forecast.js')).registerForecast],
  ['live', async () => (await import('./commands/live.js')).registerLive],
  ['import', async () => (await import('./commands/import.js')).registerImport],
  ['report', async () => (await import('./commands/report.js')).registerReport],
  ['alerts', async () => (await import('./commands/alerts.js')).registerAlerts],
  ['roster', async () => (await import('./commands/roster.js')).registerRoster],
  ['simulate', async () => (await import('./commands/simulate.js')).registerSimulate],
  ['config', async () => (await import('./commands/config.js')).registerConfig],
  ['db', async () => (await import('./commands/db.js')).registerDb],
  ['audit', async () => (await import('./commands/audit.js')).registerAudit],
  ['quickstart', async () => (await import('./commands/quickstart.js')).registerQuickstart],
];

/** Global options that take a value (so the word after them is not the command). */
const VALUE_OPTIONS = new Set(['--format', '--lang', '--tz', '--db', '--config', '--site']);

/** Index of the command named on the line, if it is one of ours (else -1: help, version, a typo). */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return -1;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return COMMANDS.some(([name]) => name === a) ? i : -1;
  }
  return -1;
}

/** The command named on the line, if it is one of ours (else undefined). */
export function commandOf(argv: readonly string[]): string | undefined {
  const i = commandIndex(argv);
  return i < 0 ? undefined : argv[i];
}

/**
 * Each command declares its own --format; one written before the command (`wfm --format json erlang
 * ...`) is moved after it, where the command (or its subcommand) reads it.
 */
export function hoistFormat(argv: readonly string[]): string[] {
  const at = commandIndex(argv);
  if (at < 0) return [...argv];
  const moved: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < at; i++) {
    const a = argv[i];
    if (a === '--format' && i + 1 < at) moved.push(a, argv[++i]);
    else if (a.startsWith('--format=')) moved.push(a);
    else rest.push(a);
  }
  if (moved.length === 0) return [...argv];
  const tail = argv.slice(at);
  const dash = tail.indexOf('--');
  return dash < 0 ? [...rest, ...tail, ...moved] : [...rest, ...tail.slice(0, dash), ...moved, ...tail.slice(dash)];
}

function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** commander's own help words (titles, "default:", "choices:") in the user's language. */
function helpConfiguration(lang: Lang): Partial<Help> {
  const base = { showGlobalOptions: true, sortSubcommands: false };
  if (lang === 'en') return base;
  const titles: Record<string, string> = {
    'Usage:': t(lang, 'help.usage'),
    'Options:': t(lang, 'help.options'),
    'Commands:': t(lang, 'help.commands'),
    'Global Options:': t(lang, 'help.globalOptions'),
    'Arguments:': t(lang, 'help.arguments'),
  };
  const words = (text: string) =>
    text.replace(/\bchoices: /g, t(lang, 'help.choices') + ': ').replace(/\bdefault: /g, t(lang, 'help.default') + ': ');
  return {
    ...base,
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription(option: Option) {
      return words(Help.prototype.optionDescription.call(this, option as never));
    },
    argumentDescription(argument: Argument) {
      return words(Help.prototype.argumentDescription.call(this, argument as never));
    },
  } as Partial<Help>;
}

/** The value of a global option given anywhere on the line before `--` (needed before the program is built). */
function preScan(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === name && i + 1 < argv.length) return argv[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}

let epipeHandled = false;

function defaultIO(): MainIO {
  // A reader that closes the pipe early (`wfm ... | head`) ends the run quietly with 0.
  if (!epipeHandled) {
    epipeHandled = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(ExitCode.ok);
      throw err;
    });
  }
  return {
    // every renderer escapes the user text it shows (src/format.ts safeText); safeStream is the net
    stdout: { write: (s) => void process.stdout.write(safeStream(s)), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (s) => void process.stderr.write(safeStream(s, true)), isTTY: Boolean(process.stderr.isTTY) },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** wfm.yaml as found for this run, or the error reading it (reported when a command runs, not for --help). */
interface ConfigRead {
  config: SiteConfig;
  error?: WfmError;
}

async function readConfig(io: MainIO, explicit: string | undefined): Promise<ConfigRead> {
  try {
    const file = findConfig(io.cwd, io.env, explicit);
    // the YAML reader is loaded only when there is a file to read
    return { config: file ? (await import('./app/config-file.js')).loadConfig(file) : NO_CONFIG };
  } catch (err) {
    if (err instanceof WfmError) return { config: NO_CONFIG, error: err };
    throw err;
  }
}

export async function buildProgram(lang: Lang, io: MainIO, exit: { code: number }, only?: string, configRead: ConfigRead = { config: NO_CONFIG }): Promise<Command> {
  const program = new Command('wfm');
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);

  program
    .description(tr('cli.description'))
    .version(PACKAGE_VERSION, '-V, --version', tr('cli.version'))
    .helpOption('-h, --help', tr('cli.help'))
    .helpCommand(false)
    .configureHelp(helpConfiguration(lang))
    .addOption(
      new Option('--lang <lang>', tr('global.lang')).argParser((v) => {
        const parsed = parseLang(v);
        if (!parsed) throw new InvalidArgumentError(tr('opt.badLang', { value: v }));
        return parsed;
      }),
    )
    .option('-q, --quiet', tr('global.quiet'))
    .addOption(new Option('--tz <zone>', tr('global.tz')).argParser(parseZone))
    .addOption(new Option('--db <path>', tr('global.db')))
    .addOption(new Option('--site <name>', tr('global.site')).argParser(parseSite))
    .addOption(new Option('--config <file>', tr('global.config')))
    .addHelpText('after', '\n' + tr('cli.exitCodes') + '\n\n' + tr('cli.examples'))
    .showHelpAfterError(tr('cli.seeHelp'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // commander quotes what was typed (an unknown option, a bad value): shown escaped, line by line
      outputError: (s, write) => write(s.split('\n').map(safeText).join('\n')),
    });

  const registrar: Registrar = {
    lang,
    tr,
    act(cmd, handler, format: DefaultFormat = TABLE_OR_JSON) {
      const c = cmd as unknown as Command<unknown[], Record<string, unknown>>;
      c.action(async (...all: unknown[]) => {
        const self = all[all.length - 1] as Command<unknown[], Record<string, unknown>>;
        const opts = self.opts();
        const args = all.slice(0, -2);
        if (configRead.error) throw configRead.error;
        const g = self.optsWithGlobals() as { lang?: Lang; tz?: string; db?: string; site?: string; quiet?: boolean };
        const globals = resolveGlobals({ db: g.db, tz: g.tz, lang: g.lang, site: g.site }, io.env, configRead.config, systemZone());
        const quiet = Boolean(g.quiet);
        // --format after a subcommand's name is parsed by its parent when both declare it
        // (commander gives the parent's options precedence): the nearest one given counts
        let chosen: string | undefined;
        for (let c: Command<unknown[], Record<string, unknown>> | null = self; c && chosen === undefined; c = c.parent as typeof c) {
          const f = c.opts().format;
          if (typeof f === 'string') chosen = f;
        }
        const choices = self.options.find((o) => o.long === '--format')?.argChoices;
        if (chosen !== undefined && choices && !choices.includes(chosen)) {
          throw new UsageError({ key: 'opt.badFormatChoice', params: { value: chosen, choices: choices.join(', ') } });
        }
        const ctx: Context = {
          cwd: io.cwd,
          db: globals.db.value,
          // a named site's zone from wfm.yaml (sites: NAME: tz:) unless --tz says otherwise
          tz:
            globals.tz.source !== 'flag' && globals.site.value !== undefined
              ? (configRead.config.sites?.[globals.site.value]?.tz ?? globals.tz.value)
              : globals.tz.value,
          site: globals.site.value,
          lang,
          config: configRead.config,
          settings: globals,
          env: io.env,
          now: io.now,
          startedMs: io.startedMs ?? performance.now(),
          progress: new TerminalProgress(io.stderr, lang, io.stderr.isTTY && !quiet),
          note: (m) => {
            if (!quiet) io.stderr.write(`wfm: ${t(lang, m.key, m.params)}\n`);
          },
          warn: (m) => io.stderr.write(`wfm: ${t(lang, m.key, m.params)}\n`),
          format: chosen ?? (typeof format === 'function' ? format(io.stdout.isTTY) : format),
          formatGiven: chosen !== undefined,
          quiet,
          out: io.stdout,
          err: io.stderr,
          tr,
        };
        exit.code = await (handler as (o: unknown, x: Context, a: unknown[]) => Promise<number> | number)(opts, ctx, args);
      });
    },
    invoke: (argv, other) => {
      // a run inside this one counts its time budget from its own start
      const { startedMs: _started, ...rest } = io;
      return main(argv, { ...rest, ...other });
    },
  };

  // only the command being run, or all of them (help, a typo that commander answers with suggestions)
  for (const [name, load] of COMMANDS) if (!only || only === name) (await load())(program, registrar);
  return program;
}

const PACKAGE_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** Render an expected error for a person, in their language, with its location when known. */
export function describeError(lang: Lang, err: WfmError): string {
  const text = t(lang, err.msg.key, err.msg.params);
  if (err instanceof InputError) {
    const { file, line, field } = err.where;
    const where = [file === undefined ? undefined : safeText(file), line !== undefined ? String(line) : undefined].filter(Boolean).join(':');
    const fieldPart = field ? t(lang, 'err.field', { field }) : '';
    return `${where ? where + ': ' : ''}${fieldPart}${text}`;
  }
  return text;
}

export async function main(argvIn: string[], ioOverride: Partial<MainIO> = {}): Promise<number> {
  const io: MainIO = { startedMs: performance.now(), ...defaultIO(), ...ioOverride };
  const argv = hoistFormat(argvIn);
  const configRead = await readConfig(io, preScan(argv, '--config'));
  const flagLang = preScan(argv, '--lang');
  let lang: Lang;
  try {
    lang = resolveLang(flagLang === undefined ? undefined : parseLang(flagLang), io.env, configRead.config).value;
  } catch (err) {
    // a bad WFM_LANG: reported when a command runs (a bad WFM_TZ too, unless --tz overrides it)
    if (!(err instanceof WfmError)) throw err;
    configRead.error ??= err;
    lang = parseLang(flagLang ?? '') ?? configRead.config.lang ?? 'en';
  }
  setParserLanguage(lang);
  const exit = { code: ExitCode.ok as number };
  const program = await buildProgram(lang, io, exit, commandOf(argv), configRead);
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return ExitCode.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; every other commander error is bad usage
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
      return ExitCode.usage;
    }
    if (err instanceof WfmError) {
      for (const r of err.rejections.slice(0, REJECTS_SHOWN)) io.stderr.write(`wfm: ${describeRejection(lang, r)}\n`);
      const more = err.rejected - Math.min(REJECTS_SHOWN, err.rejections.length);
      if (more > 0) io.stderr.write(`wfm: ${t(lang, 'input.moreRejected', { count: more })}\n`);
      io.stderr.write(`wfm: ${describeError(lang, err)}\n`);
      return err.exitCode;
    }
    const e = err as Error & { code?: string };
    if (e && e.code === 'EPIPE') return ExitCode.ok;
    if (isFsError(e)) {
      // the disk or permissions, on a path no check foresaw: said plainly (exit 1), not as a bug
      const path = e.path ?? (e as { dest?: string }).dest ?? '';
      io.stderr.write(`wfm: ${t(lang, 'err.fileSystem', { syscall: e.syscall, path, reason: fsReason(lang, e) })}\n`);
      if (io.env.WFM_DEBUG && e.stack) io.stderr.write(e.stack + '\n');
      return ExitCode.failure;
    }
    io.stderr.write(`wfm: ${t(lang, 'err.internal', { message: e?.message ?? String(err) })}\n`);
    if (io.env.WFM_DEBUG && e?.stack) io.stderr.write(e.stack + '\n');
    return ExitCode.failure;
  }
}
