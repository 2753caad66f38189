/**
 * People records (`wfm import agents|exams|training|skills`): agents with skills and contracts,
 * exam sittings, training records with certificates, and what a skill requires. Pure types.
 *
 * Dates are local calendar dates "YYYY-MM-DD" (no time zone: an exam is sat on a day, a certificate
 * expires on a day). Unknown values are null, never 0.
 */

/** A skill an agent has, with a proficiency where the data gives one (1 = lowest; null = unknown). */
export interface AgentSkill {
  skill: string;
  proficiency: number | null;
}

export type ContractType = 'full' | 'part';

/** One agent. Natural key: id. A re-import replaces the agent (and its skills). */
export interface AgentRecord {
  id: string;
  name: string | null;
  team: string | null;
  supervisor: string | null;
  skills: AgentSkill[];
  contract: ContractType | null;
  minWeeklyHours: number | null;
  maxWeeklyHours: number | null;
  /** YYYY-MM-DD. */
  hireDate: string | null;
}

/** One exam sitting. Natural key: (agent, exam, date, attempt). */
export interface ExamRecord {
  agent: string;
  exam: string;
  /** YYYY-MM-DD. */
  date: string;
  score: number | null;
  passMark: number | null;
  /** 1 = first sitting; null when the data does not number attempts. */
  attempt: number | null;
  /** From an explicit result column, else score >= passMark, else null. */
  passed: boolean | null;
}

/** One training record. Natural key: (agent, course, date). */
export interface TrainingRecord {
  agent: string;
  course: string;
  /** YYYY-MM-DD. */
  date: string;
  hours: number | null;
  /** 'pass', 'fail', or another result as written; null when not given. */
  result: string | null;
  /** The certificate's last valid day (YYYY-MM-DD), or null when the course gives none. */
  certificateExpiry: string | null;
}

/**
 * What working a skill requires: a passed exam and/or a valid certificate (the course whose
 * certificate must not have expired). Natural key: skill.
 */
export interface SkillRequirement {
  skill: string;
  exam: string | null;
  certificate: string | null;
}
