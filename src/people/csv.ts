/**
 * CSV readers for people data, one line at a time (the same shape as the volume reader, so the
 * import command streams them). Pure: fields in, a record, `undefined` (header) or a rejection out.
 *
 * Every file has a header row. Columns are matched case-insensitively against aliases (English and
 * Chinese), or named with `--map FILE` (`field = column`). Unknown/blank optional values are null.
 *
 * - agents: id (agent, agent_id, 工号), name, team, supervisor, skills (`billing:3;fault` - skill with
 *   an optional proficiency, separated by `;` or `|`), contract (full/part, 全职/兼职), min_hours,
 *   max_hours (weekly), hire_date.
 * - exams: agent, exam, date, score, pass_mark, attempt, result (pass/fail; else score >= pass mark).
 * - training: agent, course, date, hours, result, expiry (the certificate's last valid day).
 * - skills: skill, exam (a passed exam it requires), certificate (a course whose certificate must
 *   be valid).
 * Dates: YYYY-MM-DD (or YYYY/MM/DD; a time after the date is ignored).
 *
 * Plausible values (a value outside is a rejected line naming the field and the range):
 * - weekly hours (min_hours, max_hours) 0..168: the hours of a week;
 * - exam score and pass_mark 0..100: scores are percentages (the exams report bands them <60 .. >=90);
 * - attempt 1..100: no one sits one exam a hundred times;
 * - training hours 0..2000 per record: more than a working year (about 2,000 h) is not one course;
 * - skill proficiency 0..100: covers the 1-5 and 1-10 scales and percentages;
 * - dates from 1950-01-01 (the start of any career still running) to a year after today (sittings,
 *   courses and hires are planned ahead, not decades ahead: 2062 for 2026 is a typo); a certificate's
 *   expiry up to 100 years after today, and 9999-12-31, the "no end date" of HR systems, is read as
 *   no expiry (blank).
 * Names (id, name, team, supervisor, skills, agent, exam, course, certificate, a training result
 * as written) may not hold control characters (C0 with tab and line ends, DEL, C1): the line is
 * rejected. The file is the site's own export, so a control character means a broken file, and the
 * rejection says where to fix it.
 */
import { badName } from '../cdr/limits.js';
import type { LineRejection } from '../cdr/types.js';
import type { Message } from '../errors.js';
import type { AgentRecord, AgentSkill, ContractType, ExamRecord, SkillRequirement, TrainingRecord } from './types.js';

export type PeopleKind = 'agents' | 'exams' | 'training' | 'skills';

/** Column aliases per field (lower case); the first alias found in the header wins. */
export const PEOPLE_COLUMNS: Record<PeopleKind, Record<string, readonly string[]>> = {
  agents: {
    id: ['id', 'agent', 'agent_id', 'agentid', 'member', '工号', '坐席'],
    name: ['name', 'agent_name', '姓名'],
    team: ['team', 'group', '班组', '团队'],
    supervisor: ['supervisor', 'team_leader', 'leader', '主管', '组长'],
    skills: ['skills', 'skill', '技能'],
    contract: ['contract', 'contract_type', 'employment', '合同', '用工类型'],
    min_hours: ['min_hours', 'min_weekly_hours', 'minhours', '最少周工时'],
    max_hours: ['max_hours', 'max_weekly_hours', 'maxhours', '最多周工时'],
    hire_date: ['hire_date', 'hired', 'start_date', '入职日期'],
  },
  exams: {
    agent: ['agent', 'agent_id', 'id', '工号'],
    exam: ['exam', 'exam_name', 'test', '考试'],
    date: ['date', 'exam_date', '日期', '考试日期'],
    score: ['score', 'mark', '成绩', '分数'],
    pass_mark: ['pass_mark', 'passmark', 'pass_score', '及格线', '合格线'],
    attempt: ['attempt', 'try', '次数', '第几次'],
    result: ['result', 'passed', '结果'],
  },
  training: {
    agent: ['agent', 'agent_id', 'id', '工号'],
    course: ['course', 'training', 'course_name', '课程'],
    date: ['date', 'training_date', '日期', '培训日期'],
    hours: ['hours', 'duration_hours', '学时', '时长'],
    result: ['result', 'status', '结果'],
    expiry: ['expiry', 'certificate_expiry', 'cert_expiry', 'expires', 'valid_until', '证书到期', '有效期至'],
  },
  skills: {
    skill: ['skill', 'queue', '技能'],
    exam: ['exam', 'requires_exam', 'required_exam', '考试'],
    certificate: ['certificate', 'requires_certificate', 'course', '证书'],
  },
};

const REQUIRED: Record<PeopleKind, readonly string[]> = {
  agents: ['id'],
  exams: ['agent', 'exam', 'date'],
  training: ['agent', 'course', 'date'],
  skills: ['skill'],
};

type Rej = LineRejection;
const rej = (field: string, key: Message['key'], params: Message['params'] = {}): Rej => ({ field, reason: { key, params } });

/**
 * A calendar date "YYYY-MM-DD" from "YYYY-MM-DD", "YYYY/M/D" or "YYYY.MM.DD" (an optional time after
 * it is ignored); undefined when it is not a real date.
 */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const NUMBER = /^\d+(\.\d+)?$/;

/** Pass/fail words in English and Chinese; undefined for anything else. */
export function parsePassFail(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  if (['pass', 'passed', 'p', 'yes', 'y', 'true', '1', 'ok', '通过', '合格', '及格'].includes(v)) return true;
  if (['fail', 'failed', 'f', 'no', 'n', 'false', '0', '未通过', '不合格', '不及格'].includes(v)) return false;
  return undefined;
}

/** Skills "billing:3;fault;vip：2" -> [{billing,3},{fault,null},{vip,2}]; a rejection for bad text. */
export function parseSkills(text: string): AgentSkill[] | Rej {
  const out: AgentSkill[] = [];
  const seen = new Set<string>();
  for (const part of text.split(/[;|；、]/)) {
    const s = part.trim();
    if (!s) continue;
    const m = /^([^:：=]+?)\s*(?:[:：=]\s*(\d+(?:\.\d+)?))?$/.exec(s);
    if (!m) return rej('skills', 'people.reject.badSkills', { value: s.slice(0, 40) });
    const skill = m[1].trim();
    if (m[2] !== undefined && !(Number(m[2]) <= PEOPLE_LIMITS.proficiency)) {
      return rej('skills', 'people.reject.range', { value: s.slice(0, 40), min: 0, max: PEOPLE_LIMITS.proficiency });
    }
    if (seen.has(skill)) continue;
    seen.add(skill);
    out.push({ skill, proficiency: m[2] === undefined ? null : Number(m[2]) });
  }
  return out;
}

function parseContract(text: string): ContractType | null | undefined {
  const v = text.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (v === '') return null;
  if (['full', 'fulltime', 'ft', '全职', '全日制'].includes(v)) return 'full';
  if (['part', 'parttime', 'pt', '兼职', '非全日制'].includes(v)) return 'part';
  return undefined;
}

export interface PeopleReaderOptions {
  /** field -> column header (lower case), from `--map FILE`. */
  map?: Record<string, string>;
  /** "Now" (epoch ms), for the latest plausible date; default: no upper bound but 9999-12-31. */
  nowMs?: number;
}

/** Plausible ranges of the numeric fields (see the module comment for the reasons). */
export const PEOPLE_LIMITS = {
  weeklyHours: 168,
  score: 100,
  attempt: 100,
  trainingHours: 2000,
  proficiency: 100,
  earliestDate: '1950-01-01',
  /** Days after today a sitting, course or hire may be dated. */
  aheadDays: 366,
  /** Years after today a certificate may expire. */
  expiryYears: 100,
  noExpiry: '9999-12-31',
} as const;

/** The date `days` after `ms` (UTC), YYYY-MM-DD. */
function dayAfter(ms: number, days: number): string {
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Reads one kind of people CSV. `line` takes the raw text and its split fields: the first call is
 * the header; later calls return a record or a rejection naming the field.
 */
export class PeopleCsvReader<K extends PeopleKind> {
  private index: Record<string, number> | undefined;
  private header: string[] | undefined;
  private readonly latest: string;
  private readonly latestExpiry: string;
  constructor(
    readonly kind: K,
    private readonly opts: PeopleReaderOptions = {},
  ) {
    const now = opts.nowMs;
    this.latest = now === undefined ? '9999-12-30' : dayAfter(now, PEOPLE_LIMITS.aheadDays);
    this.latestExpiry = now === undefined ? '9999-12-30' : `${new Date(now).getUTCFullYear() + PEOPLE_LIMITS.expiryYears}-12-31`;
  }

  /** The field (or, for a column no field reads, the header) at a 0-based column index, for messages. */
  columnName(index: number): string | undefined {
    const field = this.index && Object.keys(this.index).find((k) => this.index![k] === index);
    return field ?? this.header?.[index];
  }

  line(text: string, f: string[], _line: number): PeopleRecordOf<K> | undefined | Rej {
    if (text.includes('\uFFFD')) return { reason: { key: 'import.reject.encoding' } };
    if (!this.index) {
      const header = f.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ''));
      this.header = header;
      const index: Record<string, number> = {};
      for (const [field, aliases] of Object.entries(PEOPLE_COLUMNS[this.kind])) {
        const wanted = this.opts.map?.[field] ? [this.opts.map[field]] : aliases;
        const i = header.findIndex((h) => wanted.includes(h));
        if (i >= 0) index[field] = i;
      }
      const missing = REQUIRED[this.kind].filter((k) => index[k] === undefined);
      if (missing.length) return { reason: { key: 'input.missingColumn', params: { columns: missing.join(', ') } } };
      this.index = index;
      return undefined;
    }
    const idx = this.index;
    const get = (k: string) => (idx[k] === undefined ? '' : (f[idx[k]] ?? '').trim());
    for (const k of REQUIRED[this.kind]) if (get(k) === '') return rej(k, 'import.reject.missing', { field: k });
    const opt = (k: string) => get(k) || null;
    const num = (k: string, min: number, max: number): number | null | Rej => {
      const v = get(k);
      if (v === '') return null;
      if (!NUMBER.test(v)) return rej(k, 'people.reject.badNumber', { value: v.slice(0, 40) });
      const n = Number(v);
      if (!(n >= min && n <= max)) return rej(k, 'people.reject.range', { value: v.slice(0, 40), min, max });
      return n;
    };
    const date = (k: string, latest = this.latest): string | null | Rej => {
      const v = get(k);
      if (v === '') return null;
      const d = parseDate(v);
      if (d === undefined) return rej(k, 'people.reject.badDate', { value: v.slice(0, 40) });
      if (d < PEOPLE_LIMITS.earliestDate || d > latest) return rej(k, 'people.reject.dateRange', { value: d, min: PEOPLE_LIMITS.earliestDate, max: latest });
      return d;
    };
    const isRej = (v: unknown): v is Rej => typeof v === 'object' && v !== null && 'reason' in v;
    // names: a control character rejects the line
    const NAMES: Record<PeopleKind, readonly string[]> = {
      agents: ['id', 'name', 'team', 'supervisor', 'skills'],
      exams: ['agent', 'exam'],
      training: ['agent', 'course', 'result'],
      skills: ['skill', 'exam', 'certificate'],
    };
    for (const k of NAMES[this.kind]) {
      const bad = badName(get(k), k);
      if (bad) return bad;
    }

    switch (this.kind) {
      case 'agents': {
        const skills = parseSkills(get('skills'));
        if (isRej(skills)) return skills;
        const contract = parseContract(get('contract'));
        if (contract === undefined) return rej('contract', 'people.reject.badContract', { value: get('contract').slice(0, 40) });
        const min = num('min_hours', 0, Infinity);
        if (isRej(min)) return min;
        const max = num('max_hours', 0, Infinity);
        if (isRej(max)) return max;
        if (min !== null && min > PEOPLE_LIMITS.weeklyHours) return rej('min_hours', 'people.reject.hoursWeek', { value: get('min_hours').slice(0, 40) });
        if (max !== null && max > PEOPLE_LIMITS.weeklyHours) return rej('max_hours', 'people.reject.hoursWeek', { value: get('max_hours').slice(0, 40) });
        if (min !== null && max !== null && min > max) return rej('min_hours', 'people.reject.hoursOrder', { min, max });
        const hire = date('hire_date');
        if (isRej(hire)) return hire;
        const rec: AgentRecord = {
          id: get('id'),
          name: opt('name'),
          team: opt('team'),
          supervisor: opt('supervisor'),
          skills,
          contract,
          minWeeklyHours: min,
          maxWeeklyHours: max,
          hireDate: hire,
        };
        return rec as PeopleRecordOf<K>;
      }
      case 'exams': {
        const d = date('date');
        if (isRej(d)) return d;
        const score = num('score', 0, PEOPLE_LIMITS.score);
        if (isRej(score)) return score;
        const passMark = num('pass_mark', 0, PEOPLE_LIMITS.score);
        if (isRej(passMark)) return passMark;
        const attemptText = get('attempt');
        let attempt: number | null = null;
        if (attemptText !== '') {
          if (!/^\d+$/.test(attemptText) || Number(attemptText) < 1) return rej('attempt', 'people.reject.badAttempt', { value: attemptText.slice(0, 40) });
          attempt = Number(attemptText);
          if (attempt > PEOPLE_LIMITS.attempt) return rej('attempt', 'people.reject.range', { value: attemptText.slice(0, 40), min: 1, max: PEOPLE_LIMITS.attempt });
        }
        const resultText = get('result');
        let passed: boolean | null = null;
        if (resultText !== '') {
          const p = parsePassFail(resultText);
          if (p === undefined) return rej('result', 'people.reject.badResult', { value: resultText.slice(0, 40) });
          passed = p;
        } else if (score !== null && passMark !== null) passed = score >= passMark;
        const rec: ExamRecord = { agent: get('agent'), exam: get('exam'), date: d!, score, passMark, attempt, passed };
        return rec as PeopleRecordOf<K>;
      }
      case 'training': {
        const d = date('date');
        if (isRej(d)) return d;
        const hours = num('hours', 0, PEOPLE_LIMITS.trainingHours);
        if (isRej(hours)) return hours;
        // 9999-12-31 is the HR systems' "no end date": the same as a blank expiry (never expires)
        const noEnd = parseDate(get('expiry')) === PEOPLE_LIMITS.noExpiry;
        const expiry = noEnd ? null : date('expiry', this.latestExpiry);
        if (isRej(expiry)) return expiry;
        if (expiry !== null && expiry < d!) return rej('expiry', 'people.reject.expiryBefore', { value: expiry });
        const r = get('result');
        const p = r === '' ? undefined : parsePassFail(r);
        const rec: TrainingRecord = {
          agent: get('agent'),
          course: get('course'),
          date: d!,
          hours,
          result: r === '' ? null : p === undefined ? r : p ? 'pass' : 'fail',
          certificateExpiry: expiry,
        };
        return rec as PeopleRecordOf<K>;
      }
      case 'skills': {
        const rec: SkillRequirement = { skill: get('skill'), exam: opt('exam'), certificate: opt('certificate') };
        return rec as PeopleRecordOf<K>;
      }
    }
    return undefined;
  }
}

export type PeopleRecordOf<K extends PeopleKind> = K extends 'agents'
  ? AgentRecord
  : K extends 'exams'
    ? ExamRecord
    : K extends 'training'
      ? TrainingRecord
      : SkillRequirement;
