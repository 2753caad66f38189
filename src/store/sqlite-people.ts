/**
 * The people tables in SQLite: agents with skills and contracts, exam sittings, training and
 * certificates, skill requirements; every row belongs to a site. Prepared statements, parameterized.
 */
import type Database from 'better-sqlite3';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';

export function preparePeople(db: Database.Database) {
  return {
    agentExists: db.prepare(`SELECT 1 FROM agents WHERE site = ? AND id = ?`).pluck(),
    upsertAgent: db.prepare(
      `INSERT INTO agents (site, id, name, team, supervisor, contract, min_weekly_hours, max_weekly_hours, hire_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site, id) DO UPDATE SET name = excluded.name, team = excluded.team, supervisor = excluded.supervisor,
         contract = excluded.contract, min_weekly_hours = excluded.min_weekly_hours,
         max_weekly_hours = excluded.max_weekly_hours, hire_date = excluded.hire_date`,
    ),
    deleteSkills: db.prepare(`DELETE FROM agent_skills WHERE site = ? AND agent = ?`),
    insertSkill: db.prepare(`INSERT OR REPLACE INTO agent_skills (site, agent, skill, proficiency) VALUES (?, ?, ?, ?)`),
    allAgents: db
      .prepare(`SELECT id, name, team, supervisor, contract, min_weekly_hours, max_weekly_hours, hire_date FROM agents WHERE site = ? ORDER BY id`)
      .raw(),
    allSkills: db.prepare(`SELECT agent, skill, proficiency FROM agent_skills WHERE site = ? ORDER BY agent, skill`).raw(),
    deleteExam: db.prepare(`DELETE FROM exams WHERE site = ? AND agent = ? AND exam = ? AND date = ? AND coalesce(attempt, 0) = coalesce(?, 0)`),
    insertExam: db.prepare(`INSERT INTO exams (site, agent, exam, date, attempt, score, pass_mark, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    exams: db
      .prepare(
        `SELECT agent, exam, date, attempt, score, pass_mark, passed FROM exams WHERE site = ? AND date >= ? AND date <= ?
         ORDER BY date, agent, exam, coalesce(attempt, 0)`,
      )
      .raw(),
    trainingExists: db.prepare(`SELECT 1 FROM training WHERE site = ? AND agent = ? AND course = ? AND date = ?`).pluck(),
    upsertTraining: db.prepare(
      `INSERT INTO training (site, agent, course, date, hours, result, certificate_expiry) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site, agent, course, date) DO UPDATE SET hours = excluded.hours, result = excluded.result,
         certificate_expiry = excluded.certificate_expiry`,
    ),
    training: db
      .prepare(`SELECT agent, course, date, hours, result, certificate_expiry FROM training WHERE site = ? AND date <= ? ORDER BY date, agent, course`)
      .raw(),
    requirementExists: db.prepare(`SELECT 1 FROM skill_requirements WHERE site = ? AND skill = ?`).pluck(),
    upsertRequirement: db.prepare(
      `INSERT INTO skill_requirements (site, skill, exam, certificate) VALUES (?, ?, ?, ?)
       ON CONFLICT (site, skill) DO UPDATE SET exam = excluded.exam, certificate = excluded.certificate`,
    ),
    requirements: db.prepare(`SELECT skill, exam, certificate FROM skill_requirements WHERE site = ? ORDER BY skill`).raw(),
  };
}

export type PeopleStatements = ReturnType<typeof preparePeople>;

export function importAgents(p: PeopleStatements, site: string, batch: readonly AgentRecord[]): number {
  let added = 0;
  for (const a of batch) {
    if (!p.agentExists.get(site, a.id)) added++;
    p.upsertAgent.run(site, a.id, a.name, a.team, a.supervisor, a.contract, a.minWeeklyHours, a.maxWeeklyHours, a.hireDate);
    p.deleteSkills.run(site, a.id);
    for (const sk of a.skills) p.insertSkill.run(site, a.id, sk.skill, sk.proficiency);
  }
  return added;
}

export function importExams(p: PeopleStatements, site: string, batch: readonly ExamRecord[]): number {
  let added = 0;
  for (const e of batch) {
    if (p.deleteExam.run(site, e.agent, e.exam, e.date, e.attempt).changes === 0) added++;
    p.insertExam.run(site, e.agent, e.exam, e.date, e.attempt, e.score, e.passMark, e.passed === null ? null : e.passed ? 1 : 0);
  }
  return added;
}

export function importTraining(p: PeopleStatements, site: string, batch: readonly TrainingRecord[]): number {
  let added = 0;
  for (const t of batch) {
    if (!p.trainingExists.get(site, t.agent, t.course, t.date)) added++;
    p.upsertTraining.run(site, t.agent, t.course, t.date, t.hours, t.result, t.certificateExpiry);
  }
  return added;
}

export function importSkillRequirements(p: PeopleStatements, site: string, batch: readonly SkillRequirement[]): number {
  let added = 0;
  for (const r of batch) {
    if (!p.requirementExists.get(site, r.skill)) added++;
    p.upsertRequirement.run(site, r.skill, r.exam, r.certificate);
  }
  return added;
}

export function agents(p: PeopleStatements, site: string): AgentRecord[] {
  const skills = new Map<string, AgentRecord['skills']>();
  for (const r of p.allSkills.all(site) as unknown[][]) {
    const list = skills.get(r[0] as string) ?? [];
    list.push({ skill: r[1] as string, proficiency: r[2] as number | null });
    skills.set(r[0] as string, list);
  }
  return (p.allAgents.all(site) as unknown[][]).map((r) => ({
    id: r[0] as string,
    name: r[1] as string | null,
    team: r[2] as string | null,
    supervisor: r[3] as string | null,
    contract: r[4] as AgentRecord['contract'],
    minWeeklyHours: r[5] as number | null,
    maxWeeklyHours: r[6] as number | null,
    hireDate: r[7] as string | null,
    skills: skills.get(r[0] as string) ?? [],
  }));
}

export function exams(p: PeopleStatements, site: string, fromDate?: string, toDate?: string): ExamRecord[] {
  return (p.exams.all(site, fromDate ?? '0000-00-00', toDate ?? '9999-99-99') as unknown[][]).map((r) => ({
    agent: r[0] as string,
    exam: r[1] as string,
    date: r[2] as string,
    attempt: r[3] as number | null,
    score: r[4] as number | null,
    passMark: r[5] as number | null,
    passed: r[6] === null ? null : r[6] === 1,
  }));
}

export function training(p: PeopleStatements, site: string, toDate?: string): TrainingRecord[] {
  return (p.training.all(site, toDate ?? '9999-99-99') as unknown[][]).map((r) => ({
    agent: r[0] as string,
    course: r[1] as string,
    date: r[2] as string,
    hours: r[3] as number | null,
    result: r[4] as string | null,
    certificateExpiry: r[5] as string | null,
  }));
}

export function skillRequirements(p: PeopleStatements, site: string): SkillRequirement[] {
  return (p.requirements.all(site) as unknown[][]).map((r) => ({
    skill: r[0] as string,
    exam: r[1] as string | null,
    certificate: r[2] as string | null,
  }));
}
