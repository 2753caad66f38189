/**
 * `wfm import queue-log|cdr|volumes|agents|exams|training|skills FILE...`: PBX exports and people data
 * into the store (src/app/imports.ts: streaming, idempotent, one transaction per run).
 * Exit 0: all lines accepted; 3: some rejected (--rejects FILE lists them); 2: nothing usable.
 */
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { ExitCode, InputError } from '../errors.js';
import { renderCsv, renderJson } from '../format.js';
import type { CdrFormat } from '../cdr/cdr-csv.js';
import type { MessageKey } from '../i18n/index.js';
import type { PeopleKind } from '../people/csv.js';
import { importCdr, importPeople, importQueueLog, importVolumes, waitFor, type ImportAnswer } from '../app/imports.js';
import type { Context, Registrar } from './context.js';
import { formatOption, groupFormatOption, parsePositiveNumber, rejectsOption, strictOption, TABLE_JSON_CSV, type Tr } from './options.js';
import { printRejections } from './output.js';

const PEOPLE: readonly PeopleKind[] = ['agents', 'exams', 'training', 'skills'];

function withReading<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, tr: Tr) {
  return cmd
    .addOption(strictOption(tr, 'import.opt.strict'))
    .addOption(rejectsOption(tr))
    .addOption(new Option('--wait <seconds>', tr('import.opt.wait')).argParser(parsePositiveNumber));
}

export function registerImport(program: Command, r: Registrar): void {
  const { tr } = r;
  const group = program.command('import').description(tr('import.description')).addOption(groupFormatOption());
  group.addHelpText('after', '\n' + tr('import.help'));
  const files = (name: string) => group.command(name).argument('<files...>', tr('import.arg.files'));

  const ql = withReading(files('queue-log').description(tr('import.queueLog.description')), tr)
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('import.queueLog.help'));
  r.act(ql, async (o, ctx, [list]) => finish(await importQueueLog(list, o, waitFor(ctx, o.wait)), ctx));

  // `--format asterisk|freeswitch` names the input layout (as documented); --type is the same choice
  // under a name that cannot clash with the output format
  const cdr = withReading(files('cdr').description(tr('import.cdr.description')), tr)
    .addOption(new Option('--type <type>', tr('import.cdr.opt.type')).choices(['asterisk', 'freeswitch', 'csv'] as const))
    .addOption(new Option('--map <file>', tr('import.opt.map')))
    .addOption(new Option('--queue <name>', tr('import.cdr.opt.queue')))
    .addOption(formatOption(tr, [...TABLE_JSON_CSV, 'asterisk', 'freeswitch'] as const, 'format.default.cdr'))
    .addHelpText('after', '\n' + tr('import.cdr.help'));
  r.act(cdr, async (o, ctx, [list]) => {
    let type: CdrFormat = o.type ?? 'asterisk';
    // --format as written (here or before `cdr`: the group passes it on)
    const given = ctx.formatGiven ? ctx.format : undefined;
    if (!o.type && (given === 'asterisk' || given === 'freeswitch' || (given === 'csv' && o.map))) {
      // the input layout; the summary then prints in the default format
      type = given;
      ctx.format = ctx.out.isTTY ? 'table' : 'json';
      ctx.formatGiven = false;
    }
    return finish(await importCdr(list, { ...o, type }, waitFor(ctx, o.wait)), ctx);
  });

  const volumes = withReading(files('volumes').description(tr('import.volumes.description')), tr)
    .addOption(new Option('--map <file>', tr('import.opt.map')))
    .addOption(formatOption(tr, TABLE_JSON_CSV))
    .addHelpText('after', '\n' + tr('import.volumes.help'));
  r.act(volumes, async (o, ctx, [list]) => finish(await importVolumes(list, o, waitFor(ctx, o.wait)), ctx));

  for (const kind of PEOPLE) {
    const cmd = withReading(files(kind).description(tr(`people.${kind}.description`)), tr)
      .addOption(new Option('--map <file>', tr('import.opt.map')))
      .addOption(formatOption(tr, TABLE_JSON_CSV))
      .addHelpText('after', '\n' + tr(`people.${kind}.help`));
    r.act(cmd, async (o, ctx, [list]) => finish(await importPeople(kind, list, o, waitFor(ctx, o.wait)), ctx));
  }
}

/** The summary message of an import kind: calls, interval volumes, or people records. */
function summaryKey(kind: string): MessageKey {
  if (kind === 'volumes') return 'import.summary.volumes';
  if ((PEOPLE as readonly string[]).includes(kind)) return 'people.summary';
  return 'import.summary.calls';
}

/** Print the rejections and the summary; the exit code: 0 all accepted, 3 some rejected, 2 nothing usable. */
function finish({ summary, rejects }: ImportAnswer, ctx: Context): number {
  printRejections(ctx, rejects);
  if (ctx.format === 'json') ctx.out.write(renderJson(summary));
  else if (ctx.format === 'csv') {
    const { skippedFiles, ...flat } = summary;
    ctx.out.write(renderCsv([...Object.keys(flat), 'skippedFiles'], [{ ...flat, skippedFiles: skippedFiles.join(';') }]));
  } else {
    ctx.out.write(ctx.tr(summaryKey(summary.kind), { ...summary, skippedFiles: summary.skippedFiles.length }) + '\n');
    if (summary.pending > 0) ctx.out.write(ctx.tr('import.summary.pending', { pending: summary.pending }) + '\n');
  }
  if (summary.accepted === 0) {
    if (summary.rejected === 0 && summary.skippedFiles.length === 0) throw new InputError({}, { key: 'import.nothingUsable' }, 'nothing usable in the input');
    return ExitCode.usage;
  }
  return summary.rejected > 0 ? ExitCode.partial : ExitCode.ok;
}
