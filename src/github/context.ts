/**
 * Where the run is on GitHub and how to talk to its REST API. Everything here is a side channel
 * of the audit: a GitHub failure becomes a warning, never the run's status.
 */
import { getOctokit } from '@actions/github';
import type { Logger } from '../logger.js';
import { inlinePlain } from '../report/text.js';

export interface GitHubContext {
  token: string;
  /** GITHUB_API_URL, default https://api.github.com */
  apiUrl: string;
  owner: string;
  /** from GITHUB_REPOSITORY */
  repo: string;
  eventName: string;
  payload: Record<string, unknown>;
  serverUrl: string;
  runId?: string;
  runUrl?: string;
}

/** null when there is no token or no repository to talk to */
export function gitHubContext(
  env: NodeJS.ProcessEnv,
  token: string | null,
  payload: Record<string, unknown>,
): GitHubContext | null {
  if (!token) return null;
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0) return null;
  const serverUrl = stripTrailingSlash(env.GITHUB_SERVER_URL || 'https://github.com');
  const runId = env.GITHUB_RUN_ID || undefined;
  return {
    token,
    apiUrl: stripTrailingSlash(env.GITHUB_API_URL || 'https://api.github.com'),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    serverUrl,
    ...(runId ? { runId, runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` } : {}),
  };
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export type GitHubClient = ReturnType<typeof getOctokit>;

/** A GitHub that does not answer must not hold the run: each request gets this long. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

export function gitHubClient(
  ctx: GitHubContext,
  logger: Logger,
  timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
): GitHubClient {
  const octokit = getOctokit(ctx.token, {
    baseUrl: ctx.apiUrl,
    // Octokit's own notices (deprecations) go to the debug log, not to stdout
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => logger.debug(`GitHub API: ${m}`),
      error: (m: string) => logger.debug(`GitHub API: ${m}`),
    },
  });
  // Set per request in a hook: passing `request` to getOctokit would replace its proxy-aware fetch.
  octokit.hook.before('request', (options) => {
    options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
  });
  return octokit;
}

/** The HTTP status of a failed Octokit request, or null for network and other errors. */
export function statusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return null;
}

/**
 * What went wrong, for a warning: the status and the first line of GitHub's message. Octokit's
 * errors carry the request too (headers included), so only these two are ever printed.
 */
export function describeFailure(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return inlinePlain(status === null ? message : `HTTP ${status}: ${message}`, 300);
}

/** The pull request number of a `pull_request`-like event, else null. */
export function pullRequestNumber(ctx: GitHubContext): number | null {
  const pr = ctx.payload.pull_request as { number?: unknown } | undefined;
  const n = pr?.number ?? ctx.payload.number;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

/** `tenant=1234 policy=.github%2Fx.yml`: values encoded so no `-->` can end the HTML comment early */
export function markerValue(value: string): string {
  return encodeURIComponent(value);
}
