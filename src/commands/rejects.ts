/**
 * Reporting rejected input lines: the first few on stderr, all of them in a CSV file on request.
 */
import { writeFileSync } from 'node:fs';
import type { Rejection } from '../errors.js';
import { renderCsv } from '../report/format.js';
import { t, type Lang } from '../i18n/index.js';
import type { Context } from './context.js';

export const REJECTS_SHOWN = 5;

export function describeRejection(lang: Lang, r: Rejection): string {
  const field = r.field ? t(lang, 'err.field', { field: r.field }) : '';
  return `${r.file}:${r.line}: ${field}${t(lang, r.reason.key, r.reason.params)}`;
}

/** Print up to REJECTS_SHOWN rejections (even with --quiet: they are errors) and a count of the rest. */
export function reportRejections(ctx: Context, rejections: readonly Rejection[], rejectsFile?: string): void {
  if (rejections.length === 0) return;
  for (const r of rejections.slice(0, REJECTS_SHOWN)) ctx.err.write(`wfm: ${describeRejection(ctx.lang, r)}\n`);
  if (rejections.length > REJECTS_SHOWN) {
    ctx.err.write(`wfm: ${t(ctx.lang, 'input.moreRejected', { count: rejections.length - REJECTS_SHOWN })}\n`);
  }
  if (rejectsFile) writeRejects(ctx.lang, rejectsFile, rejections);
}

export function writeRejects(lang: Lang, path: string, rejections: readonly Rejection[]): void {
  const rows = rejections.map((r) => ({
    file: r.file,
    line: r.line,
    field: r.field ?? '',
    reason: t(lang, r.reason.key, r.reason.params),
    text: r.text ?? '',
  }));
  writeFileSync(path, renderCsv(['file', 'line', 'field', 'reason', 'text'], rows));
}
