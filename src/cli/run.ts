/** validate | audit | apply | discover | undo | review from the command line. */
import { consoleLogger } from './console-logger.js';
import { runPipeline } from '../pipeline.js';
import { publishedExitCode, publishRun } from '../publish/publish.js';
import { consoleSinks } from '../publish/console.js';
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
import { ConfigurationError } from '../errors.js';

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
  notify: 'ST_NOTIFY',
  'entra-client-id': 'ENTRA_CLIENT_ID',
  'entra-client-secret': 'ENTRA_CLIENT_SECRET',
  'google-credentials': 'GOOGLE_CREDENTIALS',
  'google-subject': 'GOOGLE_SUBJECT',
  'entra-authority-url': 'ENTRA_AUTHORITY_URL',
  'graph-url': 'GRAPH_URL',
  'google-token-url': 'GOOGLE_TOKEN_URL',
  'google-api-url': 'GOOGLE_API_URL',
  'github-token': 'GITHUB_TOKEN',
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

/** `review start|sync|close`: the positional is the review's action. */
function reviewValues(rest: string[], values: Values): Values {
  const [action, ...extra] = rest;
  if (action === undefined || !['start', 'sync', 'close'].includes(action) || extra.length > 0) {
    throw new ConfigurationError(
      'input.invalid-review',
      `\`review\` takes one of start, sync or close${action === undefined ? '' : `, not \`${rest.join(' ').slice(0, 40)}\``}.`,
      'Run `st-access-guard review start|sync|close --repo OWNER/NAME` with GITHUB_TOKEN set.',
    );
  }
  return { ...values, review: action };
}

/** The environment a review talks to GitHub with: `--repo OWNER/NAME` names the repository. */
export function reviewEnv(values: Values, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const repo = values.repo;
  if (repo === undefined) return env;
  if (typeof repo !== 'string' || !/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repo)) {
    throw new ConfigurationError(
      'input.invalid-repo',
      `--repo is \`${String(repo).slice(0, 80)}\`, which is not a repository as OWNER/NAME.`,
      'Give the repository whose issues hold the review, e.g. `--repo acme/servicetitan-access`.',
    );
  }
  return { ...env, GITHUB_REPOSITORY: repo };
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
  const values =
    mode === 'undo' ? undoValues(rest, given) : mode === 'review' ? reviewValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(cliInputs(mode, values), cliEvent(), process.cwd());
  const asks =
    (mode === 'apply' || mode === 'undo') &&
    !values.yes &&
    Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const deps = {
    logger,
    now: () => new Date(),
    ...(asks ? { confirm: (steps: readonly PlanStep[]) => askBeforeWriting(mode, settings, steps) } : {}),
  };
  const result =
    mode === 'review'
      ? await (await import('../review-run.js')).runReviewMode(settings, deps, reviewEnv(values))
      : await runPipeline(settings, deps);
  // every channel (files, evidence) then the report on the console; a file that could not be
  // written is an error of its own, after the run's own outcome
  const published = await publishRun(
    settings,
    result,
    logger,
    consoleSinks(settings, result, logger, {
      json: Boolean(values.json),
      noColor: Boolean(values['no-color']),
    }),
  );
  return publishedExitCode(result, published);
}

/** `fleet matrix|report` (SPEC §10): the fleet modes, their inputs read like every command's. */
export async function runFleetCli(rest: string[], values: Values): Promise<number> {
  const { runFleetCommand } = await import('../fleet/cli.js');
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  return runFleetCommand(rest, {
    settings: (mode) => parseSettings(cliInputs(mode, values), cliEvent(), process.cwd()),
    logger: consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty }),
    stdout: (text) => void process.stdout.write(text),
    json: Boolean(values.json),
  });
}
