/**
 * Training report (`wfm report training`). Pure: training records, agents, skill requirements and
 * (optionally) roster shifts in; rows out. Dates are YYYY-MM-DD; `asOf` is the report day.
 *
 * - hours: per agent, training hours dated in [fromDate, toDate] against `requiredHours` (per agent
 *   for the period; null = no requirement): shortfall = max(0, required - hours), met = hours >= required.
 *   Agents without any record show hours 0 only when they are in the agents table (they did no
 *   training); hours of records without hours are left out and counted in `unknownHours`.
 * - certificates: each agent's current certificate per course (the latest expiry among passed or
 *   result-less records dated up to asOf, see people/qualify.ts) that expires within
 *   [asOf, asOf + withinDays] (status `expiring`), or has expired before asOf while a skill the agent
 *   has requires it (status `expired`). daysLeft = expiry - asOf in days (the expiry day is still valid).
 * - coverage: per skill that requires a certificate: agents with the skill, how many of them lose it
 *   (expired or expiring in the window), and, given roster shifts on that skill (queue), the
 *   scheduled work hours of those agents on days after their certificate's expiry - hours the roster
 *   could no longer staff. Null without a roster.
 */
import { DateTime } from 'luxon';
import type { AgentRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import { certificateValidUntil } from '../people/qualify.js';
import { workSeconds, type Shift } from '../formats/shifts.js';

export interface TrainingHoursRow {
  agent: string;
  name: string | null;
  team: string | null;
  hours: number;
  /** Records in the period without hours. */
  unknownHours: number;
  required: number | null;
  shortfall: number | null;
  met: boolean | null;
}

export const TRAINING_HOURS_FIELDS = ['agent', 'name', 'team', 'hours', 'unknownHours', 'required', 'shortfall', 'met'] as const;

export interface CertificateRow {
  agent: string;
  name: string | null;
  team: string | null;
  course: string;
  expiry: string;
  daysLeft: number;
  status: 'expiring' | 'expired';
  /** Skills of the agent that require this certificate, `;`-separated. */
  skills: string;
}

export const CERTIFICATE_FIELDS = ['agent', 'name', 'team', 'course', 'expiry', 'daysLeft', 'status', 'skills'] as const;

export interface CoverageRow {
  skill: string;
  certificate: string;
  agentsWithSkill: number;
  agentsLosing: number;
  /** Roster work hours on this skill after the losing agents' expiry; null without a roster. */
  scheduledHoursAtRisk: number | null;
  /** All roster work hours on this skill; null without a roster. */
  scheduledHours: number | null;
}

export const COVERAGE_FIELDS = ['skill', 'certificate', 'agentsWithSkill', 'agentsLosing', 'scheduledHoursAtRisk', 'scheduledHours'] as const;

export interface TrainingReport {
  hours: TrainingHoursRow[];
  certificates: CertificateRow[];
  coverage: CoverageRow[];
}

export interface TrainingOptions {
  fromDate: string;
  toDate: string;
  asOf: string;
  withinDays: number;
  requiredHours: number | null;
  /** Roster shifts (any period); null when no roster is given. */
  shifts: readonly Shift[] | null;
  /** The site's zone (to give shifts a local date). */
  zone: string;
}

/** Whole days from date a to date b (YYYY-MM-DD): b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

/** The date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

export function trainingReport(
  training: readonly TrainingRecord[],
  agents: readonly AgentRecord[],
  requirements: readonly SkillRequirement[],
  o: TrainingOptions,
): TrainingReport {
  const byId = new Map(agents.map((a) => [a.id, a]));

  // hours per agent
  const hours = new Map<string, { h: number; unknown: number }>();
  for (const a of agents) hours.set(a.id, { h: 0, unknown: 0 });
  for (const t of training) {
    if (t.date < o.fromDate || t.date > o.toDate) continue;
    const acc = hours.get(t.agent) ?? { h: 0, unknown: 0 };
    if (t.hours === null) acc.unknown++;
    else acc.h += t.hours;
    hours.set(t.agent, acc);
  }
  const hourRows: TrainingHoursRow[] = [...hours.keys()].sort().map((agent) => {
    const acc = hours.get(agent)!;
    const a = byId.get(agent);
    const req = o.requiredHours;
    return {
      agent,
      name: a?.name ?? null,
      team: a?.team ?? null,
      hours: acc.h,
      unknownHours: acc.unknown,
      required: req,
      shortfall: req === null ? null : Math.max(0, req - acc.h),
      met: req === null ? null : acc.h >= req,
    };
  });

  // certificates
  const until = addDays(o.asOf, o.withinDays);
  const certCourses = new Set(training.filter((t) => t.certificateExpiry !== null).map((t) => t.course));
  const required = new Map<string, string[]>(); // course -> skills requiring it
  for (const r of requirements) if (r.certificate) required.set(r.certificate, [...(required.get(r.certificate) ?? []), r.skill]);
  const agentIds = new Set([...training.map((t) => t.agent), ...agents.map((a) => a.id)]);
  const certificates: CertificateRow[] = [];
  /** agent -> course -> expiry of a certificate lost in the window (or already) */
  const losing = new Map<string, Map<string, string>>();
  for (const agent of [...agentIds].sort()) {
    const a = byId.get(agent);
    const has = new Set(a?.skills.map((s) => s.skill) ?? []);
    for (const course of [...new Set([...certCourses, ...required.keys()])].sort()) {
      const skills = (required.get(course) ?? []).filter((s) => has.has(s)).sort();
      const expiry = certificateValidUntil(training, agent, course, o.asOf);
      let status: CertificateRow['status'] | null = null;
      if (expiry !== null && expiry !== '9999-12-31' && expiry >= o.asOf && expiry <= until) status = 'expiring';
      else if (expiry !== null && expiry < o.asOf && skills.length > 0) status = 'expired';
      if (status === null) continue;
      certificates.push({ agent, name: a?.name ?? null, team: a?.team ?? null, course, expiry: expiry!, daysLeft: daysBetween(o.asOf, expiry!), status, skills: skills.join(';') });
      if (skills.length) {
        const m = losing.get(agent) ?? new Map<string, string>();
        m.set(course, expiry!);
        losing.set(agent, m);
      }
    }
  }

  // coverage
  const coverage: CoverageRow[] = [];
  const localDate = (ms: number) => DateTime.fromMillis(ms, { zone: o.zone }).toISODate()!;
  for (const r of [...requirements].filter((x) => x.certificate).sort((x, y) => (x.skill < y.skill ? -1 : 1))) {
    const withSkill = agents.filter((a) => a.skills.some((s) => s.skill === r.skill));
    const losers = withSkill.filter((a) => losing.get(a.id)?.has(r.certificate!));
    let atRisk: number | null = null;
    let total: number | null = null;
    if (o.shifts) {
      atRisk = 0;
      total = 0;
      for (const s of o.shifts) {
        if (s.queues[0] !== r.skill) continue;
        const h = workSeconds(s, s.startMs, s.endMs) / 3600;
        total += h;
        const expiry = losing.get(s.agent)?.get(r.certificate!);
        if (expiry !== undefined && localDate(s.startMs) > expiry) atRisk += h;
      }
    }
    coverage.push({
      skill: r.skill,
      certificate: r.certificate!,
      agentsWithSkill: withSkill.length,
      agentsLosing: losers.length,
      scheduledHoursAtRisk: atRisk,
      scheduledHours: total,
    });
  }
  return { hours: hourRows, certificates, coverage };
}
