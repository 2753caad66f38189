/**
 * `wfm roster init [FILE]`: writes a commented starter rules file. On a terminal it asks a few
 * questions (@inquirer/prompts) and edits the bundled default (data/roster-rules.yaml) keeping its
 * comments (src/app/roster-init.ts); `--defaults` writes the default without asking; without a
 * terminal and without `--defaults` it stops (exit 2) and says to copy data/roster-rules.yaml or use
 * --defaults.
 */
import type { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { initRules, startingRules, type InitAnswers } from '../app/roster-init.js';
import type { Context, Registrar } from './context.js';

export function registerRosterInit(parent: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = parent
    .command('init')
    .description(tr('roster.init.description'))
    .argument('[file]', tr('roster.init.arg'), 'roster-rules.yaml')
    .option('--defaults', tr('roster.init.opt.defaults'))
    .option('--force', tr('roster.init.opt.force'));
  r.act(cmd, async (o, ctx, [file]) => {
    const interactive = Boolean(process.stdin.isTTY) && ctx.out.isTTY && ctx.err.isTTY;
    const target = startingRules(ctx, file, { force: o.force, defaults: o.defaults, interactive });
    const written = initRules(ctx, target, o.defaults ? null : await ask(ctx, target.shiftIds));
    if (!ctx.quiet) ctx.err.write(`wfm: ${ctx.tr('roster.init.written', { file: written })}\n`);
    return ExitCode.ok;
  });
}

/** The dialogue (a terminal only): a few questions whose answers edit the bundled rules. */
async function ask(ctx: Context, ids: string[]): Promise<InitAnswers> {
  const { select, checkbox, input, number, confirm } = await import('@inquirer/prompts');
  const tr = ctx.tr;
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
