/**
 * The `wfm` program: global options, the commands, and the one place where errors become exit codes.
 * `main` takes argv and optional I/O so tests can run it in-process.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, Help, InvalidArgumentError, Option, type Argument } from 'commander';
import { ExitCode, InputError, WfmError } from './errors.js';
import { langFromEnv, parseLang, t, type Lang } from './i18n/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from './report/format.js';
import { parseZone, setParserLanguage } from './commands/options.js';
import type { Context, Output } from './commands/context.js';
import { describeRejection, REJECTS_SHOWN } from './commands/rejects.js';

type Register = (program: Command, r: Registrar) => unknown;

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
  ['quickstart', async () => (await import('./commands/quickstart.js')).registerQuickstart],
];

/** Global options that take a value (so the word after them is not the command). */
const VALUE_OPTIONS = new Set(['--format', '--lang', '--tz', '--db']);

/** The command named on the line, if it is one of ours (else undefined: help, version, a typo). */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return COMMANDS.some(([name]) => name === a) ? a : undefined;
  }
  return undefined;
}

export interface MainIO {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  /**
   * performance.now() at which this run started, for time budgets (`wfm roster --time-limit`): the
   * `wfm` entry passes 0 (process start, so start-up counts); by default the time main() is entered
   * (a run inside another, e.g. a quickstart step, or a test).
   */
  startedMs?: number;
}

/** The handler a command registers: returns its exit code. */
export type Handler<O> = (opts: O, ctx: Context, args: string[]) => Promise<number> | number;

/** What `register*` functions receive to declare a command. */
export interface Registrar {
  lang: Lang;
  /** Wrap a handler as a commander action that resolves the global options into a Context. */
  action<O>(handler: Handler<O>): (...args: unknown[]) => Promise<void>;
}

// md/html: documents (report daily); asterisk/freeswitch: the input layout of `import cdr`
const EXTRA_FORMATS = ['md', 'html', 'asterisk', 'freeswitch'] as const;

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
      return words(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(argument: Argument) {
      return words(Help.prototype.argumentDescription.call(this, argument));
    },
  };
}

/** --lang given anywhere on the line wins over the environment (needed before help is built). */
function preScanLang(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '--lang' && i + 1 < argv.length) return parseLang(argv[i + 1]);
    if (a.startsWith('--lang=')) return parseLang(a.slice(7));
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
    stdout: { write: (s) => void process.stdout.write(s), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY) },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

export async function buildProgram(lang: Lang, io: MainIO, exit: { code: number }, only?: string): Promise<Command> {
  const program = new Command('wfm');
  const tr = (key: string, params?: Record<string, string | number>) => t(lang, key, params);

  program
    .description(tr('cli.description'))
    .version(PACKAGE_VERSION, '-V, --version', tr('cli.version'))
    .helpOption('-h, --help', tr('cli.help'))
    .addHelpCommand(false)
    .configureHelp(helpConfiguration(lang))
    .addOption(
      new Option('--format <format>', tr('global.format')).argParser((v) => {
        if (!([...OUTPUT_FORMATS, ...EXTRA_FORMATS] as readonly string[]).includes(v)) {
          throw new InvalidArgumentError(tr('opt.badFormat', { value: v }));
        }
        return v;
      }),
    )
    .addOption(new Option('--lang <lang>', tr('global.lang')).argParser((v) => {
      const parsed = parseLang(v);
      if (!parsed) throw new InvalidArgumentError(tr('opt.badLang', { value: v }));
      return parsed;
    }))
    .option('-q, --quiet', tr('global.quiet'))
    .addOption(new Option('--tz <zone>', tr('global.tz')).argParser(parseZone))
    .addOption(new Option('--db <path>', tr('global.db')))
    .addHelpText('after', '\n' + tr('cli.exitCodes') + '\n\n' + tr('cli.examples'))
    .showHelpAfterError(tr('cli.seeHelp'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
    });

  const registrar: Registrar = {
    lang,
    action<O>(handler: Handler<O>) {
      return async (...args: unknown[]) => {
        const cmd = args[args.length - 1] as Command;
        const positional = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : [a])) as string[];
        const all = cmd.optsWithGlobals() as Record<string, unknown>;
        const formatGiven = typeof all.format === 'string';
        const ctx: Context = {
          format: (all.format as OutputFormat) ?? (io.stdout.isTTY ? 'table' : 'json'),
          formatGiven,
          lang,
          quiet: Boolean(all.quiet),
          tz: (all.tz as string) ?? (io.env.WFM_TZ ? parseZone(io.env.WFM_TZ) : systemZone()),
          db: (all.db as string) ?? io.env.WFM_DB ?? 'wfm.db',
          out: io.stdout,
          err: io.stderr,
          env: io.env,
          cwd: io.cwd,
          now: io.now,
          startedMs: io.startedMs ?? performance.now(),
        };
        exit.code = await handler(cmd.opts() as O, ctx, positional);
      };
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
    const where = [file, line !== undefined ? String(line) : undefined].filter(Boolean).join(':');
    const fieldPart = field ? t(lang, 'err.field', { field }) : '';
    return `${where ? where + ': ' : ''}${fieldPart}${text}`;
  }
  return text;
}

export async function main(argv: string[], ioOverride: Partial<MainIO> = {}): Promise<number> {
  const io: MainIO = { startedMs: performance.now(), ...defaultIO(), ...ioOverride };
  const lang: Lang = preScanLang(argv) ?? langFromEnv(io.env);
  setParserLanguage(lang);
  const exit = { code: ExitCode.ok as number };
  const program = await buildProgram(lang, io, exit, commandOf(argv));
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
      if (err.code === 'commander.help') return ExitCode.usage;
      return ExitCode.usage;
    }
    if (err instanceof WfmError) {
      for (const r of err.rejections.slice(0, REJECTS_SHOWN)) io.stderr.write(`wfm: ${describeRejection(lang, r)}\n`);
      io.stderr.write(`wfm: ${describeError(lang, err)}\n`);
      return err.exitCode;
    }
    const e = err as Error & { code?: string };
    if (e && e.code === 'EPIPE') return ExitCode.ok;
    io.stderr.write(`wfm: ${t(lang, 'err.internal', { message: e?.message ?? String(err) })}\n`);
    if (io.env.WFM_DEBUG && e?.stack) io.stderr.write(e.stack + '\n');
    return ExitCode.failure;
  }
}
