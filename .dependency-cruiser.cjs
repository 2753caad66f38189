// @ts-check
/**
 * dependency-cruiser: the layering of src/ (run: npm run depcruise).
 *
 *   src/cli.ts -> src/commands/ -> src/app/ -> domains -> leaves      (arrows point down only)
 *
 *   domains: queueing, staff, forecast, solver, sim, cdr, people, report, roster-io, formats
 *   leaves:  src/time.ts, src/errors.ts, src/kpi.ts, src/format.ts, src/i18n/
 *   adapters beside the domains:
 *     src/store/  may import the domains' types (type-only imports) and the leaves
 *     src/live/   may import the domains and the leaves
 *     src/tui/    may import live, the domains and the leaves
 *
 * Imports are written with `.js` extensions and resolve to the `.ts`/`.tsx` sources: resolution
 * follows tsconfig.json (NodeNext), and for a `.js` import from a TypeScript file dependency-cruiser
 * tries `.ts`, `.tsx`, `.d.ts` as tsc does (enhanced-resolve's extensionAlias is not accepted in
 * this config's schema). Type-only imports count like any other (tsPreCompilationDeps), so
 * `import type` cannot slip past a rule. An import that does not resolve is itself a violation (not-to-unresolvable),
 * so a resolution failure cannot hide an edge. test/boundaries.test.ts keeps checking by text
 * what a module graph cannot see (process.*, the clock, SQL outside src/store).
 */

const DOMAINS = '(queueing|staff|forecast|solver|sim|cdr|people|report|roster-io|formats)';
const DOMAIN = `^src/${DOMAINS}/`;
const LEAF = '^src/((time|errors|kpi|format)\\.ts$|i18n/)';
const PURE = [DOMAIN, LEAF];
const CLI = '^src/cli\\.ts$';
const COMMANDS = '^src/commands/';
const APP = '^src/app/';
const STORE = '^src/store/';
const LIVE = '^src/live/';
const TUI = '^src/tui/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may depend on itself through other modules (type-only imports included).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve; otherwise its edge would escape all the other rules.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'leaves-import-only-leaves',
      severity: 'error',
      comment: 'Shared leaf modules (time, errors, kpi, format, i18n) import only other leaves and packages.',
      from: { path: LEAF },
      to: { path: '^src/', pathNot: LEAF },
    },
    {
      name: 'domains-not-upward',
      severity: 'error',
      comment: 'Domains never import app, commands, cli, store, live or tui.',
      from: { path: DOMAIN },
      to: { path: [APP, COMMANDS, CLI, STORE, LIVE, TUI] },
    },
    {
      name: 'store-only-from-app',
      severity: 'error',
      comment: 'Only src/app/ (and the store itself) may import src/store/: commands call use-cases.',
      from: { pathNot: [APP, STORE] },
      to: { path: STORE },
    },
    {
      name: 'store-imports-domain-types-and-leaves',
      severity: 'error',
      comment: 'src/store/ imports only itself, the leaves and the domains (the latter for types only).',
      from: { path: STORE },
      to: { path: '^src/', pathNot: [STORE, LEAF, DOMAIN] },
    },
    {
      name: 'store-imports-domains-for-types-only',
      severity: 'error',
      comment: 'src/store/ may import the domains\' types (import type ...), not their code.',
      from: { path: STORE },
      to: { path: DOMAIN, dependencyTypesNot: ['type-only', 'pre-compilation-only'] },
    },
    {
      name: 'live-imports-domains-and-leaves',
      severity: 'error',
      comment: 'src/live/ imports only itself, the domains and the leaves.',
      from: { path: LIVE },
      to: { path: '^src/', pathNot: [LIVE, DOMAIN, LEAF] },
    },
    {
      name: 'tui-imports-live-domains-and-leaves',
      severity: 'error',
      comment: 'src/tui/ imports only itself, live, the domains and the leaves.',
      from: { path: TUI },
      to: { path: '^src/', pathNot: [TUI, LIVE, DOMAIN, LEAF] },
    },
    {
      name: 'live-board-not-to-report',
      severity: 'error',
      comment: 'The live board (src/live, src/tui) takes its words from src/i18n and its formatting from src/format.ts, not from the reports.',
      from: { path: [LIVE, TUI] },
      to: { path: '^src/report/' },
    },
    {
      name: 'app-not-to-commands-or-cli',
      severity: 'error',
      comment: 'src/app/ never imports src/commands/ or src/cli.ts.',
      from: { path: APP },
      to: { path: [COMMANDS, CLI] },
    },
    {
      name: 'commands-not-to-cli',
      severity: 'error',
      comment: 'src/commands/ never imports src/cli.ts.',
      from: { path: COMMANDS },
      to: { path: CLI },
    },
    {
      name: 'pure-no-io',
      severity: 'error',
      comment:
        'Pure domains and the leaves use no file system, database, terminal UI, child processes or ' +
        'sockets (the bare and the node: names alike, and process.getBuiltinModule calls).',
      from: { path: PURE },
      to: {
        path: [
          '^(node:)?(fs|fs/promises|child_process|net)$',
          '(^|/)node_modules/(@types/)?(better-sqlite3|ink|react)/',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // TypeScript sources: parsed and resolved as tsconfig.json has it (NodeNext; `./x.js` -> `./x.ts(x)`)
    tsConfig: { fileName: 'tsconfig.json' },
    // 'specify': type-only imports are cruised like any other and marked, so that the store rule
    // can tell `import type` (allowed) from a value import (not allowed)
    tsPreCompilationDeps: 'specify',
    detectProcessBuiltinModuleCalls: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
