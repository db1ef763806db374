/** validate | audit | apply | discover | undo from the command line. */
import { describeWriteFailure, writeFileAtomic } from '../files.js';
import { consoleLogger } from './console-logger.js';
import { reportFile, runPipeline } from '../pipeline.js';
import { renderJson } from '../report/json.js';
import { consoleWidth, renderConsole } from '../report/console.js';
import { statusExitCode } from '../report/build.js';
import {
  parseSettings,
  type EventContext,
  type InputName,
  type InputSource,
  type Settings,
} from '../settings.js';
import type { PlanStep } from '../engine/types.js';
import { readGitHubEvent } from '../github/event.js';
import type { Mode } from '../report/model.js';
import { ConfigurationError, GuardError } from '../errors.js';

type Values = Record<string, string | boolean | undefined>;

const ENV: Partial<Record<InputName, string>> = {
  tenant: 'ST_TENANT',
  'client-id': 'ST_CLIENT_ID',
  'client-secret': 'ST_CLIENT_SECRET',
  'app-key': 'ST_APP_KEY',
  environment: 'ST_ENVIRONMENT',
  'api-url': 'ST_API_URL',
  'auth-url': 'ST_AUTH_URL',
  'evidence-signing-key': 'ST_EVIDENCE_SIGNING_KEY',
};

export function cliInputs(mode: Mode, values: Values, env: NodeJS.ProcessEnv = process.env): InputSource {
  return {
    get: (name) => {
      if (name === 'mode') return mode;
      const variable = ENV[name];
      if (variable) return env[variable] ?? '';
      const flag = values[name];
      if (typeof flag === 'boolean') return flag ? 'true' : '';
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

/**
 * Inside GitHub Actions the CLI is bound by the same event rule as the action (a pull request's
 * run never writes, whatever tool it calls), so it reads the run's event; elsewhere it is `cli`.
 */
export function cliEvent(env: NodeJS.ProcessEnv = process.env): EventContext {
  if (env.GITHUB_ACTIONS === 'true') return readGitHubEvent(env);
  return { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
}

/** On a terminal, apply and undo show what they will change and ask first (--yes skips this). */
async function askBeforeWriting(
  mode: Mode,
  settings: Settings,
  steps: readonly PlanStep[],
): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const lines = steps.map(
    (s) => `  ${s.action}${s.role ? ` → ${s.role}` : ''}  ${s.user.kind} #${s.user.id} ${s.user.name}`,
  );
  process.stderr.write(
    `\n${mode === 'apply' ? 'Apply' : 'Undo'} will make ${steps.length} change${steps.length === 1 ? '' : 's'} in tenant ${settings.tenant ?? ''} (${settings.environment}):\n${lines.join('\n')}\n`,
  );
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C (or the end of input) at the question is a no, never a hang
  const abort = new AbortController();
  prompt.on('SIGINT', () => abort.abort());
  prompt.on('close', () => abort.abort());
  try {
    const answer = await prompt.question('Go ahead? Type yes to continue: ', { signal: abort.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    process.stderr.write('\n');
    return false;
  } finally {
    prompt.close();
  }
}

export async function runCommand(mode: Mode, rest: string[], given: Values): Promise<number> {
  const values = mode === 'undo' ? undoValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(cliInputs(mode, values), cliEvent(), process.cwd());
  const asks =
    (mode === 'apply' || mode === 'undo') &&
    !values.yes &&
    Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const result = await runPipeline(settings, {
    logger,
    now: () => new Date(),
    ...(asks ? { confirm: (steps: readonly PlanStep[]) => askBeforeWriting(mode, settings, steps) } : {}),
  });
  const { report } = result;
  // Each file on its own: one that cannot be written is reported, and the outcome is still shown.
  const failures: string[] = [];
  const attempt = async (what: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (error) {
      const detail =
        error instanceof GuardError
          ? `${error.message}${error.hint ? ` ${error.hint}` : ''} [${error.code}]`
          : describeWriteFailure(error, result.redacted);
      failures.push(`${what} was not written: ${detail}`);
    }
  };
  // undo reads the apply report named by --report and writes its own journal beside it
  const reportPath = reportFile(settings);
  if (reportPath && result.writeReport) {
    await attempt(`The report ${reportPath}`, () => writeFileAtomic(reportPath, renderJson(report)));
  }
  if (settings.sarifPath) {
    const sarifPath = settings.sarifPath;
    await attempt(`The SARIF file ${sarifPath}`, async () => {
      const { renderSarif } = await import('../report/sarif.js');
      const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath });
      await writeFileAtomic(sarifPath, JSON.stringify(sarif, null, 2) + '\n');
    });
  }
  if (settings.evidencePath) {
    await attempt(`The evidence pack ${settings.evidencePath}`, async () => {
      const { writeRunEvidence } = await import('../evidence/sink.js');
      const evidence = await writeRunEvidence(settings, result);
      if (evidence) {
        process.stderr.write(
          `Evidence pack: ${evidence.dir}${evidence.replacedEarlier ? ' (replaced the earlier pack there)' : ''}\n`,
        );
      }
      if (evidence?.signature) {
        process.stderr.write(
          `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}\n`,
        );
      }
      if (evidence?.sinceLastReview) process.stderr.write(evidence.sinceLastReview + '\n');
    });
  }
  for (const note of result.notes) logger.warning(note);
  if (values.json) {
    process.stdout.write(renderJson(report));
  } else {
    const color = Boolean(process.stdout.isTTY) && !values['no-color'] && !process.env.NO_COLOR;
    process.stdout.write(
      renderConsole(report, {
        color,
        policy: result.policy,
        width: consoleWidth(process.stdout.columns, process.env),
        ...(reportPath ? { reportPath } : {}),
        ...(settings.sarifPath ? { sarifPath: settings.sarifPath } : {}),
      }),
    );
  }
  for (const failure of failures) logger.error(failure);
  const code = statusExitCode(report);
  // the run's own outcome first; a file that could not be written is an error of its own
  return code === 0 && failures.length > 0 ? 3 : code;
}
