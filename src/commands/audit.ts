/**
 * `wfm audit [--since DATE] [--site S] [--user U] [--limit N]`: who changed what in the store, newest
 * first (src/app/db.ts). JSON: objects {at, user, action, site, detail}.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { DateTime } from 'luxon';
import { ExitCode } from '../errors.js';
import { renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { auditLog } from '../app/db.js';
import type { Registrar } from './context.js';
import { formatOption, parseDate, parsePositiveInt, TABLE_JSON_CSV } from './options.js';

export function registerAudit(program: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = program
    .command('audit')
    .description(tr('audit.description'))
    .addOption(new Option('--since <date>', tr('audit.opt.since')).argParser(parseDate))
    .addOption(new Option('--user <name>', tr('audit.opt.user')))
    .addOption(new Option('--limit <n>', tr('audit.opt.limit')).argParser(parsePositiveInt))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('audit.help'));
  // --site (the global option, or WFM_SITE / wfm.yaml) filters; without one: every site
  r.act(cmd, async (o, ctx) => {
    const sinceMs = o.since ? DateTime.fromISO(o.since, { zone: ctx.tz }).startOf('day').toMillis() : undefined;
    const list = await auditLog({ sinceMs, site: ctx.site, user: o.user, limit: o.limit }, ctx);
    const rows = list.map((a) => ({
      at: DateTime.fromMillis(a.atMs, { zone: ctx.tz }).toISO({ suppressMilliseconds: true })!,
      user: a.user,
      action: a.action,
      site: a.site,
      detail: a.detail,
    }));
    if (ctx.format === 'json') ctx.out.write(renderJson(rows));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(['at', 'user', 'action', 'site', 'detail'], rows.map((x) => ({ ...x, detail: JSON.stringify(x.detail) }))));
    else if (rows.length === 0) ctx.out.write(tr('audit.none') + '\n');
    else {
      const cols: Column<(typeof rows)[number]>[] = [
        { key: 'at', header: tr('audit.col.at'), show: (v) => String(v).replace('T', ' ') },
        { key: 'user', header: tr('audit.col.user') },
        { key: 'action', header: tr('audit.col.action') },
        { key: 'site', header: tr('audit.col.site'), show: (v) => (v === null ? '' : String(v)) },
        { key: 'detail', header: tr('audit.col.detail'), show: (v) => detailText(v as Record<string, unknown>) },
      ];
      ctx.out.write(renderTable(cols, rows));
    }
    return ExitCode.ok;
  });
}

/** An audit row's detail in one line: `lines=1000 accepted=998 files=a.log,b.log`. */
function detailText(d: Record<string, unknown>): string {
  const text = (v: unknown): string =>
    Array.isArray(v) ? v.map(text).join(',') : v !== null && typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}:${text(x)}`).join(',') : String(v);
  return Object.entries(d)
    .map(([k, v]) => `${k}=${text(v)}`)
    .join(' ');
}
