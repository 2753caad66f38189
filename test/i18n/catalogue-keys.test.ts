/**
 * Every English catalogue key must be used by some source file under src/. A key counts as used when
 * the sources hold it as a string literal, or when it fits a template-literal key: a template whose
 * literal head is a key namespace (`live.state.${s}`, `people.${kind}.help`, `alerts.msg.${m}Outlier`)
 * becomes a pattern in which each `${...}` stands for any non-empty text. Templates without such a head
 * (`${a}.${b}`, `r${i}`) are not keys and would match everything, so they are left out; a dynamic key
 * must start with a literal namespace (the typed `t` wants a union-typed template anyway).
 *
 * The sources are parsed with the TypeScript compiler, so keys in comments do not count and quoting
 * cannot fool the scan. The catalogue files themselves are not sources of use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogueKeys } from '../../src/i18n/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CATALOGUE_FILE = /^src\/i18n\/[^/]+\.(en|zh-CN)\.ts$/;
/** The literal head of a template that builds a key: a namespace segment and its dot. */
const KEY_HEAD = /^[A-Za-z][\w-]*\./;

interface KeyUses {
  literals: Set<string>;
  /** One per template-literal key: the pattern and where it is, for the failure message. */
  templates: { pattern: RegExp; source: string }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The string literals and template-literal key patterns of one source text. */
function scanSource(fileName: string, text: string, into: KeyUses): void {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) into.literals.add(node.text);
    else if (ts.isTemplateExpression(node) && KEY_HEAD.test(node.head.text)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      into.templates.push({ pattern: new RegExp(`^${parts.map(escape).join('.+')}$`), source: `${fileName}: \`${parts.join('${…}')}\`` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function scanSrc(): KeyUses {
  const uses: KeyUses = { literals: new Set(), templates: [] };
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const name = relative(ROOT, path).split('\\').join('/');
    if (!CATALOGUE_FILE.test(name)) scanSource(name, readFileSync(path, 'utf8'), uses);
  }
  return uses;
}

const isUsed = (key: string, uses: KeyUses) => uses.literals.has(key) || uses.templates.some((t) => t.pattern.test(key));

describe('catalogue keys', () => {
  it('the scanner counts literals and namespaced templates, not comments or head-less templates', () => {
    const uses: KeyUses = { literals: new Set(), templates: [] };
    scanSource(
      'x.ts',
      [
        "// 'a.inComment' is only mentioned",
        "tr('a.literal');",
        'tr(`a.state.${s}`); tr(`a.${kind}.help`); tr(`a.msg.${m}Outlier`);',
        'const id = `${x}.${y}`; const row = `r${i}`;',
      ].join('\n'),
      uses,
    );
    const used = (k: string) => isUsed(k, uses);
    expect(['a.literal', 'a.state.talking', 'a.exams.help', 'a.msg.ahtOutlier'].filter((k) => !used(k))).toEqual([]);
    expect(['a.inComment', 'a.state.', 'a.help', 'a.msg.aht', 'b.anything', 'r1'].filter(used)).toEqual([]);
  });

  it('every English key is used by some source file under src/', () => {
    const uses = scanSrc();
    expect(uses.templates.length).toBeGreaterThan(0);
    const unused = catalogueKeys('en').filter((k) => !isUsed(k, uses));
    expect(unused, `keys no source file under src/ uses (remove them from both languages):\n${unused.join('\n')}`).toEqual([]);
  });
});
