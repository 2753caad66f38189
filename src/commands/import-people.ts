/**
 * `wfm import agents|exams|training|skills FILE...`: people data into the store, with the same
 * streaming, rejects, --strict, exit codes (0 / 3 / 2) and one-transaction-per-run rules as the call
 * imports (see import.ts). Idempotent: records are keyed (agent id; agent+exam+date+attempt;
 * agent+course+date; skill) and a re-import replaces them.
 */
import type { Command } from 'commander';
import { t } from '../i18n/index.js';
import type { Registrar } from '../cli.js';
import type { Context } from './context.js';
import { importCsv, readMap, type ImportOptions } from './import.js';
import { PeopleCsvReader, type PeopleKind } from '../people/csv.js';
import type { Store } from '../store/index.js';
import type { AgentRecord, ExamRecord, SkillRequirement, TrainingRecord } from '../people/types.js';

interface PeopleOptions extends ImportOptions {
  map?: string;
}

const KINDS: readonly PeopleKind[] = ['agents', 'exams', 'training', 'skills'];

/** Add the people subcommands to the `import` group. */
export function registerImportPeople(group: Command, r: Registrar, common: (cmd: Command) => Command): void {
  const tr = (k: string) => t(r.lang, k);
  for (const kind of KINDS) {
    common(
      group
        .command(kind)
        .description(tr(`people.${kind}.description`))
        .argument('<files...>', tr('import.arg.files'))
        .option('--map <file>', tr('import.opt.map')),
    )
      .addHelpText('after', '\n' + tr(`people.${kind}.help`))
      .action(r.action<PeopleOptions>((opts, ctx, args) => runImportPeople(kind, args, opts, ctx)));
  }
}

/** Import people CSV files of one kind; returns the exit code (0 all accepted, 3 some rejected, 2 none usable). */
export async function runImportPeople(kind: PeopleKind, files: string[], opts: PeopleOptions, ctx: Context): Promise<number> {
  const map = readMap(ctx, opts.map);
  const write = (store: Store, batch: unknown[]): number => {
    switch (kind) {
      case 'agents':
        return store.importAgents(batch as AgentRecord[]);
      case 'exams':
        return store.importExams(batch as ExamRecord[]);
      case 'training':
        return store.importTraining(batch as TrainingRecord[]);
      case 'skills':
        return store.importSkillRequirements(batch as SkillRequirement[]);
    }
  };
  return importCsv<unknown>(kind, files, opts, ctx, () => new PeopleCsvReader(kind, { map }), write);
}
