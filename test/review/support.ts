/**
 * A review as a workflow runs it, in-process: the settings the CLI parses, the review phase the
 * entries call, a ServiceTitan sandbox and the GitHub REST fake on loopback, and a clock the test
 * moves (the review's "now" and the fake's timestamps alike).
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliInputs } from '../../src/cli/run.js';
import { recordingLogger } from '../../src/logger.js';
import { runPipeline, type PipelineResult } from '../../src/pipeline.js';
import { runReviewMode } from '../../src/review-run.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { parseSettings, type EventContext } from '../../src/settings.js';
import type { Mode } from '../../src/report/model.js';
import type { FakeUser, GitHubFake } from '../helpers/github-fake.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const POLICY = '.github/servicetitan-access.yml';
export const TOKEN = 'ghs_reviewtoken_0123456789abcdef';
const CLI_EVENT: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };

export const REVIEWS = `
reviews:
  scope: [privileged, external]
  reviewers:
    - github: [field-lead]
      applies-to: { kinds: [technician] }
    - github: [it-lead, security-lead]
  due-days: 14
`;

export const user = (login: string): FakeUser => ({ login, type: 'User' });

export interface Bench {
  workspace: string;
  clock: { now: Date };
  /** `mode: review` with `review: action`, as `st-access-guard review ACTION --repo acme/access` runs it */
  review(action: 'start' | 'sync' | 'close', values?: Record<string, string>): Promise<ReviewRun>;
  /** any other mode through the pipeline (apply with `review-report`) */
  pipeline(mode: Mode, values: Record<string, string>): Promise<PipelineResult>;
}

export interface ReviewRun {
  result: PipelineResult;
  log: string;
}

export async function bench(sandbox: Sandbox, gh: GitHubFake, extraPolicy = REVIEWS): Promise<Bench> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-review-'));
  await mkdir(path.join(workspace, '.github'), { recursive: true });
  const starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  await writeFile(path.join(workspace, POLICY), `${starter}\n${extraPolicy}`);
  const clock = { now: new Date('2025-01-06T09:00:00Z') };
  gh.setClock(() => new Date(clock.now));
  const env = {
    ST_TENANT: sandbox.tenant,
    ST_CLIENT_ID: sandbox.credentials.clientId,
    ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
    ST_APP_KEY: sandbox.credentials.appKey,
    ST_API_URL: sandbox.url,
    ST_AUTH_URL: sandbox.authUrl,
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'acme/access',
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
  };
  const deps = (logger: ReturnType<typeof recordingLogger>) => ({ logger, now: () => new Date(clock.now) });
  return {
    workspace,
    clock,
    review: async (action, values = {}) => {
      const inputs = { policy: POLICY, 'github-token': TOKEN, review: action, ...values };
      const settings = parseSettings(cliInputs('review', inputs, env), CLI_EVENT, workspace);
      const logger = recordingLogger();
      const result = await runReviewMode(settings, deps(logger), env);
      return { result, log: logger.lines.join('\n') };
    },
    pipeline: async (mode, values) => {
      const settings = parseSettings(
        cliInputs(mode, { policy: POLICY, ...values }, env),
        CLI_EVENT,
        workspace,
      );
      return runPipeline(settings, deps(recordingLogger()));
    },
  };
}

/** Moves the clock to `iso` (the review's now and the fake's timestamps). */
export function at(b: Bench, iso: string): void {
  b.clock.now = new Date(iso);
}
