/**
 * `wfm roster init [FILE]`: writes a commented starter rules file. On a terminal it asks a few
 * questions (@inquirer/prompts) and edits the bundled default (data/roster-rules.yaml) keeping its
 * comments; `--defaults` writes the default without asking; without a terminal and without
 * `--defaults` it stops (exit 2) and says to copy data/roster-rules.yaml or use --defaults.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { parseDocument, isSeq, type Document } from 'yaml';
import { ExitCode, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { validateRules } from '../solver/index.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { DEFAULT_RULES_URL } from './roster-input.js';

interface InitOptions {
  defaults?: boolean;
  force?: boolean;
}

export function registerRosterInit(parent: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  return parent
    .command('init')
    .description(tr('roster.init.description'))
    .argument('[file]', tr('roster.init.arg'), 'roster-rules.yaml')
    .option('--defaults', tr('roster.init.opt.defaults'))
    .option('--force', tr('roster.init.opt.force'))
    .action(r.action<InitOptions>((opts, ctx, args) => runInit(opts, ctx, args)));
}

/** Answers of the dialogue, applied to the default document. */
export interface InitAnswers {
  openingHours: '24x7' | { open: string; close: string };
  shiftIds: string[];
  startStep: 15 | 30;
  minRestHours: number;
  maxDaysPerWeek: number;
  maxNightsPerWeek: number | null;
  fullTimeMaxHours: number;
}

/** Applies dialogue answers to the default rules document (comments kept). */
export function applyAnswers(doc: Document, a: InitAnswers): void {
  if (a.openingHours === '24x7') doc.set('openingHours', '24x7');
  else doc.set('openingHours', doc.createNode([{ days: [1, 2, 3, 4, 5, 6, 7], open: a.openingHours.open, close: a.openingHours.close }], { flow: false }));
  const shifts = doc.get('shifts');
  if (isSeq(shifts)) {
    shifts.items = shifts.items.filter((it) => a.shiftIds.includes(String((it as { get(k: string): unknown }).get('id'))));
    for (const it of shifts.items) (it as { setIn(p: string[], v: unknown): void }).setIn(['starts', 'every'], a.startStep);
  }
  doc.setIn(['rules', 'minRestHours'], a.minRestHours);
  doc.setIn(['rules', 'maxDaysPerWeek'], a.maxDaysPerWeek);
  doc.setIn(['rules', 'nights', 'maxPerWeek'], a.maxNightsPerWeek);
  const contracts = doc.get('contracts');
  if (isSeq(contracts) && contracts.items[0]) (contracts.items[0] as { set(k: string, v: unknown): void }).set('maxWeeklyHours', a.fullTimeMaxHours);
}

async function ask(ctx: Context, ids: string[]): Promise<InitAnswers> {
  const { select, checkbox, input, number, confirm } = await import('@inquirer/prompts');
  const tr = (k: string) => t(ctx.lang, k);
  const always = await confirm({ message: tr('roster.init.q.24x7'), default: true });
  let openingHours: InitAnswers['openingHours'] = '24x7';
  if (!always) {
    const hhmm = (v: string) => /^\d{2}:(00|15|30|45)$/.test(v.trim()) || tr('roster.init.q.hhmm');
    const open = await input({ message: tr('roster.init.q.open'), default: '08:00', validate: hhmm });
    const close = await input({ message: tr('roster.init.q.close'), default: '22:00', validate: hhmm });
    openingHours = { open: open.trim(), close: close.trim() };
  }
  const shiftIds = await checkbox({
    message: tr('roster.init.q.shifts'),
    choices: ids.map((id) => ({ name: id, value: id, checked: true })),
    validate: (v) => v.length > 0 || tr('roster.init.q.atLeastOne'),
  });
  const startStep = await select({ message: tr('roster.init.q.step'), choices: [{ name: '30', value: 30 as const }, { name: '15', value: 15 as const }] });
  const minRestHours = (await number({ message: tr('roster.init.q.rest'), default: 11, min: 0, max: 48, step: 0.25 })) ?? 11;
  const maxDaysPerWeek = (await number({ message: tr('roster.init.q.days'), default: 6, min: 1, max: 7, step: 1 })) ?? 6;
  const nights = (await number({ message: tr('roster.init.q.nights'), default: 4, min: 0, max: 7, step: 1, required: false })) ?? null;
  const fullTimeMaxHours = (await number({ message: tr('roster.init.q.hours'), default: 40, min: 1, max: 168, step: 1 })) ?? 40;
  return { openingHours, shiftIds, startStep, minRestHours, maxDaysPerWeek, maxNightsPerWeek: nights, fullTimeMaxHours };
}

export async function runInit(opts: InitOptions, ctx: Context, args: (string | undefined)[]): Promise<number> {
  const target = resolve(ctx.cwd, args.find((a) => typeof a === 'string') ?? 'roster-rules.yaml');
  const bundled = fileURLToPath(DEFAULT_RULES_URL);
  if (existsSync(target) && !opts.force) throw new UsageError({ key: 'roster.init.exists', params: { file: target } });
  const text = readFileSync(DEFAULT_RULES_URL, 'utf8');
  const interactive = Boolean(process.stdin.isTTY) && ctx.out.isTTY && ctx.err.isTTY;
  if (!opts.defaults && !interactive) throw new UsageError({ key: 'roster.init.noTty', params: { file: bundled, target } });
  let out = text;
  if (!opts.defaults) {
    const doc = parseDocument(text);
    const ids = ((doc.toJS() as { shifts: { id: string }[] }).shifts ?? []).map((s) => s.id);
    applyAnswers(doc, await ask(ctx, ids));
    out = doc.toString();
    const v = validateRules(doc.toJS());
    if (!v.ok) throw new UsageError({ key: 'roster.init.invalid', params: { path: v.errors[0].path, code: v.errors[0].code } });
  }
  writeFileSync(target, out);
  if (!ctx.quiet) ctx.err.write(`wfm: ${t(ctx.lang, 'roster.init.written', { file: target })}\n`);
  return ExitCode.ok;
}
