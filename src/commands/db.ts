/**
 * `wfm db migrate|status|copy`: the store as a whole (src/app/db.ts). The store is --db, WFM_DB or
 * wfm.yaml's `db`: a SQLite file or a PostgreSQL URL (its password is never shown).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode, UsageError } from '../errors.js';
import { renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { copy, migrate, status } from '../app/db.js';
import type { Registrar } from './context.js';
import { formatOption, groupFormatOption, TABLE_JSON_CSV } from './options.js';

export function registerDb(program: Command, r: Registrar): void {
  const { tr } = r;
  const group = program.command('db').description(tr('db.description')).addOption(groupFormatOption());

  const mig = group
    .command('migrate')
    .description(tr('db.migrate.description'))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('db.migrate.help'));
  r.act(mig, async (_o, ctx) => {
    const m = await migrate(ctx);
    if (ctx.format === 'json') ctx.out.write(renderJson(m));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(['backend', 'location', 'from', 'to'], [m]));
    else ctx.out.write(tr(m.from === m.to ? 'db.migrate.current' : 'db.migrate.done', { store: m.location, backend: m.backend, from: m.from, to: m.to }) + '\n');
    return ExitCode.ok;
  });

  const st = group
    .command('status')
    .description(tr('db.status.description'))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('db.status.help'));
  r.act(st, async (_o, ctx) => {
    const s = await status(ctx);
    const rows = Object.entries(s.rows).map(([table, n]) => ({ table, rows: n }));
    if (ctx.format === 'json') ctx.out.write(renderJson(s));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(['table', 'rows'], rows));
    else {
      const cols: Column<(typeof rows)[number]>[] = [
        { key: 'table', header: tr('db.col.table') },
        { key: 'rows', header: tr('db.col.rows'), align: 'right' },
      ];
      const sites = s.sites.length ? tr('db.status.sites', { sites: s.sites.map((x) => `${x.name} (${x.tz})`).join(', ') }) : tr('db.status.noSites');
      ctx.out.write(tr('db.status.head', { store: s.location, backend: s.backend, version: s.version, user: s.user }) + '\n' + sites + '\n\n' + renderTable(cols, rows));
    }
    return ExitCode.ok;
  });

  const cp = group
    .command('copy')
    .description(tr('db.copy.description'))
    .addOption(new Option('--from <store>', tr('db.copy.opt.from')))
    .addOption(new Option('--to <store>', tr('db.copy.opt.to')))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('db.copy.help'));
  r.act(cp, async (o, ctx) => {
    if (!o.from || !o.to) throw new UsageError({ key: 'db.copy.needBoth' }, 'give --from STORE and --to STORE');
    const c = await copy(o.from, o.to, ctx);
    const total = Object.values(c.rows).reduce((a, b) => a + b, 0);
    if (ctx.format === 'json') ctx.out.write(renderJson(c));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(['table', 'rows'], Object.entries(c.rows).map(([table, rows]) => ({ table, rows }))));
    else ctx.out.write(tr('db.copy.done', { from: c.from, to: c.to, rows: total, tables: Object.keys(c.rows).length }) + '\n');
    return ExitCode.ok;
  });
}
