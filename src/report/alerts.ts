/**
 * KPI alerts (`wfm alerts check`, and the alerts section of `wfm report daily`). Pure: rules text or
 * objects and the day's report figures in; alerts out (messages as catalogue keys).
 *
 * Rules (YAML or JSON, `rules:` list; data/alert-rules.yaml holds the defaults). Each entry has a
 * `rule`, optionally `queues: [..]` (an entry naming a queue replaces the entries without `queues`
 * of the same rule for that queue), and its thresholds. Shares may be written 0.8 or "80%".
 * - service_level_below {threshold, seconds}: the queue's service level over the day (answered within
 *   `seconds` / (offered - short abandons), the `report sla` definitions) below threshold; without
 *   them, the queue's own target and threshold (wfm.yaml `sla`, else 80/20)
 * - abandon_rate_above {threshold}: the day's abandon rate (`report sla`) above threshold
 * - aht_outside {min, max}: the day's AHT (seconds) below min or above max
 * - understaffed {threshold}: an interval with required - staffed agents above threshold
 *   (`report staffing`: staffed = logged-in, else scheduled)
 * - forecast_error_above {threshold}: the day's WAPE of the queue's forecast above threshold
 * - agent_aht_outlier / agent_pause_outlier {threshold}: |robust z| of the agent's AHT / pause share
 *   against the team above threshold (report/agents.ts)
 * - exam_failed: an agent's latest sitting of an exam, dated in the period, failed
 * - certificate_expiring {withinDays}: a certificate a skill requires expires within withinDays
 * An alert: {rule, queue, agent, intervalStart, value, threshold, message}; null where not applicable.
 */
import { parse as parseYaml } from 'yaml';
import type { Message } from '../errors.js';
import type { SlaRow } from './sla.js';
import type { ForecastAccuracyRow, StaffingRow } from './staffing.js';
import type { AgentOutlier } from './agents.js';
import type { ExamFindingRow } from './exams.js';
import type { CertificateRow } from './training.js';

export const RULE_KINDS = [
  'service_level_below',
  'abandon_rate_above',
  'aht_outside',
  'understaffed',
  'forecast_error_above',
  'agent_aht_outlier',
  'agent_pause_outlier',
  'exam_failed',
  'certificate_expiring',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface AlertRule {
  rule: RuleKind;
  queues: string[] | null;
  threshold: number | null;
  seconds: number | null;
  min: number | null;
  max: number | null;
  withinDays: number | null;
}

export interface Alert {
  rule: RuleKind;
  queue: string | null;
  agent: string | null;
  intervalStart: string | null;
  value: number | null;
  threshold: number | null;
  message: Message;
}

export interface RulesProblem {
  /** 1-based index of the rule entry (0: the file as a whole). */
  entry: number;
  reason: Message;
}

const SHARE_RULES: RuleKind[] = ['service_level_below', 'abandon_rate_above', 'forecast_error_above'];

function share(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 1 ? v / 100 : v;
  if (typeof v === 'string') {
    const s = v.trim();
    const pct = s.endsWith('%');
    const n = Number(pct ? s.slice(0, -1) : s);
    if (!Number.isFinite(n) || s === '' || s === '%') return undefined;
    return pct || n > 1 ? n / 100 : n;
  }
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Parse and check a rules file (YAML, which includes JSON). Returns the rules or the first problem. */
export function parseRules(text: string): AlertRule[] | RulesProblem {
  let doc: unknown;
  try {
    doc = parseYaml(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { entry: 0, reason: { key: 'alerts.err.syntax', params: { message: (err as Error).message.split('\n')[0].slice(0, 100) } } };
  }
  const list = Array.isArray(doc) ? doc : (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(list)) return { entry: 0, reason: { key: 'alerts.err.noRules' } };
  const rules: AlertRule[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as Record<string, unknown>;
    const entry = i + 1;
    const bad = (field: string, value: unknown): RulesProblem => ({ entry, reason: { key: 'alerts.err.field', params: { field, value: String(value).slice(0, 40) } } });
    if (!e || typeof e !== 'object') return bad('rule', e);
    const kind = String(e.rule ?? '').trim() as RuleKind;
    if (!RULE_KINDS.includes(kind)) return { entry, reason: { key: 'alerts.err.unknownRule', params: { value: String(e.rule ?? '').slice(0, 40), rules: RULE_KINDS.join(', ') } } };
    let queues: string[] | null = null;
    const q = e.queues ?? e.queue;
    if (q !== undefined && q !== null) {
      queues = (Array.isArray(q) ? q : String(q).split(',')).map((x) => String(x).trim()).filter(Boolean);
      if (!queues.length) return bad('queues', q);
    }
    const r: AlertRule = { rule: kind, queues, threshold: null, seconds: null, min: null, max: null, withinDays: null };
    if (kind === 'service_level_below' && e.threshold === undefined) {
      // no threshold: each queue's own target (wfm.yaml, else 80%)
    } else if (SHARE_RULES.includes(kind)) {
      const s = share(e.threshold);
      if (s === undefined || s < 0 || s > 1) return bad('threshold', e.threshold);
      r.threshold = s;
    } else if (['understaffed', 'agent_aht_outlier', 'agent_pause_outlier'].includes(kind)) {
      const n = num(e.threshold);
      if (n === undefined || n < 0) return bad('threshold', e.threshold);
      r.threshold = n;
    }
    if (kind === 'service_level_below' && e.seconds !== undefined) {
      // no seconds: each queue's own threshold (the report's)
      const s = num(e.seconds);
      if (s === undefined || s < 0) return bad('seconds', e.seconds);
      r.seconds = s;
    }
    if (kind === 'aht_outside') {
      const min = e.min === undefined ? null : num(e.min);
      const max = e.max === undefined ? null : num(e.max);
      if (min === undefined) return bad('min', e.min);
      if (max === undefined) return bad('max', e.max);
      if (min === null && max === null) return bad('max', '');
      if (min !== null && max !== null && min > max) return bad('min', e.min);
      r.min = min;
      r.max = max;
    }
    if (kind === 'certificate_expiring') {
      const d = num(e.within_days ?? e.withinDays ?? 30);
      if (d === undefined || d < 0) return bad('within_days', e.within_days);
      r.withinDays = d;
    }
    rules.push(r);
  }
  return rules;
}

/** The rules of one kind that apply to `queue` (entries naming it replace the generic ones). */
export function rulesFor(rules: readonly AlertRule[], kind: RuleKind, queue: string | null): AlertRule[] {
  const ofKind = rules.filter((r) => r.rule === kind);
  if (queue !== null) {
    const specific = ofKind.filter((r) => r.queues?.includes(queue));
    if (specific.length) return specific;
  }
  return ofKind.filter((r) => r.queues === null);
}

export interface AlertInputs {
  /** Day total rows of `report sla` for a service-level threshold in seconds (null: each queue's own, as the report counts). */
  slaTotals: (seconds: number | null) => readonly SlaRow[];
  /** A queue's service-level target and the threshold its report counts with, for rules that give none. */
  queueSla: (queue: string) => { target: number; seconds: number };
  /** Interval rows (and totals) of `report staffing`; null when not computed. */
  staffing: readonly StaffingRow[] | null;
  forecastAccuracy: readonly ForecastAccuracyRow[] | null;
  /** Agent outliers at the lowest threshold any outlier rule uses (filtered again per rule). */
  outliers: readonly AgentOutlier[];
  examFindings: readonly ExamFindingRow[];
  certificates: readonly CertificateRow[];
}

/** The lowest outlier threshold among the rules (what `agentOutliers` must be called with), or null. */
export function outlierThreshold(rules: readonly AlertRule[]): number | null {
  const t = rules.filter((r) => r.rule === 'agent_aht_outlier' || r.rule === 'agent_pause_outlier').map((r) => r.threshold!);
  return t.length ? Math.min(...t) : null;
}

/** Evaluate the rules; alerts in rule order, then queue, interval, agent. */
export function evaluateAlerts(rules: readonly AlertRule[], inp: AlertInputs): Alert[] {
  const out: Alert[] = [];
  const push = (a: Omit<Alert, 'message'>, key: Message['key'], params: Message['params']) =>
    out.push({ ...a, message: { key, params } });
  const pct = (v: number) => (v * 100).toFixed(1);

  const base = inp.slaTotals(null);
  const totals = new Map<number | null, readonly SlaRow[]>([[null, base]]);
  const totalsAt = (seconds: number | null) => {
    let t = totals.get(seconds);
    if (!t) totals.set(seconds, (t = inp.slaTotals(seconds)));
    return t;
  };
  for (const row of base) {
    if (row.intervalStart !== null) continue;
    const q = row.queue;
    for (const r of rulesFor(rules, 'service_level_below', q)) {
      const own = inp.queueSla(q);
      const threshold = r.threshold ?? own.target;
      const t = totalsAt(r.seconds).find((x) => x.queue === q && x.intervalStart === null);
      const v = t?.serviceLevel ?? null;
      if (v !== null && v < threshold) {
        push({ rule: r.rule, queue: q, agent: null, intervalStart: null, value: v, threshold }, 'alerts.msg.serviceLevel', { queue: q, value: pct(v), threshold: pct(threshold), seconds: r.seconds ?? own.seconds });
      }
    }
    for (const r of rulesFor(rules, 'abandon_rate_above', q)) {
      const v = row.abandonRate;
      if (v !== null && v > r.threshold!) {
        push({ rule: r.rule, queue: q, agent: null, intervalStart: null, value: v, threshold: r.threshold }, 'alerts.msg.abandonRate', { queue: q, value: pct(v), threshold: pct(r.threshold!) });
      }
    }
    for (const r of rulesFor(rules, 'aht_outside', q)) {
      const v = row.ahtSeconds;
      if (v === null) continue;
      if (r.min !== null && v < r.min) push({ rule: r.rule, queue: q, agent: null, intervalStart: null, value: v, threshold: r.min }, 'alerts.msg.ahtLow', { queue: q, value: v.toFixed(0), threshold: r.min });
      else if (r.max !== null && v > r.max) push({ rule: r.rule, queue: q, agent: null, intervalStart: null, value: v, threshold: r.max }, 'alerts.msg.ahtHigh', { queue: q, value: v.toFixed(0), threshold: r.max });
    }
  }
  for (const row of inp.staffing ?? []) {
    if (row.intervalStart === null || row.gap === null) continue;
    for (const r of rulesFor(rules, 'understaffed', row.queue)) {
      const short = -row.gap;
      if (short > r.threshold!) {
        push({ rule: r.rule, queue: row.queue, agent: null, intervalStart: row.intervalStart, value: short, threshold: r.threshold }, 'alerts.msg.understaffed', { queue: row.queue, interval: row.intervalStart, value: short.toFixed(1), threshold: r.threshold! });
      }
    }
  }
  for (const row of inp.forecastAccuracy ?? []) {
    for (const r of rulesFor(rules, 'forecast_error_above', row.queue)) {
      if (row.wape !== null && row.wape > r.threshold!) {
        push({ rule: r.rule, queue: row.queue, agent: null, intervalStart: null, value: row.wape, threshold: r.threshold }, 'alerts.msg.forecastError', { queue: row.queue, value: pct(row.wape), threshold: pct(r.threshold!) });
      }
    }
  }
  for (const kind of ['agent_aht_outlier', 'agent_pause_outlier'] as const) {
    const metric = kind === 'agent_aht_outlier' ? 'aht' : 'pauseShare';
    for (const o of inp.outliers) {
      if (o.metric !== metric) continue;
      for (const r of rulesFor(rules, kind, null)) {
        if (Math.abs(o.z) > r.threshold!) {
          const shown = metric === 'aht' ? o.value.toFixed(0) : pct(o.value);
          const med = metric === 'aht' ? o.median.toFixed(0) : pct(o.median);
          push({ rule: kind, queue: null, agent: o.agent, intervalStart: null, value: o.z, threshold: r.threshold }, `alerts.msg.${metric}Outlier`, { agent: o.agent, value: shown, median: med, z: o.z.toFixed(1) });
        }
      }
    }
  }
  for (const r of rulesFor(rules, 'exam_failed', null)) {
    for (const f of inp.examFindings) {
      if (f.status !== 'failed') continue;
      push({ rule: r.rule, queue: null, agent: f.agent, intervalStart: null, value: f.lastScore, threshold: f.passMark }, 'alerts.msg.examFailed', { agent: f.agent, exam: f.exam, score: f.lastScore ?? '', passMark: f.passMark ?? '' });
    }
  }
  for (const r of rulesFor(rules, 'certificate_expiring', null)) {
    for (const c of inp.certificates) {
      if (!c.skills || c.daysLeft > r.withinDays!) continue;
      push({ rule: r.rule, queue: null, agent: c.agent, intervalStart: null, value: c.daysLeft, threshold: r.withinDays }, c.status === 'expired' ? 'alerts.msg.certificateExpired' : 'alerts.msg.certificateExpiring', { agent: c.agent, course: c.course, expiry: c.expiry, days: c.daysLeft, skills: c.skills });
    }
  }
  return out;
}
