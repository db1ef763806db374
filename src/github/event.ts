/**
 * Which GitHub events may write to ServiceTitan (SPEC §6), decided in one place for the action
 * and for the CLI running inside Actions.
 *
 * An allow-list, not a deny-list: a run writes only when it was started by someone trusted with the
 * default branch's code (workflow_dispatch, schedule, push, repository_dispatch, or a workflow_run of
 * one of those) and runs that default branch. Everything else either carries code that is not on
 * the default branch yet (pull requests, reviews, merge queues, a comment on a pull request, a
 * workflow_run of a pull request's run, a push or dispatch on another branch or a tag), or is an
 * event GitHub may add tomorrow, which must not write until someone decides it may.
 */
import { readFileSync } from 'node:fs';

/** Events that run a pull request's code or were set off from one: `apply.pull-request`. */
export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  // a merge queue tests the pull request's head merged onto the base: not on the default branch yet
  'merge_group',
]);

/** The only events that may write, and then only on the default branch. */
export const WRITE_EVENTS: readonly string[] = [
  'workflow_dispatch',
  'schedule',
  'push',
  'repository_dispatch',
  'workflow_run',
];

/** The event a run was started by, as the action and the CLI read it. */
export interface GitHubEvent {
  /** GITHUB_EVENT_NAME, or `cli` outside Actions */
  name: string;
  /** the parsed event payload ({} when there is none) */
  payload: Record<string, unknown>;
  /** GITHUB_REF when known; else the payload's ref is used */
  ref?: string | null;
}

/** Why a run may not write, in the shape of an apply refusal. */
export interface EventRefusal {
  code: 'apply.pull-request' | 'apply.event';
  message: string;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Names from the event, quoted in messages: a branch name is chosen by whoever pushed it. */
function shown(value: string): string {
  return value.replace(/[^A-Za-z0-9._/-]/g, '?').slice(0, 100);
}

/** Whether the event runs or was set off by a pull request's code. */
export function carriesPullRequest(event: GitHubEvent): boolean {
  if (PULL_REQUEST_EVENTS.has(event.name)) return true;
  if (event.name === 'issue_comment') {
    // a comment on a pull request arrives as an issue_comment whose issue has `pull_request`
    return record(event.payload.issue)?.pull_request != null;
  }
  if (event.name === 'workflow_run') {
    const run = record(event.payload.workflow_run);
    if (!run) return false;
    const pullRequests = run.pull_requests;
    return (
      PULL_REQUEST_EVENTS.has(text(run.event) ?? '') ||
      (Array.isArray(pullRequests) && pullRequests.length > 0)
    );
  }
  return false;
}

/** The default branch, from the payload's repository; null when the payload does not say. */
function defaultBranch(payload: Record<string, unknown>): string | null {
  return text(record(payload.repository)?.default_branch);
}

/** The ref the run checked out: GITHUB_REF, else what the payload says, else null. */
function refOf(event: GitHubEvent): string | null {
  if (event.ref) return event.ref;
  const { payload } = event;
  if (event.name === 'repository_dispatch') {
    const branch = text(payload.branch);
    return branch ? `refs/heads/${branch}` : null;
  }
  // push and workflow_dispatch carry the ref; a schedule always runs the default branch
  return text(payload.ref);
}

function refused(code: EventRefusal['code'], message: string): EventRefusal {
  return { code, message };
}

const HOW = 'Run apply (or undo) from a workflow_dispatch run on the default branch.';

/**
 * Null when this event may write to ServiceTitan; else why not. Outside Actions (`cli`) the user
 * at the terminal decides. Where the payload does not name the default branch or the ref, the
 * branch check is skipped: GitHub's own payloads always name both.
 */
export function eventWriteRefusal(event: GitHubEvent): EventRefusal | null {
  if (event.name === 'cli') return null;
  const name = shown(event.name);
  if (carriesPullRequest(event)) {
    return refused(
      'apply.pull-request',
      `Writes are refused on \`${name}\` events: they run code from a pull request, and a pull request never writes to ServiceTitan. ${HOW}`,
    );
  }
  if (!WRITE_EVENTS.includes(event.name)) {
    return refused(
      'apply.event',
      `Writes are refused on \`${name || 'unknown'}\` events: only workflow_dispatch, schedule, push and repository_dispatch runs on the default branch (or a workflow_run of one) write to ServiceTitan. ${HOW}`,
    );
  }
  const main = defaultBranch(event.payload);
  const ref = refOf(event);
  if (main && ref && ref !== `refs/heads/${main}`) {
    return refused(
      'apply.event',
      `Writes are refused on this \`${name}\` run: it runs \`${shown(ref)}\`, not the default branch \`${shown(main)}\`, so its policy is not on the default branch yet. ${HOW}`,
    );
  }
  if (event.name === 'workflow_run') return workflowRunRefusal(event.payload, main);
  return null;
}

/**
 * A workflow_run runs the default branch's workflow, but on behalf of another run: it writes only
 * when that run was itself allowed to (started by an allowed event, on the default branch, in this
 * repository rather than a fork).
 */
function workflowRunRefusal(payload: Record<string, unknown>, main: string | null): EventRefusal | null {
  const run = record(payload.workflow_run);
  const trigger = text(run?.event);
  if (!run || !trigger || trigger === 'workflow_run' || !WRITE_EVENTS.includes(trigger)) {
    return refused(
      'apply.event',
      `Writes are refused on this \`workflow_run\`: it follows a \`${shown(trigger ?? 'unknown')}\` run, and only a run of workflow_dispatch, schedule, push or repository_dispatch on the default branch may lead to writes. ${HOW}`,
    );
  }
  const branch = text(run.head_branch);
  if (main && branch !== null && branch !== main) {
    return refused(
      'apply.event',
      `Writes are refused on this \`workflow_run\`: the run it follows was on \`${shown(branch)}\`, not the default branch \`${shown(main)}\`. ${HOW}`,
    );
  }
  const here = text(record(payload.repository)?.full_name);
  const there = text(record(run.head_repository)?.full_name);
  if (here && there && here.toLowerCase() !== there.toLowerCase()) {
    return refused(
      'apply.event',
      `Writes are refused on this \`workflow_run\`: the run it follows came from the fork \`${shown(there)}\`. ${HOW}`,
    );
  }
  return null;
}

/** The event of the current Actions run, from GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_REF. */
export function readGitHubEvent(env: NodeJS.ProcessEnv): GitHubEvent & {
  repositoryPrivate: boolean | null;
  isPullRequest: boolean;
} {
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = record(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))) ?? {};
    } catch {
      payload = {};
    }
  }
  const priv = record(payload.repository)?.private;
  const event: GitHubEvent = { name, payload, ref: env.GITHUB_REF || null };
  return {
    ...event,
    isPullRequest: carriesPullRequest(event),
    repositoryPrivate: typeof priv === 'boolean' ? priv : null,
  };
}
