/**
 * `wfm roster`: a week of shifts with breaks for named (or anonymous) agents from per-interval
 * requirements, by integer programming, with the proven lower bound and gap (src/app/roster.ts).
 *
 * Exit codes: 0 roster printed (also when understaffed: the short intervals are listed on stderr and
 * in the table); 2 bad usage or invalid input (rules errors name the key path); 3 some input lines
 * were rejected and the rest used (--strict: exit 2 instead); 1 the checker found a rule broken
 * (a bug: the roster is still printed, the violations listed on stderr). A contract minimum of
 * weekly hours is met by moving, adding or lengthening shifts; one that an agent's availability,
 * leave or the rules make unreachable is a warning on stderr (exit 0).
 *
 * Agents: --agents FILE.csv; else the agents stored by `wfm import agents` in the store, each skill
 * usable only on the days its exam/certificate requirement holds (notes on stderr); else anonymous
 * agents A001... under the default contract.
 *
 * Requests (--requests), shift-count cover (--cover) and rotation rules in the rules file (issue 18):
 * shifts go to agents by the rotation engine; the outputs add the objective's parts and every request.
 *
 * Subcommands: `wfm roster init [FILE]` (starter rules file), `wfm roster diff A B`, `wfm roster list`,
 * `wfm roster curtois FILE` (a Curtois & Qu benchmark instance, by the rotation-rules engine).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { paidHoursBound } from '../roster-io/output.js';
import { dayDate, minuteToIso, type RosterCalendar } from '../roster-io/time.js';
import type { Roster, Violation } from '../solver/index.js';
import { makeRoster, type RosterAnswer } from '../app/roster.js';
import type { Context, Registrar } from './context.js';
import { formatOption, intervalFlag, parseDate, parsePositiveInt, parsePositiveNumber, rejectsOption, strictOption, TABLE_JSON_CSV, targetFlags, withTargets } from './options.js';
import { printRejections } from './output.js';
import { renderRoster } from './roster-table.js';
import { registerRosterInit } from './roster-init.js';
import { registerRosterDiff, registerRosterList } from './roster-diff.js';
import { registerRosterCurtois } from './roster-curtois.js';

/** Short intervals listed on stderr before "... and N more". */
const SHORT_SHOWN = 10;

export function registerRoster(program: Command, r: Registrar): void {
  const { tr } = r;
  const base = program
    .command('roster')
    .description(tr('roster.description'))
    .addOption(new Option('--requirements <file.csv>', tr('roster.opt.requirements')))
    .addOption(new Option('--forecast <name>', tr('roster.opt.forecast')).conflicts('requirements'))
    .addOption(new Option('--aht <seconds>', tr('roster.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--start <date>', tr('roster.opt.start')).argParser(parseDate))
    .addOption(new Option('--days <n>', tr('roster.opt.days')).argParser(parsePositiveInt).default(7))
    .addOption(new Option('--interval <minutes>', tr('roster.opt.interval')).argParser(intervalFlag({ step: 15 })))
    .addOption(new Option('--rules <file>', tr('roster.opt.rules')))
    .addOption(new Option('--agents <file.csv>', tr('roster.opt.agents')))
    .addOption(new Option('--previous <roster>', tr('roster.opt.previous')))
    .addOption(new Option('--requests <file.csv>', tr('roster.opt.requests')))
    .addOption(new Option('--cover <file.csv>', tr('roster.opt.cover')))
    .addOption(new Option('--solver <name>', tr('roster.opt.solver')).choices(['auto', 'highs', 'lp-solver'] as const).default('auto' as const))
    .addOption(new Option('--time-limit <seconds>', tr('roster.opt.timeLimit')).argParser(parsePositiveNumber).default(60))
    .addOption(new Option('--save <name>', tr('roster.opt.save')))
    .addOption(new Option('--ics <dir>', tr('roster.opt.ics')))
    .addOption(new Option('--holidays <calendar>', tr('roster.opt.holidays')).choices(['cn', 'none'] as const))
    .addOption(strictOption(tr))
    .addOption(rejectsOption(tr));
  const cmd = withTargets(base, tr)
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('roster.help'));
  r.act(cmd, async (o, ctx) => {
    const answer = await makeRoster({ ...o, flags: targetFlags(o), timeLimit: o.timeLimit }, ctx, (rejects) => printRejections(ctx, rejects));
    ctx.out.write(renderRoster(answer.roster, answer.rules, answer.cal, ctx, answer.days));
    warn(answer, ctx);
    if (answer.ics) ctx.note({ key: 'roster.note.ics', params: answer.ics });
    if (answer.saved !== undefined) ctx.note({ key: 'roster.note.saved', params: { name: answer.saved, db: ctx.db } });
    if (answer.broken.length) return ExitCode.failure;
    return answer.rejects.count ? ExitCode.partial : ExitCode.ok;
  });
  registerRosterInit(cmd, r);
  registerRosterDiff(cmd, r);
  registerRosterList(cmd, r);
  registerRosterCurtois(cmd, r);
}

function describeViolation(ctx: Context, v: Violation, roster: Roster, cal: RosterCalendar): string {
  const s = v.shift !== undefined ? roster.shifts[v.shift] : undefined;
  const where = [v.agent ?? s?.agent, s ? minuteToIso(cal, s.start) : v.day !== undefined ? dayDate(cal, v.day) : undefined, v.queue].filter(Boolean).join(' ');
  const detail = v.expected !== undefined || v.actual !== undefined ? ` (${ctx.tr('roster.violation.detail', { expected: v.expected ?? '', actual: v.actual ?? '' })})` : '';
  return `${ctx.tr('roster.violation', { code: v.code })}${where ? `: ${where}` : ''}${detail}`;
}

/** Messages on stderr (stdout stays parseable): short intervals, unassigned shifts, unmet minimums, broken rules, the summary. */
function warn({ roster, rules, cal, short, broken }: RosterAnswer, ctx: Context): void {
  const say = (text: string) => ctx.err.write(`wfm: ${text}\n`);
  if (roster.understaffed > 0) {
    say(ctx.tr('roster.warn.understaffed', { under: roster.understaffed, intervals: roster.shortIntervals.length, minutes: roster.intervalMinutes }));
    for (const s of roster.shortIntervals.slice(0, SHORT_SHOWN)) say(`  ${s.queue} ${minuteToIso(cal, s.interval * roster.intervalMinutes)} ${ctx.tr('roster.warn.short', { short: s.short })}`);
    if (roster.shortIntervals.length > SHORT_SHOWN) say(`  ${ctx.tr('roster.warn.moreShort', { count: roster.shortIntervals.length - SHORT_SHOWN })}`);
  }
  if (roster.unassigned.length) say(ctx.tr('roster.warn.unassigned', { count: roster.unassigned.length }));
  for (const v of short) say(ctx.tr('roster.warn.minHours', { agent: v.agent ?? '', expected: v.expected ?? '', actual: typeof v.actual === 'number' ? v.actual.toFixed(2) : '' }));
  for (const v of broken) say(describeViolation(ctx, v, roster, cal));
  if (!ctx.quiet && ctx.format !== 'table') {
    const lb = paidHoursBound(roster, rules);
    const gap = roster.paidHours > 0 ? ((roster.paidHours - lb) / roster.paidHours) * 100 : 0;
    say(ctx.tr('roster.summary', { paid: roster.paidHours.toFixed(2), bound: lb.toFixed(2), gap: gap.toFixed(2), solver: roster.solver, seconds: roster.seconds.toFixed(1), violations: short.length + broken.length }));
  }
}
