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
    domain: [
      'policy',
      'engine',
      'report',
      'servicetitan',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'fleet',
      'publish',
      'notify',
      'review',
    ],
    // the policy language knows nothing of what judges or fetches it
    policy: [
      'engine',
      'report',
      'servicetitan',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'fleet',
      'publish',
      'notify',
      'review',
    ],
    // the engine is pure: plain data in, plain data out, no I/O and no channels
    engine: [
      'report',
      'servicetitan',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'fleet',
      'publish',
      'notify',
      'identity',
      'review',
    ],
    // renderers render the report; they never fetch, write or publish
    report: [
      'servicetitan',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'publish',
      'notify',
      'fleet',
      'review',
    ],
    // the ServiceTitan client knows only domain types: no policy, no engine, no report, no channel
    servicetitan: [
      'policy',
      'engine',
      'report',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'fleet',
      'publish',
      'notify',
      'identity',
      'review',
    ],
    // the stand-in for ServiceTitan shares nothing with the tool but its error type
    sandbox: [
      'policy',
      'engine',
      'report',
      'servicetitan',
      'apply',
      'github',
      'evidence',
      'cli',
      'fleet',
      'publish',
      'notify',
      'identity',
      'http',
      'review',
    ],
    // the one publish path of both entries: channels and sinks, never an entry's own code
    publish: ['sandbox', 'cli', 'fleet'],
    // alerts render the report for chat and send it: no entry, no apply, no publish path
    notify: ['sandbox', 'cli', 'apply', 'publish', 'fleet', 'review'],
    // identity sources read directories into domain types: no policy, no judging, no channel
    identity: [
      'policy',
      'engine',
      'report',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'fleet',
      'publish',
      'notify',
      'review',
    ],
    // requests to services other than ServiceTitan: knows only the retry rules and the logger
    http: [
      'policy',
      'engine',
      'report',
      'apply',
      'github',
      'evidence',
      'sandbox',
      'cli',
      'fleet',
      'publish',
      'notify',
      'identity',
      'review',
    ],
    // fleets read the fleet file, the tenant policies and the tenants' reports: no tenant is fetched
    // (the roll-up's one alert goes through src/notify)
    fleet: ['servicetitan', 'apply', 'github', 'sandbox', 'cli', 'publish', 'identity', 'http', 'review'],
    // access reviews run in GitHub's issues: the tenant, fetched and audited, is handed in
    review: ['servicetitan', 'apply', 'sandbox', 'cli', 'fleet', 'publish', 'notify', 'identity', 'http'],
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
