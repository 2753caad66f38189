/**
 * `wfm quickstart`'s folder: a fresh store, the sample's people files and shift rules to edit, and a
 * wfm.yaml holding what every step would otherwise be told (the store, the zone, the rules file and
 * each sample queue's own targets), so the commands it prints are the short ones a planner types.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { columnKey, parseCsvText } from '../formats/csv.js';
import { parseSampleSpec, type SampleSpec } from '../sim/index.js';
import { CONFIG_NAME } from './config.js';
import { cannotWrite, checkOutputDir, writeOutputFile, type OutputSession } from './output-files.js';
import { SAMPLE_SPEC_URL } from './simulate.js';

/** The sample files copied into the folder (from data/). */
export const SAMPLE_FILES = ['agents.csv', 'exams.csv', 'training.csv', 'skills.csv', 'roster-rules.yaml'] as const;

export interface QuickstartFolder {
  /** Absolute path of the folder. */
  dir: string;
  /** The store's file name inside it. */
  db: string;
  spec: SampleSpec;
}

/**
 * The configuration quickstart writes: the sample's zone and three queues with targets of their own
 * (a complaints queue held to 90 % in 15 s beside billing at 80/20); patience as the sample's callers
 * have it, so the roster check simulates them as they are.
 */
export function quickstartConfig(spec: SampleSpec): string {
  const patience = (name: string) => spec.queues.find((q) => q.name === name)?.patienceSeconds;
  return [
    '# wfm site configuration written by `wfm quickstart` (see `wfm config show`).',
    '# Flags override it; WFM_DB, WFM_TZ and WFM_LANG override it too.',
    'db: wfm.db',
    `tz: ${spec.timeZone}`,
    'roster-rules: roster-rules.yaml',
    'defaults:              # every queue not listed below',
    `  sla: ${Math.round(spec.serviceLevel.target * 100)}/${spec.serviceLevel.seconds}`,
    '  shrinkage: 30%',
    'queues:',
    '  billing:',
    '    sla: 80/20',
    `    patience: ${patience('billing') ?? 150}`,
    '  fault-reports:',
    '    sla: 80/30',
    `    patience: ${patience('fault-reports') ?? 200}`,
    '  complaints:',
    '    sla: 90/15',
    '    max-occupancy: 85%',
    '    shrinkage: 35%',
    `    patience: ${patience('complaints') ?? 240}`,
    '',
  ].join('\n');
}

/**
 * Make the folder ready: it must be a folder the user can write (created when absent: exit 2 naming
 * --dir otherwise); an existing store is refused without `force` and removed with it; wfm.yaml and
 * the sample files are (re)written, each whole (src/app/output-files.ts).
 */
export function prepareQuickstart(s: OutputSession, dirOption: string, force: boolean, shown: (p: string) => string): QuickstartFolder {
  const dir = resolve(s.cwd, dirOption);
  const db = join(dir, 'wfm.db');
  checkOutputDir(s, '--dir', dirOption);
  // a folder that already holds a store or a site's files is left alone without --force
  const taken = [db, join(dir, CONFIG_NAME), ...SAMPLE_FILES.map((f) => join(dir, f))].find((f) => existsSync(f));
  if (taken && !force) throw new UsageError({ key: 'quickstart.err.exists', params: { db: shown(taken) } });
  const old = existsSync(db);
  try {
    if (old) for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) rmSync(f, { force: true });
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw cannotWrite(s, '--dir', dirOption, err);
  }
  const spec = parseSampleSpec(JSON.parse(readFileSync(SAMPLE_SPEC_URL, 'utf8')));
  for (const f of SAMPLE_FILES) writeOutputFile(s, '--dir', join(dirOption, f), readFileSync(new URL(`../../data/${f}`, import.meta.url), 'utf8'));
  writeOutputFile(s, '--dir', join(dirOption, CONFIG_NAME), quickstartConfig(spec));
  return { dir, db: 'wfm.db', spec };
}

/** Write a step's output (what a shell would redirect into the file) inside the folder. */
export function writeStepOutput(s: OutputSession, folder: QuickstartFolder, file: string, text: string): void {
  writeOutputFile(s, '--dir', join(folder.dir, file), text);
}

/** The rows of a CSV a step wrote in the folder. */
export function readStepCsv(folder: QuickstartFolder, file: string): Record<string, string>[] {
  const table = parseCsvText(readFileSync(join(folder.dir, file), 'utf8'), file);
  // keyed by column key (lower-case, no `_`, `-` or spaces): intervalStart is `intervalstart`
  return table.records.map((r) => Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [columnKey(k), v])));
}
