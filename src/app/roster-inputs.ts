/**
 * What `wfm roster` reads: the rules file (YAML or JSON, validated with key paths), the requirements
 * (a CSV, or a saved forecast staffed with each queue's targets), the agents (a CSV, else the agents
 * stored by `wfm import agents` with their skills gated by exams and certificates, else anonymous) and
 * the roster before this one (`--previous`), in the engine's shapes.
 */
import { DateTime } from 'luxon';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, type Message, type Rejection } from '../errors.js';
import { readIntervals } from '../formats/intervals.js';
import { t } from '../i18n/index.js';
import { agentFromFields } from '../roster-io/agents.js';
import { dateRanges, gateAgents } from '../roster-io/gates.js';
import { gridRequirements, type RequirementsRead } from '../roster-io/requirements.js';
import { dateTimeToMinute, dayDate, type RosterCalendar } from '../roster-io/time.js';
import { validateRules, type Agent, type RosterRules } from '../solver/index.js';
import { readBoundedText, readCsv, RULES_MAX_BYTES } from './files.js';
import type { Session } from './session.js';
import { loadShifts } from './shifts.js';
import { planFromForecast } from './staffing.js';
import { storeExists, withStore } from './store.js';
import type { TargetFlags } from './targets.js';

/** The bundled default rules (data/roster-rules.yaml; same relative path from src/ and dist/). */
export const DEFAULT_RULES_URL = new URL('../../data/roster-rules.yaml', import.meta.url);

/** Rules problems listed one by one before "... and N more". */
export const RULE_PROBLEMS_SHOWN = 20;

/**
 * Read, parse and validate a rules file: `file`, else wfm.yaml's roster-rules, else the bundled one;
 * a file over RULES_MAX_BYTES is refused before it is parsed (exit 2). Each validation problem is a
 * warning naming the key path (the first RULE_PROBLEMS_SHOWN, then a count); they end the run (exit 2).
 */
export function loadRules(s: Session, file?: string): { rules: RosterRules; raw: unknown; source: string } {
  const chosen = file ?? s.config.rosterRules;
  const source = chosen ?? DEFAULT_RULES_URL.pathname;
  const text = readBoundedText(s, chosen ?? DEFAULT_RULES_URL, RULES_MAX_BYTES, source);
  let raw: unknown;
  try {
    raw = /\.json$/i.test(source) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const line = err instanceof YAMLParseError ? err.linePos?.[0]?.line : undefined;
    const message = (err as Error).message.split('\n')[0];
    throw new InputError({ file: source, line }, { key: 'roster.err.rulesSyntax', params: { message } });
  }
  const v = validateRules(raw);
  if (!v.ok) {
    for (const e of v.errors.slice(0, RULE_PROBLEMS_SHOWN)) {
      const detail = Object.entries(e.params ?? {}).map(([k, x]) => `${k} ${x}`).join(', ');
      const message = t(s.lang, `roster.rule.${e.code}`, { ...(e.params ?? {}), detail });
      s.warn({ key: 'roster.rule.at', params: { file: source, path: e.path || '(top level)', message } });
    }
    if (v.errors.length > RULE_PROBLEMS_SHOWN) s.warn({ key: 'roster.rule.more', params: { file: source, count: v.errors.length - RULE_PROBLEMS_SHOWN } });
    throw new InputError({ file: source }, { key: 'roster.err.rulesInvalid', params: { count: v.errors.length, first: v.errors[0].path || '(top level)' } });
  }
  return { rules: v.rules, raw, source };
}

/**
 * A requirements CSV (interval_start, queue, required: what `wfm staff --format csv` prints) on the
 * roster grid (src/roster-io/requirements.ts). Fractional requirements are rounded up (2.3 agents
 * needs 3 people present).
 */
export function readRequirements(s: Session, file: string, cal: RosterCalendar, days: number, intervalOpt: number | undefined): RequirementsRead {
  const table = readCsv(s, file);
  const read = readIntervals(file, table.header, table.records, cal.zone, { defaultQueue: 'default', value: 'required' });
  let roundedUp = 0;
  const rows = read.rows.map((r) => {
    let required = r.required!;
    if (!Number.isInteger(required)) {
      required = Math.ceil(required - 1e-9);
      roundedUp++;
    }
    return { line: r.line, queue: r.queue, minute: dateTimeToMinute(cal, r.time), required };
  });
  const rejections = [...table.syntaxRejections, ...read.rejections];
  return gridRequirements(rows, cal, days, intervalOpt, file, read.columns.intervalStart, rejections, roundedUp);
}

/**
 * Requirements from a saved forecast: `wfm staff` arithmetic per queue and interval with each
 * queue's targets; the scheduled agents (after shrinkage: breaks are rostered explicitly, so
 * shrinkage should count only other absence) become the requirement.
 */
export async function forecastRequirements(
  s: Session,
  name: string,
  o: { aht?: number; interval?: number; flags: TargetFlags },
  cal: RosterCalendar,
  days: number,
): Promise<RequirementsRead> {
  const { plan, intervalMinutes } = await planFromForecast(name, { aht: o.aht, zone: cal.zone, intervalMinutes: o.interval, flags: o.flags }, s);
  const rows = plan.intervals.map((iv, i) => ({
    line: i + 1,
    queue: iv.queue,
    minute: dateTimeToMinute(cal, DateTime.fromISO(iv.intervalStart, { setZone: true })),
    required: iv.scheduledAgents,
  }));
  return gridRequirements(rows, cal, days, intervalMinutes, `forecast ${name}`, 'interval_start');
}

/** Agents CSV -> agents (see src/roster-io/agents.ts for the columns). Bad lines become rejections. */
export function readAgents(s: Session, file: string, cal: RosterCalendar, days: number, queues: string[], rules: RosterRules): { agents: Agent[]; rejections: Rejection[] } {
  const { header, records, syntaxRejections } = readCsv(s, file);
  if (!header.includes('id')) throw new InputError({ file, line: 1, field: 'id' }, { key: 'input.missingColumn', params: { columns: 'id' } });
  const rejections: Rejection[] = [...syntaxRejections];
  const agents: Agent[] = [];
  const lineOf = new Map<string, number>();
  const contracts = new Set(rules.contracts.map((c) => c.id));
  for (const r of records) {
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.fields)) f[k.replace(/[\s-]+/g, '_')] = v;
    const a = agentFromFields(f, cal, days, queues, contracts);
    if ('key' in a) {
      rejections.push({ file, line: r.line, field: a.field, reason: { key: a.key, params: a.params }, text: f[a.field] });
      continue;
    }
    if (lineOf.has(a.id)) {
      rejections.push({ file, line: r.line, field: 'id', reason: { key: 'roster.agents.duplicate', params: { id: a.id, line: lineOf.get(a.id)! } } });
      continue;
    }
    lineOf.set(a.id, r.line);
    agents.push(a);
  }
  return { agents, rejections };
}

/**
 * The agents stored by `wfm import agents`, each skill usable only on the days its exam and
 * certificate requirements hold; null when there is no store or it holds no agents. The notes say
 * which skills are gated on which days.
 */
export async function storedAgents(
  s: Session,
  site: string,
  cal: RosterCalendar,
  days: number,
  queues: string[],
  rules: RosterRules,
): Promise<{ agents: Agent[]; notes: Message[] } | null> {
  if (!storeExists(s)) return null;
  const people = await withStore(s, 'read', async (store) => {
    const agents = await store.agents(site);
    return agents.length === 0
      ? null
      : { agents, exams: await store.exams(site), training: await store.training(site), requirements: await store.skillRequirements(site) };
  });
  if (!people) return null;
  const g = gateAgents(people, cal, days, queues, rules);
  if (g.agents.length === 0) return null;
  const notes: Message[] = [{ key: 'roster.gate.using', params: { count: g.agents.length, db: s.db } }];
  for (const gate of g.gates)
    notes.push(
      gate.blockedDates.length >= days
        ? { key: 'roster.gate.whole', params: { agent: gate.agent, skill: gate.skill } }
        : { key: 'roster.gate.gate', params: { agent: gate.agent, skill: gate.skill, dates: dateRanges(gate.blockedDates, cal, days) } },
    );
  if (g.skipped.length) notes.push({ key: 'roster.gate.skipped', params: { count: g.skipped.length, ids: g.skipped.slice(0, 10).join(', ') + (g.skipped.length > 10 ? ', ...' : '') } });
  return { agents: g.agents, notes };
}

/**
 * The roster before this one (`--previous`, a saved name or a file): each agent's shifts that started
 * before day 0, far enough back for the longest run of days the rules allow (and the rest rule), as
 * the engine's `before` (roster minutes, negative). Returns the agents and how many were matched.
 */
export async function withPrevious(s: Session, ref: string, agents: Agent[], rules: RosterRules, cal: RosterCalendar): Promise<{ agents: Agent[]; matched: number }> {
  const prev = (await loadShifts(s, ref, '--previous')).shifts;
  const t0 = DateTime.fromISO(`${dayDate(cal, 0)}T00:00`, { zone: cal.zone }).toMillis();
  const byAgent = new Map<string, { start: number; end: number }[]>();
  for (const sh of prev) {
    if (sh.startMs >= t0 || sh.endMs < t0 - (rules.maxConsecutiveDays + 2) * 86_400_000) continue;
    const l = byAgent.get(sh.agent) ?? [];
    l.push({ start: dateTimeToMinute(cal, DateTime.fromMillis(sh.startMs, { zone: cal.zone })), end: dateTimeToMinute(cal, DateTime.fromMillis(sh.endMs, { zone: cal.zone })) });
    byAgent.set(sh.agent, l);
  }
  let matched = 0;
  const out = agents.map((a) => {
    const before = byAgent.get(a.id);
    if (!before) return a;
    matched++;
    return { ...a, before };
  });
  return { agents: out, matched };
}
