/**
 * The options commands share, declared once. Each value's syntax lives in src/values.ts; here every
 * parser is wrapped so a bad value throws commander's InvalidArgumentError, which commander reports
 * with the option's name (exit 2), in the language the CLI resolved at start-up. The declarations
 * below are the options several commands take; their types flow to the command's action through
 * @commander-js/extra-typings, so no command keeps a parallel interface of its options.
 */
import { InvalidArgumentError, Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import type { TargetFlags } from '../app/targets.js';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';
import * as values from '../values.js';

let lang: Lang = 'en';
/** Set once by the CLI before parsing, so parser errors speak the user's language. */
export function setParserLanguage(value: Lang): void {
  lang = value;
}

/** A commander argument parser from a value parser: a ValueError becomes an InvalidArgumentError in the user's language. */
export function flag<T>(parse: (value: string) => T): (value: string) => T {
  return (value: string) => {
    try {
      return parse(value);
    } catch (err) {
      if (err instanceof values.ValueError) throw new InvalidArgumentError(t(lang, err.key, err.params));
      throw err;
    }
  };
}

export const parseNumber = flag(values.parseNumber);
export const parsePositiveNumber = flag(values.parsePositiveNumber);
export const parseNonNegativeNumber = flag(values.parseNonNegativeNumber);
export const parseNonNegativeInt = flag(values.parseNonNegativeInt);
export const parsePositiveInt = flag(values.parsePositiveInt);
export const parseShare = flag(values.parseShare);
export const parseShrinkage = flag(values.parseShrinkage);
export const parseCap = flag(values.parseCap);
export const parsePercentChange = flag(values.parsePercentChange);
export const parseSpeed = flag(values.parseSpeed);
export const parseSla = flag(values.parseSla);
export const parseZone = flag(values.parseZone);
export const parseSite = flag(values.parseSiteName);
export const parseIntervalMinutes = flag(values.parseIntervalMinutes);
export const parseReportInterval = flag(values.parseReportInterval);
export const parseDate = flag(values.parseDate);
export const parseDateList = flag(values.parseDateList);
export const parseTimeOfDay = flag(values.parseTimeOfDay);
export const parseDateTime = flag(values.parseDateTime);
export const parseDateRange = flag(values.parseDateRange);
export const parseDuration = flag(values.parseDuration);
export const parseDays = flag(values.parseDays);
export const collectList = values.collectList;
export const REPORT_INTERVALS = values.REPORT_INTERVALS;

/** An interval-length parser with the given rule (see values.intervalParser). */
export function intervalFlag(rule: values.IntervalRule = {}): (value: string) => number {
  return flag(values.intervalParser(rule));
}

// ---------------------------------------------------------------------------------------------
// Option declarations shared by several commands

export type Tr = (key: MessageKey, params?: MessageParams) => string;

/**
 * `--format` with the formats this command can print. Without it the command prints its default
 * (`defaultKey` says which in --help; see Context.format for how it is chosen).
 */
export function formatOption<const F extends readonly string[]>(tr: Tr, formats: F, defaultKey: MessageKey = 'format.default.tableOrJson') {
  return new Option('--format <format>', tr('global.format', { default: tr(defaultKey) })).choices(formats);
}

/**
 * A group's `--format` (report, alerts, import, config): hidden, it only carries a `--format` written
 * between the group and its subcommand (`wfm report --format csv sla`) to the subcommand, which checks
 * it against its own choices.
 */
export function groupFormatOption() {
  return new Option('--format <format>').hideHelp();
}

/** The formats of a command that prints a table, JSON or CSV. */
export const TABLE_JSON_CSV = ['table', 'json', 'csv'] as const;

/** --strict of the commands that read input files line by line. */
export function strictOption(tr: Tr, key: MessageKey = 'opt.strict') {
  return new Option('--strict', tr(key));
}

/** --rejects FILE: every rejected input line, as CSV. */
export function rejectsOption(tr: Tr) {
  return new Option('--rejects <file>', tr('opt.rejects'));
}

/**
 * The staffing targets. Not given, each queue takes its own from wfm.yaml (`queues.NAME`, then
 * `defaults`), then the built-in defaults (80/20, no shrinkage); given, they apply to every queue.
 */
export const targetOptions = {
  sla: (tr: Tr) => new Option('--sla <X/T>', tr('opt.sla')).argParser(parseSla),
  asa: (tr: Tr) => new Option('--asa <seconds|none>', tr('opt.asa')).argParser(flag(values.orNone(values.parseNonNegativeNumber))),
  maxOccupancy: (tr: Tr) => new Option('--max-occupancy <share|none>', tr('opt.maxOccupancy')).argParser(flag(values.orNone(values.parseCap))),
  shrinkage: (tr: Tr) => new Option('--shrinkage <share>', tr('opt.shrinkage')).argParser(parseShrinkage),
  patience: (tr: Tr) => new Option('--patience <seconds|none>', tr('opt.patience')).argParser(flag(values.orNone(values.parsePositiveNumber))),
  maxAbandon: (tr: Tr) => new Option('--max-abandon <share|none>', tr('opt.maxAbandon')).argParser(flag(values.orNone(values.parseCap))),
};

/** Adds the six target options (see targetOptions) to a command. */
export function withTargets<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr) {
  return cmd
    .addOption(targetOptions.sla(tr))
    .addOption(targetOptions.asa(tr))
    .addOption(targetOptions.maxOccupancy(tr))
    .addOption(targetOptions.shrinkage(tr))
    .addOption(targetOptions.patience(tr))
    .addOption(targetOptions.maxAbandon(tr));
}

/**
 * The target flags given on the line: absent ones stay absent (wfm.yaml and the defaults fill them
 * per queue); `none` becomes null (switched off for every queue).
 */
export function targetFlags(o: { [K in keyof TargetFlags]?: TargetFlags[K] | 'none' }): TargetFlags {
  const out: Record<string, unknown> = {};
  for (const k of ['sla', 'asa', 'maxOccupancy', 'shrinkage', 'patience', 'maxAbandon', 'aht'] as const) {
    const v = o[k];
    if (v !== undefined) out[k] = v === 'none' ? null : v;
  }
  return out as TargetFlags;
}
