/**
 * `wfm roster init`: a commented starter rules file, the bundled default (data/roster-rules.yaml)
 * as is or edited by the answers of a short dialogue (comments kept).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, isSeq, type Document } from 'yaml';
import { UsageError } from '../errors.js';
import { validateRules } from '../solver/index.js';
import { checkOutputFile, writeOutputFile, type OutputSession } from './output-files.js';
import { DEFAULT_RULES_URL } from './roster-inputs.js';

/** Answers of the dialogue, applied to the default document. */
export interface InitAnswers {
  openingHours: '24x7' | { open: string; close: string };
  shiftIds: string[];
  startStep: 15 | 30;
  minRestHours: number;
  maxDaysPerWeek: number;
  maxNightsPerWeek: number | null;
  fullTimeMaxHours: number;
}

/** Applies dialogue answers to the default rules document (comments kept). */
export function applyAnswers(doc: Document, a: InitAnswers): void {
  if (a.openingHours === '24x7') doc.set('openingHours', '24x7');
  else doc.set('openingHours', doc.createNode([{ days: [1, 2, 3, 4, 5, 6, 7], open: a.openingHours.open, close: a.openingHours.close }], { flow: false }));
  const shifts = doc.get('shifts');
  if (isSeq(shifts)) {
    shifts.items = shifts.items.filter((it) => a.shiftIds.includes(String((it as { get(k: string): unknown }).get('id'))));
    for (const it of shifts.items) (it as { setIn(p: string[], v: unknown): void }).setIn(['starts', 'every'], a.startStep);
  }
  doc.setIn(['rules', 'minRestHours'], a.minRestHours);
  doc.setIn(['rules', 'maxDaysPerWeek'], a.maxDaysPerWeek);
  doc.setIn(['rules', 'nights', 'maxPerWeek'], a.maxNightsPerWeek);
  const contracts = doc.get('contracts');
  if (isSeq(contracts) && contracts.items[0]) (contracts.items[0] as { set(k: string, v: unknown): void }).set('maxWeeklyHours', a.fullTimeMaxHours);
}

export interface InitTarget {
  /** Absolute path to write. */
  path: string;
  /** The file as the user named it (relative to cwd). */
  file: string;
  /** The bundled rules' text. */
  text: string;
  /** Shift template ids of the bundled rules (the dialogue offers them). */
  shiftIds: string[];
}

/** How `roster init` names its FILE argument in messages. */
const WHAT = 'roster init';

/**
 * Checks before any question is asked: the target must not exist (unless `force`) and must be a file
 * that can be written (not a folder, not under a file, in a folder the user may write), and without a
 * terminal only `--defaults` can work (exit 2 saying to copy the bundled file or use --defaults).
 */
export function startingRules(s: OutputSession, file: string | undefined, o: { force?: boolean; defaults?: boolean; interactive: boolean }): InitTarget {
  const given = file ?? 'roster-rules.yaml';
  const path = resolve(s.cwd, given);
  if (existsSync(path) && !o.force) throw new UsageError({ key: 'roster.init.exists', params: { file: path } });
  checkOutputFile(s, WHAT, given);
  if (!o.defaults && !o.interactive) throw new UsageError({ key: 'roster.init.noTty', params: { file: fileURLToPath(DEFAULT_RULES_URL), target: path } });
  const text = readFileSync(DEFAULT_RULES_URL, 'utf8');
  const ids = ((parseDocument(text).toJS() as { shifts?: { id: string }[] }).shifts ?? []).map((x) => x.id);
  return { path, file: given, text, shiftIds: ids };
}

/**
 * Write the starter file: the bundled rules, edited by `answers` when given (validated first), whole
 * or not at all. Returns the path.
 */
export function initRules(s: OutputSession, target: InitTarget, answers: InitAnswers | null): string {
  let out = target.text;
  if (answers) {
    const doc = parseDocument(target.text);
    applyAnswers(doc, answers);
    out = doc.toString();
    const v = validateRules(doc.toJS());
    if (!v.ok) throw new UsageError({ key: 'roster.init.invalid', params: { path: v.errors[0].path, code: v.errors[0].code } });
  }
  return writeOutputFile(s, WHAT, target.file, out);
}
