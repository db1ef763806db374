/**
 * Secrets and personal data, in-process: every mode of the action (its `run()`) and of the command
 * line (`runCommand`, with --debug) runs with distinctive credentials, and nothing the run
 * publishes (logs, summary, outputs, report, SARIF, evidence, what it sends to GitHub, error
 * messages) may carry a secret in any form. With redaction on, no tenant user's name or email
 * reaches a public channel. test/e2e/secrets.test.ts runs a few of the cases through the bundles.
 */
import { secretsSuite } from '../e2e/secrets.support.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

secretsSuite({
  action: runActionInProcess,
  cli: runCliInProcess,
});
