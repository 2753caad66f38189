// ESLint flat config: ESLint's and typescript-eslint's `recommended` rule sets for the sources,
// tests, benchmarks and scripts. The only additions are what this code base needs:
//   - Node's globals for the plain JavaScript files (bench/*.mjs, scripts/*.mjs);
//   - unused parameters whose names start with `_` are allowed (callback parameters kept for their
//     position, e.g. the `_line` of a row callback);
//   - the React/Ink screens (*.tsx) get the two classic rules of eslint-plugin-react-hooks
//     (rules-of-hooks, exhaustive-deps), which src/tui already annotates for; not the plugin's
//     newer React Compiler rules.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'out/', 'wfm-quickstart/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
);
