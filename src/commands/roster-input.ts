/**
 * `wfm roster` inputs: the rules file (YAML or JSON, validated with key paths), the requirements CSV
 * (interval_start,queue,required) and the agents CSV, read into the engine's shapes.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, UsageError, type Rejection } from '../errors.js';
import { t } from '../i18n/index.js';
import { validateRules, type Agent, type Requirements, type RosterRules } from '../solver/index.js';
import { parseLocalTime } from '../time.js';
import { agentFromFields } from '../roster-io/agents.js';
import { dateTimeToMinute, MINUTES_PER_DAY, startWeekday, type RosterCalendar } from '../roster-io/time.js';
import type { Context } from './context.js';
import { readCsvFile } from './csv-input.js';

/** The bundled default rules (data/roster-rules.yaml; same relative path from src/ and dist/). */
export const DEFAULT_RULES_URL = new URL('../../data/roster-rules.yaml', import.meta.url);

/** Reads, parses and validates a rules file (default: the bundled one). Every error goes to stderr. */
export function loadRules(ctx: Context, file?: string): { rules: RosterRules; raw: unknown; source: string } {
  const source = file ?? DEFAULT_RULES_URL.pathname;
  let text: string;
  try {
    text = readFileSync(file ?? DEFAULT_RULES_URL, 'utf8');
  } catch (err) {
    throw new InputError({ file: source }, { key: 'input.cannotRead', params: { code: (err as { code?: string }).code ?? 'EIO' } });
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(source) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const line = err instanceof YAMLParseError ? err.linePos?.[0]?.line : undefined;
    const message = (err as Error).message.split('\n')[0];
    throw new InputError({ file: source, line }, { key: 'roster.err.rulesSyntax', params: { message } });
  }
  const v = validateRules(raw);
  if (!v.ok) {
    for (const e of v.errors) {
      const detail = Object.entries(e.params ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
      const msg = t(ctx.lang, `roster.rule.${e.code}`, { ...(e.params ?? {}), detail });
      ctx.err.write(`wfm: ${source}: ${e.path || '(top level)'}: ${msg}\n`);
    }
    throw new InputError({ file: source }, { key: 'roster.err.rulesInvalid', params: { count: v.errors.length, first: v.errors[0].path || '(top level)' } });
  }
  return { rules: v.rules, raw, source };
}

export interface RequirementsRead {
  requirements: Requirements;
  rejections: Rejection[];
  /** Rows outside the roster's days (ignored). */
  outside: number;
  /** Rows whose required value was fractional and rounded up. */
  roundedUp: number;
  /** Interval length of the file, minutes. */
  fileInterval: number;
}

const REQ_COLUMNS = { time: ['interval_start', 'intervalstart', 'start', 'interval'], queue: ['queue', 'skill'], required: ['required', 'agents', 'scheduled_agents', 'scheduledagents', 'scheduled'] };
const pick = (header: string[], names: string[]) => header.find((h) => names.includes(h));

/**
 * Requirements CSV -> a grid of `days` days at 15 or 30 minutes. The file's interval is --interval or
 * the smallest gap between two intervals of one queue; an hourly file fills two 30-minute slots per
 * row. Fractional requirements are rounded up (2.3 agents needs 3 people present). Intervals without a
 * row require 0; rows outside the roster are ignored (counted).
 */
export function readRequirements(file: string, cal: RosterCalendar, days: number, intervalOpt: number | undefined): RequirementsRead {
  const { header, records, syntaxRejections } = readCsvFile(file);
  const col = { time: pick(header, REQ_COLUMNS.time), queue: pick(header, REQ_COLUMNS.queue), required: pick(header, REQ_COLUMNS.required) };
  const missing = (['time', 'required'] as const).filter((k) => !col[k]).map((k) => (k === 'time' ? 'interval_start' : 'required'));
  if (missing.length) throw new InputError({ file, line: 1, field: missing[0] }, { key: 'input.missingColumn', params: { columns: missing.join(', ') } });
  const rejections: Rejection[] = [...syntaxRejections];
  const rows: { line: number; queue: string; minute: number; required: number }[] = [];
  let roundedUp = 0;
  for (const r of records) {
    const text = r.fields[col.time!] ?? '';
    const p = parseLocalTime(text, cal.zone);
    if (!p.ok) {
      rejections.push({ file, line: r.line, field: col.time, reason: { key: p.reason === 'nonexistent' ? 'input.timeNonexistent' : 'input.badTime', params: { value: text, zone: cal.zone } }, text });
      continue;
    }
    const queue = col.queue ? (r.fields[col.queue] ?? '').trim() : 'default';
    if (!queue) {
      rejections.push({ file, line: r.line, field: col.queue, reason: { key: 'roster.req.noQueue' } });
      continue;
    }
    const vt = (r.fields[col.required!] ?? '').trim();
    const v = Number(vt);
    if (vt === '' || !Number.isFinite(v) || v < 0) {
      rejections.push({ file, line: r.line, field: col.required, reason: { key: 'roster.req.badRequired', params: { value: vt } }, text: vt });
      continue;
    }
    let required = v;
    if (!Number.isInteger(v)) {
      required = Math.ceil(v - 1e-9);
      roundedUp++;
    }
    rows.push({ line: r.line, queue, minute: dateTimeToMinute(cal, p.time), required });
  }
  return gridRequirements(rows, cal, days, intervalOpt, file, col.time, rejections, roundedUp);
}

/** Requirement rows (roster minute of the interval start) on the 15/30-minute grid; see readRequirements. */
export function gridRequirements(
  rows: { line: number; queue: string; minute: number; required: number }[],
  cal: RosterCalendar,
  days: number,
  intervalOpt: number | undefined,
  file: string,
  timeField: string | undefined,
  rejections: Rejection[] = [],
  roundedUp = 0,
): RequirementsRead {
  const col = { time: timeField };
  let fileInterval = intervalOpt;
  if (fileInterval === undefined) {
    const byQueue = new Map<string, number[]>();
    for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r.minute]);
    let best = Infinity;
    for (const list of byQueue.values()) {
      const s = [...new Set(list)].sort((a, b) => a - b);
      for (let i = 1; i < s.length; i++) best = Math.min(best, s[i] - s[i - 1]);
    }
    if (!Number.isFinite(best)) throw new UsageError({ key: 'roster.err.needInterval' }).with(rejections);
    fileInterval = best;
  }
  if (fileInterval % 15 !== 0 || MINUTES_PER_DAY % fileInterval !== 0) throw new UsageError({ key: 'roster.err.badInterval', params: { minutes: fileInterval } });
  const grid = fileInterval % 30 === 0 ? 30 : 15;
  const T = (days * MINUTES_PER_DAY) / grid;
  const queues: { queue: string; required: number[] }[] = [];
  const seen = new Map<string, Map<number, number>>();
  let outside = 0;
  for (const r of rows) {
    if (r.minute % grid !== 0) {
      rejections.push({ file, line: r.line, field: col.time, reason: { key: 'roster.req.offGrid', params: { minutes: fileInterval } } });
      continue;
    }
    if (r.minute < 0 || r.minute >= days * MINUTES_PER_DAY) {
      outside++;
      continue;
    }
    let q = queues.find((x) => x.queue === r.queue);
    if (!q) {
      q = { queue: r.queue, required: new Array(T).fill(0) };
      queues.push(q);
      seen.set(r.queue, new Map());
    }
    const lines = seen.get(r.queue)!;
    if (lines.has(r.minute)) {
      rejections.push({ file, line: r.line, field: col.time, reason: { key: 'roster.req.duplicate', params: { line: lines.get(r.minute)! } } });
      continue;
    }
    lines.set(r.minute, r.line);
    for (let m = r.minute; m < Math.min(days * MINUTES_PER_DAY, r.minute + fileInterval); m += grid) q.required[m / grid] = r.required;
  }
  rejections.sort((a, b) => a.line - b.line);
  return { requirements: { intervalMinutes: grid, days, startWeekday: startWeekday(cal), queues }, rejections, outside, roundedUp, fileInterval };
}

/** Agents CSV -> agents (see src/roster-io/agents.ts for the columns). Bad lines become rejections. */
export function readAgents(file: string, cal: RosterCalendar, days: number, queues: string[], rules: RosterRules): { agents: Agent[]; rejections: Rejection[] } {
  const { header, records, syntaxRejections } = readCsvFile(file);
  if (!header.includes('id')) throw new InputError({ file, line: 1, field: 'id' }, { key: 'input.missingColumn', params: { columns: 'id' } });
  const rejections: Rejection[] = [...syntaxRejections];
  const agents: Agent[] = [];
  const lineOf = new Map<string, number>();
  for (const r of records) {
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.fields)) f[k.replace(/[\s-]+/g, '_')] = v;
    const a = agentFromFields(f, cal, days, queues, rules.contracts.map((c) => c.id));
    if ('key' in a) {
      rejections.push({ file, line: r.line, field: a.field, reason: { key: a.key, params: a.params }, text: f[a.field] });
      continue;
    }
    if (lineOf.has(a.id)) {
      rejections.push({ file, line: r.line, field: 'id', reason: { key: 'roster.agents.duplicate', params: { id: a.id, line: lineOf.get(a.id)! } } });
      continue;
    }
    lineOf.set(a.id, r.line);
    agents.push(a);
  }
  return { agents, rejections };
}
