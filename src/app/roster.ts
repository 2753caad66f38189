/**
 * `wfm roster`: a roster of shifts with breaks from per-interval requirements, by integer programming
 * (src/solver), with the proven lower bound and gap. Every roster is re-verified by the independent
 * checker before it is returned, saved or exported.
 */
import { DateTime } from 'luxon';
import { InputError, UsageError, type Message } from '../errors.js';
import { cnHolidays } from '../forecast/holidays.js';
import { icsFiles, rosterJson } from '../roster-io/output.js';
import { dayDate, minuteToDateTime, startWeekday, type RosterCalendar } from '../roster-io/time.js';
import { checkRoster, RosterInputError, solveRoster, type Agent, type Roster, type RosterRules, type ShiftCover, type ShiftRequest, type Violation } from '../solver/index.js';
import type { RequirementsRead } from '../roster-io/requirements.js';
import type { RosterSnapshot } from '../store/index.js';
import { checkOutputDir, writeInto } from './output-files.js';
import { RejectLog } from './rejects.js';
import type { Session } from './session.js';
import { readCover, readRequests } from './roster-requests.js';
import { forecastRequirements, loadRules, readAgents, readRequirements, storedAgents, withPrevious } from './roster-inputs.js';
import { recordSite, rosterSite } from './sites.js';
import { checkSaveName, savedMeanwhile, withStore } from './store.js';
import type { TargetFlags } from './targets.js';

/** The longest roster, days. */
export const MAX_ROSTER_DAYS = 62;

export interface RosterRequest {
  /** Requirements CSV ... */
  requirements?: string;
  /** ... or a saved forecast staffed with each queue's targets. */
  forecast?: string;
  /** AHT for forecast intervals without one. */
  aht?: number;
  flags: TargetFlags;
  /** First day, YYYY-MM-DD (local). */
  start?: string;
  days: number;
  interval?: number;
  rules?: string;
  agents?: string;
  /** Requests CSV (agent,date,shift,kind,weight) and shift-count cover CSV (issue 18). */
  requests?: string;
  cover?: string;
  previous?: string;
  solver: 'auto' | 'highs' | 'lp-solver';
  /** Seconds for the whole command, start-up included (see Session.startedMs). */
  timeLimit: number;
  save?: string;
  ics?: string;
  /** Holiday calendar; default wfm.yaml's holidays, else cn. */
  holidays?: 'cn' | 'none';
  strict?: boolean;
  rejects?: string;
}

export interface RosterAnswer {
  roster: Roster;
  rules: RosterRules;
  cal: RosterCalendar;
  days: number;
  /** Contract minimums that could not be reached (warnings). */
  short: Violation[];
  /** Rules the checker found broken: a bug (exit 1). */
  broken: Violation[];
  rejects: RejectLog;
  /** iCalendar files written (--ics). */
  ics?: { count: number; dir: string };
  /** The name saved under (--save). */
  saved?: string;
}

/**
 * Solve, check, and (as asked) export and save a roster; see RosterRequest. `inputsRead` is called
 * with the rejected input lines once the inputs are read, before the (long) solve.
 */
export async function makeRoster(req: RosterRequest, session: Session, inputsRead: (rejects: RejectLog) => void = () => undefined): Promise<RosterAnswer> {
  if (!req.requirements && !req.forecast && !req.cover) throw new UsageError({ key: 'roster.err.needRequirements' });
  // the site: the one named, else that of the saved forecast, else the store's only one (src/app/sites.ts);
  // everything below reads and saves there, in its zone
  const site = await rosterSite(session, req.forecast);
  const s: Session = { ...session, site: site.name, tz: site.tz };
  if (!req.start) throw new UsageError({ key: 'roster.err.needStart' });
  if (req.days > MAX_ROSTER_DAYS) throw new UsageError({ key: 'roster.err.tooManyDays', params: { max: MAX_ROSTER_DAYS } });
  const name = req.save?.trim();
  if (req.save !== undefined && !name) throw new UsageError({ key: 'roster.err.badName' });
  if (req.save !== undefined) checkSaveName(req.save);
  // an --ics folder that cannot be written is refused before anything is read or solved
  if (req.ics) checkOutputDir(s, '--ics', req.ics);
  const cal: RosterCalendar = { startDate: req.start, zone: s.tz };
  const days = req.days;
  // refuse an existing name before spending the solver's time
  if (name !== undefined) {
    const taken = await withStore(s, 'write', async (st) => (await st.listRosters(site.name)).find((r) => r.name === name));
    if (taken) throw savedMeanwhile('roster.err.exists', name, site.name, { createdBy: taken.createdBy ?? '', createdMs: taken.createdMs });
  }

  const { rules } = loadRules(s, req.rules);
  const req_ = req.forecast
    ? await forecastRequirements(s, req.forecast, { aht: req.aht, interval: req.interval, flags: req.flags }, cal, days)
    : req.requirements
      ? readRequirements(s, req.requirements, cal, days, req.interval)
      : coverOnlyRequirements(cal, days);
  const inputs = [req.requirements, req.agents].filter((f): f is string => f !== undefined);
  let requests: ShiftRequest[] | undefined;
  let cover: ShiftCover[] | undefined;
  // the lines rejected so far go to --rejects as they are known; the file is closed whatever happens
  const rejects = new RejectLog(s.lang).writeTo(s, req.rejects, inputs);
  let agents: Agent[] | undefined;
  const notes: Message[] = [];
  let queues: string[];
  try {
    rejects.addAll(req_.rejections);
    if (req_.requirements.queues.length === 0) {
      throw new InputError({ file: req.requirements ?? req.forecast }, { key: 'roster.err.noRequirements', params: { from: dayDate(cal, 0), to: dayDate(cal, days - 1) } }).with(req_.rejections);
    }
    queues = req_.requirements.queues.map((q) => q.queue);
    if (req.agents) {
      const a = readAgents(s, req.agents, cal, days, queues, rules);
      rejects.addAll(a.rejections);
      if (a.agents.length === 0) throw new InputError({ file: req.agents }, { key: 'input.noRows' }).with([...req_.rejections, ...a.rejections]);
      agents = a.agents;
    } else {
      // without --agents: the stored agents (wfm import agents), skills gated by exams and certificates
      const stored = await storedAgents(s, site.name, cal, days, queues, rules);
      if (stored) {
        agents = stored.agents;
        notes.push(...stored.notes);
      }
    }
    // requests and shift-count cover: a bad line stops the run (file, line and field named)
    const templates = rules.shifts.map((t) => t.id);
    if (req.cover) cover = readCover(s, req.cover, cal, days, templates);
    if (req.requests && !agents) throw new UsageError({ key: 'roster.err.requestsNeedAgents' });
    if (req.requests) requests = readRequests(s, req.requests, cal, days, agents ? agents.map((a) => a.id) : null, templates);
  } finally {
    rejects.close();
  }
  inputsRead(rejects);
  if (rejects.count && req.strict) throw new InputError({ file: rejects.shown[0]?.file }, { key: 'input.strictRejected', params: { count: rejects.count } });
  if (req.previous !== undefined) {
    // last week's shifts that started before this roster: rest and consecutive days carry over
    if (!agents) s.note({ key: 'roster.note.previousAnonymous' });
    else {
      const p = await withPrevious(s, req.previous, agents, rules, cal);
      agents = p.agents;
      s.note({ key: 'roster.note.previous', params: { name: req.previous, agents: p.matched } });
    }
  }
  for (const n of notes) s.note(n);
  if (req_.outside) s.note({ key: 'roster.note.outside', params: { count: req_.outside } });
  if (req_.roundedUp) s.note({ key: 'roster.note.roundedUp', params: { count: req_.roundedUp } });

  const holidays: number[] = [];
  // --holidays, else wfm.yaml's holidays, else the Chinese calendar
  if ((req.holidays ?? s.config.holidays ?? 'cn') === 'cn') for (let d = 0; d < days; d++) if (cnHolidays(dayDate(cal, d))?.kind === 'holiday') holidays.push(d);
  const requirements = { ...req_.requirements, holidays };
  s.progress.update({ key: 'roster.progress.start', params: { queues: queues.length, days, limit: req.timeLimit } });
  let roster: Roster;
  try {
    roster = await solveRoster(
      { rules, requirements, agents, requests, cover },
      {
        solver: req.solver,
        // --time-limit bounds the whole command: start-up (from process start when run as `wfm`),
        // reading the input and ~0.2 s for checking and printing come off the solver's share
        timeLimitSeconds: Math.max(0.5, req.timeLimit - (performance.now() - s.startedMs) / 1000 - 0.2),
        clock: () => performance.now(),
        log: s.progress.active ? (m) => s.progress.update({ key: 'roster.progress.step', params: { message: m } }) : undefined,
      },
    );
  } catch (err) {
    if (err instanceof RosterInputError) {
      const first = err.issues[0];
      if (first.code === 'infeasible-agent') throw new InputError({ file: req.agents, field: first.path }, { key: 'roster.err.agentInfeasible', params: { id: String(first.params?.id ?? '') } });
      throw new InputError({ field: first.path }, { key: 'roster.err.inputIssue', params: { code: first.code, count: err.issues.length } });
    }
    throw err;
  } finally {
    s.progress.done();
  }

  // the independent checker, on every roster
  const violations = checkRoster({ rules, requirements, agents, requests, cover }, roster);
  const answer: RosterAnswer = {
    roster,
    rules,
    cal,
    days,
    short: violations.filter((v) => v.code === 'min-weekly-hours'),
    broken: violations.filter((v) => v.code !== 'min-weekly-hours'),
    rejects,
  };
  if (req.ics) {
    const files = icsFiles(roster, cal, s.lang, name ?? `roster-${req.start}`, s.now().getTime());
    for (const f of files) writeInto(s, '--ics', req.ics, f.file, f.text);
    answer.ics = { count: files.length, dir: req.ics };
  }
  if (name !== undefined) {
    // the site first: a save retried after a busy store must not meet its own first attempt
    const saved = await withStore(s, 'write', async (st) => {
      await recordSite(s, st, site);
      return st.saveRoster(site.name, rosterSnapshot(name, roster, rules, cal, days, s.now().getTime()));
    });
    if (!saved.saved) throw savedMeanwhile('roster.err.exists', name, site.name, saved);
    answer.saved = name;
  }
  return answer;
}

/** The store snapshot of a roster. */
export function rosterSnapshot(name: string, roster: Roster, rules: RosterRules, cal: RosterCalendar, days: number, createdMs: number): RosterSnapshot {
  const ms = (m: number) => minuteToDateTime(cal, m).toMillis();
  const j = rosterJson(roster, rules, cal);
  return {
    name,
    createdMs,
    tz: cal.zone,
    startDate: cal.startDate,
    days,
    intervalMinutes: roster.intervalMinutes,
    solver: roster.solver,
    paidHours: roster.paidHours,
    lowerBound: j.lowerBound,
    gap: j.gap,
    understaffed: roster.understaffed,
    seconds: roster.seconds,
    rules: JSON.stringify(rules),
    shifts: roster.shifts.map((sh) => ({
      agent: sh.agent,
      queue: sh.queue,
      template: sh.template,
      startMs: ms(sh.start),
      endMs: ms(sh.end),
      breaks: sh.breaks.map((b) => ({ startMs: ms(b.start), endMs: ms(b.end), paid: b.paid })),
    })),
    coverage: roster.coverage.map((c) => ({ queue: c.queue, intervalStartMs: ms(c.interval * roster.intervalMinutes), required: c.required, scheduled: c.scheduled })),
  };
}

/** With --cover alone: one queue, "default", with nothing required per interval. */
function coverOnlyRequirements(cal: RosterCalendar, days: number): RequirementsRead {
  return {
    requirements: { intervalMinutes: 30, days, startWeekday: startWeekday(cal), queues: [{ queue: 'default', required: new Array<number>(days * 48).fill(0) }] },
    rejections: [],
    outside: 0,
    roundedUp: 0,
    fileInterval: 30,
  };
}

/** The local midnight of day 0 as an instant (for messages). */
export function rosterStartMs(cal: RosterCalendar): number {
  return DateTime.fromISO(`${dayDate(cal, 0)}T00:00`, { zone: cal.zone }).toMillis();
}
