/**
 * Whether an agent may work a skill on a day: the skill's requirements (a passed exam, a valid
 * certificate) against the agent's exam sittings and training records. Pure. The roster reads this
 * to schedule an agent on a skill only while the requirement holds.
 */
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from './types.js';

/**
 * Whether `agent` has passed `exam` on or before `date` (YYYY-MM-DD): any sitting with passed = true
 * dated no later than `date`. A later failed retake does not undo a pass.
 */
export function hasPassed(exams: readonly ExamRecord[], agent: string, exam: string, date: string): boolean {
  return exams.some((e) => e.agent === agent && e.exam === exam && e.passed === true && e.date <= date);
}

/**
 * The last day (YYYY-MM-DD) the agent's certificate for `course` is valid, taken over passed (or
 * result-less) training records dated no later than `date`; null when there is none. A certificate
 * with no expiry date counts as never expiring ('9999-12-31').
 */
export function certificateValidUntil(training: readonly TrainingRecord[], agent: string, course: string, date: string): string | null {
  let best: string | null = null;
  for (const t of training) {
    if (t.agent !== agent || t.course !== course || t.date > date) continue;
    if (t.result !== null && t.result !== 'pass') continue;
    const until = t.certificateExpiry ?? '9999-12-31';
    if (best === null || until > best) best = until;
  }
  return best;
}

/**
 * Whether the agent may work `skill` on `date`: the agent lists the skill, and every requirement of
 * the skill holds (exam passed by then; certificate valid on that day: expiry >= date).
 */
export function qualifiedOn(
  agent: AgentRecord,
  skill: string,
  date: string,
  requirements: readonly SkillRequirement[],
  exams: readonly ExamRecord[],
  training: readonly TrainingRecord[],
): boolean {
  if (!agent.skills.some((s) => s.skill === skill)) return false;
  for (const r of requirements) {
    if (r.skill !== skill) continue;
    if (r.exam && !hasPassed(exams, agent.id, r.exam, date)) return false;
    if (r.certificate) {
      const until = certificateValidUntil(training, agent.id, r.certificate, date);
      if (until === null || until < date) return false;
    }
  }
  return true;
}
