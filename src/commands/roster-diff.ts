/**
 * `wfm roster diff A B` (what changed per agent and day between two rosters: names saved with
 * --save, or roster files such as `wfm roster --format json` writes) and `wfm roster list` (saved
 * rosters).
 */
import type { Command } from '@commander-js/extra-typings';
import { DateTime } from 'luxon';
import { ExitCode } from '../errors.js';
import { fixed, percent, renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { diffRosters, type DiffKind, type DiffRow, type DiffShift } from '../roster-io/diff.js';
import { loadShifts, savedRosters } from '../app/shifts.js';
import type { Registrar } from './context.js';
import { formatOption, TABLE_JSON_CSV } from './options.js';

export function registerRosterDiff(parent: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = parent
    .command('diff')
    .description(tr('roster.diff.description'))
    .argument('<a>', tr('roster.diff.arg'))
    .argument('<b>', tr('roster.diff.arg'))
    .addOption(formatOption(tr, TABLE_JSON_CSV));
  r.act(cmd, async (_o, ctx, [a, b]) => {
    const d = diffRosters((await loadShifts(ctx, a)).shifts, (await loadShifts(ctx, b)).shifts, ctx.tz);
    const iso = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.tz }).toISO({ suppressMilliseconds: true })!;
    const toJson = (l: DiffShift[]) => l.map((s) => ({ queue: s.queues.join(';'), start: iso(s.startMs), end: iso(s.endMs), breaks: s.breaks.map((x) => ({ start: iso(x.startMs), end: iso(x.endMs), paid: x.paid === true })) }));
    if (ctx.format === 'json') {
      const changes = d.rows.map((row) => ({ agent: row.agent, date: row.date, kind: row.kind, fields: row.fields, before: toJson(row.before), after: toJson(row.after) }));
      ctx.out.write(renderJson({ changes, added: d.added, removed: d.removed, changed: d.changed, unchanged: d.unchanged }));
      return ExitCode.ok;
    }
    type R = { agent: string; date: string; kind: DiffKind; fields: string; before: string; after: string };
    const rows: R[] = d.rows.map((row: DiffRow) => ({ agent: row.agent, date: row.date, kind: row.kind, fields: row.fields.join(' '), before: shiftText(row.before, ctx.tz), after: shiftText(row.after, ctx.tz) }));
    if (ctx.format === 'csv') {
      ctx.out.write(renderCsv(['agent', 'date', 'kind', 'fields', 'before', 'after'], rows));
      return ExitCode.ok;
    }
    const cols: Column<R>[] = [
      { key: 'agent', header: tr('roster.col.agent') },
      { key: 'date', header: tr('col.date') },
      { key: 'kind', header: tr('roster.diff.col.kind'), show: (_v, row) => ctx.tr(`roster.diff.kind.${row.kind}`) },
      { key: 'before', header: tr('roster.diff.col.before') },
      { key: 'after', header: tr('roster.diff.col.after') },
    ];
    ctx.out.write(ctx.tr('roster.diff.head', { a, b, added: d.added, removed: d.removed, changed: d.changed, unchanged: d.unchanged }) + '\n\n');
    if (rows.length) ctx.out.write(renderTable(cols, rows));
    return ExitCode.ok;
  });
}

/** One agent-day's shifts as text: `08:00-17:00 billing [12:00-12:30*]` (`*` unpaid). */
function shiftText(list: DiffShift[], zone: string): string {
  const hm = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
  return list
    .map((s) => `${hm(s.startMs)}-${hm(s.endMs)} ${s.queues.join(';')}${s.breaks.length ? ` [${s.breaks.map((b) => `${hm(b.startMs)}-${hm(b.endMs)}${b.paid ? '' : '*'}`).join(' ')}]` : ''}`)
    .join('; ');
}

export function registerRosterList(parent: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = parent.command('list').description(tr('roster.list.description')).addOption(formatOption(tr, TABLE_JSON_CSV));
  r.act(cmd, async (_o, ctx) => {
    const list = await savedRosters(ctx);
    const rows = list.map((x) => ({ ...x, created: DateTime.fromMillis(x.createdMs, { zone: ctx.tz }).toISO({ suppressMilliseconds: true }) }));
    const keys = ['name', 'created', 'tz', 'startDate', 'days', 'shiftCount', 'agentCount', 'paidHours', 'lowerBound', 'gap', 'understaffed', 'solver'];
    if (ctx.format === 'json') ctx.out.write(renderJson(rows.map((x) => Object.fromEntries(keys.map((k) => [k, (x as Record<string, unknown>)[k]])))));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(keys, rows));
    else {
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
  });
}
