/**
 * One audit of the in-process sandbox, published through the one publish path (`publishRun` with
 * every channel), the way the CLI or the action would: settings parsed from CLI-style inputs, the
 * pipeline run, then the channels. The entry's own sink (summary and outputs, or the console) is
 * replaced by one that records what it was handed.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliInputs } from '../../src/cli/run.js';
import { recordingLogger } from '../../src/logger.js';
import { runPipeline, type PipelineResult } from '../../src/pipeline.js';
import { publishedExitCode, publishRun, type EntrySinks, type Published } from '../../src/publish/publish.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { parseSettings, type EventContext, type Settings } from '../../src/settings.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const POLICY = '.github/servicetitan-access.yml';
export const RUN_URL = 'https://github.com/acme/access-policy/actions/runs/4242';

const CLI_EVENT: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
const SCHEDULE: EventContext = {
  name: 'schedule',
  isPullRequest: false,
  repositoryPrivate: true,
  payload: { repository: { private: true } },
};

export interface AuditRun {
  settings: Settings;
  result: PipelineResult;
  published: Published;
  /** every line logged, debug included */
  log: string[];
  exitCode: number;
}

/** A workspace holding the starter policy. */
export async function workspaceWithPolicy(): Promise<string> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-notify-'));
  await mkdir(path.join(workspace, path.dirname(POLICY)), { recursive: true });
  const starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  await writeFile(path.join(workspace, POLICY), starter);
  return workspace;
}

export interface AuditOptions {
  sandbox: Sandbox;
  workspace: string;
  /** ST_NOTIFY, the `notify` input */
  notify: string;
  /** flags / inputs besides the credentials: `notify-on`, `evidence`, `baseline-evidence`, `issue`, … */
  values?: Record<string, string>;
  /** variables the command line reads (GITHUB_TOKEN, …), besides the credentials and ST_NOTIFY */
  env?: Record<string, string>;
  /** `action` publishes the GitHub channel too (tracking issue), on a scheduled event */
  entry?: 'cli' | 'action';
  event?: EventContext;
}

export async function audit(opts: AuditOptions): Promise<AuditRun> {
  const { sandbox } = opts;
  const env = {
    ST_TENANT: sandbox.tenant,
    ST_CLIENT_ID: sandbox.credentials.clientId,
    ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
    ST_APP_KEY: sandbox.credentials.appKey,
    ST_API_URL: sandbox.url,
    ST_AUTH_URL: sandbox.authUrl,
    ST_NOTIFY: opts.notify,
    ...opts.env,
  };
  const entry = opts.entry ?? 'cli';
  const event = opts.event ?? (entry === 'action' ? SCHEDULE : CLI_EVENT);
  const settings = parseSettings(cliInputs('audit', opts.values ?? {}, env), event, opts.workspace);
  const logger = recordingLogger();
  const result = await runPipeline(settings, { logger, now: () => new Date() });
  const sinks: EntrySinks = {
    entry,
    runUrl: RUN_URL,
    evidenceWritten: () => {},
    finish: async () => {},
  };
  const published = await publishRun(settings, result, logger, sinks);
  return { settings, result, published, log: logger.lines, exitCode: publishedExitCode(result, published) };
}
