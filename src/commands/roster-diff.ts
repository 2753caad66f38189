/**
 * `wfm roster diff A B` (what changed per agent and day between two rosters: names saved with
 * --save, or files written by `wfm roster --format json`) and `wfm roster list` (saved rosters).
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { ExitCode } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../report/format.js';
import { t } from '../i18n/index.js';
import { diffRosters, type DiffRow, type DiffShift } from '../roster-io/diff.js';
import { openStore } from '../store/index.js';
import type { RosterSummary } from '../store/store.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { requireFormat } from './output.js';
import { loadRosterShifts } from './roster-ref.js';

export function registerRosterDiff(parent: Command, r: Registrar): Command {
  const tr = (k: string) => t(r.lang, k);
  return parent
    .command('diff')
    .description(tr('roster.diff.description'))
    .argument('<a>', tr('roster.diff.arg'))
    .argument('<b>', tr('roster.diff.arg'))
    .action(r.action<Record<string, never>>((_o, ctx, args) => runDiff(ctx, args)));
}

export function registerRosterList(parent: Command, r: Registrar): Command {
  return parent
    .command('list')
    .description(t(r.lang, 'roster.list.description'))
    .action(r.action<Record<string, never>>((_o, ctx) => runList(ctx)));
}

/** Shifts of a roster named on the command line: a JSON file when one exists at that path, else a saved roster. */
function shiftText(list: DiffShift[], zone: string): string {
  const hm = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
  return list
    .map((s) => `${hm(s.startMs)}-${hm(s.endMs)} ${s.queue}${s.breaks.length ? ` [${s.breaks.map((b) => `${hm(b.startMs)}-${hm(b.endMs)}${b.paid ? '' : '*'}`).join(' ')}]` : ''}`)
    .join('; ');
}

export function runDiff(ctx: Context, args: string[]): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const [a, b] = args;
  const d = diffRosters(loadRosterShifts(ctx, a), loadRosterShifts(ctx, b), ctx.tz);
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.tz }).toISO({ suppressMilliseconds: true })!;
  const toJson = (l: DiffShift[]) => l.map((s) => ({ queue: s.queue, start: iso(s.startMs), end: iso(s.endMs), breaks: s.breaks.map((x) => ({ start: iso(x.startMs), end: iso(x.endMs), paid: x.paid })) }));
  if (ctx.format === 'json') {
    ctx.out.write(
      renderJson({
        changes: d.rows.map((r) => ({ agent: r.agent, date: r.date, kind: r.kind, fields: r.fields, before: toJson(r.before), after: toJson(r.after) })),
        added: d.added,
        removed: d.removed,
        changed: d.changed,
        unchanged: d.unchanged,
      }),
    );
    return ExitCode.ok;
  }
  type R = { agent: string; date: string; kind: string; fields: string; before: string; after: string };
  const rows: R[] = d.rows.map((r: DiffRow) => ({
    agent: r.agent,
    date: r.date,
    kind: r.kind,
    fields: r.fields.join(' '),
    before: shiftText(r.before, ctx.tz),
    after: shiftText(r.after, ctx.tz),
  }));
  if (ctx.format === 'csv') {
    ctx.out.write(renderCsv(['agent', 'date', 'kind', 'fields', 'before', 'after'], rows));
    return ExitCode.ok;
  }
  const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const cols: Column<R>[] = [
    { key: 'agent', header: tr('roster.col.agent') },
    { key: 'date', header: tr('col.date') },
    { key: 'kind', header: tr('roster.diff.col.kind'), show: (v) => tr(`roster.diff.kind.${String(v)}`) },
    { key: 'before', header: tr('roster.diff.col.before') },
    { key: 'after', header: tr('roster.diff.col.after') },
  ];
  ctx.out.write(tr('roster.diff.head', { a, b, added: d.added, removed: d.removed, changed: d.changed, unchanged: d.unchanged }) + '\n\n');
  if (rows.length) ctx.out.write(renderTable(cols, rows));
  return ExitCode.ok;
}

export function runList(ctx: Context): number {
  requireFormat(ctx, ['table', 'json', 'csv']);
  const store = openStore(ctx.db);
  let list: RosterSummary[];
  try {
    list = store.listRosters();
  } finally {
    store.close();
  }
  const rows = list.map((r) => ({ ...r, created: DateTime.fromMillis(r.createdMs, { zone: ctx.tz }).toISO({ suppressMilliseconds: true }) }));
  const keys = ['name', 'created', 'tz', 'startDate', 'days', 'shiftCount', 'agentCount', 'paidHours', 'lowerBound', 'gap', 'understaffed', 'solver'];
  if (ctx.format === 'json') ctx.out.write(renderJson(rows.map((r) => Object.fromEntries(keys.map((k) => [k, (r as Record<string, unknown>)[k]])))));
  else if (ctx.format === 'csv') ctx.out.write(renderCsv(keys, rows));
  else {
    const tr = (k: string) => t(ctx.lang, k);
    type R = (typeof rows)[number];
    const cols: Column<R>[] = [
      { key: 'name', header: tr('roster.list.col.name') },
      { key: 'startDate', header: tr('roster.list.col.start') },
      { key: 'days', header: tr('roster.col.days'), align: 'right' },
      { key: 'shiftCount', header: tr('roster.list.col.shifts'), align: 'right' },
      { key: 'agentCount', header: tr('roster.list.col.agents'), align: 'right' },
      { key: 'paidHours', header: tr('roster.col.paidHours'), align: 'right', show: (v) => fixed(v, 2) },
      { key: 'gap', header: tr('roster.list.col.gap'), align: 'right', show: (v) => percent(v, 2) },
      { key: 'understaffed', header: tr('roster.col.under'), align: 'right' },
      { key: 'created', header: tr('roster.list.col.created') },
    ];
    ctx.out.write(renderTable(cols, rows));
  }
  return ExitCode.ok;
}
