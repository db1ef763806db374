/**
 * Secrets and personal data through the committed bundles: a scheduled audit with every channel
 * (tracking issue, SARIF, evidence) and a wrong secret in the action, and an audit with every file
 * in the CLI, with --debug. Every case runs in-process in test/integration/secrets.test.ts; these
 * prove the bundles mask and publish the same way.
 */
import { secretsSuite } from './secrets.support.js';
import { runAction, runCli } from './harness.js';

secretsSuite({
  action: runAction,
  cli: runCli,
  only: [
    'audit on a schedule with the tracking issue and an evidence pack',
    'audit with a wrong client secret (the error message)',
    'st-access-guard audit',
  ],
});
