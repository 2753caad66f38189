/**
 * `wfm config show`: the settings in force (store, zone, language, rules files, each queue's targets)
 * and where each came from: a flag, the environment (WFM_DB, WFM_TZ, WFM_LANG), wfm.yaml (found here
 * or in a parent folder, or --config / WFM_CONFIG), the locale, or the built-in default.
 */
import type { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { renderCsv, renderJson, renderTable, type Column } from '../format.js';
import { effectiveConfig, type SettingRow } from '../app/config-show.js';
import type { Registrar } from './context.js';
import { formatOption, groupFormatOption, TABLE_JSON_CSV } from './options.js';

export function registerConfig(program: Command, r: Registrar): void {
  const { tr } = r;
  const group = program.command('config').description(tr('config.description')).addOption(groupFormatOption());
  const show = group
    .command('show')
    .description(tr('config.show.description'))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('config.show.help'));
  r.act(show, (_o, ctx) => {
    const c = effectiveConfig(ctx);
    if (ctx.format === 'json') ctx.out.write(renderJson(c));
    else if (ctx.format === 'csv') ctx.out.write(renderCsv(['key', 'value', 'source', 'from'], c.settings));
    else {
      const cols: Column<SettingRow>[] = [
        { key: 'key', header: tr('config.col.key') },
        { key: 'value', header: tr('config.col.value') },
        { key: 'source', header: tr('config.col.source'), show: (_v, row) => tr(`config.source.${row.source}`) + (row.from ? ` (${row.from})` : '') },
      ];
      ctx.out.write(tr(c.file ? 'config.file' : 'config.noFile', { file: c.file ?? '' }) + '\n\n' + renderTable(cols, c.settings));
    }
    return ExitCode.ok;
  });
}
