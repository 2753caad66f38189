/**
 * The staffing-target options shared by `wfm erlang` and `wfm staff`: --sla, --asa, --max-occupancy,
 * --shrinkage, --patience, --max-abandon. Declared once, read once.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { StaffingTargets } from '../queueing/index.js';
import type { ServiceLevelTarget } from '../queueing/required.js';
import { t, type Lang } from '../i18n/index.js';
import { parseCap, parsePositiveNumber, parseSla, parseShrinkage, parseNonNegativeNumber } from './options.js';

export interface TargetOptions {
  sla: ServiceLevelTarget;
  asa?: number;
  maxOccupancy?: number;
  shrinkage: number;
  patience?: number;
  maxAbandon?: number;
}

export function addTargetOptions(cmd: Command, lang: Lang): Command {
  const tr = (k: string) => t(lang, k);
  return cmd
    .addOption(new Option('--sla <X/T>', tr('opt.sla')).argParser(parseSla).default({ target: 0.8, seconds: 20 }, '80/20'))
    .addOption(new Option('--asa <seconds>', tr('opt.asa')).argParser(parseNonNegativeNumber))
    .addOption(new Option('--max-occupancy <share>', tr('opt.maxOccupancy')).argParser(parseCap))
    .addOption(new Option('--shrinkage <share>', tr('opt.shrinkage')).argParser(parseShrinkage).default(0))
    .addOption(new Option('--patience <seconds>', tr('opt.patience')).argParser(parsePositiveNumber))
    .addOption(new Option('--max-abandon <share>', tr('opt.maxAbandon')).argParser(parseCap));
}

export function targetsFrom(opts: TargetOptions): StaffingTargets {
  if (opts.maxAbandon !== undefined && opts.patience === undefined) {
    throw new UsageError({ key: 'err.maxAbandonNeedsPatience' }, '--max-abandon needs --patience (Erlang A)');
  }
  return {
    serviceLevel: opts.sla,
    maxAsaSeconds: opts.asa,
    maxOccupancy: opts.maxOccupancy,
    maxAbandon: opts.maxAbandon,
  };
}
