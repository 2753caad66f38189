/**
 * The people tables on PostgreSQL: agents with skills and contracts, exam sittings, training and
 * certificates, skill requirements; every row belongs to a site. The semantics of
 * src/store/sqlite-people.ts: a re-import replaces a row (an agent's skills with it), the last of
 * several records with one key in a batch wins, and "new" counts the keys that were not stored.
 * Each batch is one statement per table over arrays (unnest), rows in key order.
 */
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';
import type { PgConnection } from './pg-client.js';

/** The last record of each key, sorted by key (byte order, as the C collation sorts). */
function lastByKey<T>(batch: readonly T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of batch) m.set(key(r), r);
  const keys = [...m.keys()].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return keys.map((k) => m.get(k)!);
}

const k = (...parts: (string | number | null)[]) => JSON.stringify(parts);
const col = <T>(rows: readonly T[], f: (r: T) => unknown) => rows.map(f);
const count = (rows: unknown[][]) => Number(rows[0][0]);

export async function importAgents(db: PgConnection, site: string, batch: readonly AgentRecord[]): Promise<number> {
  const agents = lastByKey(batch, (a) => a.id);
  if (!agents.length) return 0;
  const added = count(
    await db.query(
      `WITH up AS (
         INSERT INTO agents AS t (site, id, name, team, supervisor, contract, min_weekly_hours, max_weekly_hours, hire_date)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[])
         ON CONFLICT (site, id) DO UPDATE SET name = excluded.name, team = excluded.team, supervisor = excluded.supervisor,
           contract = excluded.contract, min_weekly_hours = excluded.min_weekly_hours, max_weekly_hours = excluded.max_weekly_hours,
           hire_date = excluded.hire_date
         RETURNING xmax = 0 AS added)
       SELECT count(*) FILTER (WHERE added) FROM up`,
      [
        site,
        col(agents, (a) => a.id),
        col(agents, (a) => a.name),
        col(agents, (a) => a.team),
        col(agents, (a) => a.supervisor),
        col(agents, (a) => a.contract),
        col(agents, (a) => a.minWeeklyHours),
        col(agents, (a) => a.maxWeeklyHours),
        col(agents, (a) => a.hireDate),
      ],
      { writes: 'agents' },
    ),
  );
  // an agent's skills are replaced whole; of a skill listed twice the last counts
  await db.query(`DELETE FROM agent_skills WHERE site = $1 AND agent = ANY($2::text[])`, [site, col(agents, (a) => a.id)], { writes: 'agent_skills' });
  const skills = agents.flatMap((a) => lastByKey(a.skills, (s) => s.skill).map((s) => ({ agent: a.id, ...s })));
  if (skills.length) {
    await db.query(
      `INSERT INTO agent_skills (site, agent, skill, proficiency) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::float8[])`,
      [site, col(skills, (s) => s.agent), col(skills, (s) => s.skill), col(skills, (s) => s.proficiency)],
      { writes: 'agent_skills' },
    );
  }
  return added;
}

export async function importExams(db: PgConnection, site: string, batch: readonly ExamRecord[]): Promise<number> {
  const exams = lastByKey(batch, (e) => k(e.agent, e.exam, e.date, e.attempt ?? 0));
  if (!exams.length) return 0;
  return count(
    await db.query(
      `WITH up AS (
         INSERT INTO exams AS t (site, agent, exam, date, attempt, score, pass_mark, passed)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::float8[], $8::bigint[])
         ON CONFLICT (site, agent, exam, date, (coalesce(attempt, 0))) DO UPDATE SET attempt = excluded.attempt, score = excluded.score,
           pass_mark = excluded.pass_mark, passed = excluded.passed
         RETURNING xmax = 0 AS added)
       SELECT count(*) FILTER (WHERE added) FROM up`,
      [
        site,
        col(exams, (e) => e.agent),
        col(exams, (e) => e.exam),
        col(exams, (e) => e.date),
        col(exams, (e) => e.attempt),
        col(exams, (e) => e.score),
        col(exams, (e) => e.passMark),
        col(exams, (e) => (e.passed === null ? null : e.passed ? 1 : 0)),
      ],
      { writes: 'exams' },
    ),
  );
}

export async function importTraining(db: PgConnection, site: string, batch: readonly TrainingRecord[]): Promise<number> {
  const rows = lastByKey(batch, (t) => k(t.agent, t.course, t.date));
  if (!rows.length) return 0;
  return count(
    await db.query(
      `WITH up AS (
         INSERT INTO training AS t (site, agent, course, date, hours, result, certificate_expiry)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[])
         ON CONFLICT (site, agent, course, date) DO UPDATE SET hours = excluded.hours, result = excluded.result,
           certificate_expiry = excluded.certificate_expiry
         RETURNING xmax = 0 AS added)
       SELECT count(*) FILTER (WHERE added) FROM up`,
      [
        site,
        col(rows, (t) => t.agent),
        col(rows, (t) => t.course),
        col(rows, (t) => t.date),
        col(rows, (t) => t.hours),
        col(rows, (t) => t.result),
        col(rows, (t) => t.certificateExpiry),
      ],
      { writes: 'training' },
    ),
  );
}

export async function importSkillRequirements(db: PgConnection, site: string, batch: readonly SkillRequirement[]): Promise<number> {
  const rows = lastByKey(batch, (r) => r.skill);
  if (!rows.length) return 0;
  return count(
    await db.query(
      `WITH up AS (
         INSERT INTO skill_requirements AS t (site, skill, exam, certificate)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
         ON CONFLICT (site, skill) DO UPDATE SET exam = excluded.exam, certificate = excluded.certificate
         RETURNING xmax = 0 AS added)
       SELECT count(*) FILTER (WHERE added) FROM up`,
      [site, col(rows, (r) => r.skill), col(rows, (r) => r.exam), col(rows, (r) => r.certificate)],
      { writes: 'skill_requirements' },
    ),
  );
}

export async function agents(db: PgConnection, site: string): Promise<AgentRecord[]> {
  const skills = new Map<string, AgentRecord['skills']>();
  for (const r of await db.query(`SELECT agent, skill, proficiency FROM agent_skills WHERE site = $1 ORDER BY agent, skill`, [site], { reads: 'agent_skills' })) {
    const list = skills.get(r[0] as string) ?? [];
    list.push({ skill: r[1] as string, proficiency: r[2] as number | null });
    skills.set(r[0] as string, list);
  }
  const rows = await db.query(
    `SELECT id, name, team, supervisor, contract, min_weekly_hours, max_weekly_hours, hire_date FROM agents WHERE site = $1 ORDER BY id`,
    [site],
    { reads: 'agents' },
  );
  return rows.map((r) => ({
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

export async function exams(db: PgConnection, site: string, fromDate?: string, toDate?: string): Promise<ExamRecord[]> {
  const rows = await db.query(
    `SELECT agent, exam, date, attempt, score, pass_mark, passed FROM exams WHERE site = $1 AND date >= $2 AND date <= $3
      ORDER BY date, agent, exam, coalesce(attempt, 0)`,
    [site, fromDate ?? '0000-00-00', toDate ?? '9999-99-99'],
    { reads: 'exams' },
  );
  return rows.map((r) => ({
    agent: r[0] as string,
    exam: r[1] as string,
    date: r[2] as string,
    attempt: r[3] as number | null,
    score: r[4] as number | null,
    passMark: r[5] as number | null,
    passed: r[6] === null ? null : r[6] === 1,
  }));
}

export async function training(db: PgConnection, site: string, toDate?: string): Promise<TrainingRecord[]> {
  const rows = await db.query(
    `SELECT agent, course, date, hours, result, certificate_expiry FROM training WHERE site = $1 AND date <= $2 ORDER BY date, agent, course`,
    [site, toDate ?? '9999-99-99'],
    { reads: 'training' },
  );
  return rows.map((r) => ({
    agent: r[0] as string,
    course: r[1] as string,
    date: r[2] as string,
    hours: r[3] as number | null,
    result: r[4] as string | null,
    certificateExpiry: r[5] as string | null,
  }));
}

export async function skillRequirements(db: PgConnection, site: string): Promise<SkillRequirement[]> {
  const rows = await db.query(`SELECT skill, exam, certificate FROM skill_requirements WHERE site = $1 ORDER BY skill`, [site], { reads: 'skill_requirements' });
  return rows.map((r) => ({ skill: r[0] as string, exam: r[1] as string | null, certificate: r[2] as string | null }));
}
