/**
 * `wfm roster`: a week of shifts with breaks for named (or anonymous) agents from per-interval
 * requirements, by integer programming (src/solver), with the proven lower bound and gap; every
 * roster is re-verified by the independent checker before it is printed, saved or exported.
 *
 * Exit codes: 0 roster printed (also when understaffed: the short intervals are listed on stderr and
 * in the table); 2 bad usage or invalid input (rules errors name the key path); 3 some input lines
 * were rejected and the rest used (--strict: exit 2 instead); 1 the checker found a rule broken
 * (a bug: the roster is still printed, the violations listed on stderr). A contract minimum of
 * weekly hours is met by moving, adding or lengthening shifts; one that an agent's availability,
 * leave or the rules make unreachable is a warning on stderr (exit 0).
 *
 * Agents: --agents FILE.csv; else the agents stored by `wfm import agents` in --db, each skill usable
 * only on the days its exam/certificate requirement holds (roster-gates.ts; notes on stderr); else
 * anonymous agents A001... under the default contract.
 *
 * Subcommands: `wfm roster init [FILE]` (starter rules file), `wfm roster diff A B`, `wfm roster list`.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode, InputError, UsageError, type Rejection } from '../errors.js';
import { t } from '../i18n/index.js';
import { cnHolidays } from '../forecast/holidays.js';
import { checkRoster, RosterInputError, solveRoster, type Agent, type Roster, type Violation } from '../solver/index.js';
import { dayDate, minuteToIso, parseDate, type RosterCalendar } from '../roster-io/time.js';
import { openStore } from '../store/index.js';
import type { Registrar } from '../cli.js';
import { showProgress, type Context } from './context.js';
import { parsePositiveInt, parsePositiveNumber } from './options.js';
import { requireFormat } from './output.js';
import { reportRejections } from './rejects.js';
import { gridRequirements, loadRules, readAgents, readRequirements, type RequirementsRead } from './roster-input.js';
import { DateTime } from 'luxon';
import { addTargetOptions, targetsFrom, type TargetOptions } from './targets.js';
import { planFromForecast } from './forecast-plan.js';
import { dateTimeToMinute } from '../roster-io/time.js';
import { loadRosterShifts } from './roster-ref.js';
import { paidHoursBound, renderRoster, rosterSnapshot, writeIcsFiles } from './roster-output.js';
import { registerRosterInit } from './roster-init.js';
import { registerRosterDiff, registerRosterList } from './roster-diff.js';
import { dateRanges, gateAgents, gateMessage, readPeople } from './roster-gates.js';

export interface RosterOptions extends TargetOptions {
  requirements?: string;
  forecast?: string;
  aht?: number;
  start?: string;
  days: number;
  interval?: number;
  rules?: string;
  agents?: string;
  previous?: string;
  solver: 'auto' | 'highs' | 'lp-solver';
  timeLimit: number;
  save?: string;
  ics?: string;
  holidays: 'cn' | 'none';
  strict?: boolean;
  rejects?: string;
}

/** Short intervals listed on stderr before "... and N more". */
const SHORT_SHOWN = 10;

function parseRosterInterval(v: string): number {
  const n = parsePositiveInt(v);
  if (n % 15 !== 0 || 1440 % n !== 0) throw new UsageError({ key: 'roster.err.badInterval', params: { minutes: n } });
  return n;
}

export function registerRoster(program: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  const cmd = program
    .command('roster')
    .description(tr('roster.description'))
    .addOption(new Option('--requirements <file.csv>', tr('roster.opt.requirements')))
    .addOption(new Option('--forecast <name>', tr('roster.opt.forecast')).conflicts('requirements'))
    .addOption(new Option('--aht <seconds>', tr('roster.opt.aht')).argParser(parsePositiveNumber))
    .addOption(new Option('--start <date>', tr('roster.opt.start')))
    .addOption(new Option('--days <n>', tr('roster.opt.days')).argParser(parsePositiveInt).default(7))
    .addOption(new Option('--interval <minutes>', tr('roster.opt.interval')).argParser(parseRosterInterval))
    .addOption(new Option('--rules <file>', tr('roster.opt.rules')))
    .addOption(new Option('--agents <file.csv>', tr('roster.opt.agents')))
    .addOption(new Option('--previous <roster>', tr('roster.opt.previous')))
    .addOption(new Option('--solver <name>', tr('roster.opt.solver')).choices(['auto', 'highs', 'lp-solver']).default('auto'))
    .addOption(new Option('--time-limit <seconds>', tr('roster.opt.timeLimit')).argParser(parsePositiveNumber).default(60))
    .addOption(new Option('--save <name>', tr('roster.opt.save')))
    .addOption(new Option('--ics <dir>', tr('roster.opt.ics')))
    .addOption(new Option('--holidays <calendar>', tr('roster.opt.holidays')).choices(['cn', 'none']).default('cn'))
    .option('--strict', tr('opt.strict'))
    .option('--rejects <file>', tr('opt.rejects'));
  addTargetOptions(cmd, r.lang);
  cmd.addHelpText('after', '\n' + tr('roster.help'));
  cmd.action(r.action<RosterOptions>(runRoster));
  registerRosterInit(cmd, r);
  registerRosterDiff(cmd, r);
  registerRosterList(cmd, r);
  return cmd;
}

function describeViolation(ctx: Context, v: Violation, roster: Roster, cal: RosterCalendar): string {
  const s = v.shift !== undefined ? roster.shifts[v.shift] : undefined;
  const where = [v.agent ?? s?.agent, s ? minuteToIso(cal, s.start) : v.day !== undefined ? dayDate(cal, v.day) : undefined, v.queue].filter(Boolean).join(' ');
  const detail = v.expected !== undefined || v.actual !== undefined ? ` (${t(ctx.lang, 'roster.violation.detail', { expected: v.expected ?? '', actual: v.actual ?? '' })})` : '';
  return `${t(ctx.lang, 'roster.violation', { code: v.code })}${where ? `: ${where}` : ''}${detail}`;
}

export async function runRoster(opts: RosterOptions, ctx: Context): Promise<number> {
  requireFormat(ctx, ['table', 'json', 'csv']);
  if (!opts.requirements && !opts.forecast) throw new UsageError({ key: 'roster.err.needRequirements' });
  if (!opts.start) throw new UsageError({ key: 'roster.err.needStart' });
  const startDate = parseDate(opts.start);
  if (!startDate) throw new UsageError({ key: 'roster.err.badStart', params: { value: opts.start } });
  if (opts.days > 62) throw new UsageError({ key: 'roster.err.tooManyDays', params: { max: 62 } });
  if (opts.save !== undefined && !opts.save.trim()) throw new UsageError({ key: 'roster.err.badName' });
  const cal: RosterCalendar = { startDate, zone: ctx.tz };
  const days = opts.days;
  if (opts.save !== undefined) {
    // refuse an existing name before spending the solver's time
    const store = openStore(ctx.db);
    try {
      if (store.roster(opts.save.trim())) throw new UsageError({ key: 'roster.err.exists', params: { name: opts.save.trim(), db: ctx.db } });
    } finally {
      store.close();
    }
  }

  const at = (p: string) => resolve(ctx.cwd, p);
  const { rules } = loadRules(ctx, opts.rules === undefined ? undefined : at(opts.rules));
  const req = opts.forecast ? requirementsFromForecast(opts.forecast, opts, cal, days, ctx) : readRequirements(at(opts.requirements!), cal, days, opts.interval);
  const rejections: Rejection[] = [...req.rejections];
  if (req.requirements.queues.length === 0) {
    reportRejections(ctx, rejections, opts.rejects);
    throw new InputError({ file: opts.requirements ?? opts.forecast }, { key: 'roster.err.noRequirements', params: { from: dayDate(cal, 0), to: dayDate(cal, days - 1) } });
  }
  const queues = req.requirements.queues.map((q) => q.queue);
  let agents: Agent[] | undefined;
  if (opts.agents) {
    const a = readAgents(at(opts.agents), cal, days, queues, rules);
    rejections.push(...a.rejections);
    if (a.agents.length === 0) {
      reportRejections(ctx, rejections, opts.rejects);
      throw new InputError({ file: opts.agents }, { key: 'input.noRows' });
    }
    agents = a.agents;
  }
  // without --agents: the stored agents (wfm import agents), skills gated by exams and certificates
  const gateNotes: string[] = [];
  if (!agents) {
    const people = readPeople(ctx);
    if (people) {
      const g = gateAgents(people, cal, days, queues, rules);
      if (g.agents.length > 0) {
        agents = g.agents;
        const lang = ctx.lang === 'zh-CN' ? 'zh-CN' : 'en';
        gateNotes.push(gateMessage(lang, 'using', { count: g.agents.length, db: ctx.db }));
        for (const gate of g.gates)
          gateNotes.push(
            gate.blockedDates.length >= days
              ? gateMessage(lang, 'whole', { agent: gate.agent, skill: gate.skill })
              : gateMessage(lang, 'gate', { agent: gate.agent, skill: gate.skill, dates: dateRanges(gate.blockedDates, cal, days) }),
          );
        if (g.skipped.length) gateNotes.push(gateMessage(lang, 'skipped', { count: g.skipped.length, ids: g.skipped.slice(0, 10).join(', ') + (g.skipped.length > 10 ? ', ...' : '') }));
      }
    }
  }
  reportRejections(ctx, rejections, opts.rejects);
  if (rejections.length && opts.strict) throw new InputError({ file: rejections[0].file }, { key: 'input.strictRejected', params: { count: rejections.length } });
  const note = (key: string, params?: Record<string, string | number>) => {
    if (!ctx.quiet) ctx.err.write(`wfm: ${t(ctx.lang, key, params)}\n`);
  };
  if (opts.previous !== undefined) {
    // last week's shifts that started before this roster: rest and consecutive days carry over
    const prev = loadRosterShifts(ctx, opts.previous);
    if (!agents) note('roster.note.previousAnonymous');
    else {
      const t0 = DateTime.fromISO(`${dayDate(cal, 0)}T00:00`, { zone: cal.zone }).toMillis();
      const byAgent = new Map<string, { start: number; end: number }[]>();
      for (const s of prev) {
        // far enough back for the longest run of days the rules allow (and the rest rule)
        if (s.startMs >= t0 || s.endMs < t0 - (rules.maxConsecutiveDays + 2) * 86_400_000) continue;
        const l = byAgent.get(s.agent) ?? [];
        l.push({ start: dateTimeToMinute(cal, DateTime.fromMillis(s.startMs, { zone: cal.zone })), end: dateTimeToMinute(cal, DateTime.fromMillis(s.endMs, { zone: cal.zone })) });
        byAgent.set(s.agent, l);
      }
      let matched = 0;
      agents = agents.map((a) => {
        const before = byAgent.get(a.id);
        if (!before) return a;
        matched++;
        return { ...a, before };
      });
      note('roster.note.previous', { name: opts.previous, agents: matched });
    }
  }
  if (!ctx.quiet) for (const n of gateNotes) ctx.err.write(`wfm: ${n}\n`);
  if (req.outside) note('roster.note.outside', { count: req.outside });
  if (req.roundedUp) note('roster.note.roundedUp', { count: req.roundedUp });

  const holidays: number[] = [];
  if (opts.holidays === 'cn') for (let d = 0; d < days; d++) if (cnHolidays(dayDate(cal, d))?.kind === 'holiday') holidays.push(d);
  const requirements = { ...req.requirements, holidays };
  const progress = showProgress(ctx);
  if (progress) ctx.err.write(t(ctx.lang, 'roster.progress.start', { queues: queues.length, days, limit: opts.timeLimit }) + '\n');
  let roster: Roster;
  try {
    roster = await solveRoster(
      { rules, requirements, agents },
      {
        solver: opts.solver,
        // --time-limit bounds the whole command: start-up (from process start when run as `wfm`),
        // reading the input and ~0.2 s for checking and printing come off the solver's share
        timeLimitSeconds: Math.max(0.5, opts.timeLimit - (performance.now() - ctx.startedMs) / 1000 - 0.2),
        clock: () => performance.now(),
        log: progress ? (m) => ctx.err.write(`  ${m}\n`) : undefined,
      },
    );
  } catch (err) {
    if (err instanceof RosterInputError) {
      const first = err.issues[0];
      throw new InputError({ field: first.path }, { key: 'roster.err.inputIssue', params: { code: first.code, count: err.issues.length } });
    }
    throw err;
  }

  // the independent checker, on every roster
  const violations = checkRoster({ rules, requirements, agents }, roster);
  const soft = violations.filter((v) => v.code === 'min-weekly-hours');
  const hard = violations.filter((v) => v.code !== 'min-weekly-hours');

  ctx.out.write(renderRoster(roster, rules, cal, ctx, days));

  // messages on stderr (stdout stays parseable)
  if (roster.understaffed > 0) {
    ctx.err.write(`wfm: ${t(ctx.lang, 'roster.warn.understaffed', { under: roster.understaffed, intervals: roster.shortIntervals.length, minutes: roster.intervalMinutes })}\n`);
    for (const s of roster.shortIntervals.slice(0, SHORT_SHOWN)) ctx.err.write(`wfm:   ${s.queue} ${minuteToIso(cal, s.interval * roster.intervalMinutes)} ${t(ctx.lang, 'roster.warn.short', { short: s.short })}\n`);
    if (roster.shortIntervals.length > SHORT_SHOWN) ctx.err.write(`wfm:   ${t(ctx.lang, 'roster.warn.moreShort', { count: roster.shortIntervals.length - SHORT_SHOWN })}\n`);
  }
  if (roster.unassigned.length) ctx.err.write(`wfm: ${t(ctx.lang, 'roster.warn.unassigned', { count: roster.unassigned.length })}\n`);
  for (const v of soft) ctx.err.write(`wfm: ${t(ctx.lang, 'roster.warn.minHours', { agent: v.agent ?? '', expected: v.expected ?? '', actual: typeof v.actual === 'number' ? v.actual.toFixed(2) : '' })}\n`);
  for (const v of hard) ctx.err.write(`wfm: ${describeViolation(ctx, v, roster, cal)}\n`);
  if (!ctx.quiet && ctx.format !== 'table') {
    const lb = paidHoursBound(roster, rules);
    ctx.err.write(`wfm: ${t(ctx.lang, 'roster.summary', { paid: roster.paidHours.toFixed(2), bound: lb.toFixed(2), gap: (roster.paidHours > 0 ? ((roster.paidHours - lb) / roster.paidHours) * 100 : 0).toFixed(2), solver: roster.solver, seconds: roster.seconds.toFixed(1), violations: violations.length })}\n`);
  }

  if (opts.ics) {
    const files = writeIcsFiles(at(opts.ics), roster, cal, ctx, opts.save ?? `roster-${startDate}`);
    note('roster.note.ics', { count: files.length, dir: opts.ics });
  }
  if (opts.save !== undefined) {
    const store = openStore(ctx.db);
    try {
      const ok = store.saveRoster(rosterSnapshot(opts.save.trim(), roster, rules, cal, days, ctx.now().getTime()));
      if (!ok) throw new UsageError({ key: 'roster.err.exists', params: { name: opts.save.trim(), db: ctx.db } });
    } finally {
      store.close();
    }
    note('roster.note.saved', { name: opts.save.trim(), db: ctx.db });
  }
  if (hard.length) return ExitCode.failure;
  return rejections.length ? ExitCode.partial : ExitCode.ok;
}

/**
 * Requirements from a saved forecast snapshot: `wfm staff` arithmetic (planStaffing with the
 * --sla/--asa/--max-occupancy/--shrinkage/--patience/--max-abandon targets) per queue and interval,
 * the scheduled agents (after --shrinkage; breaks are rostered explicitly, so shrinkage should count
 * only other absence) becoming the requirement.
 */
function requirementsFromForecast(name: string, opts: RosterOptions, cal: RosterCalendar, days: number, ctx: Context): RequirementsRead {
  const { plan, intervalMinutes } = planFromForecast(name, { ...opts, targets: targetsFrom(opts), zone: ctx.tz }, ctx);
  const rows = plan.intervals.map((iv, i) => ({
    line: i + 1,
    queue: iv.queue,
    minute: dateTimeToMinute(cal, DateTime.fromISO(iv.intervalStart, { setZone: true })),
    required: iv.scheduledAgents,
  }));
  return gridRequirements(rows, cal, days, intervalMinutes, `forecast ${name}`, 'interval_start');
}
