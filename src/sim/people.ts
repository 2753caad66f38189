/**
 * The sample's people (pure: spec and sample in, records out): an agent list sized to the sample's
 * staffing, with teams, supervisors, skills and proficiency, contracts and hire dates, and their
 * exam and training records. Deterministic in the spec's seed.
 *
 * Headcount of queue q (agents whose main skill is q):
 *
 *   hours_q     = sum over intervals of planned agents_q x interval hours / (days / 7)   (hours on the phone a week)
 *   paid_q      = hours_q / (1 - shrinkage)                                              (breaks, training, absence)
 *   headcount_q = max(ceil(paid_q / (meanContractHours x rosterEfficiency)), peak agents_q)
 *
 * with meanContractHours = (1 - partTimeShare) x fullTimeHours + partTimeShare x partTimeHours and
 * rosterEfficiency the share of paid hours a roster can put where they are needed (shift lengths and
 * start times never match the curve exactly; unpaid meals; weekly rest rules). The
 * peak term makes every member name of the sample's queue_log (flat staffing: agent k of queue j is
 * `Agent/<j><kkkk>`, engine.ts flatStaffingAgents) a person of the list: agent k of queue j gets id
 * `Agent/<j><kkkk>` here too.
 *
 * Names: a surname drawn by its frequency among the most common Chinese surnames (weights rounded
 * from the 2020 census ranking as published by the Ministry of Public Security) and one or two
 * given-name characters; each character carries its pinyin, so `name_pinyin` is exact.
 *
 * Hire dates: days before the sample's last day ~ minBack + Exp(mean 0.35 x span) (resampled
 * uniformly when past the span), span = hireFrom .. last day; minBack = days + 30 for the agents
 * the sample's queue_log uses (k < peak: hired a month before the log starts), else 20.
 *
 * Skill proficiency 1..5 grows with tenure (months since hire): main skill 2 under 3 months, 3 under
 * a year, 4 under three years, else 5 (one level off at random for a fifth of agents); a second skill
 * (cross-training, `crossSkill` share of agents) is two levels below the main one, at least 1.
 *
 * Exams: per skill a certification exam one month after hire (score ~ N(82, 9), clipped to 40..100;
 * below the pass mark -> a retake two weeks later with +8 points expected, attempt 2); and the
 * quarterly service-standard exam for everyone hired before the quarter. Training: onboarding at hire
 * (80 h), the annual personal-information-protection course (certificate valid one year, so some
 * agents' certificates have run out by the end of the sample: realistic for a "lapsed certificate"
 * check), and the per-skill courses of the spec.
 */
import { DateTime } from 'luxon';
import { Rng, deriveSeed } from './rng.js';
import { standardNormal } from './distributions.js';
import type { SampleData, SampleSpec } from './sample.js';

export interface WorkforceSpec {
  /** Share of paid time off the phones. Default 0.3. */
  shrinkage?: number;
  /** Share of part-time contracts. Default 0.15. */
  partTimeShare?: number;
  /** Weekly contract hours (ids as in data/roster-rules.yaml). Default full-time 40, part-time 24. */
  contracts?: { fullTime: { id: string; hours: number }; partTime: { id: string; hours: number } };
  /** Share of contract hours a roster can use where they are needed. Default 1. */
  rosterEfficiency?: number;
  /** Agents per team. Default 12. */
  teamSize?: number;
  /** Earliest hire date, YYYY-MM-DD. Default four years before the sample start. */
  hireFrom?: string;
  /** Share of agents with a second skill. Default 0.3. */
  crossSkill?: number;
  /** Per queue: team name stem (e.g. 账务), certification exam and pass mark, extra courses. */
  queues?: Record<string, { teamName?: string; exam?: string; passMark?: number; courses?: { name: string; hours: number; validMonths?: number; date: string }[] }>;
}

export interface SampleAgent {
  id: string;
  name: string;
  namePinyin: string;
  team: string;
  supervisor: string;
  /** Skills with proficiency 1..5, main skill first. */
  skills: { queue: string; level: number }[];
  contract: string;
  hireDate: string;
}

export interface ExamRecord {
  agent: string;
  exam: string;
  date: string;
  score: number;
  passMark: number;
  attempt: number;
}

export interface TrainingRecord {
  agent: string;
  course: string;
  date: string;
  hours: number;
  /** passed, failed, completed or in-progress. */
  result: 'passed' | 'failed' | 'completed' | 'in-progress';
  /** YYYY-MM-DD, or null when the course gives no certificate. */
  certificateExpiry: string | null;
}

export interface SamplePeople {
  agents: SampleAgent[];
  exams: ExamRecord[];
  training: TrainingRecord[];
  /** Headcount per queue (main skill) and the figures behind it. */
  sizing: { queue: string; phoneHoursPerWeek: number; paidHoursPerWeek: number; peakAgents: number; headcount: number }[];
}

// Common surnames with pinyin and relative weights (approximate shares, per mille of the population).
const SURNAMES: [string, string, number][] = [
  ['王', 'Wang', 71], ['李', 'Li', 70], ['张', 'Zhang', 64], ['刘', 'Liu', 54], ['陈', 'Chen', 45],
  ['杨', 'Yang', 31], ['黄', 'Huang', 25], ['赵', 'Zhao', 20], ['吴', 'Wu', 20], ['周', 'Zhou', 19],
  ['徐', 'Xu', 13], ['孙', 'Sun', 12], ['马', 'Ma', 12], ['朱', 'Zhu', 11], ['胡', 'Hu', 11],
  ['郭', 'Guo', 10], ['何', 'He', 9], ['林', 'Lin', 9], ['高', 'Gao', 9], ['罗', 'Luo', 8],
  ['郑', 'Zheng', 8], ['梁', 'Liang', 7], ['谢', 'Xie', 6], ['宋', 'Song', 6], ['唐', 'Tang', 6],
  ['许', 'Xu', 5], ['韩', 'Han', 5], ['邓', 'Deng', 5], ['冯', 'Feng', 5], ['曹', 'Cao', 5],
  ['彭', 'Peng', 4], ['曾', 'Zeng', 4], ['肖', 'Xiao', 4], ['田', 'Tian', 4], ['董', 'Dong', 4],
  ['潘', 'Pan', 3], ['袁', 'Yuan', 3], ['蔡', 'Cai', 3], ['蒋', 'Jiang', 3], ['余', 'Yu', 3],
  ['于', 'Yu', 3], ['杜', 'Du', 3], ['叶', 'Ye', 3], ['程', 'Cheng', 3], ['魏', 'Wei', 3],
  ['苏', 'Su', 3], ['吕', 'Lü', 3], ['丁', 'Ding', 2], ['任', 'Ren', 2], ['沈', 'Shen', 2],
];

// Given-name characters with pinyin, by the gender they are usual for, and neutral ones.
const GIVEN_F: [string, string][] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'],
  ['秀', 'xiu'], ['霞', 'xia'], ['萍', 'ping'], ['红', 'hong'], ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'],
  ['怡', 'yi'], ['颖', 'ying'], ['燕', 'yan'], ['慧', 'hui'], ['倩', 'qian'], ['雯', 'wen'], ['欣', 'xin'],
];
const GIVEN_M: [string, string][] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['超', 'chao'], ['刚', 'gang'], ['建', 'jian'], ['辉', 'hui'], ['浩', 'hao'], ['鹏', 'peng'], ['飞', 'fei'],
  ['波', 'bo'], ['宇', 'yu'], ['轩', 'xuan'], ['斌', 'bin'], ['峰', 'feng'], ['亮', 'liang'], ['凯', 'kai'],
];
const GIVEN_N: [string, string][] = [
  ['明', 'ming'], ['华', 'hua'], ['平', 'ping'], ['文', 'wen'], ['晨', 'chen'], ['佳', 'jia'], ['思', 'si'],
  ['子', 'zi'], ['嘉', 'jia'], ['晓', 'xiao'], ['海', 'hai'], ['宁', 'ning'], ['一', 'yi'], ['雨', 'yu'],
];

const TEAM_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.int(list.length)];
}

function pickWeighted(rng: Rng, list: readonly [string, string, number][]): [string, string, number] {
  const total = list.reduce((a, x) => a + x[2], 0);
  let u = rng.next() * total;
  for (const x of list) {
    u -= x[2];
    if (u < 0) return x;
  }
  return list[list.length - 1];
}

function personName(rng: Rng, used: Set<string>): { name: string; pinyin: string } {
  for (;;) {
    const [s, sp] = pickWeighted(rng, SURNAMES);
    const own = rng.next() < 0.6 ? GIVEN_F : GIVEN_M; // contact-centre floors are mostly women
    const two = rng.next() < 0.7;
    // two characters: a neutral one first (晓燕, 佳琳) or two of the same set (丽娟, 建军)
    const g1 = two && rng.next() < 0.5 ? pick(rng, GIVEN_N) : pick(rng, own);
    const g2 = two ? pick(rng, own) : null;
    if (g2 && g2[0] === g1[0]) continue;
    const name = s + g1[0] + (g2 ? g2[0] : '');
    if (used.has(name)) continue;
    used.add(name);
    const given = g1[1] + (g2 ? g2[1] : '');
    return { name, pinyin: `${sp} ${given[0].toUpperCase()}${given.slice(1)}` };
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Builds the sample's agents, exam and training records (see the module comment). */
export function generatePeople(spec: SampleSpec & { workforce?: WorkforceSpec }, sample: SampleData): SamplePeople {
  const wf = spec.workforce ?? {};
  const shrinkage = wf.shrinkage ?? 0.3;
  const ptShare = wf.partTimeShare ?? 0.15;
  const contracts = wf.contracts ?? { fullTime: { id: 'full-time', hours: 40 }, partTime: { id: 'part-time', hours: 24 } };
  const meanHours = ((1 - ptShare) * contracts.fullTime.hours + ptShare * contracts.partTime.hours) * (wf.rosterEfficiency ?? 1);
  const teamSize = wf.teamSize ?? 12;
  const crossSkill = wf.crossSkill ?? 0.3;
  const start = DateTime.fromISO(spec.startDate, { zone: 'UTC' });
  const end = start.plus({ days: spec.days - 1 }); // last day of the sample: records are up to it
  const hireFrom = wf.hireFrom ? DateTime.fromISO(wf.hireFrom, { zone: 'UTC' }) : start.minus({ years: 4 });
  const rng = new Rng(deriveSeed(spec.seed, 2000));
  const usedNames = new Set<string>();
  const qNames = spec.queues.map((q) => q.name);
  const intervalHours = sample.intervalSeconds / 3600;

  const sizing = sample.queues.map((q) => {
    const phone = (q.agents.reduce((a, b) => a + b, 0) * intervalHours) / (spec.days / 7);
    const paid = phone / (1 - shrinkage);
    const peak = Math.max(0, ...q.agents);
    return { queue: q.name, phoneHoursPerWeek: phone, paidHoursPerWeek: paid, peakAgents: peak, headcount: Math.max(Math.ceil(paid / meanHours), peak) };
  });

  const agents: SampleAgent[] = [];
  const exams: ExamRecord[] = [];
  const training: TrainingRecord[] = [];
  const daySpan = Math.floor(end.diff(hireFrom, 'days').days);
  const iso = (d: DateTime) => d.toISODate()!;

  sizing.forEach((sz, qi) => {
    const qSpec = wf.queues?.[sz.queue] ?? {};
    const stem = qSpec.teamName ?? sz.queue;
    const teams = Math.max(1, Math.round(sz.headcount / teamSize));
    const supervisors = Array.from({ length: teams }, () => personName(rng, usedNames).name);
    for (let k = 0; k < sz.headcount; k++) {
      const { name, pinyin } = personName(rng, usedNames);
      // tenure: a mix of long-serving agents and recent hires (hire dates skewed to the recent past)
      const u = rng.next();
      // agents the sample's queue_log uses (k < peak) were hired a month before it starts
      const minBack = k < sz.peakAgents ? spec.days + 30 : 20;
      const back = Math.floor(-Math.log(1 - u) * daySpan * 0.35) + minBack;
      const hire = end.minus({ days: back <= daySpan ? back : minBack + rng.int(daySpan - minBack) });
      const months = end.diff(hire, 'months').months;
      let level = months < 3 ? 2 : months < 12 ? 3 : months < 36 ? 4 : 5;
      if (months >= 3 && rng.next() < 0.2) level = clamp(level + (rng.next() < 0.5 ? -1 : 1), 2, 5);
      const skills = [{ queue: sz.queue, level }];
      if (months >= 6 && rng.next() < crossSkill && qNames.length > 1) {
        const others = qNames.filter((x) => x !== sz.queue);
        skills.push({ queue: others[rng.int(others.length)], level: Math.max(1, level - 2) });
      }
      const team = Math.min(teams - 1, Math.floor((k * teams) / sz.headcount));
      const agent: SampleAgent = {
        id: `Agent/${qi + 1}${String(k + 1).padStart(4, '0')}`,
        name,
        namePinyin: pinyin,
        team: `${stem}${TEAM_NUMBERS[team] ?? String(team + 1)}组`,
        supervisor: supervisors[team],
        skills,
        contract: rng.next() < ptShare ? contracts.partTime.id : contracts.fullTime.id,
        hireDate: iso(hire),
      };
      agents.push(agent);

      // training: onboarding at hire (still running for hires of the last 4 weeks)
      const recent = end.diff(hire, 'days').days < 28;
      training.push({ agent: agent.id, course: '新员工入职培训', date: iso(hire), hours: 80, result: recent ? 'in-progress' : 'passed', certificateExpiry: null });
      // annual personal-information-protection course: last taken some time in the past 15 months
      if (!recent) {
        const taken = DateTime.max(hire.plus({ days: 14 }), end.minus({ days: rng.int(450) }));
        if (taken <= end) {
          training.push({ agent: agent.id, course: '个人信息保护合规培训', date: iso(taken), hours: 4, result: 'passed', certificateExpiry: iso(taken.plus({ years: 1 })) });
        }
      }
      // per-skill courses of the spec
      for (const s of skills) {
        for (const c of wf.queues?.[s.queue]?.courses ?? []) {
          const d = DateTime.fromISO(c.date, { zone: 'UTC' });
          if (d < hire || d > end) continue;
          const fail = rng.next() < 0.04;
          training.push({ agent: agent.id, course: c.name, date: c.date, hours: c.hours, result: fail ? 'failed' : c.validMonths ? 'passed' : 'completed', certificateExpiry: c.validMonths && !fail ? iso(d.plus({ months: c.validMonths })) : null });
        }
      }
      // certification exam per skill, one month after hire (or after cross-training)
      skills.forEach((s, si) => {
        const e = wf.queues?.[s.queue];
        if (!e?.exam) return;
        const passMark = e.passMark ?? 80;
        let date = si === 0 ? hire.plus({ days: 30 }) : end.minus({ days: 30 + rng.int(Math.max(1, Math.floor(months * 30) - 60)) });
        if (date > end) return;
        let attempt = 1;
        let score = Math.round(clamp(82 + 9 * standardNormal(rng), 40, 100));
        exams.push({ agent: agent.id, exam: e.exam, date: iso(date), score, passMark, attempt });
        while (score < passMark && attempt < 3) {
          date = date.plus({ days: 14 });
          if (date > end) break;
          attempt++;
          score = Math.round(clamp(score + 8 + 6 * standardNormal(rng), 40, 100));
          exams.push({ agent: agent.id, exam: e.exam, date: iso(date), score, passMark, attempt });
        }
      });
      // quarterly service-standard exam, for quarters that ended inside the last year
      for (let qEnd = end.startOf('quarter').minus({ days: 1 }); qEnd > end.minus({ years: 1 }); qEnd = qEnd.startOf('quarter').minus({ days: 1 })) {
        const date = qEnd.minus({ days: 7 + rng.int(7) });
        if (date < hire.plus({ days: 30 })) continue;
        const score = Math.round(clamp(84 + 7 * standardNormal(rng), 40, 100));
        exams.push({ agent: agent.id, exam: `服务规范季度考试 ${qEnd.year}Q${qEnd.quarter}`, date: iso(date), score, passMark: 70, attempt: 1 });
      }
    }
  });
  const byDate = <T extends { date: string; agent: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0);
  exams.sort(byDate);
  training.sort(byDate);
  return { agents, exams, training, sizing };
}
