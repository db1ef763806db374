/** validate | audit | apply | discover | undo from the command line. */
import { writeFileAtomic } from '../files.js';
import { consoleLogger } from './console-logger.js';
import { runPipeline } from '../pipeline.js';
import { renderJson } from '../report/json.js';
import { renderConsole } from '../report/console.js';
import { statusExitCode } from '../report/build.js';
import { parseSettings, type InputName, type InputSource } from '../settings.js';
import type { Mode } from '../report/model.js';
import { ConfigurationError } from '../errors.js';
import { undoJournalPath } from '../apply/undo-journal.js';

type Values = Record<string, string | boolean | undefined>;

const ENV: Partial<Record<InputName, string>> = {
  tenant: 'ST_TENANT',
  'client-id': 'ST_CLIENT_ID',
  'client-secret': 'ST_CLIENT_SECRET',
  'app-key': 'ST_APP_KEY',
  environment: 'ST_ENVIRONMENT',
  'api-url': 'ST_API_URL',
  'auth-url': 'ST_AUTH_URL',
};

export function cliInputs(mode: Mode, values: Values, env: NodeJS.ProcessEnv = process.env): InputSource {
  return {
    get: (name) => {
      if (name === 'mode') return mode;
      const variable = ENV[name];
      if (variable) return env[variable] ?? '';
      const flag = values[name];
      return typeof flag === 'string' ? flag : '';
    },
    label: (name) => (ENV[name] ? `${ENV[name]}` : name === 'mode' ? 'the command' : `--${name}`),
  };
}

/** `undo REPORT`: the positional names the apply report, like --report (given once). */
function undoValues(rest: string[], values: Values): Values {
  const [positional, ...extra] = rest;
  const flag = typeof values.report === 'string' ? values.report : undefined;
  if (extra.length > 0 || (positional !== undefined && flag !== undefined && positional !== flag)) {
    throw new ConfigurationError(
      'input.invalid-report',
      'undo takes one apply report: `st-access-guard undo REPORT` (or --report REPORT).',
      'Name the JSON report of the apply to reverse once.',
    );
  }
  return positional === undefined ? values : { ...values, report: positional };
}

export async function runCommand(mode: Mode, rest: string[], given: Values): Promise<number> {
  const values = mode === 'undo' ? undoValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(
    cliInputs(mode, values),
    { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
    process.cwd(),
  );
  const result = await runPipeline(settings, { logger, now: () => new Date() });
  const { report } = result;
  // undo reads the apply report named by --report and writes its own journal beside it
  const reportPath =
    settings.mode === 'undo' && settings.reportPath
      ? undoJournalPath(settings.reportPath)
      : settings.reportPath;
  if (reportPath) await writeFileAtomic(reportPath, renderJson(report));
  if (settings.sarifPath) {
    const { renderSarif } = await import('../report/sarif.js');
    const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath });
    await writeFileAtomic(settings.sarifPath, JSON.stringify(sarif, null, 2) + '\n');
  }
  if (settings.evidencePath) {
    const { writeRunEvidence } = await import('../evidence/sink.js');
    const evidence = await writeRunEvidence(settings, result);
    if (evidence) process.stderr.write(`Evidence pack: ${evidence.dir}\n`);
    if (evidence?.sinceLastReview) process.stderr.write(evidence.sinceLastReview + '\n');
  }
  for (const note of result.notes) logger.warning(note);
  if (values.json) {
    process.stdout.write(renderJson(report));
  } else {
    const color = Boolean(process.stdout.isTTY) && !values['no-color'] && !process.env.NO_COLOR;
    process.stdout.write(
      renderConsole(report, {
        color,
        width: process.stdout.columns ?? 100,
        ...(reportPath ? { reportPath } : {}),
        ...(settings.sarifPath ? { sarifPath: settings.sarifPath } : {}),
      }),
    );
  }
  return statusExitCode(report);
}
