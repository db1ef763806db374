/**
 * Runs in this process, at a fraction of a process start, from the source rather than the bundle.
 *
 * The environment, the working directory, stdout and the exit status belong to the whole thread,
 * so these run one at a time.
 *
 * `runActionInProcess`: the action's `run()` (src/main.ts), given the step the runner would start
 * (the same `INPUT_*` variables, workspace, event, output and summary files as `runAction` in
 * test/e2e/harness.ts), its stdout and stderr collected and its exit status read, then everything
 * put back. It answers with the same `ActionRun`: the same outputs, summary, annotations and
 * masks.
 *
 * `runCliInProcess`: `st-access-guard MODE …` through the command line's `runCommand`, with its
 * stdout, stderr and exit status, the same way.
 *
 * `runPipelineAgainst`: the settings the CLI parses and `runPipeline` alone, against a sandbox,
 * with the report, the log, the console rendering and the sandbox's requests.
 *
 * test/e2e keeps a few bundle runs per area to prove the bundles' own wiring.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { vi } from 'vitest';
import { cliInputs } from '../../src/cli/run.js';
import { GuardError } from '../../src/errors.js';
import { recordingLogger } from '../../src/logger.js';
import { runPipeline, type PipelineResult } from '../../src/pipeline.js';
import { statusExitCode } from '../../src/report/build.js';
import { renderConsole } from '../../src/report/console.js';
import type { Mode, Report } from '../../src/report/model.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { ClientTuning } from '../../src/servicetitan/settings.js';
import { parseSettings, type EventContext } from '../../src/settings.js';
import {
  collectAction,
  prepareAction,
  type ActionOptions,
  type ActionRun,
  type ProcessResult,
} from '../e2e/harness.js';
import type { LoggedRequest } from './fault-matrix.js';

/** The variables of the test runner itself, kept through a run (no action reads them). */
const RUNNER_OWN = /^(VITEST|TINYPOOL)/;

let queue: Promise<unknown> = Promise.resolve();

/** @actions/core reads GITHUB_STEP_SUMMARY once per process; each run here is a process of its own. */
function forgetSummaryFile(): void {
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
  core.summary.emptyBuffer();
}

type Captured = ProcessResult;

/**
 * Runs `fn` as a process of its own would: this environment only, this working directory for
 * `process.cwd()` (worker threads cannot change directory, so give files absolute paths), stdout
 * and stderr collected, and the exit status from `fn`'s answer or `process.exitCode`.
 */
async function inProcess(
  env: NodeJS.ProcessEnv,
  cwd: string,
  fn: () => Promise<number | void>,
): Promise<Captured> {
  const saved = { ...process.env };
  const savedExit = process.exitCode;
  const savedCwd = process.cwd;
  for (const key of Object.keys(process.env)) if (!RUNNER_OWN.test(key)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  process.exitCode = undefined;
  process.cwd = () => cwd;
  forgetSummaryFile();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    let code: number;
    try {
      const answer = await fn();
      code = typeof answer === 'number' ? answer : Number(process.exitCode ?? 0);
    } catch (error) {
      // what Node does with an entry's rejected top-level await
      stderr += `${(error as Error)?.stack ?? String(error)}\n`;
      code = 1;
    }
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    forgetSummaryFile();
    process.cwd = savedCwd;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    process.exitCode = savedExit;
  }
}

/** One at a time: the environment, stdout and the exit status belong to the whole thread. */
function inTurn(run: () => Promise<Captured>): Promise<Captured> {
  const turn = queue.then(run);
  queue = turn.catch(() => undefined);
  return turn;
}

/** `runAction`, in this process: the source's `run()` instead of dist/index.js. */
export async function runActionInProcess(opts: ActionOptions = {}): Promise<ActionRun> {
  const prepared = await prepareAction(opts);
  const res = await inTurn(() =>
    inProcess(prepared.env, prepared.workspace, async () => {
      const { run } = await import('../../src/main.js');
      await run();
    }),
  );
  return collectAction(res, prepared);
}

/** The flags that name a file or folder: made absolute, since `process.cwd()` is only pretended. */
const PATH_FLAGS = new Set([
  'policy',
  'report',
  'sarif',
  'snapshot',
  'evidence',
  'baseline-policy',
  'baseline-snapshot',
  'baseline-evidence',
  'plan',
  'review-report',
  'fleet',
  'reports',
  'history',
  'data',
  'public-key',
]);
const BOOLEAN_FLAGS = new Set(['force', 'yes', 'json', 'markdown', 'quiet', 'debug', 'no-color']);

/**
 * `st-access-guard MODE [REPORT] --flag value …` as the command line runs it after parsing
 * (`runCommand`: settings from the flags and the environment, the pipeline, every channel, the
 * console; or `demo`, `evidence verify` and `diff`), in this process, with its stdout, stderr and exit
 * status. Paths are made absolute against `cwd` first. Parsing the command line itself (help,
 * version, unknown options) is the bundle's: test/e2e.
 */
export function runCliInProcess(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  const cwd = opts.cwd ?? process.cwd();
  const [command, ...rest] = args;
  const positionals: string[] = [];
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      // `evidence verify DIR`: the first word is not a path
      const word = command === 'evidence' && positionals.length === 0;
      positionals.push(word ? arg : path.resolve(cwd, arg));
      continue;
    }
    const name = arg.slice(2);
    if (BOOLEAN_FLAGS.has(name)) {
      values[name] = true;
      continue;
    }
    const value = rest[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    values[name] = PATH_FLAGS.has(name) ? path.resolve(cwd, value) : value;
  }
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env };
  return inTurn(() =>
    inProcess(env, cwd, async () => {
      const { runCommand } = await import('../../src/cli/run.js');
      const evidence = await import('../../src/evidence/cli.js');
      try {
        if (command === 'demo') return await (await import('../../src/cli/demo.js')).runDemo(values);
        if (command === 'evidence') return await evidence.runEvidenceCommand(positionals, values);
        if (command === 'diff') return await evidence.runDiffCommand(positionals, values);
        return await runCommand(command as Mode, positionals, values);
      } catch (error) {
        // as src/cli.ts ends a command that threw
        if (error instanceof GuardError) {
          process.stderr.write(
            `error: ${error.message}${error.hint ? `\n  ${error.hint}` : ''} [${error.code}]\n`,
          );
          return error.exitCode;
        }
        const shown = error instanceof Error ? (values.debug ? error.stack : error.message) : String(error);
        process.stderr.write(
          `error: unexpected: ${shown}\n  This is a bug; rerun with --debug and report it.\n`,
        );
        return 3;
      }
    }),
  );
}

/** The inputs the command line reads from the environment (cliInputs' ST_* variables). */
const FROM_ENV: Record<string, string> = {
  tenant: 'ST_TENANT',
  'client-id': 'ST_CLIENT_ID',
  'client-secret': 'ST_CLIENT_SECRET',
  'app-key': 'ST_APP_KEY',
  'api-url': 'ST_API_URL',
  'auth-url': 'ST_AUTH_URL',
};
const CLI_EVENT: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };

export interface PipelineOptions {
  /** the command line's values (`policy`, `page-size`, …) and the ST_* ones by input name */
  inputs?: Record<string, string>;
  /** files to create in the workspace before the run, path → content */
  files?: Record<string, string>;
  /**
   * Client tuning the inputs do not reach, e.g. `requestsPerSecond`, so that a run that must read
   * a thousand pages is not held to ServiceTitan's 55 a second for nothing.
   */
  tuning?: Partial<ClientTuning>;
}

export interface PipelineRun {
  result: PipelineResult;
  report: Report;
  /** every line the run logged, debug included */
  output: string;
  /** what the CLI prints for the report (no colour) */
  rendered: string;
  /** the sandbox's request log, this run's requests only */
  log: LoggedRequest[];
  /** the exit status the report gives */
  code: number;
  workspace: string;
  seconds: number;
}

/**
 * `st-access-guard MODE` in this process, against a sandbox: the settings the CLI parses from its
 * values and ST_* variables, then `runPipeline`. A thrown error is the test's failure.
 */
export async function runPipelineAgainst(
  sandbox: Sandbox,
  mode: Mode,
  opts: PipelineOptions = {},
): Promise<PipelineRun> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-run-'));
  for (const [file, content] of Object.entries(opts.files ?? {})) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
    await writeFile(path.join(workspace, file), content);
  }
  const env: Record<string, string> = {
    ST_TENANT: sandbox.tenant,
    ST_CLIENT_ID: sandbox.credentials.clientId,
    ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
    ST_APP_KEY: sandbox.credentials.appKey,
    ST_API_URL: sandbox.url,
    ST_AUTH_URL: sandbox.authUrl,
  };
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.inputs ?? {})) {
    const variable = FROM_ENV[name];
    if (variable) env[variable] = value;
    else values[name] = value;
  }
  const settings = parseSettings(cliInputs(mode, values, env), CLI_EVENT, workspace);
  if (opts.tuning) Object.assign(settings.tuning, opts.tuning);
  const logger = recordingLogger();
  const first = sandbox.requests.length;
  const started = Date.now();
  const result = await runPipeline(settings, { logger, now: () => new Date() });
  return {
    result,
    report: result.report,
    seconds: (Date.now() - started) / 1000,
    output: logger.lines.join('\n'),
    rendered: renderConsole(result.report, { color: false, policy: result.policy }),
    log: sandbox.requests.slice(first).map(({ method, path, status }) => ({ method, path, status })),
    code: statusExitCode(result.report),
    workspace,
  };
}
