/**
 * The morning report (`wfm report daily`): one document of the day's SLA per queue (`report sla`),
 * forecast accuracy (WAPE, bias), staffing gaps (`report staffing`), agent outliers (robust z),
 * exam failures and expiring certificates, and the alerts. Pure: the figures in, a `DailyReport` out;
 * renderers for Markdown and CSV here (HTML in html.ts). Text through the catalogue `t`.
 */
import { DateTime } from 'luxon';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';
import { csvField, safeText } from '../format.js';
import type { SlaRow } from './sla.js';
import type { ForecastAccuracyRow, StaffingRow } from './staffing.js';
import type { AgentOutlier } from './agents.js';
import type { ExamFindingRow } from './exams.js';
import type { CertificateRow } from './training.js';
import type { Alert } from './alerts.js';

/** The forecast's origin, as the daily report states it. */
export type DailyForecastSource = { kind: 'file'; name: string } | { kind: 'saved' | 'latest'; name: string; createdMs: number };

/** The sentence naming the report's forecast (empty without one), in `lang`; `zone` dates the save time. */
export function forecastSourceNote(r: Pick<DailyReport, 'forecastSource' | 'zone'>, lang: Lang): string {
  const s = r.forecastSource;
  if (!s) return '';
  if (s.kind === 'file') return t(lang, 'reports.daily.forecastFromFile', { file: s.name });
  const saved = DateTime.fromMillis(s.createdMs, { zone: r.zone }).toFormat('yyyy-MM-dd HH:mm');
  return t(lang, s.kind === 'saved' ? 'reports.daily.forecastSaved' : 'reports.daily.forecastLatest', { name: s.name, saved });
}

/** An alert with its message rendered in the report's language. */
export interface RenderedAlert extends Omit<Alert, 'message'> {
  message: string;
}

export interface DailyReport {
  /** The site, when the run covers several (each gets a report). */
  site?: string;
  /** The report day, YYYY-MM-DD (local). */
  date: string;
  zone: string;
  /** The service-level threshold the queues were counted with (the first queue's when they differ). */
  slThresholdSeconds: number;
  /** Each queue's threshold, present only when the queues' thresholds differ (wfm.yaml targets). */
  slThresholdByQueue?: Record<string, number>;
  /** SLA rows: every queue's intervals and its total row (intervalStart null). */
  sla: SlaRow[];
  /**
   * Where the forecast came from: `file` (--forecast-file), `saved` (--forecast NAME) or `latest` (no
   * option given: the most recently saved forecast covering the day); null without a forecast.
   */
  forecastSource: DailyForecastSource | null;
  forecastAccuracy: ForecastAccuracyRow[] | null;
  /** Staffing rows (intervals and totals). */
  staffing: StaffingRow[];
  outliers: AgentOutlier[];
  examFailures: ExamFindingRow[];
  certificates: CertificateRow[];
  alerts: RenderedAlert[];
}

/** The threshold(s) for the SLA section's title: "20", or "20 (billing), 10 (vip)". */
export function thresholdLabel(r: Pick<DailyReport, 'slThresholdSeconds' | 'slThresholdByQueue'>): string {
  if (!r.slThresholdByQueue) return String(r.slThresholdSeconds);
  return Object.entries(r.slThresholdByQueue)
    .map(([q, sec]) => `${sec} (${q})`)
    .join(', ');
}

/** Render alerts' messages in a language. */
export function renderAlerts(lang: Lang, alerts: readonly Alert[]): RenderedAlert[] {
  return alerts.map((a) => ({ ...a, message: t(lang, a.message.key, a.message.params) }));
}

export const pct = (v: number | null | undefined, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? (v * 100).toFixed(d) + '%' : '');
export const fix = (v: number | null | undefined, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '');

/** Escape a Markdown table cell: control characters (line ends among them) shown by safeText, `|` escaped. */
function cell(s: string): string {
  return safeText(s).replace(/\|/g, '\\|');
}

function mdTable(headers: string[], rows: string[][]): string {
  if (!rows.length) return '';
  const out = ['| ' + headers.map(cell).join(' | ') + ' |', '|' + headers.map(() => ' --- ').join('|') + '|'];
  for (const r of rows) out.push('| ' + r.map(cell).join(' | ') + ' |');
  return out.join('\n') + '\n';
}

/** The day total rows of the SLA section. */
export function slaTotals(r: DailyReport): SlaRow[] {
  return r.sla.filter((x) => x.intervalStart === null);
}

/** The staffing intervals flagged short or over. */
export function staffingGaps(r: DailyReport): StaffingRow[] {
  return r.staffing.filter((x) => x.intervalStart !== null && x.flag !== null);
}

const time = (label: string | null) => (label ? label.slice(11, 16) : '');

/** Markdown of the daily report, in `lang`. */
export function renderDailyMarkdown(r: DailyReport, lang: Lang): string {
  const tr = (k: MessageKey, p?: MessageParams) => t(lang, k, p);
  const none = tr('reports.none');
  const parts: string[] = [];
  parts.push(`# ${r.site !== undefined ? tr('reports.daily.titleSite', { date: r.date, site: r.site }) : tr('reports.daily.title', { date: r.date })}\n`);
  parts.push(tr('reports.daily.subtitle', { zone: r.zone, alerts: r.alerts.length }) + '\n');

  parts.push(`## ${tr('reports.daily.alerts')}\n`);
  parts.push(r.alerts.length ? r.alerts.map((a) => `- **${safeText(a.rule)}** ${safeText(a.message)}`).join('\n') + '\n' : none + '\n');

  parts.push(`## ${tr('reports.daily.sla', { seconds: thresholdLabel(r) })}\n`);
  const totals = slaTotals(r);
  parts.push(
    totals.length
      ? mdTable(
          [tr('col.queue'), tr('sla.col.offered'), tr('sla.col.answered'), tr('sla.col.abandoned'), tr('col.serviceLevel'), tr('sla.col.abandonRate'), tr('col.asaSeconds'), tr('col.ahtSeconds')],
          totals.map((x) => [x.queue, String(x.offered), String(x.answered), String(x.abandoned), pct(x.serviceLevel), pct(x.abandonRate), fix(x.asaSeconds), fix(x.ahtSeconds, 0)]),
        )
      : tr('sla.noCalls') + '\n',
  );

  parts.push(`## ${tr('reports.daily.forecast')}\n`);
  if (r.forecastSource) parts.push(forecastSourceNote(r, lang) + '\n');
  if (r.forecastAccuracy === null) parts.push(tr('reports.daily.noForecast') + '\n');
  else
    parts.push(
      mdTable(
        [tr('col.queue'), tr('reports.col.forecastCalls'), tr('reports.col.actualCalls'), 'WAPE', tr('reports.col.bias')],
        r.forecastAccuracy.map((x) => [x.queue, fix(x.forecastCalls, 0), String(x.actualCalls), pct(x.wape), pct(x.bias)]),
      ) || none + '\n',
    );

  parts.push(`## ${tr('reports.daily.staffing')}\n`);
  const staffTotals = r.staffing.filter((x) => x.intervalStart === null);
  parts.push(
    mdTable(
      [tr('col.queue'), tr('reports.col.requiredHours'), tr('reports.col.scheduledHours'), tr('reports.col.loggedInHours'), tr('reports.col.gapHours'), tr('reports.col.shortIntervals'), tr('reports.col.overIntervals')],
      staffTotals.map((x) => [x.queue, fix(x.required), fix(x.scheduled), fix(x.loggedIn), fix(x.gap), String(x.shortIntervals ?? ''), String(x.overIntervals ?? '')]),
    ) || none + '\n',
  );
  const gaps = staffingGaps(r).filter((x) => x.flag === 'short');
  if (gaps.length) {
    parts.push(`### ${tr('reports.daily.shortIntervals')}\n`);
    parts.push(
      mdTable(
        [tr('col.queue'), tr('col.intervalStart'), tr('reports.col.required'), tr('reports.col.staffed'), tr('reports.col.gap'), tr('col.serviceLevel')],
        gaps.map((x) => [x.queue, time(x.intervalStart), String(x.required ?? ''), fix(x.loggedIn ?? x.scheduled), fix(x.gap), pct(x.serviceLevel)]),
      ),
    );
  }

  parts.push(`## ${tr('reports.daily.outliers')}\n`);
  parts.push(
    mdTable(
      [tr('reports.col.agent'), tr('reports.col.team'), tr('reports.col.metric'), tr('reports.col.value'), tr('reports.col.teamMedian'), 'z'],
      r.outliers.map((o) => [o.agent, o.team ?? '', tr(`reports.metric.${o.metric}`), o.metric === 'aht' ? fix(o.value, 0) : pct(o.value), o.metric === 'aht' ? fix(o.median, 0) : pct(o.median), fix(o.z, 1)]),
    ) || none + '\n',
  );

  parts.push(`## ${tr('reports.daily.people')}\n`);
  parts.push(
    mdTable(
      [tr('reports.col.agent'), tr('reports.col.team'), tr('reports.col.exam'), tr('reports.col.date'), tr('reports.col.score'), tr('reports.col.passMark'), tr('reports.col.attempts')],
      r.examFailures.map((f) => [f.agent, f.team ?? '', f.exam, f.lastDate ?? '', fix(f.lastScore, 0), fix(f.passMark, 0), String(f.attempts)]),
    ) || tr('reports.daily.noExamFailures') + '\n',
  );
  parts.push(
    mdTable(
      [tr('reports.col.agent'), tr('reports.col.team'), tr('reports.col.course'), tr('reports.col.expiry'), tr('reports.col.daysLeft'), tr('reports.col.skills')],
      r.certificates.map((c) => [c.agent, c.team ?? '', c.course, c.expiry, String(c.daysLeft), c.skills]),
    ) || tr('reports.daily.noCertificates') + '\n',
  );
  return parts.join('\n');
}

export const DAILY_CSV_FIELDS = ['section', 'queue', 'agent', 'intervalStart', 'metric', 'value'] as const;

/**
 * The daily report as long CSV (one figure per line): section, queue, agent, intervalStart, metric,
 * value; machine field names, raw numbers (blank = unknown), formula-safe text.
 */
export function renderDailyCsv(r: DailyReport): string {
  const lines: string[] = [DAILY_CSV_FIELDS.join(',')];
  const add = (section: string, queue: string | null, agent: string | null, interval: string | null, metric: string, value: unknown) =>
    lines.push([section, queue, agent, interval, metric, value].map(csvField).join(','));
  for (const x of r.sla) {
    for (const m of ['offered', 'answered', 'abandoned', 'shortAbandoned', 'answeredWithin', 'serviceLevel', 'abandonRate', 'asaSeconds', 'ahtSeconds', 'maxWaitSeconds'] as const) {
      add('sla', x.queue, null, x.intervalStart, m, x[m]);
    }
  }
  if (r.forecastSource) add('forecast', null, null, null, r.forecastSource.kind === 'file' ? 'forecastFile' : 'forecastName', r.forecastSource.name);
  for (const x of r.forecastAccuracy ?? []) for (const m of ['forecastCalls', 'actualCalls', 'wape', 'bias'] as const) add('forecast', x.queue, null, null, m, x[m]);
  for (const x of r.staffing) {
    for (const m of ['forecastCalls', 'actualCalls', 'required', 'scheduled', 'loggedIn', 'gap', 'serviceLevel', 'flag'] as const) add('staffing', x.queue, null, x.intervalStart, m, x[m]);
  }
  for (const o of r.outliers) {
    add('outliers', null, o.agent, null, o.metric, o.value);
    add('outliers', null, o.agent, null, `${o.metric}Z`, o.z);
  }
  for (const f of r.examFailures) add('exams', null, f.agent, null, f.exam, f.lastScore);
  for (const c of r.certificates) add('certificates', null, c.agent, null, c.course, c.expiry);
  for (const a of r.alerts) add('alerts', a.queue, a.agent, a.intervalStart, a.rule, a.value);
  return lines.join('\n') + '\n';
}
