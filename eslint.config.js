// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results.json', 'bench/.build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Imports flow one way (docs/architecture.md): a cycle, even of `import type`, fails the lint.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  ...layers({
    // shared ServiceTitan vocabulary: imports nothing of the tool
    domain: ['policy', 'engine', 'report', 'servicetitan', 'apply', 'github', 'evidence', 'sandbox', 'cli'],
    // the policy language knows nothing of what judges or fetches it
    policy: ['engine', 'report', 'servicetitan', 'apply', 'github', 'evidence', 'sandbox', 'cli'],
    // the engine is pure: plain data in, plain data out, no I/O and no channels
    engine: ['report', 'servicetitan', 'apply', 'github', 'evidence', 'sandbox', 'cli'],
    // renderers render the report; they never fetch, write or publish
    report: ['servicetitan', 'apply', 'github', 'evidence', 'sandbox', 'cli'],
    // the ServiceTitan client knows no policy, no report and no channel
    servicetitan: ['policy', 'report', 'apply', 'github', 'evidence', 'sandbox', 'cli'],
    // the stand-in for ServiceTitan shares nothing with the tool but its error type
    sandbox: ['policy', 'engine', 'report', 'servicetitan', 'apply', 'github', 'evidence', 'cli'],
  }),
);

/**
 * One config per folder under src/ naming the folders it may not import: the folder tree is the
 * data flow (policy → engine → report → channels), and an import against it fails the lint.
 */
function layers(forbidden) {
  return Object.entries(forbidden).map(([folder, others]) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: others.map((other) => ({
            group: [`../${other}/*`, `../../${other}/*`],
            message: `src/${folder} does not import src/${other} (docs/architecture.md: imports flow one way).`,
          })),
        },
      ],
    },
  }));
}
