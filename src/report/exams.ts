/**
 * Exam report (`wfm report exams`). Pure: sittings, agents and skill requirements in; rows out.
 *
 * Definitions (per exam, over all teams and per team; team from the agents table, null = unknown):
 * - sittings: exam sittings dated in the period; agents: distinct agents who sat
 * - passed / failed: sittings with a known result; unknown: sittings without one
 * - passRate = passed / (passed + failed); firstTimePassRate = the same over first attempts only
 *   (attempt 1, or the earliest sitting of an agent and exam when attempts are not numbered)
 * - meanScore, medianScore, minScore, maxScore over sittings with a score
 * - retakes: sittings that are not an agent's first attempt at the exam (attempt > 1, or when not
 *   numbered, later than the agent's earliest sitting of that exam, all stored sittings counted)
 * - distribution: sittings with a score in the bands <60, 60-69, 70-79, 80-89, >=90
 * Ratios and statistics are null where there is nothing to compute them from.
 *
 * Agent findings: `failed` - the agent's latest sitting of an exam up to the period's end is a fail
 * and it sat in the period; `notTaken` - the agent has a skill whose requirement names an exam the
 * agent never sat up to the period's end.
 */
import { mean, medianSorted } from 'simple-statistics';
import type { AgentRecord, ExamRecord, SkillRequirement } from '../people/types.js';

export const SCORE_BANDS = ['lt60', '60to69', '70to79', '80to89', 'ge90'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** The score band of a score on a 0-100 scale. */
export function scoreBand(score: number): ScoreBand {
  if (score < 60) return 'lt60';
  if (score < 70) return '60to69';
  if (score < 80) return '70to79';
  if (score < 90) return '80to89';
  return 'ge90';
}

export interface ExamSummaryRow {
  exam: string;
  /** 'exam' = all teams; 'team' = one team (team null: agents without a known team). */
  level: 'exam' | 'team';
  team: string | null;
  sittings: number;
  agents: number;
  passed: number;
  failed: number;
  unknown: number;
  passRate: number | null;
  firstTimePassRate: number | null;
  meanScore: number | null;
  medianScore: number | null;
  minScore: number | null;
  maxScore: number | null;
  retakes: number;
  lt60: number;
  '60to69': number;
  '70to79': number;
  '80to89': number;
  ge90: number;
}

export const EXAM_SUMMARY_FIELDS = [
  'exam', 'level', 'team', 'sittings', 'agents', 'passed', 'failed', 'unknown', 'passRate', 'firstTimePassRate',
  'meanScore', 'medianScore', 'minScore', 'maxScore', 'retakes', ...SCORE_BANDS,
] as const;

export interface ExamFindingRow {
  agent: string;
  name: string | null;
  team: string | null;
  exam: string;
  status: 'failed' | 'notTaken';
  /** Latest sitting (failed) or null (not taken). */
  lastDate: string | null;
  lastScore: number | null;
  passMark: number | null;
  /** Sittings of this exam up to the period's end. */
  attempts: number;
  /** Skills that require this exam and the agent has (for notTaken; for failed where any). */
  skills: string;
}

export const EXAM_FINDING_FIELDS = ['agent', 'name', 'team', 'exam', 'status', 'lastDate', 'lastScore', 'passMark', 'attempts', 'skills'] as const;

export interface ExamReport {
  summary: ExamSummaryRow[];
  findings: ExamFindingRow[];
}

/** Whether each sitting is a first attempt (see the module comment), keyed by the sitting. */
function firstAttempts(all: readonly ExamRecord[]): Set<ExamRecord> {
  const first = new Set<ExamRecord>();
  const earliest = new Map<string, ExamRecord>();
  for (const e of all) {
    if (e.attempt !== null) {
      if (e.attempt === 1) first.add(e);
      continue;
    }
    const k = `${e.agent}\u0000${e.exam}`;
    const cur = earliest.get(k);
    if (!cur || e.date < cur.date) earliest.set(k, e);
  }
  for (const e of all) {
    if (e.attempt !== null) continue;
    const k = `${e.agent}\u0000${e.exam}`;
    const cur = earliest.get(k)!;
    // the earliest un-numbered sitting counts as a first attempt unless a numbered sitting precedes it
    if (cur === e && !all.some((o) => o.agent === e.agent && o.exam === e.exam && o.attempt !== null && o.date < e.date)) first.add(e);
  }
  return first;
}

/**
 * The exam report for sittings dated in [fromDate, toDate] (YYYY-MM-DD, inclusive). `all` is every
 * stored sitting up to toDate (for retakes and latest results).
 */
export function examReport(
  all: readonly ExamRecord[],
  agents: readonly AgentRecord[],
  requirements: readonly SkillRequirement[],
  fromDate: string,
  toDate: string,
): ExamReport {
  const upTo = all.filter((e) => e.date <= toDate);
  const inPeriod = upTo.filter((e) => e.date >= fromDate);
  const byId = new Map(agents.map((a) => [a.id, a]));
  const first = firstAttempts(upTo);

  type Acc = { rows: ExamRecord[] };
  const groups = new Map<string, Map<string | null, Acc>>();
  for (const e of inPeriod) {
    const team = byId.get(e.agent)?.team ?? null;
    let g = groups.get(e.exam);
    if (!g) groups.set(e.exam, (g = new Map()));
    for (const key of ['\u0000all', team] as (string | null)[]) {
      let a = g.get(key);
      if (!a) g.set(key, (a = { rows: [] }));
      a.rows.push(e);
    }
  }
  const summarise = (exam: string, level: 'exam' | 'team', team: string | null, rows: ExamRecord[]): ExamSummaryRow => {
    const passed = rows.filter((e) => e.passed === true).length;
    const failed = rows.filter((e) => e.passed === false).length;
    const firsts = rows.filter((e) => first.has(e) && e.passed !== null);
    const scores = rows.map((e) => e.score).filter((s): s is number => s !== null).sort((a, b) => a - b);
    const bands = { lt60: 0, '60to69': 0, '70to79': 0, '80to89': 0, ge90: 0 } as Record<ScoreBand, number>;
    for (const s of scores) bands[scoreBand(s)]++;
    return {
      exam,
      level,
      team,
      sittings: rows.length,
      agents: new Set(rows.map((e) => e.agent)).size,
      passed,
      failed,
      unknown: rows.length - passed - failed,
      passRate: passed + failed > 0 ? passed / (passed + failed) : null,
      firstTimePassRate: firsts.length > 0 ? firsts.filter((e) => e.passed).length / firsts.length : null,
      meanScore: scores.length ? mean(scores) : null,
      medianScore: scores.length ? medianSorted(scores) : null,
      minScore: scores.length ? scores[0] : null,
      maxScore: scores.length ? scores[scores.length - 1] : null,
      retakes: rows.filter((e) => !first.has(e)).length,
      ...bands,
    };
  };
  const summary: ExamSummaryRow[] = [];
  for (const exam of [...groups.keys()].sort()) {
    const g = groups.get(exam)!;
    summary.push(summarise(exam, 'exam', null, g.get('\u0000all')!.rows));
    const teams = [...g.keys()].filter((k) => k !== '\u0000all');
    teams.sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
    for (const team of teams) summary.push(summarise(exam, 'team', team, g.get(team)!.rows));
  }

  // findings
  const findings: ExamFindingRow[] = [];
  const order = (a: ExamRecord, b: ExamRecord) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : (a.attempt ?? 0) - (b.attempt ?? 0);
  const byAgentExam = new Map<string, ExamRecord[]>();
  for (const e of upTo) {
    const k = `${e.agent}\u0000${e.exam}`;
    const list = byAgentExam.get(k) ?? [];
    list.push(e);
    byAgentExam.set(k, list);
  }
  const skillsNeeding = (agentId: string, exam: string) => {
    const a = byId.get(agentId);
    if (!a) return '';
    const have = new Set(a.skills.map((s) => s.skill));
    return requirements.filter((r) => r.exam === exam && have.has(r.skill)).map((r) => r.skill).sort().join(';');
  };
  for (const list of byAgentExam.values()) {
    list.sort(order);
    const last = list[list.length - 1];
    if (last.passed !== false || last.date < fromDate) continue;
    const a = byId.get(last.agent);
    findings.push({
      agent: last.agent,
      name: a?.name ?? null,
      team: a?.team ?? null,
      exam: last.exam,
      status: 'failed',
      lastDate: last.date,
      lastScore: last.score,
      passMark: last.passMark,
      attempts: list.length,
      skills: skillsNeeding(last.agent, last.exam),
    });
  }
  for (const a of agents) {
    const have = new Set(a.skills.map((s) => s.skill));
    const needed = new Set(requirements.filter((r) => r.exam && have.has(r.skill)).map((r) => r.exam!));
    for (const exam of [...needed].sort()) {
      if (byAgentExam.has(`${a.id}\u0000${exam}`)) continue;
      findings.push({
        agent: a.id,
        name: a.name,
        team: a.team,
        exam,
        status: 'notTaken',
        lastDate: null,
        lastScore: null,
        passMark: null,
        attempts: 0,
        skills: skillsNeeding(a.id, exam),
      });
    }
  }
  findings.sort((x, y) => (x.status !== y.status ? (x.status === 'failed' ? -1 : 1) : x.agent < y.agent ? -1 : x.agent > y.agent ? 1 : x.exam < y.exam ? -1 : 1));
  return { summary, findings };
}
