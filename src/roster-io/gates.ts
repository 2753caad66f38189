/**
 * Stored agents for `wfm roster` (no --agents): the agents imported with `wfm import agents`, their
 * skills gated day by day by the skill requirements (`wfm import skills`) against their exam sittings
 * and training certificates (`wfm import exams|training`), through `qualifiedOn` (src/people).
 *
 * A skill is usable on roster day d when `qualifiedOn(agent, skill, date of d)` holds. The engine
 * takes the gated days as `Agent.skillDays` (a shift of that queue may only touch allowed days);
 * a skill allowed on no day of the roster is removed. Day index `days` (the day after the roster) is
 * evaluated too, for night shifts that end after the last midnight. Pure (src/app/roster-inputs.ts
 * reads the people records from the store).
 */
import { qualifiedOn } from '../people/qualify.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import type { Agent, RosterRules } from '../solver/index.js';
import { dayDate, type RosterCalendar } from './time.js';

/** A skill an agent holds but may not work on some roster days (dates YYYY-MM-DD). */
export interface SkillGate {
  agent: string;
  skill: string;
  /** Roster dates (day 0 .. days-1) on which the requirement does not hold. */
  blockedDates: string[];
}

export interface GatedAgents {
  agents: Agent[];
  gates: SkillGate[];
  /** Stored agents without any skill usable on the requirement queues (left out). */
  skipped: string[];
}

/** People records as read from the store. */
export interface PeopleData {
  agents: AgentRecord[];
  exams: ExamRecord[];
  training: TrainingRecord[];
  requirements: SkillRequirement[];
}

/** The rules contract for a stored contract type: an id equal to it or to "<type>-time", else the default. */
function contractFor(rec: AgentRecord, rules: RosterRules): string | undefined {
  if (!rec.contract) return undefined;
  const ids = rec.contract === 'full' ? ['full-time', 'full', 'fulltime'] : ['part-time', 'part', 'parttime'];
  return ids.find((id) => rules.contracts.some((c) => c.id === id));
}

/**
 * Engine agents from people records: id, team, skills restricted to the requirement queues, contract
 * mapped to the rules (see contractFor), and per-day skill gates from `qualifiedOn` for roster days
 * 0..days (see the file comment). Pure.
 */
export function gateAgents(data: PeopleData, cal: RosterCalendar, days: number, queues: readonly string[], rules: RosterRules): GatedAgents {
  const agents: Agent[] = [];
  const gates: SkillGate[] = [];
  const skipped: string[] = [];
  const dates = Array.from({ length: days + 1 }, (_, d) => dayDate(cal, d));
  for (const rec of data.agents) {
    const skills: string[] = [];
    const skillDays: Record<string, number[]> = {};
    for (const { skill } of rec.skills) {
      if (!queues.includes(skill) || skills.includes(skill)) continue;
      const allowed: number[] = [];
      dates.forEach((date, d) => {
        if (qualifiedOn(rec, skill, date, data.requirements, data.exams, data.training)) allowed.push(d);
      });
      const blocked = dates.slice(0, days).filter((_, d) => !allowed.includes(d));
      if (blocked.length) gates.push({ agent: rec.id, skill, blockedDates: blocked });
      if (!allowed.some((d) => d < days)) continue;
      skills.push(skill);
      if (allowed.length < dates.length) skillDays[skill] = allowed;
    }
    if (skills.length === 0) {
      skipped.push(rec.id);
      continue;
    }
    const contract = contractFor(rec, rules);
    agents.push({
      id: rec.id,
      skills,
      ...(rec.team ? { team: rec.team } : {}),
      ...(contract ? { contract } : {}),
      ...(Object.keys(skillDays).length ? { skillDays } : {}),
    });
  }
  return { agents, gates, skipped };
}

/** Consecutive dates (YYYY-MM-DD, ascending, roster days) folded into "A..B" ranges. */
export function dateRanges(dates: readonly string[], cal: RosterCalendar, days: number): string {
  const idx = dates.map((d) => Array.from({ length: days }, (_, i) => dayDate(cal, i)).indexOf(d)).filter((i) => i >= 0);
  const out: string[] = [];
  for (let i = 0; i < idx.length; i++) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    out.push(i === j ? dayDate(cal, idx[i]) : `${dayDate(cal, idx[i])}..${dayDate(cal, idx[j])}`);
    i = j;
  }
  return out.join(', ');
}
